package stemmer

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// prefixKind records which derivational prefix was removed; the suffix rules
// depend on it.
type prefixKind int

const (
	prefixNone prefixKind = iota
	prefixDiMengTer
	prefixPer
	prefixKePeng
	prefixBer
)

// minMeasure is the number of vowels a word must keep: a step only runs while
// the word has more vowels than this.
const minMeasure = 2

// Stem returns the stem of one Indonesian word. The word is lower-cased
// first; a word the algorithm does not change, such as one with two vowels
// or fewer, is returned lower-cased but otherwise unchanged.
func Stem(word string) string {
	word = strings.ToLower(word)
	measure := countVowels(word)
	if measure <= minMeasure {
		return word
	}
	s := state{buf: []byte(word), measure: measure}
	s.stem()
	return string(s.buf)
}

// state is a word being stemmed.
type state struct {
	buf     []byte
	measure int
	prefix  prefixKind
	// cursor is where prefix matching continues after a first-order prefix
	// was replaced by a letter ("menyapu" becomes "sapu" with the cursor
	// after the "s"); suffixes are never removed from in front of it.
	cursor int
}

func (s *state) stem() {
	s.removeParticle()
	if s.measure <= minMeasure {
		return
	}
	s.removePossessivePronoun()
	if s.measure <= minMeasure {
		return
	}
	if s.removeFirstOrderPrefix() {
		// The second-order prefix goes only if a suffix went first.
		if s.measure > minMeasure && s.removeSuffix() && s.measure > minMeasure {
			s.removeSecondOrderPrefix()
		}
		return
	}
	s.removeSecondOrderPrefix()
	if s.measure > minMeasure {
		s.removeSuffix()
	}
}

// removeParticle removes the particle -kah, -lah or -pun.
func (s *state) removeParticle() bool {
	for _, particle := range [...]string{"kah", "lah", "pun"} {
		if s.trimSuffix(particle) {
			return true
		}
	}
	return false
}

// removePossessivePronoun removes the possessive pronoun -ku, -mu or -nya.
func (s *state) removePossessivePronoun() bool {
	for _, pronoun := range [...]string{"nya", "ku", "mu"} {
		if s.trimSuffix(pronoun) {
			return true
		}
	}
	return false
}

// removeSuffix removes the derivational suffix -kan, -an or -i when the
// prefix removed before allows it.
func (s *state) removeSuffix() bool {
	switch {
	case s.endsWith("an"):
		// -kan is not taken after ke-, peng- or per-: "perbaikan" keeps
		// its "k" and stems to "baik".
		if s.prefix != prefixKePeng && s.prefix != prefixPer && s.endsWith("kan") {
			return s.trimSuffix("kan")
		}
		if s.prefix != prefixDiMengTer {
			return s.trimSuffix("an")
		}
	case s.endsWith("i"):
		// Words ending in -si are mostly loanwords such as "televisi" or
		// "organisasi", whose final "i" is part of the root.
		if s.prefix <= prefixPer && !s.endsWith("si") {
			return s.trimSuffix("i")
		}
	}
	return false
}

// removeFirstOrderPrefix removes di-, ter-, ke-, me- or pe- in any of their
// forms, restoring the initial consonant that meny-, peny-, mem- and pem-
// stand for before a vowel.
func (s *state) removeFirstOrderPrefix() bool {
	switch {
	case s.hasPrefix("meng"):
		s.cutPrefix(4, "", prefixDiMengTer)
	case s.hasPrefix("peng"):
		s.cutPrefix(4, "", prefixKePeng)
	case s.hasPrefix("men"):
		s.cutNasal(prefixDiMengTer)
	case s.hasPrefix("pen"):
		s.cutNasal(prefixKePeng)
	case s.hasPrefix("mem"):
		s.cutLabial(prefixDiMengTer)
	case s.hasPrefix("pem"):
		s.cutLabial(prefixKePeng)
	case s.hasPrefix("ter"):
		s.cutPrefix(3, "", prefixDiMengTer)
	case s.hasPrefix("di"), s.hasPrefix("me"):
		s.cutPrefix(2, "", prefixDiMengTer)
	case s.hasPrefix("ke"):
		s.cutPrefix(2, "", prefixKePeng)
	default:
		return false
	}
	s.measure--
	return true
}

// cutNasal removes men- or pen-; meny- and peny- before a vowel stand for an
// initial "s" ("menyapu" from "sapu").
func (s *state) cutNasal(kind prefixKind) {
	if len(s.buf) > 4 && s.buf[3] == 'y' && isVowel(s.buf[4]) {
		s.cutPrefix(4, "s", kind)
		return
	}
	s.cutPrefix(3, "", kind)
}

// cutLabial removes mem- or pem-; before a vowel they stand for an initial
// "p" ("memukul" from "pukul").
func (s *state) cutLabial(kind prefixKind) {
	if len(s.buf) > 3 && isVowel(s.buf[3]) {
		s.cutPrefix(3, "p", kind)
		return
	}
	s.cutPrefix(3, "", kind)
}

// cutPrefix replaces the first n bytes with replacement, which is at most one
// byte long, leaving the cursor after the replacement.
func (s *state) cutPrefix(n int, replacement string, kind prefixKind) {
	s.buf = s.buf[n-len(replacement):]
	copy(s.buf, replacement)
	s.cursor = len(replacement)
	s.prefix = kind
}

// removeSecondOrderPrefix removes per-, pe-, ber- or be- (and bel- or pel-
// before "ajar") at the cursor.
func (s *state) removeSecondOrderPrefix() bool {
	rest := s.buf[s.cursor:]
	if len(rest) < 2 || rest[1] != 'e' || (rest[0] != 'p' && rest[0] != 'b') {
		return false
	}
	isPer := rest[0] == 'p'
	// removed is the length of the prefix; skipped is how far the cursor
	// moves past what remains because the rule looked ahead of the prefix.
	removed, skipped := 2, 0
	switch {
	case len(rest) > 2 && rest[2] == 'r':
		removed = 3
	case len(rest) > 2 && rest[2] == 'l' && hasPrefixAt(rest, 3, "ajar"):
		removed, skipped = 3, len("ajar")
	case isPer:
	default:
		// be- only before a consonant followed by "er", as in "bekerja".
		if len(rest) <= 2 || isVowel(rest[2]) {
			return false
		}
		_, size := utf8.DecodeRune(rest[2:])
		if !hasPrefixAt(rest, 2+size, "er") {
			return false
		}
		skipped = size + len("er")
	}
	switch {
	case !isPer:
		s.prefix = prefixBer
	case removed == 2 || rest[2] == 'r':
		s.prefix = prefixPer
	}
	s.buf = append(s.buf[:s.cursor], rest[removed:]...)
	s.cursor += skipped
	s.measure--
	return true
}

// endsWith reports whether the word ends with suffix without reaching in
// front of the cursor.
func (s *state) endsWith(suffix string) bool {
	return len(s.buf)-len(suffix) >= s.cursor && bytes.HasSuffix(s.buf, []byte(suffix))
}

// trimSuffix removes suffix, which holds one vowel, if the word ends with it.
func (s *state) trimSuffix(suffix string) bool {
	if !s.endsWith(suffix) {
		return false
	}
	s.buf = s.buf[:len(s.buf)-len(suffix)]
	s.measure--
	return true
}

func (s *state) hasPrefix(prefix string) bool {
	return hasPrefixAt(s.buf, 0, prefix)
}

func hasPrefixAt(b []byte, at int, prefix string) bool {
	return len(b) >= at+len(prefix) && string(b[at:at+len(prefix)]) == prefix
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func countVowels(word string) int {
	n := 0
	for i := 0; i < len(word); i++ {
		if isVowel(word[i]) {
			n++
		}
	}
	return n
}
