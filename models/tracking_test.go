package models

import (
	"strings"
	"testing"
)

// TestTrackingCodesUniqueAndUniform draws 100,000 codes: none repeats, every
// symbol is from the unambiguous alphabet, and each position uses the 32
// symbols evenly (a chi-square test, so a biased or fixed generator fails).
func TestTrackingCodesUniqueAndUniform(t *testing.T) {
	const draws = 100_000
	seen := make(map[string]bool, draws)
	var counts [TrackingCodeLength][32]int
	for i := 0; i < draws; i++ {
		code := NewTrackingCode()
		if len(code) != TrackingCodeLength {
			t.Fatalf("code %q has %d symbols", code, len(code))
		}
		if seen[code] {
			t.Fatalf("code %q drawn twice", code)
		}
		seen[code] = true
		for pos, r := range code {
			idx := strings.IndexRune(crockford, r)
			if idx < 0 {
				t.Fatalf("code %q has symbol %q outside the alphabet", code, r)
			}
			counts[pos][idx]++
		}
	}
	// 31 degrees of freedom: the 99.99th percentile of chi-square is about 70.
	expected := float64(draws) / 32
	for pos := range counts {
		chi := 0.0
		for _, n := range counts[pos] {
			d := float64(n) - expected
			chi += d * d / expected
		}
		if chi > 70 {
			t.Errorf("position %d is not uniform: chi-square %.1f", pos, chi)
		}
	}
}

func TestNormalizeTrackingCode(t *testing.T) {
	code := NewTrackingCode()
	formatted := FormatTrackingCode(code)
	if strings.Count(formatted, "-") != 2 {
		t.Fatalf("FormatTrackingCode(%q) = %q, want three groups", code, formatted)
	}
	for _, typed := range []string{code, formatted, strings.ToLower(formatted), " " + strings.ReplaceAll(formatted, "-", " ") + " "} {
		if got, ok := NormalizeTrackingCode(typed); !ok || got != code {
			t.Errorf("NormalizeTrackingCode(%q) = %q, %v; want %q", typed, got, ok, code)
		}
	}
	if got, ok := NormalizeTrackingCode("O1IL-0000-00000"); !ok || got != "0111000000000" {
		t.Errorf("look-alike letters: got %q, %v", got, ok)
	}
	for _, bad := range []string{"", "ABC", "ABCD-EFGH-JKMNPQ", "UUUU-UUUU-UUUUU", "ABCD-EFGH-JKM!N"} {
		if _, ok := NormalizeTrackingCode(bad); ok {
			t.Errorf("NormalizeTrackingCode(%q) accepted", bad)
		}
	}
}

func TestNormalizeContact(t *testing.T) {
	ok := map[string]string{
		"":                  "",
		"Budi@Example.com":  "budi@example.com",
		"0812-3456-7890":    "081234567890",
		"+62 812 3456 7890": "+6281234567890",
		"62(812)34567890":   "6281234567890",
		" 0857.1234.5678 ":  "085712345678",
	}
	for in, want := range ok {
		got, err := NormalizeContact("contact", in)
		if err != nil || got != want {
			t.Errorf("NormalizeContact(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"budi@", "12345", "0212345678", "+1 555 123 4567", "0812-34"} {
		if _, err := NormalizeContact("contact", bad); ErrorCode(err) != EINVALID || ErrorField(err) != "contact" {
			t.Errorf("NormalizeContact(%q): want BAD_USER_INPUT on contact, got %v", bad, err)
		}
	}
}
