package search

import (
	"html"
	"strings"
	"unicode"
)

// highlighter marks the words of a document that a query matched. Every
// engine uses it, so that snippets look the same whoever answered.
type highlighter struct {
	marks    map[string]bool // stems that match
	prefixes []string        // stems whose longer forms match
	// fuzzy are query stems whose close words match too, for engines that
	// tolerate typos on their own.
	fuzzy []string
	// seen remembers whether each word, as written, matched: the texts of
	// one result page repeat most of their words, and telling a word costs
	// stemming it.
	seen map[string]bool
}

// snippetWords is the length of a passage around the matches, in words.
const snippetWords = 28

// highlights returns the title when it matched, then the best passage of
// the summary or the responses, HTML-escaped, matches in <mark>. When no
// passage matched (the match was in the title or on the agency's name, say),
// the passage is the beginning of the summary.
func (h *highlighter) highlights(title, summary, body string) []string {
	var out []string
	if t, n := h.passage(title, 0); n > 0 {
		out = append(out, t)
	}
	best, bestCount := "", 0
	for _, text := range []string{summary, body} {
		if p, n := h.passage(text, snippetWords); n > bestCount {
			best, bestCount = p, n
		}
	}
	if bestCount == 0 {
		best, _ = h.passage(summary, snippetWords)
	}
	if best != "" {
		out = append(out, best)
	}
	return out
}

type span struct{ start, end int }

func wordSpans(s string) []span {
	var spans []span
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			spans = append(spans, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		spans = append(spans, span{start, len(s)})
	}
	return spans
}

func (h *highlighter) matches(word string) bool {
	if m, ok := h.seen[word]; ok {
		return m
	}
	if h.seen == nil {
		h.seen = map[string]bool{}
	}
	m := h.tell(word)
	h.seen[word] = m
	return m
}

// tell is matches without the memory of words seen.
func (h *highlighter) tell(word string) bool {
	word = strings.ToLower(word)
	stem := Stem(word)
	if h.marks[stem] || h.marks[word] {
		return true
	}
	for _, p := range h.prefixes {
		if strings.HasPrefix(stem, p) || strings.HasPrefix(word, p) {
			return true
		}
	}
	for _, f := range h.fuzzy {
		budget := TypoBudget(len([]rune(f)))
		if budget > 0 && (WithinTypos(f, stem, budget) || WithinTypos(f, word, budget)) {
			return true
		}
	}
	return false
}

// passage returns the window of at most size words (the whole text when
// size is 0) with the most matches, and how many it holds.
func (h *highlighter) passage(text string, size int) (string, int) {
	spans := wordSpans(text)
	if len(spans) == 0 {
		return "", 0
	}
	matched := make([]bool, len(spans))
	for i, sp := range spans {
		matched[i] = h.matches(text[sp.start:sp.end])
	}
	from, to := 0, len(spans)
	if size > 0 && len(spans) > size {
		bestFrom, bestCount, count := 0, -1, 0
		for i := range spans {
			if matched[i] {
				count++
			}
			if i >= size && matched[i-size] {
				count--
			}
			if i >= size-1 && count > bestCount {
				bestFrom, bestCount = i-size+1, count
			}
		}
		// Start a little before the first match of the window, so that it
		// reads with some context.
		first := bestFrom
		for first < bestFrom+size && !matched[first] {
			first++
		}
		from = max(0, min(first-3, len(spans)-size))
		if first == bestFrom+size {
			from = bestFrom
		}
		to = from + size
	}
	var b strings.Builder
	count := 0
	startByte := spans[from].start
	if from > 0 {
		b.WriteString("… ")
	} else {
		startByte = 0
	}
	pos := startByte
	for i := from; i < to; i++ {
		sp := spans[i]
		b.WriteString(html.EscapeString(text[pos:sp.start]))
		word := html.EscapeString(text[sp.start:sp.end])
		if matched[i] {
			count++
			b.WriteString("<mark>" + word + "</mark>")
		} else {
			b.WriteString(word)
		}
		pos = sp.end
	}
	if to < len(spans) {
		b.WriteString(" …")
	} else {
		b.WriteString(html.EscapeString(text[pos:]))
	}
	return strings.Join(strings.Fields(b.String()), " "), count
}
