package webhook_test

import (
	"testing"
	"time"

	"github.com/kotabaru/tanggap/webhook"
)

func TestBackoff(t *testing.T) {
	var total time.Duration
	for i, base := range webhook.Schedule {
		if i > 0 && base <= webhook.Schedule[i-1] {
			t.Errorf("Schedule[%d] = %v does not grow", i, base)
		}
		total += base
		for range 20 {
			wait, ok := webhook.Backoff(i + 1)
			if !ok || wait < base || wait > base+base/10 {
				t.Fatalf("Backoff(%d) = %v %v, want within [%v, %v]", i+1, wait, ok, base, base+base/10)
			}
		}
	}
	if total < 24*time.Hour {
		t.Fatalf("the schedule spans %v, want at least 24 h", total)
	}
	if _, ok := webhook.Backoff(webhook.MaxAttempts); ok {
		t.Fatalf("Backoff(%d) still retries after the last attempt", webhook.MaxAttempts)
	}
	if _, ok := webhook.Backoff(0); ok {
		t.Fatal("Backoff(0) retries before any failure")
	}
}
