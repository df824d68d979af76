package graph

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// TestEncodeResponse: the body written for an answer is, byte for byte,
// what encoding/json writes for it (gqlgen's own transports).
func TestEncodeResponse(t *testing.T) {
	cases := map[string]*graphql.Response{
		"data":                {Data: json.RawMessage(`{"issues":{"edges":[{"node":{"number":"KTB-2026-000001","title":"Air PDAM keruh"}}]}}`)},
		"html and separators": {Data: json.RawMessage(`{"body":"<script>alert(1)</script> & <b>x</b>","s":"a` + "\u2028" + `b` + "\u2029" + `c","t":"é ✓ 日本"}`)},
		"no data":             {},
		"null data":           {Data: json.RawMessage(`null`)},
		"errors and data": {
			Errors: gqlerror.List{{Message: "Isu <tidak> ditemukan & \"dicari\"", Path: ast.Path{ast.PathName("issue"), ast.PathIndex(2)},
				Locations: []gqlerror.Location{{Line: 1, Column: 3}}, Extensions: map[string]any{"code": "NOT_FOUND"}}},
			Data: json.RawMessage(`{"issue":null}`),
		},
		"extensions":       {Data: json.RawMessage(`{"a":1}`), Extensions: map[string]any{"cost": map[string]int{"complexity": 12, "limit": 1000}}},
		"empty extensions": {Data: json.RawMessage(`{"a":[]}`), Extensions: map[string]any{}},
	}
	for name, resp := range cases {
		want, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encodeResponse(nil, resp)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
}

// TestAppendEscaped: for strings mixing the escaped characters with their
// UTF-8 neighbours (… is E2 80 A6, ‰ E2 80 B0, € E2 82 AC), the escaped
// JSON of a string is what encoding/json writes for it.
func TestAppendEscaped(t *testing.T) {
	pieces := []string{"a", "<", ">", "&", "\u2028", "\u2029", "…", "‰", "€", "é", "日", `"`, `\`, "\n", " "}
	rng := rand.New(rand.NewPCG(15, 2026))
	for range 2000 {
		var s strings.Builder
		for range rng.IntN(12) {
			s.WriteString(pieces[rng.IntN(len(pieces))])
		}
		want, err := json.Marshal(s.String())
		if err != nil {
			t.Fatal(err)
		}
		var plain bytes.Buffer
		enc := json.NewEncoder(&plain)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s.String()); err != nil {
			t.Fatal(err)
		}
		raw := bytes.TrimSuffix(plain.Bytes(), []byte("\n"))
		raw = bytes.ReplaceAll(bytes.ReplaceAll(raw, []byte(`\u2028`), []byte("\u2028")), []byte(`\u2029`), []byte("\u2029"))
		if got := appendEscaped(nil, raw); !bytes.Equal(got, want) {
			t.Fatalf("%q:\n got %s\nwant %s", s.String(), got, want)
		}
	}
}

// TestAppendQuoted: a string is quoted exactly as gqlgen's MarshalString
// writes it, for strings mixing quotes, backslashes, every control
// character, multi-byte characters and invalid UTF-8, in runs long enough
// to cross the eight-byte scan.
func TestAppendQuoted(t *testing.T) {
	pieces := []string{"a", "abcdefgh", `"`, `\`, "\t", "\n", "\r", "\x00", "\x1f", "\x7f", " ", "é", "日本", "\u2028", "\xff", "\xe2\x80", "<&>"}
	for c := range 0x20 {
		pieces = append(pieces, string(rune(c)))
	}
	rng := rand.New(rand.NewPCG(11, 30))
	for range 5000 {
		var s strings.Builder
		for range rng.IntN(20) {
			s.WriteString(pieces[rng.IntN(len(pieces))])
		}
		var want bytes.Buffer
		graphql.MarshalString(s.String()).MarshalGQL(&want)
		if got := appendQuoted([]byte("x"), s.String()); !bytes.Equal(got, append([]byte("x"), want.Bytes()...)) {
			t.Fatalf("%q:\n got %s\nwant x%s", s.String(), got, want.Bytes())
		}
	}
}

// answerText is a response's Markdown as the archive holds it: lines,
// headings and lists, so that escapes are frequent.
var answerText = strings.Repeat("## Penjelasan\n\nAir yang keruh disebabkan oleh perbaikan pipa di Jalan Veteran. "+
	"Warga dapat menghubungi 0518-21234.\n- Fakta: tidak ada kontaminasi\n", 15)

// BenchmarkQuote and BenchmarkQuoteGqlgen write sixty 200-byte strings and
// one 2 KB answer, as a page's fields are written (docs/performance.md,
// "Direct answers").
func BenchmarkQuote(b *testing.B) {
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		for range 60 {
			buf.Write(appendQuoted(buf.AvailableBuffer(), answerText[:200]))
		}
		buf.Write(appendQuoted(buf.AvailableBuffer(), answerText))
	}
}

func BenchmarkQuoteGqlgen(b *testing.B) {
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		for range 60 {
			graphql.MarshalString(answerText[:200]).MarshalGQL(&buf)
		}
		graphql.MarshalString(answerText).MarshalGQL(&buf)
	}
}
