// Package ratelimit counts attempts per key in memory and refuses them once a
// key has used up its allowance, for example failed logins per account or
// calls to one operation per network address.
package ratelimit

import (
	"container/list"
	"fmt"
	"sync"
	"time"
)

// DefaultMaxKeys is how many keys a Limiter tracks at most.
const DefaultMaxKeys = 100_000

// Limiter allows at most limit attempts per key in a fixed window. A key's
// window opens with its first attempt and lasts window; once it has passed,
// the next attempt opens a new one with a fresh count. Refused attempts are
// not counted, so a caller who keeps trying is let in again as soon as the
// window ends. A fixed window can let up to twice the limit through around
// the moment one window gives way to the next; the long-run rate never
// exceeds limit per window.
//
// Memory is bounded: expired keys are dropped as they are met, and when
// DefaultMaxKeys keys are live the one whose window opened first is dropped
// to make room. A Limiter is safe for concurrent use.
type Limiter struct {
	limit   int
	window  time.Duration
	maxKeys int

	mu      sync.Mutex
	now     func() time.Time
	entries map[string]*list.Element
	// order holds every *entry by the time its window opened, oldest first,
	// so expired and evicted keys are always taken from the front.
	order *list.List
}

type entry struct {
	key    string
	opened time.Time
	count  int
}

// New returns a Limiter that allows limit attempts per key in each window. It
// panics if limit or window is not positive.
func New(limit int, window time.Duration) *Limiter {
	if limit <= 0 || window <= 0 {
		panic(fmt.Sprintf("ratelimit: limit and window must be positive, got %d and %v", limit, window))
	}
	return &Limiter{
		limit:   limit,
		window:  window,
		maxKeys: DefaultMaxKeys,
		now:     time.Now,
		entries: make(map[string]*list.Element),
		order:   list.New(),
	}
}

// SetClock replaces the clock the Limiter reads; nil restores the system
// clock. It is meant for tests.
func (l *Limiter) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.now = now
}

// Allow counts an attempt for key and reports whether it is allowed. When it
// is not, the attempt is not counted and retryAfter is how long until the
// key's window ends, always positive and at most the window; a Retry-After
// header should round it up to whole seconds.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.dropExpired(now)
	if e := l.lookup(key, now); e != nil {
		if e.count >= l.limit {
			return false, l.retryAfter(e, now)
		}
		e.count++
		return true, 0
	}
	l.insert(key, now)
	return true, 0
}

// Peek reports whether an attempt for key would be allowed now, without
// counting one. When it would not, retryAfter is as for Allow.
func (l *Limiter) Peek(key string) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.dropExpired(now)
	if e := l.lookup(key, now); e != nil && e.count >= l.limit {
		return false, l.retryAfter(e, now)
	}
	return true, 0
}

// Reset forgets every attempt counted for key, for example after a
// successful login.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.entries[key]; ok {
		l.remove(el)
	}
}

// Len returns how many keys are currently tracked, including keys whose
// window has passed but which have not been dropped yet.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
}

// lookup returns the live entry of key, dropping it if its window has passed.
func (l *Limiter) lookup(key string, now time.Time) *entry {
	el, ok := l.entries[key]
	if !ok {
		return nil
	}
	e := el.Value.(*entry)
	if l.expired(e, now) {
		l.remove(el)
		return nil
	}
	return e
}

func (l *Limiter) insert(key string, now time.Time) {
	for len(l.entries) >= l.maxKeys {
		l.remove(l.order.Front())
	}
	l.entries[key] = l.order.PushBack(&entry{key: key, opened: now, count: 1})
}

// dropExpired removes keys from the front of the order while their windows
// have passed. The work is proportional to the keys removed, so its cost is
// paid once per key over the key's lifetime.
func (l *Limiter) dropExpired(now time.Time) {
	for el := l.order.Front(); el != nil && l.expired(el.Value.(*entry), now); el = l.order.Front() {
		l.remove(el)
	}
}

func (l *Limiter) remove(el *list.Element) {
	e := l.order.Remove(el).(*entry)
	delete(l.entries, e.key)
}

func (l *Limiter) expired(e *entry, now time.Time) bool {
	return !now.Before(e.opened.Add(l.window))
}

func (l *Limiter) retryAfter(e *entry, now time.Time) time.Duration {
	// A clock that stepped backwards must not yield a wait beyond the window.
	return min(e.opened.Add(l.window).Sub(now), l.window)
}
