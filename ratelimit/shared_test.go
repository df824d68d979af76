package ratelimit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// faultyStore is a real database store that counts its writes and fails on
// demand, as a database that went away would.
type faultyStore struct {
	Store
	writes atomic.Int64
	broken atomic.Bool
}

var errDown = errors.New("connection refused")

func (s *faultyStore) AddAttempts(ctx context.Context, key string, n int, now time.Time, length time.Duration) (int, time.Time, error) {
	if s.broken.Load() {
		return 0, time.Time{}, errDown
	}
	s.writes.Add(1)
	return s.Store.AddAttempts(ctx, key, n, now, length)
}

func (s *faultyStore) Attempts(ctx context.Context, key string, now time.Time) (int, time.Time, error) {
	if s.broken.Load() {
		return 0, time.Time{}, errDown
	}
	return s.Store.Attempts(ctx, key, now)
}

// instances returns n limiters sharing db, as n processes of the service
// would, all reading one clock.
func instances(t *testing.T, db *store.DB, n, limit int, window time.Duration, batch int) ([]*Limiter, *faultyStore, *fakeClock) {
	t.Helper()
	shared := &faultyStore{Store: db}
	clock := &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	var ls []*Limiter
	for range n {
		l := New(limit, window, WithStore(shared, batch))
		l.SetClock(clock.Now)
		ls = append(ls, l)
	}
	return ls, shared, clock
}

// TestFaultSharedLimitAcrossInstances: one address spreading its attempts
// over two instances gets the limit once, not once per instance.
func TestFaultSharedLimitAcrossInstances(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		t.Run("OKExact", func(t *testing.T) {
			ls, shared, clock := instances(t, db, 2, 5, time.Hour, 1)
			key := "submitQuestion|addr:203.0.113.9"
			for i := range 5 {
				mustAllow(t, ls[i%2], key)
			}
			clock.Advance(20 * time.Minute)
			if wait := mustRefuse(t, ls[0], key); wait != 40*time.Minute {
				t.Errorf("retryAfter = %v; want 40m, the rest of the window opened by the first attempt", wait)
			}
			mustRefuse(t, ls[1], key)
			writes := shared.writes.Load()
			for range 20 {
				mustRefuse(t, ls[0], key)
				mustRefuse(t, ls[1], key)
			}
			if more := shared.writes.Load() - writes; more != 0 {
				t.Errorf("%d writes for refusals already known; want none", more)
			}
			mustAllow(t, ls[0], "submitQuestion|addr:203.0.113.10")
			clock.Advance(40 * time.Minute)
			mustAllow(t, ls[1], key)
		})

		t.Run("OKConcurrent", func(t *testing.T) {
			ls, _, _ := instances(t, db, 2, 40, time.Hour, 1)
			var allowed atomic.Int64
			var wg sync.WaitGroup
			for g := range 6 {
				wg.Go(func() {
					for range 20 {
						if ok, _ := ls[g%2].AllowContext(t.Context(), "question|addr:198.51.100.1"); ok {
							allowed.Add(1)
						}
					}
				})
			}
			wg.Wait()
			if got := allowed.Load(); got != 40 {
				t.Errorf("%d attempts allowed over two instances; want exactly 40", got)
			}
		})

		t.Run("OKBatchedWithinBound", func(t *testing.T) {
			const limit, batch = 100, 10
			ls, shared, _ := instances(t, db, 2, limit, time.Minute, batch)
			allowed := 0
			for i := range 400 {
				if ok, _ := ls[i%2].Allow("*|addr:192.0.2.50"); ok {
					allowed++
				}
			}
			if allowed < limit || allowed > limit+2*(batch-1) {
				t.Errorf("%d attempts allowed; want between %d and %d", allowed, limit, limit+2*(batch-1))
			}
			if writes := shared.writes.Load(); writes > int64(allowed/batch+2) {
				t.Errorf("%d writes for %d allowed attempts; want about one per batch of %d", writes, allowed, batch)
			}
			// Callers below the batch size cost no write at all.
			before := shared.writes.Load()
			for i := range 500 {
				mustAllow(t, ls[i%2], fmt.Sprintf("*|addr:198.18.0.%d", i%250))
			}
			if more := shared.writes.Load() - before; more != 0 {
				t.Errorf("%d writes for callers who never filled a batch; want none", more)
			}
		})

		t.Run("OKPeekAndReset", func(t *testing.T) {
			ls, _, _ := instances(t, db, 2, 2, time.Hour, 1)
			key := "k"
			mustAllow(t, ls[0], key)
			if ok, _ := ls[1].Peek(key); !ok {
				t.Fatal("Peek with one attempt left = false")
			}
			mustAllow(t, ls[1], key)
			if ok, wait := ls[0].Peek(key); ok || wait != time.Hour {
				t.Fatalf("Peek at the limit on the other instance = %v, %v; want false, 1h", ok, wait)
			}
			ls[1].Reset(key)
			mustAllow(t, ls[1], key)
			mustAllow(t, ls[1], key)
			mustRefuse(t, ls[1], key)
		})
	})
}

// TestFaultSharedStoreDown: while the database fails, each instance counts
// on its own (one warning, no error to the caller), and goes back to the
// database once it answers again.
func TestFaultSharedStoreDown(t *testing.T) {
	db := storetest.MustOpen(t, storetest.Dialects(t)[len(storetest.Dialects(t))-1])
	var logs bytes.Buffer
	defaultLogger := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&logs, nil)))
	t.Cleanup(func() { slog.SetDefault(defaultLogger) })

	ls, shared, clock := instances(t, db, 2, 3, time.Hour, 1)
	key := "submitQuestion|addr:203.0.113.20"
	mustAllow(t, ls[0], key)
	shared.broken.Store(true)
	for _, l := range ls {
		for range 3 {
			mustAllow(t, l, key)
		}
		mustRefuse(t, l, key)
	}
	if n := strings.Count(logs.String(), "rate limit counted by this instance alone"); n != 2 {
		t.Errorf("%d warnings; want one per limiter:\n%s", n, logs.String())
	}
	if strings.Contains(logs.String(), "203.0.113") {
		t.Errorf("the warning names the client address:\n%s", logs.String())
	}

	shared.broken.Store(false)
	clock.Advance(storePause)
	// The database still holds the one attempt counted before it failed.
	mustAllow(t, ls[1], key)
	mustAllow(t, ls[0], key)
	mustRefuse(t, ls[1], key)
	if shared.writes.Load() < 3 {
		t.Errorf("the database was not asked again once it answered")
	}
}

func TestPrune(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	ctx, cancel := context.WithCancel(t.Context())
	past := time.Now().Add(-2 * time.Hour)
	if _, _, err := db.AddAttempts(ctx, "old", 1, past, time.Hour); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Prune(ctx, db, time.Millisecond)
	}()
	for {
		var rows int
		if err := db.Bun().NewRaw("SELECT count(*) FROM rate_limits").Scan(t.Context(), &rows); err != nil {
			t.Fatal(err)
		}
		if rows == 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
}
