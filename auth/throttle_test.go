package auth_test

import (
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
)

// mustThrottle returns a throttle with the default settings on a clock the
// test moves.
func mustThrottle(t *testing.T, now *time.Time) *auth.LoginThrottle {
	t.Helper()
	throttle, err := auth.NewLoginThrottle(auth.DefaultLoginThrottleConfig())
	if err != nil {
		t.Fatal(err)
	}
	throttle.SetClock(func() time.Time { return *now })
	return throttle
}

// fail makes one failed attempt, which must be let through.
func fail(t *testing.T, throttle *auth.LoginThrottle, account, addr string) {
	t.Helper()
	attempt, wait := throttle.Begin(account, addr)
	if attempt == nil {
		t.Fatalf("attempt of %s from %s refused for %v", account, addr, wait)
	}
	attempt.Failed()
}

func TestLoginThrottle(t *testing.T) {
	t.Run("DoublingWaits", func(t *testing.T) {
		now := testNow
		throttle := mustThrottle(t, &now)
		for range 5 {
			fail(t, throttle, "a@x.id", "10.0.0.1")
		}
		for _, want := range []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute} {
			if attempt, wait := throttle.Begin("a@x.id", "10.0.0.1"); attempt != nil || wait != want {
				t.Fatalf("wait %v (attempt %v), want %v", wait, attempt != nil, want)
			}
			now = now.Add(want)
			fail(t, throttle, "a@x.id", "10.0.0.1")
		}
	})

	t.Run("CappedAtAnHour", func(t *testing.T) {
		now := testNow
		throttle := mustThrottle(t, &now)
		for range 40 {
			fail(t, throttle, "a@x.id", "10.0.0.1")
			now = now.Add(2 * time.Hour)
		}
		now = now.Add(-2 * time.Hour)
		if _, wait := throttle.Begin("a@x.id", "10.0.0.1"); wait != time.Hour {
			t.Errorf("wait after 40 failures %v, want the 1 h cap", wait)
		}
	})

	t.Run("SuccessForgetsAccountFailures", func(t *testing.T) {
		now := testNow
		throttle := mustThrottle(t, &now)
		for range 4 {
			fail(t, throttle, "a@x.id", "10.0.0.1")
		}
		attempt, _ := throttle.Begin("a@x.id", "10.0.0.1")
		attempt.Succeeded()
		for range 5 {
			fail(t, throttle, "a@x.id", "10.0.0.1")
		}
	})

	t.Run("CleanContextWaitsTwoMinutesAtMost", func(t *testing.T) {
		now := testNow
		throttle := mustThrottle(t, &now)
		// Guesses from many addresses, each below its own allowance.
		for i := range 30 {
			fail(t, throttle, "a@x.id", "10.0.1."+string(rune('a'+i)))
			now = now.Add(30 * time.Minute)
		}
		now = now.Add(-30 * time.Minute)
		if _, wait := throttle.Begin("a@x.id", "10.9.9.9"); wait != 2*time.Minute {
			t.Errorf("a fresh address waits %v, want the 2 min cap", wait)
		}
		if _, wait := throttle.Begin("a@x.id", "10.0.1.a"); wait != 15*time.Minute {
			t.Errorf("an address with failures of its own waits %v, want the 15 min cap", wait)
		}
	})

	t.Run("KnownGoodContextIsNotSlowed", func(t *testing.T) {
		now := testNow
		throttle := mustThrottle(t, &now)
		attempt, _ := throttle.Begin("a@x.id", "10.0.0.1")
		attempt.Succeeded()
		for i := range 5 {
			fail(t, throttle, "a@x.id", "10.0.2."+string(rune('a'+i)))
		}
		if attempt, wait := throttle.Begin("a@x.id", "10.0.0.1"); attempt == nil {
			t.Fatalf("the known-good address waits %v", wait)
		} else {
			attempt.Abandon()
		}
	})

	t.Run("ParallelAttemptsCountAsFailuresToCome", func(t *testing.T) {
		now := testNow
		throttle := mustThrottle(t, &now)
		var admitted []*auth.LoginAttempt
		for range 50 {
			if attempt, _ := throttle.Begin("a@x.id", "10.0.0.1"); attempt != nil {
				admitted = append(admitted, attempt)
			}
		}
		if len(admitted) != 5 {
			t.Fatalf("%d parallel attempts let through, want 5", len(admitted))
		}
		if _, wait := throttle.Begin("a@x.id", "10.0.0.1"); wait != time.Second {
			t.Errorf("wait while 5 attempts are in flight %v, want 1 s", wait)
		}
		for _, a := range admitted {
			a.Failed()
			a.Failed() // a second outcome counts for nothing
		}
		if _, wait := throttle.Begin("a@x.id", "10.0.0.1"); wait != 30*time.Second {
			t.Errorf("wait after the 5 failed %v, want 30 s", wait)
		}
	})

	t.Run("AbandonCountsForNothing", func(t *testing.T) {
		now := testNow
		throttle := mustThrottle(t, &now)
		for range 20 {
			attempt, wait := throttle.Begin("a@x.id", "10.0.0.1")
			if attempt == nil {
				t.Fatalf("refused for %v after abandoned attempts", wait)
			}
			attempt.Abandon()
		}
		if n := throttle.Len(); n != 0 {
			t.Errorf("%d buckets kept after abandoned attempts only", n)
		}
	})

	t.Run("AddressFailuresAreForgottenAfterAnHour", func(t *testing.T) {
		now := testNow
		throttle := mustThrottle(t, &now)
		for i := range 20 {
			fail(t, throttle, "user"+string(rune('a'+i))+"@x.id", "10.0.0.1")
		}
		if attempt, _ := throttle.Begin("other@x.id", "10.0.0.1"); attempt != nil {
			t.Fatal("21st account guessed from one address was let through")
		}
		now = now.Add(time.Hour)
		if attempt, wait := throttle.Begin("other@x.id", "10.0.0.1"); attempt == nil {
			t.Fatalf("an hour later the address still waits %v", wait)
		}
	})

	t.Run("BoundedMemory", func(t *testing.T) {
		now := testNow
		cfg := auth.DefaultLoginThrottleConfig()
		cfg.MaxKeys = 30
		throttle, err := auth.NewLoginThrottle(cfg)
		if err != nil {
			t.Fatal(err)
		}
		throttle.SetClock(func() time.Time { return now })
		for i := range 100 {
			fail(t, throttle, "u"+string(rune(i))+"@x.id", "10.0.0."+string(rune(i)))
		}
		if n := throttle.Len(); n > 30 {
			t.Errorf("%d buckets kept, want at most 30", n)
		}
	})

	t.Run("ErrSettings", func(t *testing.T) {
		cfg := auth.DefaultLoginThrottleConfig()
		cfg.BaseDelay = 0
		if _, err := auth.NewLoginThrottle(cfg); err == nil {
			t.Error("a zero base delay was accepted")
		}
	})
}
