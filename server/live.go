package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
)

// LiveLimits bound the API's event streams (subscriptions over
// Server-Sent Events).
type LiveLimits struct {
	// MaxPerAddress is how many streams one client address may hold open;
	// DefaultLiveMaxPerAddress when zero.
	MaxPerAddress int
	// MaxTotal is how many streams this process holds open at most;
	// DefaultLiveMaxTotal when zero.
	MaxTotal int
	// Heartbeat is how often an idle stream gets a comment line;
	// graph.DefaultHeartbeat when zero.
	Heartbeat time.Duration
}

// Defaults of LiveLimits.
const (
	DefaultLiveMaxPerAddress = 10
	DefaultLiveMaxTotal      = 1000
)

// streams admits event streams within the limits, frees each stream from
// the deadlines of ordinary requests, and ends them all at shutdown.
type streams struct {
	limits LiveLimits
	// maxBody bounds the request body read before the stream starts.
	maxBody int64

	mu        sync.Mutex
	perAddr   map[string]int
	total     int
	cancels   map[*context.CancelFunc]struct{}
	closed    bool
	refusals  *prometheus.CounterVec
	openGauge prometheus.GaugeFunc
}

func newStreams(limits LiveLimits, maxBody int64, registry *prometheus.Registry, source graph.LiveEvents) *streams {
	if limits.MaxPerAddress <= 0 {
		limits.MaxPerAddress = DefaultLiveMaxPerAddress
	}
	if limits.MaxTotal <= 0 {
		limits.MaxTotal = DefaultLiveMaxTotal
	}
	if limits.Heartbeat <= 0 {
		limits.Heartbeat = graph.DefaultHeartbeat
	}
	s := &streams{limits: limits, maxBody: maxBody, perAddr: map[string]int{}, cancels: map[*context.CancelFunc]struct{}{}}
	s.openGauge = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "tanggap_live_streams_open", Help: "Event streams (GraphQL subscriptions) open in this process.",
	}, func() float64 {
		s.mu.Lock()
		defer s.mu.Unlock()
		return float64(s.total)
	})
	s.refusals = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tanggap_live_streams_refused_total", Help: "Event streams refused, by reason: per_address, total or shutdown.",
	}, []string{"reason"})
	// A registry shared by several servers (tests) keeps the first ones.
	registry.Register(s.openGauge) //nolint:errcheck
	registry.Register(s.refusals)  //nolint:errcheck
	if counted, ok := source.(interface{ Subscribers() int }); ok {
		registry.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{ //nolint:errcheck
			Name: "tanggap_live_subscriptions", Help: "Subscriptions listening for changes in this process.",
		}, func() float64 { return float64(counted.Subscribers()) }))
	}
	return s
}

// isEventStream reports whether r opens an event stream on the API; such a
// request skips the request deadline and compression.
func isEventStream(r *http.Request) bool {
	return (r.URL.Path == "/graphql" || r.URL.Path == "/graphql/stream") && graph.AcceptsEventStream(r)
}

// routeStreams sends event-stream requests to stream and every other
// request to next.
func routeStreams(stream, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if graph.AcceptsEventStream(r) {
			stream.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// streamOnly answers /graphql/stream, which serves event streams only.
func streamOnly(stream http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !graph.AcceptsEventStream(r) {
			writeRequestError(w, http.StatusNotAcceptable, "NOT_ACCEPTABLE",
				"Alamat ini hanya melayani aliran peristiwa: kirim langganan dengan POST dan Accept: text/event-stream.")
			return
		}
		stream.ServeHTTP(w, r)
	})
}

// wrap admits a stream and serves it with next: the body is read first
// under the server's read deadline, then the connection's deadlines give
// way to a write deadline renewed at every write, so that a stream lives
// as long as its client reads it and no longer.
func (s *streams) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, s.maxBody+1))
		if err != nil {
			writeRequestError(w, http.StatusBadRequest, "BAD_REQUEST", "Badan permintaan tidak dapat dibaca.")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		release, err := s.admit(models.ClientAddrFromContext(r.Context()), &cancel)
		if err != nil {
			writeError(w, r, err)
			return
		}
		defer release()
		rc := http.NewResponseController(w)
		rc.SetReadDeadline(time.Time{}) //nolint:errcheck // not every writer has a connection (tests)
		w.Header().Set("X-Accel-Buffering", "no")
		sw := &streamWriter{ResponseWriter: w, rc: rc, cancel: cancel, grace: 2*s.limits.Heartbeat + 10*time.Second}
		defer sw.finish()
		next.ServeHTTP(sw, r.WithContext(ctx))
	})
}

// admit counts a stream in, or refuses it with the limit it would pass.
func (s *streams) admit(addr string, cancel *context.CancelFunc) (release func(), err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		s.refusals.WithLabelValues("shutdown").Inc()
		return nil, &models.Error{Code: models.EUNAVAILABLE, RetryAfterSeconds: 5,
			Message: "Server sedang berhenti; sambungkan kembali sebentar lagi."}
	case s.perAddr[addr] >= s.limits.MaxPerAddress:
		s.refusals.WithLabelValues("per_address").Inc()
		return nil, &models.Error{Code: models.ERATELIMITED, RetryAfterSeconds: 30,
			Message: fmt.Sprintf("Terlalu banyak langganan langsung terbuka dari alamat Anda (paling banyak %d). Tutup salah satu sebelum membuka yang baru.", s.limits.MaxPerAddress)}
	case s.total >= s.limits.MaxTotal:
		s.refusals.WithLabelValues("total").Inc()
		return nil, &models.Error{Code: models.EUNAVAILABLE, RetryAfterSeconds: 30,
			Message: "Server sedang melayani terlalu banyak langganan langsung. Coba lagi sebentar lagi."}
	}
	s.perAddr[addr]++
	s.total++
	s.cancels[cancel] = struct{}{}
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.perAddr[addr]--; s.perAddr[addr] <= 0 {
			delete(s.perAddr, addr)
		}
		s.total--
		delete(s.cancels, cancel)
	}, nil
}

// close ends every open stream (each sends its "complete" event) and
// refuses new ones: clients reconnect, to another instance if this one is
// leaving.
func (s *streams) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for cancel := range s.cancels {
		(*cancel)()
	}
}

// streamWriter flushes through every wrapper to the connection, renews the
// write deadline before each write, and ends the stream when a write fails:
// the client is gone or stopped reading. Once the handler has returned it
// drops writes: gqlgen's heartbeat goroutine may still tick then, and a
// write to a finished response crashes the process.
type streamWriter struct {
	http.ResponseWriter
	rc     *http.ResponseController
	cancel context.CancelFunc
	grace  time.Duration

	mu       sync.Mutex
	finished bool
}

// errStreamFinished is what a write after the end of the stream returns.
var errStreamFinished = errors.New("event stream finished")

func (s *streamWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.finished {
		return 0, errStreamFinished
	}
	s.rc.SetWriteDeadline(time.Now().Add(s.grace)) //nolint:errcheck // not every writer has a connection (tests)
	n, err := s.ResponseWriter.Write(p)
	if err != nil {
		s.cancel()
	}
	return n, err
}

func (s *streamWriter) Flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.finished {
		return
	}
	s.rc.SetWriteDeadline(time.Now().Add(s.grace)) //nolint:errcheck
	if err := s.rc.Flush(); err != nil {
		s.cancel()
	}
}

// finish drops every later write; the handler calls it before returning.
func (s *streamWriter) finish() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.finished = true
	s.cancel()
}

func (s *streamWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
