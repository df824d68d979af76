package search

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/meilisearch/meilisearch-go"

	"github.com/kotabaru/tanggap/models"
)

func (m *Meili) result(req *Request, resp *meilisearch.SearchResponse, syn *Synonyms) (*Result, error) {
	result := &Result{Total: int(resp.TotalHits), Facets: newFacets()}
	if resp.HitsPerPage == 0 {
		result.Total = int(resp.EstimatedTotalHits)
	}
	if len(resp.FacetDistribution) > 0 {
		var dist map[string]map[string]int
		if err := json.Unmarshal(resp.FacetDistribution, &dist); err != nil {
			return nil, fmt.Errorf("read facets: %w", err)
		}
		result.Facets.Agencies, result.Facets.Categories, result.Facets.Verdicts = orEmpty(dist["agency"]), orEmpty(dist["category"]), orEmpty(dist["verdict"])
	}
	h := queryHighlighter(req.Query, syn)
	for _, raw := range resp.Hits {
		var hit struct {
			ID      int64   `json:"id"`
			Title   string  `json:"title"`
			Summary string  `json:"summary"`
			Body    string  `json:"body"`
			Extra   string  `json:"extra"`
			Score   float64 `json:"_rankingScore"`
		}
		if err := raw.DecodeInto(&hit); err != nil {
			return nil, fmt.Errorf("read hit: %w", err)
		}
		result.Hits = append(result.Hits, Hit{IssueID: hit.ID, Score: hit.Score, Highlights: h.highlights(hit.Title, hit.Summary, hit.Body),
			texts: []string{hit.Title, hit.Summary, hit.Body, hit.Extra}})
	}
	return result, nil
}

func orEmpty(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}

// meiliQuery writes q in Meilisearch's syntax: exclusions and phrases
// first, so that the last free word stays the one typed last and is matched
// as a prefix.
func meiliQuery(q Query, stemmed bool) string {
	return meiliText(q, func(int) bool { return !stemmed })
}

// meiliText writes q with each free word i as written when written(i) says
// so, as its stem otherwise.
func meiliText(q Query, written func(i int) bool) string {
	var parts []string
	for _, w := range q.Excluded {
		parts = append(parts, "-"+Stem(w))
	}
	for _, p := range q.ExcludedPhrases {
		parts = append(parts, `-"`+strings.Join(Stems(p), " ")+`"`)
	}
	for _, p := range q.Phrases {
		parts = append(parts, `"`+strings.Join(Stems(p), " ")+`"`)
	}
	prefix := q.PrefixLast
	for i, w := range q.Words {
		if !written(i) {
			s := Stem(w)
			// The prefix is the word as typed: the stem of persalinan is
			// salin, and salin* finds Salino and salinitas. A stem that
			// differs from the word is matched whole; the words as written
			// are tried when it finds nothing.
			if i == len(q.Words)-1 && s != w {
				prefix = false
			}
			w = s
		}
		parts = append(parts, w)
	}
	s := strings.Join(parts, " ")
	if !prefix && s != "" {
		s += " "
	}
	return s
}

// meiliFilter writes a filter as Meilisearch's array form: the outer array
// is AND, an inner array OR.
func meiliFilter(f models.SearchFilter) []any {
	var out []any
	quote := func(s string) string { return strconv.Quote(s) }
	if f.AgencySlug != nil && *f.AgencySlug != "" {
		out = append(out, "agency = "+quote(*f.AgencySlug))
	}
	if f.CategorySlug != nil && *f.CategorySlug != "" {
		out = append(out, "category = "+quote(*f.CategorySlug))
	}
	anyOf := func(field string, values []string) {
		if len(values) == 0 {
			return
		}
		or := make([]string, len(values))
		for i, v := range values {
			or[i] = field + " = " + quote(v)
		}
		out = append(out, or)
	}
	anyOf("kind", enumStrings(f.Kind))
	anyOf("verdict", enumStrings(f.Verdict))
	anyOf("status", enumStrings(f.Status))
	if f.From != nil {
		out = append(out, "created_at >= "+strconv.FormatInt(f.From.UnixMicro(), 10))
	}
	if f.To != nil {
		out = append(out, "created_at < "+strconv.FormatInt(f.To.UnixMicro(), 10))
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func enumStrings[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// queryHighlighter marks what Meilisearch matched: the stems of the words,
// of their synonyms and of the phrases, longer words for the word being
// typed, and close words for typos.
func queryHighlighter(q Query, syn *Synonyms) *highlighter {
	h := &highlighter{marks: map[string]bool{}}
	stems := Stems(q.Words)
	for i := 0; i < len(stems); i++ {
		h.marks[stems[i]] = true
		if TypoBudget(len([]rune(stems[i]))) > 0 {
			h.fuzzy = append(h.fuzzy, stems[i])
		}
		if n, others := syn.match(stems[i:]); n > 0 {
			for _, m := range others {
				for _, s := range Stems(m.words) {
					h.marks[s] = true
				}
			}
		}
	}
	if q.PrefixLast && len(q.Words) > 0 {
		last := q.Words[len(q.Words)-1]
		h.prefixes = append(h.prefixes, last)
	}
	for _, p := range q.Phrases {
		for _, s := range Stems(p) {
			h.marks[s] = true
		}
	}
	return h
}
