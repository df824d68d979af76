package auth

import (
	"container/list"
	"errors"
	"strings"
	"sync"
	"time"
)

// LoginThrottleConfig sets how failed logins slow further attempts. Three
// kinds of bucket count failures: the account, the client address, and the
// account at that address. Each allows some failures, then asks for a wait
// that doubles with every further failure, up to a cap. Successful logins
// are never counted.
type LoginThrottleConfig struct {
	// FreeFailures is how many failures an account, or an account at one
	// address, may have before attempts must wait.
	FreeFailures int
	// FreeAddressFailures is the same for an address over all accounts; an
	// office behind one address shares it, so it is larger.
	FreeAddressFailures int
	// BaseDelay is the wait after the first failure beyond the free ones.
	BaseDelay time.Duration
	// MaxDelay caps the wait of an address and of an account at an address.
	MaxDelay time.Duration
	// AccountMaxDelay caps the wait that an account's failures from
	// anywhere impose at an address where that account has failures too.
	AccountMaxDelay time.Duration
	// CleanMaxDelay caps the wait that an account's failures impose at an
	// address where that account has none: someone else's guessing slows
	// the real user down but does not lock them out. Where the account has
	// logged in successfully and not failed since, its failures elsewhere
	// impose no wait at all.
	CleanMaxDelay time.Duration
	// Forget is how long after its last failure an account's buckets are
	// forgotten; AddressForget the same for an address.
	Forget        time.Duration
	AddressForget time.Duration
	// MaxKeys bounds the buckets kept; the one whose last failure is oldest
	// is dropped first.
	MaxKeys int
}

// DefaultLoginThrottleConfig returns the settings of a deployment: five free
// failures per account and per account at an address, twenty per address,
// then waits of 30 s, 1 min, 2 min… up to an hour (15 minutes for an
// account's failures elsewhere, 2 minutes where the account has none).
func DefaultLoginThrottleConfig() LoginThrottleConfig {
	return LoginThrottleConfig{
		FreeFailures:        5,
		FreeAddressFailures: 20,
		BaseDelay:           30 * time.Second,
		MaxDelay:            time.Hour,
		AccountMaxDelay:     15 * time.Minute,
		CleanMaxDelay:       2 * time.Minute,
		Forget:              24 * time.Hour,
		AddressForget:       time.Hour,
		MaxKeys:             100_000,
	}
}

// LoginThrottle counts failed logins in memory and says how long an attempt
// must wait. Every instance counts on its own. It is safe for concurrent
// use.
type LoginThrottle struct {
	cfg LoginThrottleConfig

	mu      sync.Mutex
	now     func() time.Time
	buckets map[string]*list.Element
	// order holds every *bucket by the time it last changed, oldest first.
	order *list.List
}

type bucket struct {
	key      string
	failures int
	// inFlight counts admitted attempts whose outcome is not known yet, so
	// that parallel requests cannot all pass before the first failure is
	// recorded.
	inFlight    int
	lastFailure time.Time
	// succeededAt is when the account last logged in at this address, for
	// the bucket of an account at an address; zero when it has not since
	// its last failure.
	succeededAt time.Time
}

// NewLoginThrottle returns a throttle with the given settings.
func NewLoginThrottle(cfg LoginThrottleConfig) (*LoginThrottle, error) {
	if cfg.FreeFailures < 1 || cfg.FreeAddressFailures < 1 || cfg.BaseDelay <= 0 ||
		cfg.MaxDelay < cfg.BaseDelay || cfg.AccountMaxDelay <= 0 || cfg.CleanMaxDelay <= 0 ||
		cfg.Forget <= 0 || cfg.AddressForget <= 0 || cfg.MaxKeys < 3 {
		return nil, errors.New("auth: login throttle settings must all be positive, the maximum delay at least the base delay")
	}
	return &LoginThrottle{cfg: cfg, now: time.Now, buckets: map[string]*list.Element{}, order: list.New()}, nil
}

// SetClock replaces the clock; nil restores the system clock. For tests.
func (t *LoginThrottle) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.now = now
}

// LoginAttempt is an attempt the throttle let through. Exactly one of
// Failed, Succeeded and Abandon must be called when its outcome is known.
type LoginAttempt struct {
	throttle *LoginThrottle
	keys     [3]string
	done     bool
}

func keysOf(account, addr string) [3]string {
	return [3]string{"account|" + account, "address|" + addr, "pair|" + addr + "|" + account}
}

// Begin asks whether account may try to log in from addr now. It returns
// the attempt, or nil and how long to wait.
func (t *LoginThrottle) Begin(account, addr string) (*LoginAttempt, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	keys := keysOf(account, addr)
	accountB, addressB, pair := t.lookup(keys[0], now), t.lookup(keys[1], now), t.lookup(keys[2], now)
	accountWait := time.Duration(0)
	switch {
	case pair != nil && pair.failures == 0 && !pair.succeededAt.IsZero():
		// A known-good context: the account logged in here and has not
		// failed here since.
	case pair == nil || pair.failures == 0:
		accountWait = t.wait(accountB, t.cfg.FreeFailures, t.cfg.CleanMaxDelay, now)
	default:
		accountWait = t.wait(accountB, t.cfg.FreeFailures, t.cfg.AccountMaxDelay, now)
	}
	wait := max(
		accountWait,
		t.wait(addressB, t.cfg.FreeAddressFailures, t.cfg.MaxDelay, now),
		t.wait(pair, t.cfg.FreeFailures, t.cfg.MaxDelay, now),
	)
	if wait > 0 {
		return nil, wait
	}
	for _, k := range keys {
		t.touch(k).inFlight++
	}
	return &LoginAttempt{throttle: t, keys: keys}, 0
}

// Failed records a wrong password (or unknown account) for the attempt.
func (a *LoginAttempt) Failed() {
	a.finish(func(b *bucket, now time.Time) {
		b.failures++
		b.lastFailure = now
		b.succeededAt = time.Time{}
	})
}

// Succeeded records a correct password: the account's failures, and those
// of the account at this address, are forgotten, and the address becomes a
// known-good context for the account. The address keeps its failures, or
// one valid account would let its holder wipe the record of guesses at
// every other account from the same address.
func (a *LoginAttempt) Succeeded() {
	a.finish(func(b *bucket, now time.Time) {
		switch b.key {
		case a.keys[0]:
			b.failures = 0
		case a.keys[2]:
			b.failures = 0
			b.succeededAt = now
		}
	})
}

// Abandon ends an attempt whose password was never checked, for example
// because the server was too busy; it counts for nothing.
func (a *LoginAttempt) Abandon() { a.finish(func(*bucket, time.Time) {}) }

func (a *LoginAttempt) finish(record func(b *bucket, now time.Time)) {
	t := a.throttle
	t.mu.Lock()
	defer t.mu.Unlock()
	if a.done {
		return
	}
	a.done = true
	now := t.now()
	for _, k := range a.keys {
		b := t.touch(k)
		if b.inFlight > 0 {
			b.inFlight--
		}
		record(b, now)
		if b.failures == 0 && b.inFlight == 0 && b.succeededAt.IsZero() {
			t.order.Remove(t.buckets[k])
			delete(t.buckets, k)
		}
	}
}

// inFlightWait is the wait of an attempt refused only because others of the
// same bucket are still being checked: their outcome is a moment away.
const inFlightWait = time.Second

// wait is how long an attempt must wait for bucket b. Attempts still in
// flight count as failures to come, so that parallel requests cannot all
// pass before the first failure is recorded; while the recorded failures
// alone are within the free allowance they only ask for a moment's wait.
func (t *LoginThrottle) wait(b *bucket, free int, limit time.Duration, now time.Time) time.Duration {
	if b == nil {
		return 0
	}
	n := b.failures + b.inFlight
	switch {
	case n < free:
		return 0
	case b.failures < free:
		return inFlightWait
	}
	delay := limit
	if shift := n - free; shift < 30 {
		delay = min(t.cfg.BaseDelay<<shift, limit)
	}
	from := b.lastFailure
	if b.inFlight > 0 && from.Before(now) {
		from = now
	}
	return max(from.Add(delay).Sub(now), 0)
}

// lookup returns the bucket of key, dropping it when it has been forgotten.
func (t *LoginThrottle) lookup(key string, now time.Time) *bucket {
	el, ok := t.buckets[key]
	if !ok {
		return nil
	}
	b := el.Value.(*bucket)
	forget := t.cfg.Forget
	if strings.HasPrefix(key, "address|") {
		forget = t.cfg.AddressForget
	}
	if b.inFlight == 0 && now.Sub(b.lastFailure) >= forget && now.Sub(b.succeededAt) >= forget {
		t.order.Remove(el)
		delete(t.buckets, key)
		return nil
	}
	return b
}

// touch returns the bucket of key, creating it (and dropping the oldest
// bucket when full), and marks it as the most recently changed.
func (t *LoginThrottle) touch(key string) *bucket {
	if el, ok := t.buckets[key]; ok {
		t.order.MoveToBack(el)
		return el.Value.(*bucket)
	}
	for len(t.buckets) >= t.cfg.MaxKeys {
		oldest := t.order.Front()
		delete(t.buckets, oldest.Value.(*bucket).key)
		t.order.Remove(oldest)
	}
	b := &bucket{key: key}
	t.buckets[key] = t.order.PushBack(b)
	return b
}

// Len returns how many buckets are kept, for tests and metrics.
func (t *LoginThrottle) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.buckets)
}
