package ratelimit

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock tests move by hand; it is safe for concurrent use.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// MustLimiter returns a Limiter whose clock is the returned fakeClock.
func MustLimiter(tb testing.TB, limit int, window time.Duration, opts ...Option) (*Limiter, *fakeClock) {
	tb.Helper()
	clock := &fakeClock{now: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)}
	l := New(limit, window, opts...)
	l.SetClock(clock.Now)
	return l, clock
}

func mustAllow(tb testing.TB, l *Limiter, key string) {
	tb.Helper()
	if ok, retryAfter := l.Allow(key); !ok {
		tb.Fatalf("Allow(%q) = false, %v; want true", key, retryAfter)
	}
}

func mustRefuse(tb testing.TB, l *Limiter, key string) time.Duration {
	tb.Helper()
	ok, retryAfter := l.Allow(key)
	if ok {
		tb.Fatalf("Allow(%q) = true; want false", key)
	}
	if retryAfter <= 0 || retryAfter > l.window {
		tb.Fatalf("Allow(%q) retryAfter = %v; want in (0, %v]", key, retryAfter, l.window)
	}
	return retryAfter
}

func TestLimiterAllow(t *testing.T) {
	t.Run("OKUpToLimit", func(t *testing.T) {
		l, _ := MustLimiter(t, 5, time.Minute)
		for range 5 {
			mustAllow(t, l, "login:a@example.go.id")
		}
		if retryAfter := mustRefuse(t, l, "login:a@example.go.id"); retryAfter != time.Minute {
			t.Errorf("retryAfter right after the burst = %v; want the whole window", retryAfter)
		}
	})

	t.Run("RetryAfterShrinks", func(t *testing.T) {
		l, clock := MustLimiter(t, 2, time.Minute)
		mustAllow(t, l, "k")
		clock.Advance(20 * time.Second)
		mustAllow(t, l, "k")
		if retryAfter := mustRefuse(t, l, "k"); retryAfter != 40*time.Second {
			t.Errorf("retryAfter = %v; want 40s, the rest of the window opened by the first attempt", retryAfter)
		}
		clock.Advance(39 * time.Second)
		if retryAfter := mustRefuse(t, l, "k"); retryAfter != time.Second {
			t.Errorf("retryAfter = %v; want 1s", retryAfter)
		}
	})

	t.Run("OKAfterWindow", func(t *testing.T) {
		l, clock := MustLimiter(t, 3, time.Minute)
		for range 3 {
			mustAllow(t, l, "k")
		}
		retryAfter := mustRefuse(t, l, "k")
		clock.Advance(retryAfter - time.Nanosecond)
		mustRefuse(t, l, "k")
		clock.Advance(time.Nanosecond)
		for range 3 {
			mustAllow(t, l, "k")
		}
		mustRefuse(t, l, "k")
	})

	t.Run("RefusalsAreNotCounted", func(t *testing.T) {
		l, clock := MustLimiter(t, 1, time.Minute)
		mustAllow(t, l, "k")
		for range 100 {
			mustRefuse(t, l, "k")
		}
		clock.Advance(time.Minute)
		mustAllow(t, l, "k")
	})

	t.Run("KeysIndependent", func(t *testing.T) {
		l, _ := MustLimiter(t, 2, time.Minute)
		mustAllow(t, l, "addr:192.0.2.1")
		mustAllow(t, l, "addr:192.0.2.1")
		mustRefuse(t, l, "addr:192.0.2.1")
		mustAllow(t, l, "addr:192.0.2.2")
		mustAllow(t, l, "account:pic@dinkes.example.go.id")
		mustAllow(t, l, "addr:192.0.2.2")
		mustRefuse(t, l, "addr:192.0.2.2")
		mustRefuse(t, l, "addr:192.0.2.1")
	})
}

func TestLimiterPeek(t *testing.T) {
	l, clock := MustLimiter(t, 2, time.Minute)
	if ok, _ := l.Peek("k"); !ok {
		t.Fatal("Peek of an unknown key = false")
	}
	for range 10 {
		l.Peek("k")
	}
	mustAllow(t, l, "k")
	if ok, _ := l.Peek("k"); !ok {
		t.Fatal("Peek with one attempt left = false")
	}
	mustAllow(t, l, "k")
	clock.Advance(15 * time.Second)
	ok, retryAfter := l.Peek("k")
	if ok || retryAfter != 45*time.Second {
		t.Fatalf("Peek at the limit = %v, %v; want false, 45s", ok, retryAfter)
	}
	clock.Advance(45 * time.Second)
	if ok, _ := l.Peek("k"); !ok {
		t.Fatal("Peek after the window = false")
	}
}

func TestLimiterReset(t *testing.T) {
	l, _ := MustLimiter(t, 2, time.Minute)
	mustAllow(t, l, "a")
	mustAllow(t, l, "a")
	mustAllow(t, l, "b")
	mustAllow(t, l, "b")
	mustRefuse(t, l, "a")
	l.Reset("a")
	mustAllow(t, l, "a")
	mustAllow(t, l, "a")
	mustRefuse(t, l, "a")
	mustRefuse(t, l, "b")
	l.Reset("unknown")
	if got := l.Len(); got != 2 {
		t.Errorf("Len = %d; want 2", got)
	}
}

func TestLimiterMemoryBounded(t *testing.T) {
	t.Run("OKEndedWindowsReclaimed", func(t *testing.T) {
		l, clock := MustLimiter(t, 1, time.Minute)
		for i := range 1000 {
			l.Allow(fmt.Sprintf("addr:%d", i))
		}
		if got := l.Len(); got != 1000 {
			t.Fatalf("Len = %d; want 1000", got)
		}
		clock.Advance(time.Minute)
		for i := range 1000 {
			l.Allow(fmt.Sprintf("addr:new-%d", i))
		}
		if got := l.Len(); got != 1000 {
			t.Errorf("Len after every earlier window ended = %d; want only the 1000 new keys", got)
		}
	})

	t.Run("OKFullRefusesNewKeysNotOld", func(t *testing.T) {
		l, clock := MustLimiter(t, 2, time.Minute, WithCapacity(3))
		for _, key := range []string{"a", "b", "c"} {
			mustAllow(t, l, key)
			clock.Advance(time.Second)
		}
		// Keys arriving while the table is full share one overflow
		// allowance of the limit.
		mustAllow(t, l, "d")
		mustAllow(t, l, "e")
		if wait := mustRefuse(t, l, "f"); wait != 57*time.Second {
			t.Errorf("retryAfter of a new key = %v; want 57s, until the first held window ends", wait)
		}
		if got := l.Len(); got != 3 {
			t.Fatalf("Len = %d; want the capacity of 3", got)
		}
		// The held keys keep their counts.
		mustAllow(t, l, "a")
		mustRefuse(t, l, "a")
		clock.Advance(57 * time.Second)
		mustAllow(t, l, "f")
		mustAllow(t, l, "b")
		mustRefuse(t, l, "b")
	})

	t.Run("OKDefaultCapacity", func(t *testing.T) {
		l, _ := MustLimiter(t, 1, time.Hour)
		if got := l.Capacity(); got > DefaultCapacity || got < DefaultCapacity*99/100 {
			t.Fatalf("Capacity = %d; want about %d", got, DefaultCapacity)
		}
	})
}

// TestFaultFloodKeepsVictimCount floods the limiter with more distinct keys
// than it can hold, as a client with many addresses would to wipe out the
// count of one it is limited on: the count survives and memory stays within
// the capacity.
func TestFaultFloodKeepsVictimCount(t *testing.T) {
	const limit, flood = 5, 110_000
	l, _ := MustLimiter(t, limit, time.Hour)
	victim := "submitQuestion|addr:198.51.100.7"
	for range 3 {
		mustAllow(t, l, victim)
	}
	floodAllowed := 0
	for i := range flood {
		if ok, _ := l.Allow(fmt.Sprintf("submitQuestion|addr:10.%d.%d.%d", i>>16, i>>8&255, i&255)); ok {
			floodAllowed++
		}
	}
	allowed := 0
	for range 50 {
		if ok, _ := l.Allow(victim); ok {
			allowed++
		}
	}
	if allowed != limit-3 {
		t.Errorf("after the flood the victim got %d more attempts; want %d, what was left of its window", allowed, limit-3)
	}
	if got, capacity := l.Len(), l.Capacity(); got > capacity || capacity > DefaultCapacity {
		t.Errorf("Len = %d with capacity %d; want at most %d", got, capacity, DefaultCapacity)
	}
	if most := l.Capacity() + len(l.counts.shards)*limit; floodAllowed > most {
		t.Errorf("the flood got %d attempts; want at most %d (one per held key plus the overflow allowances)", floodAllowed, most)
	}
}

func TestLimiterConcurrent(t *testing.T) {
	const (
		limit      = 50
		goroutines = 8
		attempts   = 100
		keys       = 4
	)
	l, clock := MustLimiter(t, limit, time.Minute)
	var allowed [keys]atomic.Int64
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range attempts {
				key := i % keys
				if ok, _ := l.Allow(fmt.Sprintf("key-%d", key)); ok {
					allowed[key].Add(1)
				}
				l.Peek(fmt.Sprintf("key-%d", (key+g)%keys))
				if i%37 == 0 {
					l.Reset(fmt.Sprintf("other-%d", g))
					clock.Advance(time.Millisecond)
				}
			}
		})
	}
	wg.Wait()
	for key := range keys {
		if got := allowed[key].Load(); got != limit {
			t.Errorf("key-%d: %d attempts allowed; want exactly %d", key, got, limit)
		}
	}
}

func TestNewPanics(t *testing.T) {
	for _, tt := range []struct {
		limit  int
		window time.Duration
	}{{0, time.Minute}, {-1, time.Minute}, {1, 0}, {1, -time.Second}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("New(%d, %v) did not panic", tt.limit, tt.window)
				}
			}()
			New(tt.limit, tt.window)
		}()
	}
}
