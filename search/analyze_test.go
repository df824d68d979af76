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
		{"banjir", Query{Words: []string{"banjir"}, Typed: []string{"banjir"}, PrefixLast: true}},
		{"Banjir Kotabaru ", Query{Words: []string{"banjir", "kotabaru"}, Typed: []string{"banjir", "kotabaru"}}},
		{"apakah vaksin di puskesmas bayar?", Query{Words: []string{"vaksin", "puskesmas", "bayar"}, Typed: []string{"vaksin", "puskesmas", "bayar"}}},
		{`"air bersih" sumur`, Query{Words: []string{"sumur"}, Typed: []string{"sumur"}, Phrases: [][]string{{"air", "bersih"}}, PrefixLast: true}},
		{`banjir -rob -"air laut"`, Query{Words: []string{"banjir"}, Typed: []string{"banjir"}, Excluded: []string{"rob"}, ExcludedPhrases: [][]string{{"air", "laut"}}}},
		{`"tidak ditutup`, Query{Phrases: [][]string{{"tidak", "ditutup"}}}},
		{"-e-KTP blangko", Query{Words: []string{"blangko"}, Typed: []string{"blangko"}, ExcludedPhrases: [][]string{{"e", "ktp"}}, PrefixLast: true}},
		{"e-KTP", Query{Words: []string{"e", "ktp"}, Typed: []string{"e-ktp", "e-ktp"}, PrefixLast: true}},
		{" - ", Query{}},
		{"KTB-2026-000012", Query{Words: []string{"ktb", "2026", "000012"}, Typed: []string{"ktb-2026-000012", "ktb-2026-000012", "ktb-2026-000012"}, PrefixLast: true}},
		// Informal Indonesian: question words and particles go, chat
		// spellings become standard ones, and a rewritten last word is no
		// longer being typed.
		{"benarkah air PDAM tercemar bakteri", Query{Words: []string{"air", "pdam", "tercemar", "bakteri"}, Typed: []string{"air", "pdam", "tercemar", "bakteri"}, PrefixLast: true}},
		{"gmn sih jln yg rusak gara2 hujan dong", Query{Words: []string{"jalan", "rusak", "gara", "hujan"}, Typed: []string{"jln", "rusak", "gara2", "hujan"}}},
		{"vaksin gak dipake", Query{Words: []string{"vaksin", "tidak", "dipakai"}, Typed: []string{"vaksin", "gak", "dipake"}}},
		{"hoax", Query{Words: []string{"hoaks"}, Typed: []string{"hoax"}}},
		{"gara-gara", Query{Words: []string{"gara"}, Typed: []string{"gara-gara"}, PrefixLast: true}},
		// Numbers and money as citizens write them.
		{"elpiji 3kg", Query{Words: []string{"elpiji", "3", "kg"}, Typed: []string{"elpiji", "3kg", "3kg"}}},
		{"tagihan naik 3x", Query{Words: []string{"tagihan", "naik", "3", "kali"}, Typed: []string{"tagihan", "naik", "3x", "3x"}}},
		{"bayar 150rb ", Query{Words: []string{"bayar", "rp150"}, Typed: []string{"bayar", "150rb"},
			Alternatives: [][][]string{nil, {{"150", "ribu"}, {"150", "000"}}}}},
		{"Rp 150.000", Query{Words: []string{"rp150"}, Typed: []string{"rp 150.000"}, Alternatives: [][][]string{{{"150", "000"}, {"150", "ribu"}}}}},
		{"150 ribu", Query{Words: []string{"rp150"}, Typed: []string{"150 ribu"}, Alternatives: [][][]string{{{"150", "ribu"}, {"150", "000"}}}}},
		{"setor 2 juta", Query{Words: []string{"setor", "rp2", "juta"}, Typed: []string{"setor", "2 juta", "2 juta"}, Alternatives: [][][]string{nil, {{"2"}}, nil}}},
		{"tiga hari", Query{Words: []string{"tiga", "hari"}, Typed: []string{"tiga", "hari"}, PrefixLast: true}},
		// Phrases and exclusions are taken as written.
		{`"yg gak" -hoax`, Query{Phrases: [][]string{{"yg", "gak"}}, Excluded: []string{"hoax"}}},
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
		{"panji", "banji", false},         // a wrong first letter counts twice below six letters
		{"panjir", "banjir", true},        // from six letters, when it is the only typo
		{"embatan", "jembatan", true},     // a missing first letter
		{"ejmbatan", "jembatan", true},    // the first two swapped
		{"pembatam", "jembatan", false},   // the first letter and another in eight letters
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
