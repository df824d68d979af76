package search

import (
	"context"
	"fmt"

	"github.com/meilisearch/meilisearch-go"
)

// Partial searches on Meilisearch (see graceful.go). Meilisearch drops
// words itself with its "frequency" matching strategy: the documents that
// hold every word first, then, dropping the word most documents hold, and
// the next, down to the rarest word, which every result holds. The adapter
// first asks how many documents hold each word (one multi-search) so that
// words no document holds are left out of the query, rather than kept as
// the rarest, and to judge the best result as the database engines do.

// everyWordKnown is a vocabulary that takes every word as indexed: Meilisearch
// expands words to their prefixes and typos itself, so a plan for it only
// needs the clauses of the query.
type everyWordKnown struct{}

func (everyWordKnown) lookup(_ context.Context, terms []string, _ string, _ int) (map[string]int, []termCount, error) {
	known := make(map[string]int, len(terms))
	for _, t := range terms {
		known[t] = 1
	}
	return known, nil, nil
}

func (everyWordKnown) close(context.Context, []string) ([]termCount, error) { return nil, nil }

// partial answers a search of which too few documents hold every word.
func (m *Meili) partial(ctx context.Context, req *Request, p *plan, syn *Synonyms) (*Result, error) {
	// How many documents hold each free clause, as stems and, when they
	// differ, as written (a typo can spoil a stem), and how many there are.
	var counting []*meilisearch.SearchRequest
	type count struct{ clause, stemmed, written int }
	var counts []count
	for i, c := range p.must {
		if !c.free() {
			continue
		}
		words := make([]string, len(c.words))
		for j, w := range c.words {
			words[j] = req.Query.Words[w]
		}
		k := count{clause: i, stemmed: len(counting), written: -1}
		counting = append(counting, m.countRequest(meiliQuery(Query{Words: words}, true)))
		if written := meiliQuery(Query{Words: words}, false); written != counting[k.stemmed].Query {
			k.written = len(counting)
			counting = append(counting, m.countRequest(written))
		}
		counts = append(counts, k)
	}
	counting = append(counting, m.countRequest(""))
	resp, err := m.client.MultiSearch(ctx, &meilisearch.MultiSearchRequest{Queries: counting})
	if err != nil {
		return nil, fmt.Errorf("meilisearch count words: %w", err)
	}
	if len(resp.Results) != len(counting) {
		return nil, fmt.Errorf("meilisearch count words: %d results for %d queries", len(resp.Results), len(counting))
	}
	n := int(resp.Results[len(counting)-1].TotalHits)
	known := Query{Phrases: req.Query.Phrases, Excluded: req.Query.Excluded, ExcludedPhrases: req.Query.ExcludedPhrases}
	var written []bool
	for _, k := range counts {
		c := &p.must[k.clause]
		c.docs = int(resp.Results[k.stemmed].TotalHits)
		// The form that more documents hold wins: a stem holds every form
		// of the word, but a typo can spoil it, and the stem of a word
		// with a typo can be a rare, unrelated word.
		asWritten := false
		if k.written >= 0 {
			if n := int(resp.Results[k.written].TotalHits); n > c.docs {
				c.docs, asWritten = n, true
			}
		}
		if c.docs == 0 {
			continue
		}
		for _, w := range c.words {
			known.Words = append(known.Words, req.Query.Words[w])
			written = append(written, asWritten)
		}
		known.PrefixLast = req.Query.PrefixLast && c.words[len(c.words)-1] == len(req.Query.Words)-1
	}
	if len(known.Words) == 0 {
		return &Result{Facets: newFacets(), Match: partialMatch(req.Query, p.must, nil, n, false)}, nil
	}

	page := m.searchRequest(req, meiliText(known, func(i int) bool { return written[i] }))
	page.IndexUID, page.MatchingStrategy = m.uid, meilisearch.Frequency
	page.AttributesToRetrieve = append(page.AttributesToRetrieve, "extra")
	queries := []*meilisearch.SearchRequest{page}
	if req.Offset > 0 {
		// The first result judges the search on every page.
		one := int64(1)
		best := *page
		best.Facets, best.Offset, best.Limit, best.Page, best.HitsPerPage = nil, 0, 0, 1, &one
		queries = append(queries, &best)
	}
	resp, err = m.client.MultiSearch(ctx, &meilisearch.MultiSearchRequest{Queries: queries})
	if err != nil {
		return nil, fmt.Errorf("meilisearch search: %w", err)
	}
	if len(resp.Results) != len(queries) {
		return nil, fmt.Errorf("meilisearch search: %d results for %d queries", len(resp.Results), len(queries))
	}
	result, err := m.result(req, &resp.Results[0], syn)
	if err != nil {
		return nil, err
	}
	bestHits := resp.Results[len(queries)-1].Hits
	var best []string
	if len(bestHits) > 0 {
		if best, err = hitTexts(bestHits[0]); err != nil {
			return nil, err
		}
	}
	for i := range result.Hits {
		h := &result.Hits[i]
		h.Missing, _, _ = judge(req.Query, p.must, heldNear(req.Query, p.must, termsOf(h.texts...)), n)
	}
	if best == nil {
		result.Match = partialMatch(req.Query, p.must, nil, n, false)
	} else {
		result.Match = partialMatch(req.Query, p.must, heldNear(req.Query, p.must, termsOf(best...)), n, true)
	}
	return result, nil
}

// countRequest asks how many documents of the index match q, without hits.
func (m *Meili) countRequest(q string) *meilisearch.SearchRequest {
	none := int64(0)
	return &meilisearch.SearchRequest{IndexUID: m.uid, Query: q, Page: 1, HitsPerPage: &none, MatchingStrategy: meilisearch.All}
}

// hitTexts reads the title, summary, body and extra of a hit.
func hitTexts(raw meilisearch.Hit) ([]string, error) {
	var hit struct {
		Title   string `json:"title"`
		Summary string `json:"summary"`
		Body    string `json:"body"`
		Extra   string `json:"extra"`
	}
	if err := raw.DecodeInto(&hit); err != nil {
		return nil, fmt.Errorf("read hit: %w", err)
	}
	return []string{hit.Title, hit.Summary, hit.Body, hit.Extra}, nil
}

// heldNear marks the clauses a document satisfies as Meilisearch matches
// them: also with typos, which it tolerates on every word, as stems or as
// written.
func heldNear(q Query, clauses []clause, d docTerms) []bool {
	held := heldBy(clauses, d)
	near := func(word string, in map[string]bool) bool {
		budget := TypoBudget(len([]rune(word)))
		if budget == 0 || hasDigit(word) {
			return false
		}
		for t := range in {
			if WithinTypos(word, t, budget) {
				return true
			}
		}
		return false
	}
	for i, c := range clauses {
		if held[i] || !c.free() || len(c.words) != 1 {
			continue
		}
		word := q.Words[c.words[0]]
		held[i] = near(Stem(word), d.stems) || near(word, d.words)
	}
	return held
}
