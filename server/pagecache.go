package server

import (
	"strings"
	"sync"
	"time"
)

// issuePageTTL bounds how long a page may lag behind a change made through
// another server process; changes made through this one show at once.
const issuePageTTL = 10 * time.Second

// maxCachedIssues bounds the cache: each entry is one issue's public text.
const maxCachedIssues = 2000

// issueCache keeps the public view of recently shared issues. A link that
// circulates on WhatsApp brings many previews of one page in a short time;
// each would otherwise be a full API query.
type issueCache struct {
	generation func() uint64

	mu      sync.Mutex
	entries map[string]cachedIssue
}

type cachedIssue struct {
	issue      *pageIssue // nil: no public issue with that number
	generation uint64
	at         time.Time
}

func newIssueCache(generation func() uint64) *issueCache {
	return &issueCache{generation: generation, entries: map[string]cachedIssue{}}
}

// get returns the cached issue for number, or loads it. Errors are not
// cached.
func (c *issueCache) get(number string, load func() (*pageIssue, error)) (*pageIssue, error) {
	if c == nil || c.generation == nil {
		return load()
	}
	key := strings.ToUpper(number)
	gen, now := c.generation(), time.Now()
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.generation == gen && now.Sub(e.at) < issuePageTTL {
		return e.issue, nil
	}
	issue, err := load()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.entries) >= maxCachedIssues {
		clear(c.entries)
	}
	c.entries[key] = cachedIssue{issue: issue, generation: gen, at: now}
	c.mu.Unlock()
	return issue, nil
}
