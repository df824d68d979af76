package server

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/models"
)

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestContext gives every request an id (kept from X-Request-ID when it
// is well-formed), the client's address and a deadline.
func requestContext(trustProxy bool, timeout time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !requestIDPattern.MatchString(id) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-ID", id)
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		if isEventStream(r) {
			// A stream lasts as long as its client reads it (server/live.go).
			ctx, cancel = context.WithCancel(r.Context())
		}
		defer cancel()
		ctx = models.NewContextWithRequestID(ctx, id)
		ctx = models.NewContextWithClientAddr(ctx, clientAddr(r, trustProxy))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// clientAddr is the address rate limits count. Behind a trusted proxy it
// is the rightmost X-Forwarded-For entry, the one the proxy itself added;
// entries to its left are whatever the client sent. IPv6 addresses count by
// their /64 network, which one subscriber usually holds whole.
func clientAddr(r *http.Request, trustProxy bool) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if trustProxy {
		if fwd := r.Header.Values("X-Forwarded-For"); len(fwd) > 0 {
			entries := strings.Split(fwd[len(fwd)-1], ",")
			if ip := net.ParseIP(strings.TrimSpace(entries[len(entries)-1])); ip != nil {
				host = ip.String()
			}
		}
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() != nil {
		return host
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// cors lets browsers on any origin call the public API. Staff calls carry a
// bearer token in a header, never a cookie, so credentials are not allowed.
func cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "X-Request-ID, Retry-After")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", clientHeaders)
			h.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// clientHeaders are the request headers browsers may send to the API:
// those of the protocol and those that common GraphQL clients (Apollo,
// Relay, urql, graphql-request) add to name themselves and the operation.
const clientHeaders = "Content-Type, Authorization, Accept, X-Request-ID, " +
	"Apollographql-Client-Name, Apollographql-Client-Version, Apollo-Require-Preflight, X-Apollo-Operation-Name, " +
	"Apollo-Query-Plan-Experimental, Graphql-Client-Name, Graphql-Client-Version, X-Graphql-Client-Name, " +
	"X-Graphql-Client-Version, X-Operation-Name, Baggage, Sentry-Trace, Traceparent, Tracestate"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Flush and Unwrap let a streamed body reach the connection.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs each request as one JSON line and records its latency. It
// logs the path only, never the query string or the body, which may carry
// personal data.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		matched := &matchedRoute{}
		r = r.WithContext(context.WithValue(r.Context(), matchedRouteKey{}, matched))
		defer func() {
			if p := recover(); p != nil {
				id := w.Header().Get("X-Request-ID")
				if sw.status == 0 {
					// writeError logs the panic with the request id.
					ctx := models.NewContextWithRequestID(r.Context(), id)
					writeError(sw, r.WithContext(ctx), models.Internal(fmt.Errorf("panic in handler: %v", p)))
				} else {
					slog.ErrorContext(r.Context(), "panic in handler", "request_id", id, "panic", p)
				}
			}
			elapsed := time.Since(start)
			route := routeLabel(matched.pattern, r.URL.Path, sw.status)
			s.metrics.HTTPDuration.WithLabelValues(route, strconv.Itoa(sw.status)).Observe(elapsed.Seconds())
			slog.InfoContext(r.Context(), "request",
				"request_id", w.Header().Get("X-Request-ID"),
				"method", r.Method, "route", route, "status", sw.status,
				"bytes", sw.bytes, "duration_ms", float64(elapsed.Microseconds())/1000)
		}()
		next.ServeHTTP(sw, r)
	})
}

// matchedRoute carries the pattern the ServeMux matched back out to observe,
// which sees the request before the mux does.
type matchedRoute struct{ pattern string }

type matchedRouteKey struct{}

// recordRoute wraps the mux and notes the pattern it matched, even when the
// handler panics.
func recordRoute(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if matched, ok := r.Context().Value(matchedRouteKey{}).(*matchedRoute); ok {
			defer func() { matched.pattern = r.Pattern }()
		}
		mux.ServeHTTP(w, r)
	})
}

// routeLabel names a request in metrics and logs by the route it matched,
// never by its path: paths are whatever a client sends, and every new label
// value is a new series kept for the life of the process. Requests nothing
// matched, and 404s of the catch-all app route, share one label.
func routeLabel(pattern, path string, status int) string {
	if _, p, ok := strings.Cut(pattern, " "); ok {
		pattern = p // drop the method: "GET /feed.xml" → "/feed.xml"
	}
	switch {
	case pattern == "":
		return "unmatched"
	case pattern != "/":
		return pattern
	case status == http.StatusNotFound:
		return "unmatched"
	case strings.HasPrefix(path, "/isu/"):
		return "/isu/{number}"
	case strings.HasPrefix(path, "/assets/"):
		return "/assets"
	case path == "/graphiql" || path == "/graphiql/":
		return "/graphiql"
	}
	return "/"
}
