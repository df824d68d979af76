package search

import (
	"context"
	"sort"
)

// plan is a query resolved against the index of a database engine: every
// word replaced by the stems that may stand for it (its own stem, the stems
// of its synonyms, of the longer words it begins, and of the close words it
// may be a typo of).
type plan struct {
	// must lists the clauses that every match satisfies: the free words
	// first, in order, then the phrases.
	must []clause
	// not lists what no match may hold.
	not []alternative
	// marks are the stems highlighting marks; prefixes are the beginnings
	// of words as typed.
	marks    map[string]bool
	prefixes []string
}

// clause is satisfied when one of its alternatives is.
type clause struct {
	alts []alternative
	// words are the indexes of the query's free words the clause stands
	// for (several for a synonym of several words); nil for a phrase.
	words []int
	// docs estimates how many documents satisfy the clause, from the
	// vocabulary: 0 when no indexed word stands for it.
	docs int
}

// free reports whether the clause stands for free words, which a partial
// match may lack, rather than for a phrase, which every match holds.
func (c clause) free() bool { return c.words != nil }

// alternative is a stem, or several stems that must all appear: next to each
// other in order when adjacent, anywhere otherwise. A prefix alternative
// holds the beginning of a word as typed.
type alternative struct {
	stems    []string
	adjacent bool
	prefix   bool
}

// termCount is an indexed term with the number of documents holding it.
type termCount struct {
	Term string `bun:"term"`
	Docs int    `bun:"docs"`
}

// vocabulary is what a database engine knows of its indexed words.
type vocabulary interface {
	// lookup returns which of the terms the index holds, with the number
	// of documents holding each, and, when prefix is not empty, up to
	// limit indexed terms that start with it, the most frequent first, in
	// one round trip.
	lookup(ctx context.Context, terms []string, prefix string, limit int) (known map[string]int, longer []termCount, err error)
	// close returns indexed terms that one of the words may be a typo of.
	close(ctx context.Context, words []string) ([]termCount, error)
}

// Limits on how far one word expands.
const (
	maxPrefixExpansions = 20
	maxTypoExpansions   = 8
	minPrefixLength     = 2
)

// buildPlan resolves q with the synonyms and the vocabulary.
func buildPlan(ctx context.Context, q Query, syn *Synonyms, vocab vocabulary) (*plan, error) {
	p := &plan{marks: map[string]bool{}}
	stems := Stems(q.Words)
	// The word being typed is a prefix of the words as written, never of
	// its stem: the stem of persalinan is salin, and salin* would find
	// Salino and salinitas, which persalinan* does not.
	prefix := ""
	if n := len(q.Words); n > 0 && q.PrefixLast && len([]rune(q.Words[n-1])) >= minPrefixLength {
		prefix = q.Words[n-1]
	}
	synonym := map[int]bool{} // clauses that a synonym group made
	for i := 0; i < len(stems); {
		if n, others := syn.match(stems[i:]); n > 0 {
			c := clause{alts: []alternative{{stems: stems[i : i+n], adjacent: false}}, words: indexes(i, n)}
			for _, m := range others {
				c.alts = append(c.alts, alternative{stems: Stems(m.words), adjacent: len(m.words) > 1})
			}
			synonym[len(p.must)] = true
			p.must = append(p.must, c)
			i += n
			continue
		}
		c := clause{alts: []alternative{{stems: []string{stems[i]}}}, words: []int{i}}
		for _, a := range q.alternativesOf(i) {
			c.alts = append(c.alts, alternative{stems: Stems(a), adjacent: len(a) > 1})
		}
		p.must = append(p.must, c)
		i++
	}
	var terms []string
	for _, c := range p.must {
		for _, a := range c.alts {
			terms = append(terms, a.stems...)
		}
	}
	known, longer, err := vocab.lookup(ctx, dedupe(terms), prefix, maxPrefixExpansions)
	if err != nil {
		return nil, err
	}
	for ci := range p.must {
		c := &p.must[ci]
		last := c.words[len(c.words)-1] == len(q.Words)-1
		for _, a := range c.alts {
			c.docs += alternativeDocs(a, known)
		}
		found := c.docs > 0
		if synonym[ci] {
			continue
		}
		word, stem := q.Words[c.words[0]], stems[c.words[0]]
		if last && prefix != "" {
			c.alts = append(c.alts, alternative{stems: []string{prefix}, prefix: true})
			for _, t := range longer {
				c.alts = append(c.alts, alternative{stems: []string{Stem(t.Term)}})
				c.docs += t.Docs
			}
			found = found || len(longer) > 0
		}
		// Numbers are never corrected: 150 is not a typo of 100.
		if !found && !hasDigit(word) && TypoBudget(len([]rune(word))) > 0 {
			words := []string{word}
			if stem != word {
				words = append(words, stem)
			}
			near, err := vocab.close(ctx, words)
			if err != nil {
				return nil, err
			}
			for _, t := range near {
				c.alts = append(c.alts, alternative{stems: []string{Stem(t.Term)}})
				c.docs += t.Docs
			}
		}
		c.alts = dedupeAlternatives(c.alts)
	}
	for _, phrase := range q.Phrases {
		p.must = append(p.must, clause{alts: []alternative{{stems: Stems(phrase), adjacent: len(phrase) > 1}}})
	}
	for _, w := range q.Excluded {
		p.not = append(p.not, alternative{stems: []string{Stem(w)}})
	}
	for _, phrase := range q.ExcludedPhrases {
		p.not = append(p.not, alternative{stems: Stems(phrase), adjacent: true})
	}
	for _, c := range p.must {
		for _, a := range c.alts {
			if a.prefix {
				p.prefixes = append(p.prefixes, a.stems[0])
				continue
			}
			for _, s := range a.stems {
				p.marks[s] = true
			}
		}
	}
	return p, nil
}

// alternativeDocs estimates how many documents hold an alternative: those
// of its rarest stem, none when a stem is not indexed.
func alternativeDocs(a alternative, known map[string]int) int {
	if a.prefix {
		return 0
	}
	n := -1
	for _, s := range a.stems {
		if d := known[s]; n < 0 || d < n {
			n = d
		}
	}
	return max(n, 0)
}

func indexes(from, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = from + i
	}
	return out
}

func dedupe(terms []string) []string {
	seen := map[string]bool{}
	out := terms[:0:0]
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func hasDigit(s string) bool {
	for _, r := range s {
		if isDigit(r) {
			return true
		}
	}
	return false
}

func dedupeAlternatives(alts []alternative) []alternative {
	seen := map[string]bool{}
	out := alts[:0]
	for _, a := range alts {
		key := ""
		for _, s := range a.stems {
			key += s + " "
		}
		if a.prefix {
			key += "*"
		} else if a.adjacent {
			key += "\""
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, a)
		}
	}
	return out
}

// closest keeps the candidates that word may be a typo of, closest first,
// at most limit.
func closest(word string, candidates []termCount, limit int) []termCount {
	budget := TypoBudget(len([]rune(word)))
	type scored struct {
		termCount
		dist int
	}
	var out []scored
	for _, c := range candidates {
		if c.Term == word || !WithinTypos(word, c.Term, budget) {
			continue
		}
		out = append(out, scored{c, editDistance([]rune(word), []rune(c.Term), budget)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].dist != out[j].dist {
			return out[i].dist < out[j].dist
		}
		return out[i].Term < out[j].Term
	})
	terms := make([]termCount, 0, min(len(out), limit))
	for i := 0; i < len(out) && i < limit; i++ {
		terms = append(terms, out[i].termCount)
	}
	return terms
}
