package search

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/kotabaru/tanggap/models"
)

// Graceful matching. Free words must all match, as long as enough
// documents hold them all. When fewer than gracefulBelow do, a search of
// two or more free words (ordered by relevance) also returns the documents
// that hold part of them, below those that hold them all: documents are
// ranked by the weight of the words they hold, then by the usual relevance.
// A word weighs more the fewer documents hold it (its inverse document
// frequency, from the vocabulary the engines keep), so a document holding
// the rare, specific words of a long question comes before one holding a
// common word of it. Phrases and exclusions keep their strict meaning.
// Ordered by NEWEST, free words must all match: the date order would put
// a document holding one word of a question above the best match.

// gracefulBelow is how many documents must hold every free word for a
// search to stay strict; 0 keeps every search strict.
var gracefulBelow = 3

// maxSelective bounds the rarest words a partial match must hold one of.
const maxSelective = 6

// selectiveShare is the share of the documents above which a word is too
// common to select partial matches on its own; it still counts when the
// best result is judged.
const selectiveShare = 0.2

// strongShare is the share of the query's weight the best result must hold
// for a partial search to be PARTIAL rather than NONE.
const strongShare = 0.5

// weight is the inverse document frequency of a word held by docs of n
// documents, as BM25 computes it: a word no document holds weighs the most.
func weight(docs, n int) float64 {
	n = max(n, docs, 1)
	return math.Log(1 + (float64(n-docs)+0.5)/(float64(docs)+0.5))
}

// sqlWeight scales a weight to an integer for ordering in SQL.
func sqlWeight(w float64) int { return int(math.Round(w * 1000)) }

// weighted is a free clause with its weight in a partial search.
type weighted struct {
	clause
	weight int
}

// selective returns the clauses a partial match must hold one of: the
// rarest known free clauses held by at most selectiveShare of the n
// documents, and always the rarest of them, at most maxSelective.
func selective(clauses []clause, n int) []weighted {
	var known []clause
	for _, c := range clauses {
		if c.free() && c.docs > 0 {
			known = append(known, c)
		}
	}
	sort.SliceStable(known, func(i, j int) bool { return known[i].docs < known[j].docs })
	var out []weighted
	for i, c := range known {
		if i >= maxSelective || i > 0 && float64(c.docs) > selectiveShare*float64(n) {
			break
		}
		out = append(out, weighted{c, sqlWeight(weight(c.docs, n))})
	}
	return out
}

// gracefulApplies reports whether a search may return partial matches.
func gracefulApplies(p *plan, req *Request) bool {
	if gracefulBelow <= 0 || req.Order == models.SearchByNewest {
		return false
	}
	free := 0
	for _, c := range p.must {
		if c.free() {
			free++
		}
	}
	return free > 0 && len(p.must) > 1
}

// allKnown reports whether every free clause is held by some document, so
// that a strict search can find anything at all.
func allKnown(p *plan) bool {
	for _, c := range p.must {
		if c.free() && c.docs == 0 {
			return false
		}
	}
	return true
}

// Match says how well the best result of a search matched its query.
type Match struct {
	Quality models.SearchQuality
	// Ignored are the free words, as typed, that the best result lacks;
	// Matched those it holds.
	Ignored, Matched []string
}

// strongMatch is the Match of a search whose results hold every word.
func strongMatch(q Query, total int) Match {
	if total == 0 {
		return Match{Quality: models.SearchNone, Ignored: typedWords(q, allWords(q)), Matched: []string{}}
	}
	return Match{Quality: models.SearchStrong, Ignored: []string{}, Matched: typedWords(q, allWords(q))}
}

func allWords(q Query) []int { return indexes(0, len(q.Words)) }

// typedWords lists, once each and in order, what was typed for the words.
func typedWords(q Query, words []int) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, i := range words {
		if t := q.Typed[i]; !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// judge tells how well a result that holds the free clauses marked in held
// matches: the words it lacks and holds, and its share of the query's
// weight among n documents.
func judge(q Query, clauses []clause, held []bool, n int) (missing, matched []string, share float64) {
	var lack, have []int
	total, got := 0.0, 0.0
	for i, c := range clauses {
		if !c.free() {
			continue
		}
		w := weight(c.docs, n)
		total += w
		if held[i] {
			got += w
			have = append(have, c.words...)
		} else {
			lack = append(lack, c.words...)
		}
	}
	sort.Ints(lack)
	sort.Ints(have)
	missing, matched = typedWords(q, lack), typedWords(q, have)
	// A typed chunk that stands for several words counts as held when any
	// of them is.
	kept := missing[:0]
	for _, m := range missing {
		if !slices.Contains(matched, m) {
			kept = append(kept, m)
		}
	}
	if total == 0 {
		return kept, matched, 1
	}
	return kept, matched, got / total
}

// partialMatch is the Match of a partial search from its best result.
func partialMatch(q Query, clauses []clause, best []bool, n int, found bool) Match {
	if !found {
		return Match{Quality: models.SearchNone, Ignored: typedWords(q, allWords(q)), Matched: []string{}}
	}
	missing, matched, share := judge(q, clauses, best, n)
	m := Match{Quality: models.SearchPartial, Ignored: missing, Matched: matched}
	switch {
	case len(missing) == 0:
		m.Quality = models.SearchStrong
	case share < strongShare:
		m.Quality = models.SearchNone
	}
	return m
}

// docTerms is what one document holds, for telling which clauses of a
// query it satisfies.
type docTerms struct {
	stems, words map[string]bool
	// fields are the stems of each field in order, for phrases.
	fields [][]string
}

func termsOf(texts ...string) docTerms {
	d := docTerms{stems: map[string]bool{}, words: map[string]bool{}}
	for _, text := range texts {
		tokens := Tokenize(text)
		stems := Stems(tokens)
		for i, t := range tokens {
			d.words[t] = true
			d.stems[stems[i]] = true
		}
		d.fields = append(d.fields, stems)
	}
	return d
}

// holds reports whether the document satisfies the clause.
func (d docTerms) holds(c clause) bool {
	for _, a := range c.alts {
		if d.holdsAlternative(a) {
			return true
		}
	}
	return false
}

func (d docTerms) holdsAlternative(a alternative) bool {
	switch {
	case a.prefix:
		for w := range d.words {
			if strings.HasPrefix(w, a.stems[0]) {
				return true
			}
		}
		for s := range d.stems {
			if strings.HasPrefix(s, a.stems[0]) {
				return true
			}
		}
		return false
	case a.adjacent && len(a.stems) > 1:
		for _, f := range d.fields {
			if phraseIn(f, a.stems) {
				return true
			}
		}
		return false
	}
	for _, s := range a.stems {
		if !d.stems[s] {
			return false
		}
	}
	return true
}

func phraseIn(words, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(words); i++ {
		j := 0
		for j < len(phrase) && words[i+j] == phrase[j] {
			j++
		}
		if j == len(phrase) {
			return true
		}
	}
	return false
}

// heldBy marks the clauses a document satisfies.
func heldBy(clauses []clause, d docTerms) []bool {
	held := make([]bool, len(clauses))
	for i, c := range clauses {
		held[i] = d.holds(c)
	}
	return held
}
