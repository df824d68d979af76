// Package server assembles the HTTP side of Tanggap: routes, middleware,
// rate limits, health and metrics.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/markdown"
	"github.com/kotabaru/tanggap/models"
)

// Config wires a Server. The server knows its data only through these
// interfaces; cmd/tanggap passes the store for each of them.
type Config struct {
	// Services are the domain services: the API resolves through them, and
	// the feeds, exports, sitemap, open data and logins read through them.
	// Their Search is not read: Search is.
	Services graph.Services
	// Refresh keeps the refresh-token chains of browser sessions.
	Refresh models.RefreshService
	// Health tells /readyz whether the database answers and its schema is
	// current.
	Health Health
	// Changes tells the caches of derived data (response cache, sitemap,
	// open data) when the data they were built from changed.
	Changes Changes
	// Location is the deployment's time zone, in which the CSV exports
	// write their times; UTC when nil.
	Location *time.Location
	// Now is the clock of every decision that depends on the time (an
	// overdue flag in an export, the date of the open data); time.Now when
	// nil.
	Now func() time.Time

	Tokens   *auth.Tokens
	Frontend fs.FS // the built web app; nil serves no pages
	Limits   graph.Limits
	// LoginThrottle slows logins after failed attempts per account, per
	// address and per account at an address; nil uses the default settings.
	LoginThrottle  *auth.LoginThrottle
	RequestTimeout time.Duration
	// TrustProxy takes the client address from X-Forwarded-For, for
	// deployments behind a load balancer.
	TrustProxy bool
	Metrics    *Metrics
	// MetricsToken, when set, lets a request with this bearer token read
	// /metrics from any address; without it only loopback may.
	MetricsToken string
	// Search answers the search query and reports its backlog; required.
	Search models.SearchService
	// Jobs is the job queue whose backlog /metrics and /readyz report; nil
	// reports none.
	Jobs *jobs.Queue
	// Mail describes e-mail notifications for /readyz; nil reports mail
	// as not configured.
	Mail MailStatus
	// ShutdownDelay is how long Serve keeps answering, draining, once its
	// context ends and before it closes the listener.
	ShutdownDelay time.Duration
	// ResponseCacheTTL is how long a repeated anonymous query may be
	// answered from memory when no write went through this process; zero
	// turns the cache off.
	ResponseCacheTTL time.Duration
	// FieldByField has gqlgen execute every operation field by field,
	// none answered directly (graph/direct.go); tests compare the two.
	FieldByField bool
	// PublicURL is the portal's public address, scheme and host without a
	// trailing slash. Feeds, the sitemap, link previews and the API's url
	// fields are built from it, never from a request's Host header; empty
	// means http://localhost:8080.
	PublicURL string
	// SitemapURLsPerFile bounds the addresses of one sitemap file (0: the
	// protocol's 50,000); beyond it /sitemap.xml becomes an index.
	SitemapURLsPerFile int
	// SessionTTL is how long a browser session that keeps a refresh cookie
	// lasts at most; DefaultSessionTTL when zero.
	SessionTTL time.Duration
	// Live feeds the API's subscriptions; nil refuses them.
	Live graph.LiveEvents
	// LiveLimits bound the subscriptions' event streams.
	LiveLimits LiveLimits
}

// MailStatus describes e-mail notifications (configured or not, messages
// waiting) for /readyz; it never makes the instance unready.
type MailStatus func(ctx context.Context) map[string]any

// Health is what /readyz asks of the database.
type Health interface {
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// PendingMigrations lists the migrations the database still lacks.
	PendingMigrations(ctx context.Context) ([]string, error)
}

// Changes counts the writes this process committed.
type Changes interface {
	// Generation changes after every write; a cache built at one
	// generation is current while it stays the same.
	Generation() uint64
}

// defaultPublicURL is the public address until one is configured.
const defaultPublicURL = "http://localhost:8080"

// Server is the HTTP server of one Tanggap instance. It keeps no state that
// another instance would need: several can run behind a load balancer.
type Server struct {
	cfg Config
	// sitemapURLs and openData keep what they built from the whole public
	// data set until it changes.
	sitemapURLs *snapshot[[]sitemapURL]
	openData    *snapshot[*openDataFiles]
	shareCards  *shareCards
	handler     http.Handler
	metrics     *Metrics
	draining    atomic.Bool
	streams     *streams
}

// New builds the routes and middleware.
func New(cfg Config) *Server {
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 15 * time.Second
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	if cfg.PublicURL == "" {
		cfg.PublicURL = defaultPublicURL
	}
	cfg.PublicURL = strings.TrimSuffix(cfg.PublicURL, "/")
	if cfg.SitemapURLsPerFile <= 0 {
		cfg.SitemapURLsPerFile = maxSitemapURLs
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = DefaultSessionTTL
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Search == nil {
		panic("server: Config.Search is required")
	}
	if cfg.LoginThrottle == nil {
		cfg.LoginThrottle, _ = auth.NewLoginThrottle(auth.DefaultLoginThrottleConfig())
	}
	s := &Server{cfg: cfg, metrics: cfg.Metrics}
	s.streams = newStreams(cfg.LiveLimits, cfg.Limits.MaxBodyBytes, cfg.Metrics.Registry, cfg.Live)
	s.sitemapURLs = &snapshot[[]sitemapURL]{generation: cfg.Changes.Generation}
	s.openData = &snapshot[*openDataFiles]{generation: cfg.Changes.Generation}
	limits := cfg.Limits
	limits.FieldRateLimits.Rejected = func(field string) { s.metrics.RateLimited.WithLabelValues(field).Inc() }
	services := cfg.Services
	services.Search = s.wireSearch(&cfg)
	s.cfg = cfg
	gql := graph.NewHandler(graph.HandlerConfig{
		Services:     services,
		Markdown:     markdown.New(),
		Login:        s.login,
		Limits:       limits,
		PublicURL:    cfg.PublicURL,
		Now:          cfg.Now,
		Live:         cfg.Live,
		Heartbeat:    s.streams.limits.Heartbeat,
		FieldByField: cfg.FieldByField,
		Observe: func(operation string, d time.Duration, codes []string) {
			s.metrics.OperationLatency.WithLabelValues(operation).Observe(d.Seconds())
			for _, c := range codes {
				s.metrics.Errors.WithLabelValues(c).Inc()
			}
		},
	})
	authn := auth.Middleware(cfg.Tokens, cfg.Services.Sessions, auth.Refusals{Unauthorized: unauthorized, Unavailable: unavailable})

	mux := http.NewServeMux()
	// Issue pages ask the API as an anonymous client, so a shared link's
	// previews are answered by the same response cache as the API.
	cached := newResponseCache(cfg.Changes.Generation, cfg.ResponseCacheTTL).wrap(gql)
	// Event streams bypass the response cache and the conditional
	// answers, which hold a body whole (server/live.go).
	stream := authn(s.streams.wrap(gql))
	mux.Handle("/graphql", cors(routeStreams(stream, varyAccept(conditional(authn(cached))))))
	mux.Handle("/graphql/stream", cors(streamOnly(stream)))
	mux.Handle("GET /export/issues.csv", authn(s.exportHandler(s.exportIssues)))
	mux.Handle("GET /export/response-times.csv", authn(s.exportHandler(s.exportResponseTimes)))
	mux.Handle("GET /export/audit.csv", authn(s.exportHandler(s.exportAudit)))
	mux.Handle("GET /export/information-report.csv", authn(s.exportHandler(s.exportInformationReport)))
	s.refreshRoutes(mux, authn)
	s.subscribeRoutes(mux)
	mux.Handle("GET /feed.xml", conditional(http.HandlerFunc(s.atomFeed)))
	mux.Handle("GET /feed.json", conditional(http.HandlerFunc(s.jsonFeed)))
	mux.Handle("GET /claimreview.json", conditional(http.HandlerFunc(s.claimReviewFeed)))
	mux.Handle("GET /sitemap.xml", conditional(http.HandlerFunc(s.sitemap)))
	mux.Handle("GET /sitemaps/{page}", conditional(http.HandlerFunc(s.sitemapPage)))
	mux.HandleFunc("GET /robots.txt", s.robots)
	s.shareCards = newShareCards(cached, cfg.Location, shareCardCacheEntries, shareCardRenderSlots)
	mux.Handle("GET /isu/{number}/kartu.png", s.shareCards)
	openData := s.openDataHandler()
	mux.Handle("GET /open-data/{$}", conditional(openData))
	mux.Handle("GET /open-data/{file}", conditional(openData))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", s.ready)
	mux.Handle("GET /metrics", metricsAccess(cfg.MetricsToken, promhttp.HandlerFor(cfg.Metrics.Registry, promhttp.HandlerOpts{})))
	if cfg.Frontend != nil {
		pages := newPages(cfg.Frontend, cached, cfg.PublicURL)
		mux.Handle("/", pages)
		mux.Handle("GET /isu/{number}", conditional(pages))
	} else {
		mux.HandleFunc("/", notFound)
	}
	s.handler = s.closeWhenDraining(s.observe(requestContext(cfg.TrustProxy, cfg.RequestTimeout,
		securityHeaders(compress(cachePolicy(recordRoute(mux)))))))
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Serve answers on ln until ctx ends. It then drains: /readyz reports it and
// every response closes its connection, while requests are still answered
// for ShutdownDelay; then the listener closes and requests in flight get up
// to 15 seconds to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(slog.Default().Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.streams.close()
	if err := s.drain(errc); err != nil {
		return err
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// ready reports whether the database answers and its schema is current,
// and describes the search engine's backlog.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	if s.draining.Load() {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "draining"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	status := map[string]any{"database": "ok", "migrations": "current"}
	code := http.StatusOK
	if err := s.cfg.Health.Ping(ctx); err != nil {
		status["database"], code = "unreachable", http.StatusServiceUnavailable
	} else if pending, err := s.cfg.Health.PendingMigrations(ctx); err != nil {
		status["migrations"], code = "unknown", http.StatusServiceUnavailable
	} else if len(pending) > 0 {
		status["migrations"], status["pending"], code = "pending", pending, http.StatusServiceUnavailable
	}
	status["search"], status["jobs"] = s.searchReadiness(ctx), s.jobsReadiness(ctx)
	status["mail"] = map[string]any{"configured": false, "status": "not configured (TANGGAP_SMTP_URL)"}
	if s.cfg.Mail != nil {
		status["mail"] = s.cfg.Mail(ctx)
	}
	status["status"] = map[bool]string{true: "ready", false: "not ready"}[code == http.StatusOK]
	writeJSON(w, code, status)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) //nolint:errcheck // the client went away
}

func newRequestID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
