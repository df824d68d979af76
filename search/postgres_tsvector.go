package search

import (
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// tsvector limits of PostgreSQL: positions above maxTSPosition are all
// counted as maxTSPosition, and a lexeme keeps a bounded number of
// positions. Documents near either limit are not told in advance.
const (
	maxTSPosition  = 16383
	maxTSPositions = 255
)

// expectedTSVector writes, as PostgreSQL writes a tsvector as text, the
// tsvector that tsvectorSQL computes from the words of a document if
// PostgreSQL splits the words as Go does and stems them to the same stems:
// every stem with its positions, counted on through the fields, and the
// field's weight (D, the extra field's, is not written). A rebuild compares
// it with a stored tsvector, to skip computing one that is already stored;
// whether PostgreSQL agrees is checked at the start of every rebuild, and
// word by word into an empty index (see postgresWriter and
// postgres_fill.go).
func expectedTSVector(a *documentAnalysis) (string, bool) {
	s, ok := layOutTSVector(a)
	if !ok {
		return "", false
	}
	defer s.put()
	var b strings.Builder
	b.Grow(len(s.positions) * 8)
	first := true
	for _, t := range a.terms {
		i, ok := s.index[t]
		if !ok {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		first = false
		b.WriteByte('\'')
		b.WriteString(t)
		b.WriteString("':")
		var buf [12]byte
		for j, p := range s.positions[s.starts[i]:s.starts[i+1]] {
			n := strconv.AppendUint(buf[:0], uint64(p>>2), 10)
			if j > 0 {
				b.WriteByte(',')
			}
			b.Write(n)
			if w := p & 3; w > 0 {
				b.WriteByte("DCBA"[w])
			}
		}
	}
	return b.String(), true
}

// expectedTSVectorBinary is the tsvector of expectedTSVector in
// PostgreSQL's binary form, the one its tsvectorrecv reads: the number of
// lexemes, then each lexeme as a NUL-terminated string with the number of
// its positions and every position as 16 bits, the weight in the top two
// (A 3 … D 0). Reading it costs PostgreSQL a fraction of parsing the text
// (docs/performance.md, "Reindex into an empty PostgreSQL index").
func expectedTSVectorBinary(a *documentAnalysis) ([]byte, bool) {
	s, ok := layOutTSVector(a)
	if !ok {
		return nil, false
	}
	defer s.put()
	out := make([]byte, 4, 4+len(s.index)*10+len(s.positions)*2)
	var lexemes uint32
	for _, t := range a.terms {
		i, ok := s.index[t]
		if !ok {
			continue
		}
		lexemes++
		out = append(out, t...)
		out = append(out, 0)
		positions := s.positions[s.starts[i]:s.starts[i+1]]
		out = binary.BigEndian.AppendUint16(out, uint16(len(positions)))
		for _, p := range positions {
			out = binary.BigEndian.AppendUint16(out, uint16(p&3)<<14|uint16(p>>2))
		}
	}
	binary.BigEndian.PutUint32(out, lexemes)
	return out, true
}

// layOutTSVector numbers the distinct stems of a document in a scratch and
// lays out the positions of each (position << 2 | weight), in order: what
// both forms of the tsvector are written from. It reports false for a
// document PostgreSQL would not store as written (too long, too many
// positions of a stem, a stem with a quote or a backslash), and then puts
// the scratch back itself.
func layOutTSVector(a *documentAnalysis) (*tsvectorScratch, bool) {
	fields := [4][]string{a.titleStems, a.summaryStems, a.bodyStems, a.extras}
	total := len(fields[0]) + len(fields[1]) + len(fields[2]) + len(fields[3])
	if total >= maxTSPosition {
		return nil, false
	}
	s := tsvectorScratches.Get().(*tsvectorScratch)
	// Number the distinct stems, count their positions, then lay the
	// positions of each stem out in one array, in order.
	of := s.of[:0] // the stem of every position
	counts := s.counts[:0]
	for _, stems := range fields {
		for _, stem := range stems {
			i, ok := s.index[stem]
			if !ok {
				if stem == "" || strings.IndexByte(stem, '\'') >= 0 || strings.IndexByte(stem, '\\') >= 0 {
					s.put()
					return nil, false
				}
				i = int32(len(counts))
				s.index[stem] = i
				counts = append(counts, 0)
			}
			counts[i]++
			of = append(of, i)
		}
	}
	starts := append(s.starts[:0], 0)
	for i, c := range counts {
		if c > maxTSPositions {
			s.put()
			return nil, false
		}
		starts = append(starts, starts[i]+c)
	}
	next := append(s.next[:0], starts[:len(counts)]...)
	positions := slices.Grow(s.positions[:0], total)[:total]
	pos := 0
	for w, stems := range fields {
		weight := uint32(3 - w) // A 3, B 2, C 1, D 0
		for range stems {
			i := of[pos]
			pos++
			positions[next[i]] = uint32(pos)<<2 | weight
			next[i]++
		}
	}
	// The stems are among the terms, which are sorted byte by byte as
	// PostgreSQL sorts lexemes: the writers go through the terms.
	s.of, s.counts, s.starts, s.next, s.positions = of, counts, starts, next, positions
	return s, true
}

// tsvectorScratch holds what expectedTSVector needs for one document,
// kept for the next: a rebuild writes a hundred thousand tsvectors.
type tsvectorScratch struct {
	index                    map[string]int32
	of, counts, starts, next []int32
	positions                []uint32
}

var tsvectorScratches = sync.Pool{New: func() any { return &tsvectorScratch{index: map[string]int32{}} }}

// put empties the scratch and gives it back; the map of an unusually long
// document is dropped rather than cleared at every later one.
func (s *tsvectorScratch) put() {
	if len(s.index) > 4096 {
		s.index = map[string]int32{}
	} else {
		clear(s.index)
	}
	tsvectorScratches.Put(s)
}
