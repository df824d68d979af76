package search

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
)

func TestParseQuery(t *testing.T) {
	cases := []struct {
		in   string
		want Query
	}{
		{"banjir", Query{Words: []string{"banjir"}, PrefixLast: true}},
		{"Banjir Kotabaru ", Query{Words: []string{"banjir", "kotabaru"}}},
		{"apakah vaksin di puskesmas bayar?", Query{Words: []string{"vaksin", "puskesmas", "bayar"}}},
		{`"air bersih" sumur`, Query{Words: []string{"sumur"}, Phrases: [][]string{{"air", "bersih"}}, PrefixLast: true}},
		{`banjir -rob -"air laut"`, Query{Words: []string{"banjir"}, Excluded: []string{"rob"}, ExcludedPhrases: [][]string{{"air", "laut"}}}},
		{`"tidak ditutup`, Query{Phrases: [][]string{{"tidak", "ditutup"}}}},
		{"-e-KTP blangko", Query{Words: []string{"blangko"}, ExcludedPhrases: [][]string{{"e", "ktp"}}, PrefixLast: true}},
		{"e-KTP", Query{Words: []string{"e", "ktp"}, PrefixLast: true}},
		{" - ", Query{}},
		{"KTB-2026-000012", Query{Words: []string{"ktb", "2026", "000012"}, PrefixLast: true}},
	}
	for _, c := range cases {
		if got := ParseQuery(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseQuery(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
	if !ParseQuery("").IsEmpty() || ParseQuery("-rob").HasPositive() || ParseQuery("-rob").IsEmpty() {
		t.Error("IsEmpty and HasPositive disagree with the query")
	}
}

func TestWithinTypos(t *testing.T) {
	cases := []struct {
		word, candidate string
		want            bool
	}{
		{"vaksinsai", "vaksinasi", true}, // swapped neighbours
		{"jembtan", "jembatan", true},    // a missing letter
		{"banjjir", "banjir", true},      // an extra letter
		{"banjor", "banjir", true},       // a wrong letter
		{"bamjor", "banjir", false},      // two wrong letters in six
		{"vaksinasy", "vaksinasi", true},
		{"vaksinaay", "vaksinasi", true},  // two typos in nine letters
		{"jaln", "jalan", false},          // four letters allow none
		{"panjir", "banjir", false},       // a wrong first letter counts twice
		{"pemadamam", "pemadaman", true},  // nine letters
		{"xemadamam", "pemadaman", false}, // first letter and another
	}
	for _, c := range cases {
		if got := WithinTypos(c.word, c.candidate, TypoBudget(len(c.word))); got != c.want {
			t.Errorf("WithinTypos(%q, %q) = %v, want %v", c.word, c.candidate, got, c.want)
		}
	}
}

func TestMarkdownText(t *testing.T) {
	src := "## Klarifikasi\n\nVaksin **gratis** di [laman Dinkes](https://dinkes.example/jadwal).\n\n- satu\n- dua\n\n<script>alert(1)</script>\n\n`kode`"
	got := MarkdownText(src)
	for _, want := range []string{"Klarifikasi", "Vaksin gratis di laman Dinkes.", "satu", "dua", "kode"} {
		if !strings.Contains(got, want) {
			t.Errorf("MarkdownText = %q, want it to contain %q", got, want)
		}
	}
	for _, unwanted := range []string{"**", "https://", "script", "##"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("MarkdownText = %q, want it without %q", got, unwanted)
		}
	}
}

func TestHighlighter(t *testing.T) {
	h := &highlighter{marks: map[string]bool{"luncur": true}, prefixes: []string{"vaks"}}
	got := h.highlights("Peluncuran <b>vaksin</b>", "Ringkasan tanpa kata cocok sama sekali.", "")
	want := []string{"<mark>Peluncuran</mark> &lt;b&gt;<mark>vaksin</mark>&lt;/b&gt;", "Ringkasan tanpa kata cocok sama sekali."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("highlights = %q, want %q", got, want)
	}
	long := strings.Repeat("kata pengisi ", 40) + "peluncuran program" + strings.Repeat(" kata penutup", 40)
	got = h.highlights("Judul", long, "")
	if len(got) != 1 || !strings.HasPrefix(got[0], "… ") || !strings.HasSuffix(got[0], " …") || !strings.Contains(got[0], "<mark>peluncuran</mark>") {
		t.Errorf("long passage = %q", got)
	}
}

func TestSynonymsMatch(t *testing.T) {
	syn := NewSynonyms([][]string{{"dinkes", "dinas kesehatan"}, {"pppk", "pegawai pemerintah dengan perjanjian kerja"}})
	n, others := syn.match(Stems([]string{"dinas", "kesehatan", "vaksin"}))
	if n != 2 || len(others) != 1 || strings.Join(others[0].words, " ") != "dinkes" {
		t.Errorf("match dinas kesehatan = %d %+v", n, others)
	}
	// Stop words in a member do not stop it from matching a query without them.
	n, _ = syn.match(Stems([]string{"pegawai", "pemerintah", "perjanjian", "kerja"}))
	if n != 4 {
		t.Errorf("match without the stop word = %d, want 4", n)
	}
	if n, _ := syn.match(Stems([]string{"kesehatan"})); n != 0 {
		t.Errorf("half a member matched")
	}
	if a, b := NewSynonyms([][]string{{"a1", "b1"}}), NewSynonyms([][]string{{"a1", "b2"}}); a.Fingerprint == b.Fingerprint {
		t.Error("different synonyms share a fingerprint")
	}
}

func TestMeiliQueryAndFilter(t *testing.T) {
	q := ParseQuery(`kebanjiran "air bersih" -rob diluncurkan`)
	// The stem of the word being typed is not a prefix: luncur* would
	// over-match, so the stem is matched whole.
	if got := meiliQuery(q, true); got != `-rob "air bersih" banjir luncur ` {
		t.Errorf("stemmed = %q", got)
	}
	if got := meiliQuery(q, false); got != `-rob "air bersih" kebanjiran diluncurkan` {
		t.Errorf("as written = %q", got)
	}
	if got := meiliQuery(ParseQuery("banjir "), true); got != "banjir " {
		t.Errorf("a finished word = %q", got)
	}
	if got := meiliQuery(ParseQuery("banj"), true); got != "banj" {
		t.Errorf("a word being typed = %q", got)
	}
	slug := "dinkes"
	from := time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)
	f := meiliFilter(models.SearchFilter{AgencySlug: &slug, Kind: []models.IssueKind{models.KindComplaint, models.KindQuestion}, From: &from})
	want := []any{`agency = "dinkes"`, []string{`kind = "COMPLAINT"`, `kind = "QUESTION"`}, "created_at >= 1767323045000006"}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("filter = %#v, want %#v", f, want)
	}
}

func TestSearchCursor(t *testing.T) {
	fp := fingerprint(models.SearchRequest{Query: "banjir"}, models.SearchByRelevance)
	c := encodeSearchCursor(40, fp)
	if off, err := decodeSearchCursor(c, fp); err != nil || off != 40 {
		t.Errorf("decode = %d, %v", off, err)
	}
	other := fingerprint(models.SearchRequest{Query: "banjir"}, models.SearchByNewest)
	if _, err := decodeSearchCursor(c, other); models.ErrorCode(err) != models.EINVALID {
		t.Errorf("a cursor of another order: %v", err)
	}
	for _, bad := range []string{"", "!!", encodeSearchCursor(-1, fp), "czE6YWJjOmRlZg"} {
		if _, err := decodeSearchCursor(bad, fp); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("decode %q: %v", bad, err)
		}
	}
}
