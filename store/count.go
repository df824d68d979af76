package store

import (
	"context"
	"encoding/json"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// countTTL bounds how stale a cached total may be when another process
// changed the data; writes through this process invalidate at once.
const countTTL = 5 * time.Second

// maxCountEntries bounds the cache: filters are chosen by clients, so the
// number of distinct keys is not.
const maxCountEntries = 512

// countCache remembers the totals of issue lists. Counting every match of
// an unfiltered list means reading every public issue, which costs more
// than the page of twenty itself on a large archive; most lists repeat.
type countCache struct {
	// generation is bumped after every committed write, so a total cached
	// before the write is never served after it by this process.
	generation atomic.Uint64

	mu      sync.Mutex
	entries map[string]countEntry
}

type countEntry struct {
	total      int
	generation uint64
	at         time.Time
}

// invalidate forgets every total; it runs after each committed write.
func (c *countCache) invalidate() { c.generation.Add(1) }

// Generation changes after every write this process commits. Caches of
// derived data (pages, totals) compare it to know they are still current;
// writes by other processes are bounded by the caches' own lifetimes.
func (db *DB) Generation() uint64 { return db.counts.generation.Load() }

// Changed tells the caches of derived data that something they may show
// changed outside the store's own writes, such as the search index.
func (db *DB) Changed() { db.counts.invalidate() }

// count returns the total of q's rows for the list identified by key, from
// the cache when it is current.
func (c *countCache) count(ctx context.Context, key string, q *bun.SelectQuery) (int, error) {
	gen := c.generation.Load()
	now := time.Now()
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.generation == gen && now.Sub(e.at) < countTTL {
		return e.total, nil
	}
	n, err := q.Count(ctx)
	total := int(n)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= maxCountEntries {
		c.entries = make(map[string]countEntry)
	}
	c.entries[key] = countEntry{total: total, generation: gen, at: now}
	c.mu.Unlock()
	return total, nil
}

// issueCountKey names a list by what decides its total: the caller's
// visibility class and the filter, not the page position or the order.
func issueCountKey(user *models.User, f models.IssueFilter) string {
	class := "public"
	switch {
	case user.IsStaffReader():
		class = "staff"
	case user != nil && user.Role == models.RolePIC && user.AgencyID != nil:
		class = "pic:" + strconv.FormatInt(*user.AgencyID, 10)
	}
	f.Order, f.First, f.After, f.CountTotal, f.NoCursors = "", 0, "", false, false
	if !f.MineOnly || user == nil || user.AgencyID == nil {
		f.MineOnly = false
	}
	b, _ := json.Marshal(f)
	return class + "|" + string(b)
}
