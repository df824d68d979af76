package search

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
)

// lexiconText is how citizens type Indonesian and what search reads it as:
// stop words, informal spellings and groups of words that mean the same
// (numbers as digits or words, units). See the file for its sections.
//
//go:embed lexicon.txt
var lexiconText string

// lexicon is lexiconText read once.
type lexicon struct {
	stop     map[string]bool
	informal map[string][]string
	same     [][]string
}

var lex = mustParseLexicon(lexiconText)

func mustParseLexicon(text string) *lexicon {
	l, err := parseLexicon(text)
	if err != nil {
		panic(err)
	}
	return l
}

// parseLexicon reads the sections of the lexicon. A typed form listed twice
// is an error, so that an edit cannot silently shadow another.
func parseLexicon(text string) (*lexicon, error) {
	l := &lexicon{stop: map[string]bool{}, informal: map[string][]string{}}
	section := ""
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			continue
		}
		switch section {
		case "stop":
			for _, w := range strings.Fields(line) {
				l.stop[w] = true
			}
		case "informal":
			typed, standard, ok := strings.Cut(line, "=")
			if !ok || len(strings.Fields(standard)) == 0 {
				return nil, fmt.Errorf("lexicon line %d: want \"typed forms = standard form\"", n+1)
			}
			for _, w := range strings.Fields(typed) {
				if _, dup := l.informal[w]; dup {
					return nil, fmt.Errorf("lexicon line %d: %q is listed twice", n+1, w)
				}
				l.informal[w] = strings.Fields(standard)
			}
		case "same":
			var group []string
			for _, m := range strings.Split(line, ",") {
				if m = strings.TrimSpace(m); m != "" {
					group = append(group, m)
				}
			}
			if len(group) < 2 {
				return nil, fmt.Errorf("lexicon line %d: a group needs two members", n+1)
			}
			l.same = append(l.same, group)
		default:
			return nil, fmt.Errorf("lexicon line %d: outside a known section", n+1)
		}
	}
	for typed := range l.informal {
		if l.stop[typed] {
			return nil, fmt.Errorf("lexicon: %q is both a stop word and an informal form", typed)
		}
	}
	return l, nil
}

// BuiltinSynonyms are the groups of the lexicon every search applies on top
// of those ADMIN keeps: numbers as digits or words, and units.
func BuiltinSynonyms() [][]string {
	out := make([][]string, len(lex.same))
	for i, g := range lex.same {
		out[i] = append([]string(nil), g...)
	}
	return out
}

// freeToken is a token of a free word with the chunk of the query (the run
// of text between spaces) it was typed in.
type freeToken struct {
	token string
	chunk int
	// split says the token was cut from a longer one (3kg).
	split bool
}

// normalized is a free word as search reads it.
type normalized struct {
	word string
	// alternatives are other ways of writing the word that also count,
	// each a sequence of words that must stand together.
	alternatives [][]string
	// chunks are the chunks of the query the word comes from.
	chunks []int
	// rewritten says the word differs from what was typed.
	rewritten bool
}

// Units after a number that make it an amount of rupiah.
var (
	thousands = wordSet("rb ribu rbu rebu k")
	millions  = wordSet("jt juta")
)

// normalizeFree reads the free tokens of a query as search reads them:
// amounts of money written in any of the usual ways become one word,
// reduplication written with a 2 (gara2) loses it, informal spellings
// become standard ones, and stop words go.
func normalizeFree(tokens []freeToken) []normalized {
	var split []freeToken
	for _, t := range tokens {
		parts := splitNumber(t.token)
		for _, part := range parts {
			split = append(split, freeToken{token: part, chunk: t.chunk, split: len(parts) > 1})
		}
	}
	var out []normalized
	add := func(n normalized) {
		// "gara-gara" and "gara2" alike: a repeated word counts once.
		if last := len(out) - 1; last >= 0 && out[last].word == n.word && n.alternatives == nil {
			out[last].chunks = appendChunk(out[last].chunks, n.chunks...)
			return
		}
		out = append(out, n)
	}
	for i := 0; i < len(split); i++ {
		tok, chunks := split[i].token, []int{split[i].chunk}
		if a := readAmount(split[i:]); a.used > 0 {
			for _, t := range split[i : i+a.used] {
				chunks = appendChunk(chunks, t.chunk)
			}
			i += a.used - 1
			add(normalized{word: "rp" + a.lead, alternatives: a.alternatives(), chunks: chunks, rewritten: true})
			if a.millions {
				add(normalized{word: "juta", chunks: chunks, rewritten: true})
			}
			continue
		}
		if lex.stop[tok] {
			continue
		}
		words, rewritten := []string{tok}, split[i].split
		if base, ok := reduplicated(tok); ok {
			words, rewritten = []string{base}, true
		}
		if standard, ok := lex.informal[words[0]]; ok {
			words, rewritten = standard, true
		}
		for _, w := range words {
			if !lex.stop[w] {
				add(normalized{word: w, chunks: chunks, rewritten: rewritten})
			}
		}
	}
	return out
}

func appendChunk(chunks []int, more ...int) []int {
	for _, c := range more {
		if len(chunks) == 0 || chunks[len(chunks)-1] != c {
			chunks = append(chunks, c)
		}
	}
	return chunks
}

// splitNumber separates a number from the unit typed against it: 3kg is 3
// and kg, 50rb is 50 and rb, rp50rb is rp, 50 and rb, 3x is 3 and kali. Other tokens with
// digits (covid19, a public number) stay whole.
func splitNumber(token string) []string {
	rest := token
	var parts []string
	if strings.HasPrefix(rest, "rp") && len(rest) > 2 && isDigit(rune(rest[2])) {
		parts, rest = append(parts, "rp"), rest[2:]
	}
	if rest == "" || !isDigit(rune(rest[0])) {
		return []string{token}
	}
	end := 0
	for end < len(rest) && isDigit(rune(rest[end])) {
		end++
	}
	parts = append(parts, rest[:end])
	if unit := rest[end:]; unit == "x" {
		parts = append(parts, "kali") // 3x lipat
	} else if unit != "" {
		for _, r := range unit {
			if !unicode.IsLetter(r) {
				return []string{token} // digits and letters mixed further on
			}
		}
		parts = append(parts, unit)
	}
	return parts
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isDigit(r) {
			return false
		}
	}
	return true
}

// amount is an amount of rupiah as typed.
type amount struct {
	// lead is the number before the first thousands separator (150 of
	// 150.000, 7 of 7.500.000), as documents' text holds it after Rp.
	lead string
	// groups are the groups of three digits after it.
	groups []string
	// millions says juta or jt followed.
	millions bool
	// used is how many tokens the amount took; 0 when there is none.
	used int
}

// alternatives are the other ways documents write the amount: its digits
// without Rp (150 000), and thousands as a word (150 ribu).
func (a amount) alternatives() [][]string {
	switch {
	case a.millions:
		return [][]string{{a.lead}}
	case len(a.groups) == 0:
		return [][]string{{a.lead, "ribu"}, {a.lead, "000"}}
	}
	out := [][]string{append([]string{a.lead}, a.groups...)}
	switch strings.Join(a.groups, " ") {
	case "000":
		out = append(out, []string{a.lead, "ribu"})
	case "000 000":
		out = append(out, []string{a.lead, "juta"})
	}
	return out
}

// readAmount reads an amount of rupiah at the start of tokens: rp 50, rp50,
// 50 rb, 50 ribu, 50k, 50.000 (tokens 50 and 000), 7.500.000 and 25 jt.
func readAmount(tokens []freeToken) amount {
	i, rupiah := 0, false
	if tokens[0].token == "rp" {
		i, rupiah = 1, true
	}
	if i >= len(tokens) || !isNumber(tokens[i].token) {
		return amount{}
	}
	a := amount{lead: strings.TrimLeft(tokens[i].token, "0")}
	if a.lead == "" {
		return amount{}
	}
	i++
	for i < len(tokens) && len(tokens[i].token) == 3 && isNumber(tokens[i].token) {
		a.groups = append(a.groups, tokens[i].token)
		i++
	}
	unit := len(a.groups) > 0
	if i < len(tokens) && thousands[tokens[i].token] && !unit {
		i, unit = i+1, true
	} else if i < len(tokens) && millions[tokens[i].token] && !unit {
		a.millions, a.used = true, i+1
		return a
	}
	if !unit && !rupiah {
		return amount{}
	}
	a.used = i
	return a
}

// reduplicated reads a word repeated by writing 2 after it (anak2, gara2):
// the word once.
func reduplicated(token string) (string, bool) {
	base, ok := strings.CutSuffix(token, "2")
	if !ok || len([]rune(base)) < 3 {
		return "", false
	}
	for _, r := range base {
		if !unicode.IsLetter(r) {
			return "", false
		}
	}
	return base, true
}
