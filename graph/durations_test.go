package graph

import (
	"testing"
	"time"
)

func TestDurationTexts(t *testing.T) {
	for _, c := range []struct {
		d       time.Duration
		working bool
		want    string
	}{
		{40 * time.Hour, true, "5 hari kerja"},
		{40 * time.Hour, false, "1 hari 16 jam"},
		{9*time.Hour + 30*time.Minute, true, "1 hari kerja 1 jam"},
		{90 * time.Minute, true, "1 jam 30 menit"},
		{30 * time.Second, true, "kurang dari 1 menit"},
	} {
		got := durationText(c.d)
		if c.working {
			got = workingDuration(&c.d).Text
		}
		if got != c.want {
			t.Errorf("%v (working %v): %q, want %q", c.d, c.working, got, c.want)
		}
	}
}
