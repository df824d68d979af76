package search

import (
	"reflect"
	"strings"
	"testing"
)

// TestLexicon checks the lexicon file: it parses, a typed form is read in
// one step (its standard form is not itself a typed form), and the parser
// refuses the mistakes an edit can make.
func TestLexicon(t *testing.T) {
	l, err := parseLexicon(lexiconText)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.stop) < 100 || len(l.informal) < 100 || len(l.same) < 20 {
		t.Errorf("lexicon holds %d stop words, %d informal forms, %d groups", len(l.stop), len(l.informal), len(l.same))
	}
	for typed, standard := range l.informal {
		for _, w := range standard {
			if _, chained := l.informal[w]; chained {
				t.Errorf("%s reads as %s, which is itself an informal form", typed, w)
			}
			if w == typed {
				t.Errorf("%s reads as itself", typed)
			}
		}
	}
	for _, bad := range []string{
		"[stop]\nyg\n[informal]\nyg = yang\n",     // a stop word and an informal form
		"[informal]\ngak = tidak\ngak = enggak\n", // listed twice
		"[informal]\ngak tidak\n",                 // no standard form
		"[same]\n3\n",                             // a group of one
		"yg\n",                                    // outside a section
	} {
		if _, err := parseLexicon(bad); err == nil {
			t.Errorf("parseLexicon accepted %q", bad)
		}
	}
}

func TestNormalizeFree(t *testing.T) {
	words := func(q string) []string { return ParseQuery(q).Words }
	cases := map[string][]string{
		"yg gak bener dong":             {"tidak"},
		"kpn jln diperbaiki":            {"jalan", "diperbaiki"},
		"anak2 sekolah libur":           {"anak", "sekolah", "libur"},
		"harga 3kg 22rb":                {"harga", "3", "kg", "rp22"},
		"rp25jt":                        {"rp25", "juta"},
		"Rp7.500.000":                   {"rp7"},
		"covid19 ktb-2026":              {"covid19", "ktb", "2026"},
		"antrian ambulance telat":       {"antrean", "ambulans", "telat"},
		"bikin ktp sekarang dipersulit": {"buat", "ktp", "sekarang", "dipersulit"},
	}
	for q, want := range cases {
		if got := words(q); !reflect.DeepEqual(got, want) {
			t.Errorf("ParseQuery(%q).Words = %q, want %q", q, got, want)
		}
	}
}

// TestSynonymsMerge: a group sharing a member with another becomes one with
// it, whichever comes first.
func TestSynonymsMerge(t *testing.T) {
	s := NewSynonyms([][]string{{"rsud", "rumah sakit umum daerah", "rumah sakit"}, {"dinkes", "dinas kesehatan"}, {"rs", "rumah sakit"}})
	var joined []string
	for _, g := range s.Groups() {
		var members []string
		for _, m := range g {
			members = append(members, strings.Join(m, " "))
		}
		joined = append(joined, strings.Join(members, ", "))
	}
	want := []string{"rsud, rumah sakit umum daerah, rumah sakit, rs", "dinkes, dinas kesehatan"}
	if !reflect.DeepEqual(joined, want) {
		t.Errorf("groups %q, want %q", joined, want)
	}
	n, others := s.match(Stems([]string{"rs"}))
	if n != 1 || len(others) != 3 {
		t.Errorf("rs matches %d words with %d others, want 1 with 3", n, len(others))
	}
}

// TestBuiltinSynonyms: numbers as digits or words and units are groups
// every search applies.
func TestBuiltinSynonyms(t *testing.T) {
	s := NewSynonyms(BuiltinSynonyms())
	for _, pair := range [][2]string{{"3", "tiga"}, {"tiga", "3"}, {"kilo", "kg"}, {"12", "dua belas"}} {
		n, others := s.match(Stems(strings.Fields(pair[0])))
		found := false
		for _, m := range others {
			found = found || strings.Join(m.words, " ") == pair[1]
		}
		if n == 0 || !found {
			t.Errorf("%s does not find %s", pair[0], pair[1])
		}
	}
}
