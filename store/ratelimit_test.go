package store_test

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

func TestAttempts(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		add := func(key string, n int, now time.Time) (int, time.Time) {
			t.Helper()
			total, end, err := db.AddAttempts(ctx, key, n, now, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			return total, end
		}

		t.Run("OKWindowOpensAtFirstAttempt", func(t *testing.T) {
			if total, end := add("a", 1, start); total != 1 || !end.Equal(start.Add(time.Hour)) {
				t.Fatalf("first attempt: total %d, end %v", total, end)
			}
			if total, end := add("a", 3, start.Add(20*time.Minute)); total != 4 || !end.Equal(start.Add(time.Hour)) {
				t.Fatalf("later in the window: total %d, end %v; want 4 and the first window's end", total, end)
			}
			if total, _, err := db.Attempts(ctx, "a", start.Add(30*time.Minute)); err != nil || total != 4 {
				t.Fatalf("Attempts = %d, %v; want 4", total, err)
			}
			if total, _ := add("b", 1, start); total != 1 {
				t.Fatalf("another key shares the count: %d", total)
			}
		})

		t.Run("OKNewWindowAfterEnd", func(t *testing.T) {
			next := start.Add(time.Hour)
			if total, _, err := db.Attempts(ctx, "a", next); err != nil || total != 0 {
				t.Fatalf("Attempts at the window's end = %d, %v; want 0", total, err)
			}
			if total, end := add("a", 1, next); total != 1 || !end.Equal(next.Add(time.Hour)) {
				t.Fatalf("after the window: total %d, end %v; want a fresh window", total, end)
			}
		})

		t.Run("OKReset", func(t *testing.T) {
			add("c", 5, start)
			if err := db.ResetAttempts(ctx, "c"); err != nil {
				t.Fatal(err)
			}
			if total, _ := add("c", 1, start); total != 1 {
				t.Fatalf("after reset: total %d", total)
			}
		})

		t.Run("OKPrune", func(t *testing.T) {
			later := start.Add(3 * time.Hour)
			add("fresh", 1, later)
			n, err := db.PruneAttempts(ctx, later)
			if err != nil || n == 0 {
				t.Fatalf("PruneAttempts = %d, %v; want the ended windows", n, err)
			}
			var rows int
			if err := db.Bun().NewRaw("SELECT count(*) FROM rate_limits").Scan(ctx, &rows); err != nil || rows != 1 {
				t.Fatalf("rows after pruning = %d, %v; want only the open window", rows, err)
			}
		})

		t.Run("OKKeysHashed", func(t *testing.T) {
			add("submitQuestion|addr:203.0.113.77", 1, start)
			var hashes [][]byte
			if err := db.Bun().NewRaw("SELECT key_hash FROM rate_limits").Scan(ctx, &hashes); err != nil {
				t.Fatal(err)
			}
			for _, h := range hashes {
				if bytes.Contains(h, []byte("203.0.113")) || len(h) != 32 {
					t.Fatalf("key stored as %q; want a 32-byte hash", h)
				}
			}
		})

		t.Run("OKConcurrentAddsAllCounted", func(t *testing.T) {
			const writers, each = 8, 25
			var wg sync.WaitGroup
			for range writers {
				wg.Go(func() {
					for range each {
						if _, _, err := db.AddAttempts(ctx, "busy", 1, start, time.Hour); err != nil {
							t.Error(err)
						}
					}
				})
			}
			wg.Wait()
			if total, _, err := db.Attempts(ctx, "busy", start); err != nil || total != writers*each {
				t.Fatalf("total = %d, %v; want %d", total, err, writers*each)
			}
		})
	})
}
