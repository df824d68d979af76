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
	// must lists the clauses that every match satisfies.
	must []clause
	// not lists what no match may hold.
	not []alternative
	// marks are the stems highlighting marks; prefixes are the beginnings
	// of words as typed.
	marks    map[string]bool
	prefixes []string
}

// clause is satisfied when one of its alternatives is.
type clause struct{ alts []alternative }

// alternative is a stem, or several stems that must all appear: next to each
// other in order when adjacent, anywhere otherwise. A prefix alternative
// holds the beginning of a word as typed.
type alternative struct {
	stems    []string
	adjacent bool
	prefix   bool
}

// vocabulary is what a database engine knows of its indexed words.
type vocabulary interface {
	// lookup returns which of the terms the index holds and, when prefix is
	// not empty, up to limit indexed terms that start with it, the most
	// frequent first, in one round trip.
	lookup(ctx context.Context, terms []string, prefix string, limit int) (known map[string]bool, longer []string, err error)
	// close returns indexed terms that one of the words may be a typo of.
	close(ctx context.Context, words []string) ([]string, error)
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
	known, longer, err := vocab.lookup(ctx, stems, prefix, maxPrefixExpansions)
	if err != nil {
		return nil, err
	}
	for i := 0; i < len(stems); {
		if n, others := syn.match(stems[i:]); n > 0 {
			c := clause{alts: []alternative{{stems: stems[i : i+n], adjacent: false}}}
			for _, m := range others {
				c.alts = append(c.alts, alternative{stems: Stems(m.words), adjacent: len(m.words) > 1})
			}
			p.must = append(p.must, c)
			i += n
			continue
		}
		word, stem := q.Words[i], stems[i]
		c := clause{alts: []alternative{{stems: []string{stem}}}}
		found := known[stem]
		if i == len(stems)-1 && prefix != "" {
			c.alts = append(c.alts, alternative{stems: []string{prefix}, prefix: true})
			for _, t := range longer {
				c.alts = append(c.alts, alternative{stems: []string{Stem(t)}})
			}
			found = found || len(longer) > 0
		}
		if !found && TypoBudget(len([]rune(word))) > 0 {
			words := []string{word}
			if stem != word {
				words = append(words, stem)
			}
			near, err := vocab.close(ctx, words)
			if err != nil {
				return nil, err
			}
			for _, t := range near {
				c.alts = append(c.alts, alternative{stems: []string{Stem(t)}})
			}
		}
		c.alts = dedupeAlternatives(c.alts)
		p.must = append(p.must, c)
		i++
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

// closest keeps the candidates that word may be a typo of, closest and
// shortest first, at most limit.
func closest(word string, candidates []string, limit int) []string {
	budget := TypoBudget(len([]rune(word)))
	type scored struct {
		term string
		dist int
	}
	var out []scored
	for _, c := range candidates {
		if c == word || !WithinTypos(word, c, budget) {
			continue
		}
		out = append(out, scored{c, editDistance([]rune(word), []rune(c), budget)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].dist != out[j].dist {
			return out[i].dist < out[j].dist
		}
		return out[i].term < out[j].term
	})
	terms := make([]string, 0, min(len(out), limit))
	for i := 0; i < len(out) && i < limit; i++ {
		terms = append(terms, out[i].term)
	}
	return terms
}
