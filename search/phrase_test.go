package search

import "testing"

// TestPhraseFree checks the queries PostgreSQL asks its index for, so that
// a phrase among other alternatives is not rechecked against every match
// (docs/search.md, "Speed at 100,000 documents").
func TestPhraseFree(t *testing.T) {
	word := func(s string) alternative { return alternative{stems: []string{s}} }
	phrase := func(s ...string) alternative { return alternative{stems: s, adjacent: true} }
	cases := []struct {
		name             string
		p                plan
		relaxed, without string
		ok               bool
	}{
		{"synonym phrase", plan{must: []clause{{alts: []alternative{word("dinkes"), phrase("dinas", "sehat")}}}},
			"('dinkes' | ('dinas' & 'sehat'))", "('dinkes')", true},
		{"with another word and an exclusion", plan{must: []clause{{alts: []alternative{word("dinkes"), phrase("dinas", "sehat")}}, {alts: []alternative{word("hoaks")}}},
			not: []alternative{word("vaksin")}},
			"('dinkes' | ('dinas' & 'sehat')) & ('hoaks')", "('dinkes') & ('hoaks') & !('vaksin')", true},
		{"no phrase", plan{must: []clause{{alts: []alternative{word("banjir")}}}}, "", "", false},
		{"a quoted phrase alone", plan{must: []clause{{alts: []alternative{phrase("air", "bersih")}}, {alts: []alternative{word("pdam")}}}}, "", "", false},
		{"an excluded phrase", plan{must: []clause{{alts: []alternative{word("dinkes"), phrase("dinas", "sehat")}}},
			not: []alternative{phrase("air", "bersih")}}, "", "", false},
	}
	for _, c := range cases {
		relaxed, without, ok := phraseFree(&c.p)
		if relaxed != c.relaxed || without != c.without || ok != c.ok {
			t.Errorf("%s: %q, %q, %v; want %q, %q, %v", c.name, relaxed, without, ok, c.relaxed, c.without, c.ok)
		}
	}
}
