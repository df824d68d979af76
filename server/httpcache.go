package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// publicMaxAge is how long browsers and shared caches may reuse a public
// answer without asking again: short, so that a correction (ralat) reaches
// every reader within a minute.
const publicMaxAge = 30 * time.Second

// cachePolicy marks every answer to a signed-in request (one that carries
// Authorization) private and never stored, and every answer to a request
// that changes something never stored, whatever the handler said. Caches
// keep per-user answers apart by the Vary header the cacheable handlers
// set.
func cachePolicy(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		policy := ""
		switch {
		case r.Header.Get("Authorization") != "":
			policy = "private, no-store"
		case r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions:
			policy = "no-store"
		}
		if policy == "" {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&policyWriter{ResponseWriter: w, policy: policy}, r)
	})
}

type policyWriter struct {
	http.ResponseWriter
	policy string
	done   bool
}

func (p *policyWriter) WriteHeader(status int) {
	if !p.done {
		p.done = true
		h := p.Header()
		h.Set("Cache-Control", p.policy)
		h.Del("ETag")
		h.Del("Last-Modified")
	}
	p.ResponseWriter.WriteHeader(status)
}

func (p *policyWriter) Write(b []byte) (int, error) {
	if !p.done {
		p.WriteHeader(http.StatusOK)
	}
	return p.ResponseWriter.Write(b)
}

func (p *policyWriter) Flush() {
	if f, ok := p.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (p *policyWriter) Unwrap() http.ResponseWriter { return p.ResponseWriter }

// varyAccept tells caches that the answer depends on Accept: the API
// answers application/graphql-response+json or application/json by it.
func varyAccept(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept")
		next.ServeHTTP(w, r)
	})
}

// conditional makes a public, anonymous GET answer cacheable: it holds the
// body, gives a 200 a strong ETag (a hash of the body) and
// Cache-Control public with a short max-age, and answers 304 Not Modified
// when the client's If-None-Match (or, without one, If-Modified-Since
// against a Last-Modified the handler set) says it has this version.
// Signed-in requests and other methods pass through untouched; answers that
// are not 200, or that the handler marked otherwise, are not cached.
func conditional(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || r.Header.Get("Authorization") != "" {
			next.ServeHTTP(w, r)
			return
		}
		rec := &heldResponse{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(rec, r)
		h := w.Header()
		h.Add("Vary", "Authorization")
		if rec.status != http.StatusOK || rec.uncacheable() {
			if h.Get("Cache-Control") == "" {
				h.Set("Cache-Control", "no-store")
			}
			h.Del("ETag")
			w.WriteHeader(rec.status)
			w.Write(rec.body.Bytes()) //nolint:errcheck // the client went away
			return
		}
		sum := sha256.Sum256(rec.body.Bytes())
		etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
		h.Set("ETag", etag)
		h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(publicMaxAge.Seconds())))
		if notModified(r, etag, h.Get("Last-Modified")) {
			h.Del("Content-Type")
			h.Del("Content-Length")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Length", strconv.Itoa(rec.body.Len()))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(rec.body.Bytes()) //nolint:errcheck // the client went away
		}
	})
}

// notModified applies RFC 9110's rules: If-None-Match wins; without it,
// If-Modified-Since is compared with Last-Modified to the second.
func notModified(r *http.Request, etag, lastModified string) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return etagMatches(inm, etag)
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" || lastModified == "" {
		return false
	}
	since, err1 := http.ParseTime(ims)
	modified, err2 := http.ParseTime(lastModified)
	return err1 == nil && err2 == nil && !modified.After(since)
}

// etagMatches compares If-None-Match with the identity ETag weakly, as the
// specification asks for GET; the encoding suffix the compression adds
// ("…-br", "…-gzip") names the same content.
func etagMatches(header, etag string) bool {
	want := strings.TrimSuffix(strings.TrimPrefix(etag, `"`), `"`)
	for _, candidate := range strings.Split(header, ",") {
		candidate = strings.TrimSpace(candidate)
		if candidate == "*" {
			return true
		}
		candidate = strings.TrimPrefix(candidate, "W/")
		candidate = strings.TrimSuffix(strings.TrimPrefix(candidate, `"`), `"`)
		for _, suffix := range []string{"-br", "-gzip"} {
			candidate = strings.TrimSuffix(candidate, suffix)
		}
		if candidate == want {
			return true
		}
	}
	return false
}

// heldResponse collects a handler's answer so that its hash can become the
// ETag before anything is sent.
type heldResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (h *heldResponse) Header() http.Header         { return h.header }
func (h *heldResponse) WriteHeader(status int)      { h.status = status }
func (h *heldResponse) Write(p []byte) (int, error) { return h.body.Write(p) }

// uncacheable reports answers a shared cache must not keep: ones the
// handler marked no-store, and GraphQL answers that carry errors (an
// internal error, a rate limit), which must not be replayed to others.
func (h *heldResponse) uncacheable() bool {
	if strings.Contains(h.header.Get("Cache-Control"), "no-store") {
		return true
	}
	if strings.Contains(h.header.Get("Content-Type"), "json") && bytes.HasPrefix(h.body.Bytes(), []byte(`{"errors":`)) {
		return true
	}
	return false
}
