package ratelimit

import (
	"container/heap"
	"context"
	"log/slog"
	"sync/atomic"
	"time"
)

// Store keeps attempt counts where every instance of the service sees them,
// such as a database table. Keys reach it as the caller gave them, client
// addresses included: a Store that writes them down should hash them.
type Store interface {
	// AddAttempts adds n attempts to key's window and returns the window's
	// total and when it ends. When key has no window, or its window ended
	// at or before now, a new one opens at now and lasts length.
	AddAttempts(ctx context.Context, key string, n int, now time.Time, length time.Duration) (total int, end time.Time, err error)
	// Attempts returns the total of key's window open at now, zero if there
	// is none.
	Attempts(ctx context.Context, key string, now time.Time) (total int, end time.Time, err error)
	// ResetAttempts forgets key's window.
	ResetAttempts(ctx context.Context, key string) error
	// PruneAttempts deletes every window that ended at or before now and
	// returns how many there were.
	PruneAttempts(ctx context.Context, now time.Time) (int64, error)
}

// StoreTimeout bounds each call to a Store; a slower answer counts as a
// failure.
const StoreTimeout = 2 * time.Second

// storePause is how long a Limiter counts in memory alone after its Store
// failed, so that requests do not each wait for a store that is down.
const storePause = 5 * time.Second

// WithStore counts in s, so that every instance sharing s enforces one
// limit. A nil s leaves the Limiter in memory.
//
// batch is how many attempts of one key an instance admits on its own before
// adding them to s in one write; 1 asks s before every attempt and is exact.
// A larger batch saves writes where the limit is high and most callers never
// reach batch attempts in a window, at a bounded cost: per key and instance,
// up to batch-1 attempts may pass beyond the limit, and as many go uncounted
// when the key's window ends before they were added. Once s reports a key's
// limit reached, the instance refuses the key until the window ends without
// asking s again. The memory table then holds only these batches and
// refusals; a key that finds it full is counted in s directly.
//
// When s fails or takes longer than StoreTimeout, the attempt is counted in
// this instance's memory as a memory limiter would, the Limiter keeps
// counting there for a few seconds before it tries s again, and a warning is
// logged at most once a minute. The limit then holds per instance: with N
// instances a key may make up to N times the limit.
func WithStore(s Store, batch int) Option {
	return func(l *Limiter) {
		if s != nil {
			l.shared = &shared{store: s, batch: max(1, batch)}
		}
	}
}

// shared is the part of a Limiter that counts in a Store.
type shared struct {
	store    Store
	batch    int
	fallback *table // counts while the store fails
	// downUntil is when to try the store again after a failure, and
	// warnedAt when a failure was last logged, in Unix nanoseconds.
	downUntil atomic.Int64
	warnedAt  atomic.Int64
}

func (s *shared) allow(ctx context.Context, l *Limiter, key string, now int64) (bool, time.Duration) {
	if s.down(now) {
		return s.fallback.allow(key, now, l.limit, l.window)
	}
	e, due, wait := l.counts.take(key, now, l.window, s.batch)
	switch {
	case wait > 0:
		return false, wait
	case due == 0:
		return true, 0
	}
	ctx, cancel := context.WithTimeout(ctx, StoreTimeout)
	defer cancel()
	total, end, err := s.store.AddAttempts(ctx, storeKey(l, key), due, time.Unix(0, now), l.window)
	if err != nil {
		s.failed(ctx, now, err)
		return s.fallback.allow(key, now, l.limit, l.window)
	}
	if e != nil {
		l.counts.settle(e, now, end.UnixNano(), total >= l.limit)
	}
	if total > l.limit {
		return false, time.Duration(end.UnixNano() - now)
	}
	return true, 0
}

func (s *shared) peek(l *Limiter, key string, now int64) (bool, time.Duration) {
	if s.down(now) {
		return s.fallback.peek(key, now, l.limit)
	}
	local := l.counts.local(key, now)
	if local.exhausted {
		return false, time.Duration(local.end - now)
	}
	ctx, cancel := context.WithTimeout(context.Background(), StoreTimeout)
	defer cancel()
	total, end, err := s.store.Attempts(ctx, storeKey(l, key), time.Unix(0, now))
	if err != nil {
		s.failed(ctx, now, err)
		return s.fallback.peek(key, now, l.limit)
	}
	if total+local.count < l.limit {
		return true, 0
	}
	if total == 0 {
		return false, time.Duration(local.end - now)
	}
	return false, time.Duration(end.UnixNano() - now)
}

func (s *shared) reset(l *Limiter, key string) {
	now := l.clock()
	s.fallback.forget(key, now)
	ctx, cancel := context.WithTimeout(context.Background(), StoreTimeout)
	defer cancel()
	if err := s.store.ResetAttempts(ctx, storeKey(l, key)); err != nil {
		s.failed(ctx, now, err)
	}
}

func (s *shared) down(now int64) bool { return now < s.downUntil.Load() }

// failed pauses the store and logs why, without the key: it holds a client
// address.
func (s *shared) failed(ctx context.Context, now int64, err error) {
	s.downUntil.Store(now + int64(storePause))
	last := s.warnedAt.Load()
	if now-last >= int64(time.Minute) && s.warnedAt.CompareAndSwap(last, now) {
		slog.WarnContext(ctx, "rate limit counted by this instance alone: its shared store failed",
			"error", err, "retry_in", storePause.String())
	}
}

// storeKey puts the window's length in the key, so that a limit whose
// window is changed starts afresh instead of inheriting a longer window.
func storeKey(l *Limiter, key string) string { return l.window.String() + "|" + key }

// take counts an attempt of key toward a shared limiter. It answers a wait
// when the store already reported the key's limit reached; otherwise due is
// how many attempts must now be added to the store, zero when the attempt
// is admitted on its own as part of a batch. e is the key's entry to settle
// afterwards, nil when the table is full and the key is not held.
func (t *table) take(key string, now int64, length time.Duration, batch int) (e *entry, due int, wait time.Duration) {
	s := t.shard(key, now)
	defer s.mu.Unlock()
	e = s.entries[key]
	switch {
	case e != nil && e.exhausted:
		return nil, 0, time.Duration(e.end - now)
	case e == nil && len(s.entries) >= t.perShard:
		return nil, 1, 0
	case e == nil:
		e = s.insert(key, window{end: now + int64(length)})
	}
	e.count++
	if e.count < batch {
		return e, 0, 0
	}
	due, e.count = e.count, 0
	return e, due, 0
}

// settle records what the store answered for e: when its window ends and
// whether the limit is reached. An entry reclaimed meanwhile is left alone.
func (t *table) settle(e *entry, now, end int64, exhausted bool) {
	s := t.shard(e.key, now)
	defer s.mu.Unlock()
	if s.entries[e.key] != e {
		return
	}
	e.end, e.exhausted = end, exhausted
	heap.Fix(&s.ends, e.index)
}

// local returns a copy of key's entry, its zero value when there is none.
func (t *table) local(key string, now int64) entry {
	s := t.shard(key, now)
	defer s.mu.Unlock()
	if e := s.entries[key]; e != nil {
		return *e
	}
	return entry{}
}

// Prune deletes the ended windows of s every interval until ctx ends. One
// goroutine per process is enough; several instances pruning the same store
// do no harm.
func Prune(ctx context.Context, s Store, every time.Duration) {
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		if _, err := s.PruneAttempts(pctx, time.Now()); err != nil && ctx.Err() == nil {
			slog.WarnContext(ctx, "ended rate-limit windows not pruned", "error", err)
		}
		cancel()
	}
}
