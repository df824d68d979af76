package auth

import (
	"context"
	"math"
	"runtime"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// DefaultQueueTimeout is how long a password hash waits for a free slot
// before the caller is told to come back later.
const DefaultQueueTimeout = 5 * time.Second

// DefaultHashConcurrency is the number of password hashes computed at once
// when none is configured: two per processor the Go scheduler uses. Each
// Argon2id hash holds its whole memory cost (about 19 MiB by default) while
// it runs, so this number times the memory cost bounds what logins can take.
func DefaultHashConcurrency() int { return 2 * runtime.GOMAXPROCS(0) }

// HashGate bounds how many password hashes run at once. Callers beyond the
// bound queue for at most the queue timeout; then they get EUNAVAILABLE
// rather than piling up memory. It is safe for concurrent use.
type HashGate struct {
	slots   chan struct{}
	timeout time.Duration
}

// NewHashGate returns a gate that lets concurrency hashes run at once and
// makes others wait up to queueTimeout. Non-positive values take the
// defaults.
func NewHashGate(concurrency int, queueTimeout time.Duration) *HashGate {
	if concurrency <= 0 {
		concurrency = DefaultHashConcurrency()
	}
	if queueTimeout <= 0 {
		queueTimeout = DefaultQueueTimeout
	}
	return &HashGate{slots: make(chan struct{}, concurrency), timeout: queueTimeout}
}

// Capacity returns how many hashes may run at once.
func (g *HashGate) Capacity() int { return cap(g.slots) }

// Do runs fn once a slot is free. It returns EUNAVAILABLE without running fn
// when no slot frees up within the queue timeout or ctx ends first.
func (g *HashGate) Do(ctx context.Context, fn func()) error {
	select {
	case g.slots <- struct{}{}:
	default:
		timer := time.NewTimer(g.timeout)
		defer timer.Stop()
		select {
		case g.slots <- struct{}{}:
		case <-timer.C:
			return g.busy()
		case <-ctx.Done():
			return g.busy()
		}
	}
	defer func() { <-g.slots }()
	fn()
	return nil
}

// busy is the error of a caller that found no slot: the queue was full for
// a whole timeout, so waiting about as long again is a fair suggestion.
func (g *HashGate) busy() error {
	seconds := int(math.Ceil(g.timeout.Seconds()))
	return &models.Error{Code: models.EUNAVAILABLE, RetryAfterSeconds: seconds,
		Message: "Layanan masuk sedang sibuk. Coba lagi dalam beberapa detik."}
}
