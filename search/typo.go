package search

// Typo tolerance follows Meilisearch's defaults, so that the engines answer
// alike: words of five letters or more may carry one typo, words of nine or
// more two; a typo is a wrong, missing or extra letter or two swapped
// neighbours; and a wrong first letter counts as two typos. On a phone the
// first letter is as easy to miss as any other, so the database engines
// also accept a word of six letters or more whose only typo is at its
// first letter (embatan, hembatan and ejmbatan for jembatan); shorter words
// would find too many others that way.
const (
	oneTypoMinLength       = 5
	twoTyposMinLength      = 9
	firstLetterTypoMinimum = 6
)

// TypoBudget returns how many typos a query word of n letters may carry.
func TypoBudget(n int) int {
	switch {
	case n >= twoTyposMinLength:
		return 2
	case n >= oneTypoMinLength:
		return 1
	}
	return 0
}

// WithinTypos reports whether word, as typed, can be candidate with at most
// budget typos, a different first letter counting twice.
func WithinTypos(word, candidate string, budget int) bool {
	a, b := []rune(word), []rune(candidate)
	if budget <= 0 || len(a) == 0 || len(b) == 0 {
		return string(a) == string(b)
	}
	if d := len(a) - len(b); d > budget || -d > budget {
		return false
	}
	if a[0] != b[0] {
		if len(a) >= firstLetterTypoMinimum && editDistance(a, b, 1) <= 1 {
			return true
		}
		budget--
	}
	return editDistance(a, b, budget) <= budget
}

// firstLetterVariants lists the words that word may be a typo of at its
// first letter alone: another first letter, one more or one fewer in front,
// or its first two letters swapped. They are looked up whole, so that the
// vocabulary is read by its index rather than scanned.
func firstLetterVariants(word string) []string {
	runes := []rune(word)
	if len(runes) < firstLetterTypoMinimum {
		return nil
	}
	rest := string(runes[1:])
	out := []string{rest}
	if runes[0] != runes[1] {
		out = append(out, string(runes[1])+string(runes[0])+string(runes[2:]))
	}
	for c := 'a'; c <= 'z'; c++ {
		if c != runes[0] {
			out = append(out, string(c)+rest)
		}
		out = append(out, string(c)+word)
	}
	return out
}

// editDistance is the optimal-string-alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of neighbours each
// cost one. It stops early and returns limit+1 once the distance must exceed
// limit.
func editDistance(a, b []rune, limit int) int {
	if limit < 0 {
		return 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
