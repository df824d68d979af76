// Package ratelimit counts attempts per key and refuses them once a key has
// used up its allowance, for example calls to one operation per network
// address or per account. Counts live in memory, bounded, or in a Store that
// every instance of the service shares.
package ratelimit

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"
)

// DefaultCapacity is how many keys a Limiter keeps in memory at most.
const DefaultCapacity = 100_000

// Limiter allows at most limit attempts per key in a fixed window. A key's
// window opens with its first attempt and lasts the window's length; once it
// has passed, the next attempt opens a new one with a fresh count. Refused
// attempts are not counted, so a caller who keeps trying is let in again as
// soon as the window ends. A fixed window can let up to twice the limit
// through around the moment one window gives way to the next; the long-run
// rate never exceeds limit per window.
//
// Memory is bounded by the capacity (DefaultCapacity unless WithCapacity
// says otherwise). Ended windows are reclaimed as they are met, and a live
// window is never dropped to make room: while the table is full, keys it
// does not know share one overflow allowance of limit attempts per window
// (per shard of the table), so a flood of new addresses cannot wipe out the
// count of one being limited.
//
// With WithStore the counts live in a Store shared by every instance, and
// memory only batches attempts before they are added to it; see WithStore.
// A Limiter is safe for concurrent use.
type Limiter struct {
	limit  int
	window time.Duration
	now    atomic.Pointer[func() time.Time]
	// counts holds every window of a memory limiter, or the batches and
	// known-exhausted windows of a shared one.
	counts *table
	shared *shared // nil for a memory limiter
}

// Option configures a Limiter.
type Option func(*Limiter)

// WithCapacity bounds how many keys the Limiter keeps in memory. It panics
// if keys is not positive.
func WithCapacity(keys int) Option {
	if keys <= 0 {
		panic(fmt.Sprintf("ratelimit: capacity must be positive, got %d", keys))
	}
	return func(l *Limiter) { l.counts = newTable(keys) }
}

// New returns a Limiter that allows limit attempts per key in each window.
// It panics if limit or window is not positive.
func New(limit int, window time.Duration, opts ...Option) *Limiter {
	if limit <= 0 || window <= 0 {
		panic(fmt.Sprintf("ratelimit: limit and window must be positive, got %d and %v", limit, window))
	}
	l := &Limiter{limit: limit, window: window}
	l.SetClock(nil)
	for _, opt := range opts {
		opt(l)
	}
	if l.counts == nil {
		l.counts = newTable(DefaultCapacity)
	}
	if l.shared != nil {
		l.shared.fallback = newTable(l.counts.capacity())
	}
	return l
}

// SetClock replaces the clock the Limiter reads; nil restores the system
// clock. It is meant for tests.
func (l *Limiter) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	l.now.Store(&now)
}

func (l *Limiter) clock() int64 { return (*l.now.Load())().UnixNano() }

// Allow is AllowContext without a context, for memory limiters.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	return l.AllowContext(context.Background(), key)
}

// AllowContext counts an attempt for key and reports whether it is allowed.
// When it is not, retryAfter is how long until the key's window ends, always
// positive and at most the window; a Retry-After header should round it up
// to whole seconds. ctx bounds the call to a shared store.
func (l *Limiter) AllowContext(ctx context.Context, key string) (ok bool, retryAfter time.Duration) {
	now := l.clock()
	if l.shared != nil {
		ok, retryAfter = l.shared.allow(ctx, l, key, now)
	} else {
		ok, retryAfter = l.counts.allow(key, now, l.limit, l.window)
	}
	return ok, l.bound(retryAfter, ok)
}

// Peek reports whether an attempt for key would be allowed now, without
// counting one. When it would not, retryAfter is as for AllowContext.
func (l *Limiter) Peek(key string) (ok bool, retryAfter time.Duration) {
	now := l.clock()
	if l.shared != nil {
		ok, retryAfter = l.shared.peek(l, key, now)
	} else {
		ok, retryAfter = l.counts.peek(key, now, l.limit)
	}
	return ok, l.bound(retryAfter, ok)
}

// Reset forgets every attempt counted for key, for example after a
// successful login.
func (l *Limiter) Reset(key string) {
	l.counts.forget(key, l.clock())
	if l.shared != nil {
		l.shared.reset(l, key)
	}
}

// Len returns how many keys are held in memory, including keys whose window
// has passed but which have not been reclaimed yet. It never exceeds the
// capacity.
func (l *Limiter) Len() int { return l.counts.len() }

// Capacity returns how many keys the Limiter keeps in memory at most.
func (l *Limiter) Capacity() int { return l.counts.capacity() }

// bound keeps a refusal's wait within (0, window]: a clock that stepped
// backwards, or another instance's clock, must not yield a wait beyond the
// window or none at all.
func (l *Limiter) bound(retryAfter time.Duration, ok bool) time.Duration {
	if ok {
		return 0
	}
	return min(max(retryAfter, time.Nanosecond), l.window)
}
