package search

import (
	"strings"
	"unicode"
)

// Query is a parsed search query. The syntax follows PostgreSQL's
// websearch_to_tsquery and Meilisearch: free words must all match (in any
// form of the word, with a synonym, or with a typo), "words in quotes" must
// appear together in that order, and a minus sign in front of a word or a
// quoted phrase excludes the documents that hold it.
type Query struct {
	// Words are the free words in order, lower case, without stop words.
	Words []string
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
	rest := []rune(s)
	lastWasFree := false
	for len(rest) > 0 {
		r := rest[0]
		switch {
		case unicode.IsSpace(r):
			rest = rest[1:]
			lastWasFree = false
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
			lastWasFree = false
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
		lastWasFree = false
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
		for _, w := range words {
			if !IsStopWord(w) {
				q.Words = append(q.Words, w)
				lastWasFree = true
			}
		}
	}
	// A query that ends in the middle of a free word is still being typed.
	last := lastRune(s)
	q.PrefixLast = lastWasFree && (unicode.IsLetter(last) || unicode.IsDigit(last))
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
