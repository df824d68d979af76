package models

import (
	"strings"
	"testing"
	"time"
)

// TestFaultRequireText checks that text which shows nothing, or that a
// database cannot store, is refused, and that format characters do not
// make up a minimum length.
func TestFaultRequireText(t *testing.T) {
	for _, bad := range []string{
		strings.Repeat("\u200b", 10), strings.Repeat("\u200c\u200d", 5), strings.Repeat("\u2060", 10), strings.Repeat("\ufeff", 10),
		strings.Repeat("\u00ad", 10), strings.Repeat("\u202e", 10), " \t\n\u200b ", "\u3000\u3000\u3000\u3000\u3000",
		"Judul\x00isu", "Judul \xff isu", "a\u200b\u200b\u200b\u200b",
	} {
		if got, err := RequireText("title", bad, 5, 200); err == nil || ErrorField(err) != "title" {
			t.Errorf("%q accepted as %q (%v)", bad, got, err)
		}
	}
	for in, want := range map[string]string{
		"Judul isu":                "Judul isu",
		"\ufeff Judul isu \u200b":  "Judul isu",
		"Isu A":                    "Isu A",
		"👩\u200d👩\u200d👧 keluarga": "👩\u200d👩\u200d👧 keluarga",
	} {
		got, err := RequireText("title", in, 5, 200)
		if err != nil || got != want {
			t.Errorf("%q: got %q, %v; want %q", in, got, err, want)
		}
	}
	// An optional field made only of invisible characters is simply empty.
	if got, err := RequireText("accountHandle", "\u200b\u200b", 0, 200); err != nil || got != "" {
		t.Errorf("optional invisible text: %q, %v", got, err)
	}
	if _, err := RequireSource("body", strings.Repeat("\u2060", 40), 20, 20000); err == nil {
		t.Error("a Markdown body of word joiners was accepted")
	}
}

// TestFaultTimeRanges checks the bounds of event times and period times.
func TestFaultTimeRanges(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	for _, bad := range []time.Time{{}, time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC), now.Add(25 * time.Hour), time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if CheckEventTime("detectedAt", bad, now) == nil {
			t.Errorf("event time %s accepted", bad)
		}
	}
	for _, ok := range []time.Time{EarliestEventTime, now, now.Add(23 * time.Hour)} {
		if err := CheckEventTime("detectedAt", ok, now); err != nil {
			t.Errorf("event time %s refused: %v", ok, err)
		}
	}
	if CheckPeriodTime("from", time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)) == nil || CheckPeriodTime("to", time.Date(2200, 1, 2, 0, 0, 0, 0, time.UTC)) == nil {
		t.Error("a period bound outside 1900–2200 was accepted")
	}
	if CheckPeriodTime("from", time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)) != nil {
		t.Error("1950 refused as a period bound")
	}
	if !ClampTime(UnreadableTime).Equal(EarliestTime) || !ClampTime(time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)).Equal(LatestTime) {
		t.Error("clamping does not reach the bounds")
	}
}
