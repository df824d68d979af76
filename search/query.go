package search

import (
	"strings"
	"unicode"
)

// Query is a parsed search query. The syntax follows PostgreSQL's
// websearch_to_tsquery and Meilisearch: free words are matched in any form
// of the word, with a synonym, or with a typo, "words in quotes" must appear
// together in that order, and a minus sign in front of a word or a quoted
// phrase excludes the documents that hold it. Free words are read the way
// citizens type them (see normalizeFree); phrases and exclusions are taken
// as written.
type Query struct {
	// Words are the free words in order, lower case, normalized, without
	// stop words.
	Words []string
	// Typed says, for each of Words, what the citizen typed for it, lower
	// case, for showing which words a search ignored.
	Typed []string
	// Alternatives are, for each of Words, other ways of writing it that
	// also count, each a sequence of words that must stand together; nil
	// when there are none.
	Alternatives [][][]string
	// Phrases are the quoted phrases, each as its words.
	Phrases [][]string
	// Excluded are the words after a minus sign.
	Excluded []string
	// ExcludedPhrases are the quoted phrases after a minus sign.
	ExcludedPhrases [][]string
	// PrefixLast says the last free word may be the beginning of a longer
	// word: the query ended while it was being typed.
	PrefixLast bool
}

// ParseQuery reads a query. It never fails: an unclosed quote runs to the
// end, and a lone minus sign is ignored.
func ParseQuery(s string) Query {
	var q Query
	var free []freeToken
	var chunks []string
	rest := []rune(s)
	lastChunk := -1 // the chunk the query ends in, when it ends in free text
	for len(rest) > 0 {
		r := rest[0]
		switch {
		case unicode.IsSpace(r):
			rest = rest[1:]
			lastChunk = -1
			continue
		case r == '"' || r == '-' && len(rest) > 1 && rest[1] == '"':
			negated := r == '-'
			if negated {
				rest = rest[1:]
			}
			end := 1
			for end < len(rest) && rest[end] != '"' {
				end++
			}
			words := Tokenize(string(rest[1:end]))
			if end < len(rest) {
				end++
			}
			rest = rest[end:]
			lastChunk = -1
			switch {
			case len(words) == 0:
			case negated && len(words) == 1:
				q.Excluded = append(q.Excluded, words[0])
			case negated:
				q.ExcludedPhrases = append(q.ExcludedPhrases, words)
			default:
				q.Phrases = append(q.Phrases, words)
			}
			continue
		}
		end := 0
		for end < len(rest) && !unicode.IsSpace(rest[end]) && rest[end] != '"' {
			end++
		}
		chunk := string(rest[:end])
		rest = rest[end:]
		words := Tokenize(chunk)
		lastChunk = -1
		if strings.HasPrefix(chunk, "-") {
			// "-e-KTP" excludes the compound, not each of its parts.
			switch {
			case len(words) == 1 && !IsStopWord(words[0]):
				q.Excluded = append(q.Excluded, words[0])
			case len(words) > 1:
				q.ExcludedPhrases = append(q.ExcludedPhrases, words)
			}
			continue
		}
		lastChunk = len(chunks)
		chunks = append(chunks, strings.ToLower(strings.TrimFunc(chunk, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})))
		for _, w := range words {
			free = append(free, freeToken{token: w, chunk: lastChunk})
		}
	}
	words := normalizeFree(free)
	for _, n := range words {
		typed := make([]string, len(n.chunks))
		for i, c := range n.chunks {
			typed[i] = chunks[c]
		}
		q.Words = append(q.Words, n.word)
		q.Typed = append(q.Typed, strings.Join(typed, " "))
		if n.alternatives != nil && q.Alternatives == nil {
			q.Alternatives = make([][][]string, len(q.Words)-1, len(q.Words))
		}
		if q.Alternatives != nil {
			q.Alternatives = append(q.Alternatives, n.alternatives)
		}
	}
	// A query that ends in the middle of a free word is still being typed,
	// unless search read that word as another one.
	last := lastRune(s)
	if len(words) > 0 && lastChunk >= 0 {
		final := words[len(words)-1]
		q.PrefixLast = !final.rewritten && final.chunks[len(final.chunks)-1] == lastChunk &&
			(unicode.IsLetter(last) || unicode.IsDigit(last))
	}
	return q
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return ' '
	}
	return r[len(r)-1]
}

// HasPositive reports whether the query asks for something, rather than
// only excluding.
func (q Query) HasPositive() bool { return len(q.Words) > 0 || len(q.Phrases) > 0 }

// IsEmpty reports whether the query neither asks for nor excludes anything:
// it lists every public document.
func (q Query) IsEmpty() bool {
	return !q.HasPositive() && len(q.Excluded) == 0 && len(q.ExcludedPhrases) == 0
}

// alternativesOf returns the other ways of writing the free word i.
func (q Query) alternativesOf(i int) [][]string {
	if i < len(q.Alternatives) {
		return q.Alternatives[i]
	}
	return nil
}
