package demodata

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestSpan(t *testing.T) {
	for text, want := range map[string]time.Duration{
		"90m":    90 * time.Minute,
		"2h45m":  2*time.Hour + 45*time.Minute,
		"1d2h":   26 * time.Hour,
		"8d":     8 * 24 * time.Hour,
		"1h0m5s": time.Hour + 5*time.Second,
	} {
		var s span
		if err := s.UnmarshalText([]byte(text)); err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		if time.Duration(s) != want {
			t.Errorf("%q read as %v, want %v", text, time.Duration(s), want)
		}
		back, err := s.MarshalText()
		if err != nil {
			t.Errorf("%q: write: %v", text, err)
			continue
		}
		var again span
		if err := again.UnmarshalText(back); err != nil || again != s {
			t.Errorf("%q written as %q, which reads back as %v (%v)", text, back, time.Duration(again), err)
		}
	}
	if b, _ := span(26*time.Hour + 30*time.Minute).MarshalText(); string(b) != "1d2h30m" {
		t.Errorf("26h30m written as %q, want 1d2h30m", b)
	}
	for _, bad := range []string{"", "2 jam", "1h1d", "h", "1.5h", "-3h"} {
		var s span
		if err := s.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("%q read as %v, want an error", bad, time.Duration(s))
		}
	}
}

const minimalIssue = `title: Judul
summary: Ringkasan.
kind: COMPLAINT
category: kesehatan
status: NEW
sources:
  - platform: OTHER
    detected_before: 2h
    claim_text: Klaim.
`

func TestLoadIssuesOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"issues/a.yaml": {Data: []byte(minimalIssue + "logged_days_ago: 5\n")},
		"issues/b.yaml": {Data: []byte(minimalIssue + "logged_days_ago: 10\n")},
		"issues/c.yaml": {Data: []byte(strings.Replace(minimalIssue, "status: NEW", "status: DUPLICATE\nduplicate_of: b", 1) + "logged_days_ago: 10\n")},
		"issues/d.yml":  {Data: []byte("not an issue file: the extension differs")},
	}
	issues, ids, err := loadIssues(fsys, "issues")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range issues {
		got = append(got, d.Status)
	}
	if len(issues) != 3 || issues[0].LoggedDaysAgo != 10 || issues[1].Status != "DUPLICATE" || issues[2].LoggedDaysAgo != 5 {
		t.Fatalf("issues in the order %v, want b, c, a", got)
	}
	if strings.Join(ids, ",") != "b,c,a" {
		t.Errorf("file names %v, want b, c, a", ids)
	}
	if issues[1].DuplicateOf != 0 {
		t.Errorf("duplicate_of b read as index %d, want 0", issues[1].DuplicateOf)
	}
	if s := issues[0].Sources; len(s) != 1 || s[0].DetectedBefore != 2*time.Hour || s[0].Platform != "OTHER" {
		t.Errorf("sources read as %+v", s)
	}
	if issues[0].Response != nil || issues[0].Questions != nil {
		t.Errorf("absent response and questions read as %+v, %+v", issues[0].Response, issues[0].Questions)
	}
}

func TestLoadIssuesErrors(t *testing.T) {
	for name, tc := range map[string]struct{ file, want string }{
		"misspelt key":        {minimalIssue + "loged_days_ago: 5\n", "loged_days_ago"},
		"bad duration":        {minimalIssue + "logged_days_ago: 5\nassign_after: 2 jam\n", "2 jam"},
		"unknown duplicate":   {minimalIssue + "logged_days_ago: 5\nduplicate_of: nowhere\n", "nowhere.yaml"},
		"number not a number": {minimalIssue + "logged_days_ago: kemarin\n", "kemarin"},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := loadIssues(fstest.MapFS{"issues/x.yaml": {Data: []byte(tc.file)}}, "issues")
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "issues/x.yaml") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not name the file and %q", err, tc.want)
			}
		})
	}
	if _, _, err := loadIssues(fstest.MapFS{}, "issues"); err == nil {
		t.Error("no error for a folder without issue files")
	}
}

// BenchmarkLoadIssues measures reading the issue files, which every program
// importing the package does once when it starts.
func BenchmarkLoadIssues(b *testing.B) {
	for b.Loop() {
		if _, _, err := loadIssues(content, "content/issues"); err != nil {
			b.Fatal(err)
		}
	}
}
