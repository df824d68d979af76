package server

import (
	"context"
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
			h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization, Accept, X-Request-ID")
			h.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

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

// observe logs each request as one JSON line and records its latency. It
// logs the path only, never the query string or the body, which may carry
// personal data.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				slog.ErrorContext(r.Context(), "panic in handler", "request_id", w.Header().Get("X-Request-ID"), "panic", p)
				if sw.status == 0 {
					writeJSON(sw, http.StatusInternalServerError, map[string]string{"error": "internal"})
				}
			}
			elapsed := time.Since(start)
			route := routeLabel(r.URL.Path)
			s.metrics.HTTPDuration.WithLabelValues(route, strconv.Itoa(sw.status)).Observe(elapsed.Seconds())
			slog.InfoContext(r.Context(), "request",
				"request_id", w.Header().Get("X-Request-ID"),
				"method", r.Method, "route", route, "status", sw.status,
				"bytes", sw.bytes, "duration_ms", float64(elapsed.Microseconds())/1000)
		}()
		next.ServeHTTP(sw, r)
	})
}

// routeLabel keeps the metric's cardinality bounded.
func routeLabel(path string) string {
	switch {
	case path == "/graphql", path == "/healthz", path == "/readyz", path == "/metrics", path == "/feed.xml":
		return path
	case strings.HasPrefix(path, "/isu/"):
		return "/isu/{number}"
	case strings.HasPrefix(path, "/export/"):
		return path
	case strings.HasPrefix(path, "/assets/"):
		return "/assets"
	}
	return "/other"
}
