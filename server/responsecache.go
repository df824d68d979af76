package server

import (
	"bytes"
	"crypto/sha256"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// Bounds of the response cache.
const (
	maxCachedRequestBytes  = 64 << 10 // larger queries are answered, not cached
	maxCachedResponseBytes = 1 << 20
	maxResponseCacheBytes  = 64 << 20
)

// responseCache answers repeated anonymous GraphQL queries from memory.
// Citizens and newsrooms ask the same few questions over and over (the
// front page, a shared issue, a popular search), and every answer is
// public, so one execution can serve them all until the data changes: an
// entry is dropped by the next write this process commits (the generation
// of Config.Changes) and, for writes through other processes and for values that
// follow the clock (overdue), after ttl.
//
// Only anonymous queries that ended without errors are kept; mutations,
// staff requests and errors always run.
type responseCache struct {
	generation func() uint64
	ttl        time.Duration

	mu      sync.Mutex
	entries map[[sha256.Size]byte]*cachedResponse
	bytes   int
}

type cachedResponse struct {
	generation  uint64
	at          time.Time
	contentType string
	body        []byte
}

func newResponseCache(generation func() uint64, ttl time.Duration) *responseCache {
	if generation == nil || ttl <= 0 {
		return nil
	}
	return &responseCache{generation: generation, ttl: ttl, entries: map[[sha256.Size]byte]*cachedResponse{}}
}

// wrap serves next through the cache. It runs after authentication, so a
// request with a valid token carries its user and is never cached.
func (c *responseCache) wrap(next http.Handler) http.Handler {
	if c == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if models.UserFromContext(r.Context()) != nil {
			next.ServeHTTP(w, r)
			return
		}
		key, ok := c.key(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		gen, now := c.generation(), time.Now()
		c.mu.Lock()
		e := c.entries[key]
		c.mu.Unlock()
		if e != nil && e.generation == gen && now.Sub(e.at) < c.ttl {
			w.Header().Set("Content-Type", e.contentType)
			w.WriteHeader(http.StatusOK)
			w.Write(e.body) //nolint:errcheck // the client went away
			return
		}
		rec := &capture{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		// gqlgen writes "errors" before "data": a body that starts with
		// "data" had none.
		if rec.status != http.StatusOK || rec.overflow || !bytes.HasPrefix(rec.body.Bytes(), []byte(`{"data":`)) {
			return
		}
		c.store(key, &cachedResponse{generation: gen, at: now, contentType: rec.Header().Get("Content-Type"), body: bytes.Clone(rec.body.Bytes())})
	})
}

// key identifies a query request by everything that shapes its answer: the
// method, the negotiated media type and the query with its variables. It
// refuses anything that may be a mutation; the test is deliberately
// coarse (any occurrence of the word), since a query merely mentioning it
// then simply runs.
func (c *responseCache) key(r *http.Request) ([sha256.Size]byte, bool) {
	var doc []byte
	switch r.Method {
	case http.MethodGet:
		doc = []byte(r.URL.RawQuery)
	case http.MethodPost:
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || r.ContentLength > maxCachedRequestBytes {
			return [sha256.Size]byte{}, false
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxCachedRequestBytes+1))
		// The handler reads the body again: give it back whole, whatever
		// was read here.
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(body), r.Body), r.Body}
		if err != nil || len(body) > maxCachedRequestBytes {
			return [sha256.Size]byte{}, false
		}
		doc = body
	default:
		return [sha256.Size]byte{}, false
	}
	if bytes.Contains(doc, []byte("mutation")) || bytes.Contains(doc, []byte("subscription")) {
		return [sha256.Size]byte{}, false
	}
	h := sha256.New()
	io.WriteString(h, r.Method+"\n"+r.Header.Get("Accept")+"\n") //nolint:errcheck // hashes never fail
	h.Write(doc)                                                 //nolint:errcheck
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key, true
}

func (c *responseCache) store(key [sha256.Size]byte, e *cachedResponse) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.entries[key]; old != nil {
		c.bytes -= len(old.body)
	}
	if c.bytes+len(e.body) > maxResponseCacheBytes {
		clear(c.entries)
		c.bytes = 0
	}
	c.entries[key] = e
	c.bytes += len(e.body)
}

// capture passes a response through and keeps a copy of its body.
type capture struct {
	http.ResponseWriter
	status   int
	body     bytes.Buffer
	overflow bool
}

func (c *capture) WriteHeader(status int) {
	c.status = status
	c.ResponseWriter.WriteHeader(status)
}

func (c *capture) Write(b []byte) (int, error) {
	if !c.overflow {
		if c.body.Len()+len(b) > maxCachedResponseBytes {
			c.overflow = true
			c.body = bytes.Buffer{}
		} else {
			c.body.Write(b)
		}
	}
	return c.ResponseWriter.Write(b)
}
