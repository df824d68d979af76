package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/frontend"
	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/live"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/ratelimit"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
)

func serveCmd(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	demo := fs.Bool("demo", false, "load demo data into an empty database and print demo logins")
	cfg.addFlags(fs)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	slog.SetDefault(newLogger(stderr, cfg.LogLevel))
	cfg.Demo = *demo
	for _, key := range cfg.Ignored {
		slog.Warn("setting has no effect any more; logins are slowed after failed attempts only", "setting", key)
	}

	var err error
	secret := []byte(cfg.JWTSecret)
	if len(secret) == 0 {
		if !*demo {
			return errors.New("TANGGAP_JWT_SECRET is not set: give at least 32 random bytes (or TANGGAP_JWT_SECRET_FILE); only `serve --demo` generates one")
		}
		if secret, err = demoSecret(cfg.DataDir); err != nil {
			return err
		}
		// The address hashes kept with sessions and questions follow the
		// same key, so they too stay comparable across restarts.
		cfg.JWTSecret = string(secret)
	}
	tokens, err := auth.NewTokens(secret, "tanggap", "tanggap-api", cfg.TokenTTL)
	if err != nil {
		return fmt.Errorf("TANGGAP_JWT_SECRET: %w", err)
	}

	db, err := openMigratedCreating(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if path := os.Getenv("TANGGAP_CPU_PROFILE"); path != "" {
		// Profiles everything the server does until it stops (see
		// docs/performance.md).
		stop, err := startCPUProfile(path)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *demo {
		if err := loadDemo(ctx, db, stdout, false); err != nil {
			return err
		}
	}
	slog.Info("configuration", "config", cfg.Masked(), "dialect", db.Dialect())
	go renderMissingHTML(ctx, db)

	// On PostgreSQL the field limits count in the database, so that every
	// instance enforces one limit; SQLite serves a single process, which
	// counts in memory. The general limits see most requests: each instance
	// batches a twentieth of the limit per caller before writing, so that
	// ordinary callers cost no write at all (docs/deployment.md).
	var counts ratelimit.Store
	if db.Dialect() == store.Postgres {
		counts = db
	}
	batch := func(limit int) int { return max(1, limit/20) }
	limits := graph.DefaultLimits()
	limits.FieldRateLimits = graph.FieldLimits{
		PerAddress: map[string]*ratelimit.Limiter{
			"*":              ratelimit.New(cfg.RequestsPerMinute, time.Minute, ratelimit.WithStore(counts, batch(cfg.RequestsPerMinute))),
			"submitQuestion": ratelimit.New(cfg.QuestionsPerHour, time.Hour, ratelimit.WithStore(counts, 1)),
			"question":       ratelimit.New(cfg.LookupsPerHour, time.Hour, ratelimit.WithStore(counts, 1)),
			"subscribe":      ratelimit.New(cfg.QuestionsPerHour, time.Hour, ratelimit.WithStore(counts, 1)),
		},
		PerAccount: map[string]*ratelimit.Limiter{
			"*": ratelimit.New(cfg.AccountRequestsPerMinute, time.Minute, ratelimit.WithStore(counts, batch(cfg.AccountRequestsPerMinute))),
		},
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	publicURL := cfg.PublicURL
	if publicURL == "" {
		publicURL = "http://" + displayAddr(ln.Addr())
	}
	// Live updates: every committed change reaches this process's
	// subscriptions, from any process on a PostgreSQL database.
	broker := live.NewBroker()
	defer broker.Close()
	if err := db.StartLive(ctx, broker); err != nil {
		ln.Close()
		return err
	}
	metrics := server.NewMetrics()
	searcher := openSearch(cfg, db)
	if err := startMail(cfg, db, publicURL); err != nil {
		ln.Close()
		return fmt.Errorf("mail: %w", err)
	}
	services := storeServices(db)
	hooks, err := store.NewWebhooks(db, store.WebhookConfig{Key: secret, AllowPrivate: cfg.WebhookAllowPrivate, PublicURL: publicURL})
	if err != nil {
		ln.Close()
		return err
	}
	hooks.Register(db.Jobs())
	services.Webhooks = hooks
	// Answers reach their followers through the job queue (registered
	// before it starts).
	db.EnableFollowing()
	srv := server.New(server.Config{
		Services:         services,
		Refresh:          db,
		Health:           db,
		Changes:          db,
		Location:         db.Location(),
		Now:              db.Now,
		Tokens:           tokens,
		Frontend:         frontend.Dist(),
		Limits:           limits,
		TrustProxy:       cfg.TrustProxy,
		Metrics:          metrics,
		Search:           searcher.service,
		ShutdownDelay:    cfg.ShutdownDelay,
		ResponseCacheTTL: cfg.ResponseCacheTTL,
		SessionTTL:       cfg.SessionTTL,
		MetricsToken:     cfg.MetricsToken,
		PublicURL:        publicURL,
		Mail:             mailReadiness(cfg, db),
		Live:             broker,
		LiveLimits:       server.LiveLimits{MaxPerAddress: cfg.LiveMaxPerAddress, MaxTotal: cfg.LiveMaxStreams, Heartbeat: cfg.LiveHeartbeat},
	})
	fmt.Fprintf(stdout, "Tanggap is listening on http://%s (database: %s)\n", displayAddr(ln.Addr()), db.Dialect())
	if *demo {
		fmt.Fprintln(stdout, mailNotice(cfg.Mail))
	}
	slog.Info("listening", "addr", ln.Addr().String())
	indexerCtx, stopIndexer := context.WithCancel(ctx)
	indexerDone, err := searcher.startJobs(indexerCtx, metrics)
	if err != nil {
		stopIndexer()
		ln.Close()
		return fmt.Errorf("start the job queue: %w", err)
	}
	pruneDone := make(chan struct{})
	go func() {
		defer close(pruneDone)
		if counts != nil {
			ratelimit.Prune(indexerCtx, counts, 5*time.Minute)
		}
	}()
	err = srv.Serve(ctx, ln)
	stopIndexer()
	<-indexerDone
	<-pruneDone
	slog.Info("stopped")
	return err
}

// storeServices puts the store behind every domain service of the API; the
// search service is wired apart (openSearch).
func storeServices(db *store.DB) graph.Services {
	return graph.Services{
		Agencies:       db,
		Users:          db,
		Issues:         db,
		Responses:      db,
		Audit:          db,
		Questions:      db,
		Accountability: db,
		Synonyms:       db,
		Sessions:       db,
		Calendar:       db,
		Trends:         db,
		Subscriptions:  db,
	}
}

// loadDemo loads the demo data into an empty database and prints the demo
// logins; on a database that already has data it only prints the logins.
func loadDemo(ctx context.Context, db *store.DB, stdout io.Writer, requireEmpty bool) error {
	result, err := db.LoadDemo(models.NewContextWithUser(ctx, models.SystemUser), db.Now())
	switch {
	case models.ErrorCode(err) == models.ECONFLICT && requireEmpty:
		return describe(err)
	case models.ErrorCode(err) == models.ECONFLICT:
		fmt.Fprintln(stdout, "The database already has data; demo data was not loaded again.")
	case err != nil:
		return fmt.Errorf("load demo data: %w", err)
	default:
		fmt.Fprintf(stdout, "Loaded demo data: %d agencies, %d categories, %d issues, %d responses, %d questions.\n",
			result.Agencies, result.Categories, result.Issues, result.Responses, result.Questions)
	}
	fmt.Fprintf(stdout, "Demo staff logins (password %q for all — demo only):\n", store.DemoPassword)
	for _, s := range store.DemoStaff() {
		line := fmt.Sprintf("  %-8s %s", s.Role, s.Email)
		if s.AgencySlug != "" {
			line += "  (" + s.AgencySlug + ")"
		}
		fmt.Fprintln(stdout, line)
	}
	return nil
}

// displayAddr shows a wildcard listen address as localhost, so the printed
// URL can be opened as it is.
func displayAddr(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	switch strings.ToLower(level) {
	case "debug":
		l = slog.LevelDebug
	case "warn":
		l = slog.LevelWarn
	case "error":
		l = slog.LevelError
	default:
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}

// renderMissingHTML stores the HTML of responses written by a version that
// rendered it on every read; until it is done such rows render when read.
func renderMissingHTML(ctx context.Context, db *store.DB) {
	n, err := db.RenderMissingHTML(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		slog.Warn("rendering stored response HTML", "err", err, "rendered", n)
	case n > 0:
		slog.Info("rendered stored response HTML", "rows", n)
	}
}
