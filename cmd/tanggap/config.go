package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/mail"
)

// Config is the whole configuration of the binary. Values come from
// TANGGAP_* environment variables; flags override them; secrets may also be
// read from the file named by TANGGAP_*_FILE.
type Config struct {
	Addr        string
	DatabaseURL string
	DataDir     string
	JWTSecret   string
	IssuePrefix string
	TimeZone    string
	TokenTTL    time.Duration
	// SessionTTL is how long a browser session kept by its refresh cookie
	// lasts at most; its bearer tokens live TokenTTL each.
	SessionTTL time.Duration
	TrustProxy bool
	LogQueries bool
	LogLevel   string

	// Argon2MemoryKiB is the memory cost of new password hashes;
	// PasswordHashConcurrency bounds how many are computed at once (0: two
	// per processor).
	Argon2MemoryKiB         int
	PasswordHashConcurrency int
	// Demo is set by `serve --demo`: the demo password is then allowed.
	Demo bool
	// Ignored names settings that are set but no longer have an effect.
	Ignored []string
	// QuestionsPerHour and LookupsPerHour bound submitQuestion and
	// question(trackingCode) per client address.
	QuestionsPerHour int
	LookupsPerHour   int
	// RequestsPerMinute bounds the calls of any other root field per
	// client address, AccountRequestsPerMinute per signed-in account.
	RequestsPerMinute        int
	AccountRequestsPerMinute int
	// ShutdownDelay is how long serve keeps answering after SIGTERM while
	// /readyz reports it draining, so that a load balancer stops sending it
	// requests before it closes its listener.
	ShutdownDelay time.Duration
	// ResponseCacheTTL bounds how long a repeated anonymous query is
	// answered from memory; zero turns the cache off.
	ResponseCacheTTL time.Duration
	// MeiliURL, when set, makes Meilisearch the search engine, with the
	// database's engine answering when it does not; MeiliKey is its API key
	// and MeiliIndex the index the application owns.
	MeiliURL   string
	MeiliKey   string
	MeiliIndex string
	// DBMaxConns bounds the database connection pool (0: the store's
	// default for the dialect).
	DBMaxConns int
	// SQLiteCacheMiB and SQLiteMmapMiB size SQLite's page cache per
	// connection and its memory map (0: the store's defaults).
	SQLiteCacheMiB int
	SQLiteMmapMiB  int
	// MetricsToken, when set, lets requests with this bearer token read
	// /metrics from any address; without it only loopback may.
	MetricsToken string
	// PublicURL is the portal's public address (scheme and host, no
	// trailing slash): feeds, sitemaps, link previews and the API's url
	// fields are built from it, never from a request's Host header. Empty
	// means the address serve listens on.
	PublicURL string
	// Mail is where and as whom notifications are sent (TANGGAP_SMTP_URL,
	// TANGGAP_MAIL_FROM); nil when mail is not configured.
	Mail *mail.Config
	// JobWorkers and JobRescueAfter tune the job queue (0: its defaults);
	// see config_jobs.go.
	JobWorkers     int
	JobRescueAfter time.Duration
	// WebhookAllowPrivate lets webhook endpoints resolve to private,
	// loopback and link-local addresses (TANGGAP_WEBHOOK_ALLOW_PRIVATE).
	WebhookAllowPrivate bool
	// LiveMaxPerAddress, LiveMaxStreams and LiveHeartbeat bound the API's
	// event streams (0: the server's defaults); see config_live.go.
	LiveMaxPerAddress int
	LiveMaxStreams    int
	LiveHeartbeat     time.Duration
	// MigrationStepDelay slows every migration down; only the tests that
	// kill a migration half-way set it (TANGGAP_TEST_MIGRATION_DELAY).
	MigrationStepDelay time.Duration
}

// loadConfig reads the environment.
func loadConfig(getenv func(string) string) (Config, error) {
	c := Config{
		// Only this machine, unless the operator says otherwise: a demo
		// started on a laptop must not be reachable from the café's network.
		Addr:             envOr(getenv, "TANGGAP_ADDR", "127.0.0.1:8080"),
		DatabaseURL:      getenv("TANGGAP_DATABASE_URL"),
		DataDir:          envOr(getenv, "TANGGAP_DATA_DIR", "data"),
		IssuePrefix:      envOr(getenv, "TANGGAP_ISSUE_PREFIX", "KTB"),
		TimeZone:         envOr(getenv, "TANGGAP_TIMEZONE", "Asia/Makassar"),
		LogLevel:         envOr(getenv, "TANGGAP_LOG_LEVEL", "info"),
		TokenTTL:         15 * time.Minute,
		SessionTTL:       12 * time.Hour,
		ResponseCacheTTL: 5 * time.Second,
		Argon2MemoryKiB:  auth.DefaultArgonMemoryKiB,
		QuestionsPerHour: 5,
		LookupsPerHour:   60,
		MeiliURL:         getenv("TANGGAP_MEILI_URL"),
		MeiliIndex:       envOr(getenv, "TANGGAP_MEILI_INDEX", "tanggap_issues"),

		RequestsPerMinute:        600,
		AccountRequestsPerMinute: 1200,
	}
	var err error
	if c.JWTSecret, err = secret(getenv, "TANGGAP_JWT_SECRET"); err != nil {
		return c, err
	}
	if c.MeiliKey, err = secret(getenv, "TANGGAP_MEILI_KEY"); err != nil {
		return c, err
	}
	if err := loadLiveConfig(getenv, &c); err != nil {
		return c, err
	}
	if err := loadOperationsConfig(getenv, &c); err != nil {
		return c, err
	}
	if v := getenv("TANGGAP_TOKEN_TTL"); v != "" {
		if c.TokenTTL, err = time.ParseDuration(v); err != nil || c.TokenTTL < time.Minute || c.TokenTTL > 24*time.Hour {
			return c, fmt.Errorf("TANGGAP_TOKEN_TTL: want a duration between 1m and 24h, got %q", v)
		}
	}
	if v := getenv("TANGGAP_SESSION_TTL"); v != "" {
		if c.SessionTTL, err = time.ParseDuration(v); err != nil || c.SessionTTL < 10*time.Minute || c.SessionTTL > 30*24*time.Hour {
			return c, fmt.Errorf("TANGGAP_SESSION_TTL: want a duration between 10m and 720h, got %q", v)
		}
	}
	if v := getenv("TANGGAP_SHUTDOWN_DELAY"); v != "" {
		if c.ShutdownDelay, err = time.ParseDuration(v); err != nil || c.ShutdownDelay < 0 || c.ShutdownDelay > time.Minute {
			return c, fmt.Errorf("TANGGAP_SHUTDOWN_DELAY: want a duration between 0s and 1m, got %q", v)
		}
	}
	if v := getenv("TANGGAP_RESPONSE_CACHE_TTL"); v != "" {
		if c.ResponseCacheTTL, err = time.ParseDuration(v); err != nil || c.ResponseCacheTTL < 0 || c.ResponseCacheTTL > time.Minute {
			return c, fmt.Errorf("TANGGAP_RESPONSE_CACHE_TTL: want a duration between 0s and 1m, got %q", v)
		}
	}
	if c.PublicURL, err = publicURL(getenv("TANGGAP_PUBLIC_URL")); err != nil {
		return c, err
	}
	if c.Mail, err = mailConfig(getenv); err != nil {
		return c, err
	}
	if err := loadWebhookConfig(getenv, &c); err != nil {
		return c, err
	}
	if err := loadJobConfig(getenv, &c); err != nil {
		return c, err
	}
	if c.TrustProxy, err = envBool(getenv, "TANGGAP_TRUST_PROXY"); err != nil {
		return c, err
	}
	if c.LogQueries, err = envBool(getenv, "TANGGAP_LOG_QUERIES"); err != nil {
		return c, err
	}
	// Logins are throttled by failures only now; a success never counts.
	if getenv("TANGGAP_LOGIN_ATTEMPTS_PER_HOUR") != "" {
		c.Ignored = append(c.Ignored, "TANGGAP_LOGIN_ATTEMPTS_PER_HOUR")
	}
	if v := getenv("TANGGAP_ARGON2_MEMORY_KIB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < auth.MinArgonMemoryKiB || n > auth.MaxArgonMemoryKiB {
			return c, fmt.Errorf("TANGGAP_ARGON2_MEMORY_KIB: want %d–%d, got %q", auth.MinArgonMemoryKiB, auth.MaxArgonMemoryKiB, v)
		}
		c.Argon2MemoryKiB = n
	}
	if v := getenv("TANGGAP_PASSWORD_HASH_CONCURRENCY"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1024 {
			return c, fmt.Errorf("TANGGAP_PASSWORD_HASH_CONCURRENCY: want 1–1024, got %q", v)
		}
		c.PasswordHashConcurrency = n
	}
	for key, dst := range map[string]*int{
		"TANGGAP_QUESTIONS_PER_HOUR":          &c.QuestionsPerHour,
		"TANGGAP_QUESTION_LOOKUPS_PER_HOUR":   &c.LookupsPerHour,
		"TANGGAP_REQUESTS_PER_MINUTE":         &c.RequestsPerMinute,
		"TANGGAP_ACCOUNT_REQUESTS_PER_MINUTE": &c.AccountRequestsPerMinute,
	} {
		if v := getenv(key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return c, fmt.Errorf("%s: want a positive number, got %q", key, v)
			}
			*dst = n
		}
	}
	return c, nil
}

// hashConcurrency is the configured bound on concurrent password hashes,
// or the default.
func (c Config) hashConcurrency() int {
	if c.PasswordHashConcurrency > 0 {
		return c.PasswordHashConcurrency
	}
	return auth.DefaultHashConcurrency()
}

// addFlags lets flags override what the environment said.
func (c *Config) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (TANGGAP_ADDR)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "postgres:// URL or sqlite:PATH (TANGGAP_DATABASE_URL)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "folder of the default SQLite database (TANGGAP_DATA_DIR)")
}

// databaseURL is the configured URL, or the SQLite file in the data folder.
func (c Config) databaseURL() string {
	if c.DatabaseURL != "" {
		return c.DatabaseURL
	}
	return "sqlite:" + filepath.Join(c.DataDir, "tanggap.db")
}

// Masked returns the whole configuration with secrets and passwords hidden,
// for logs; every field of Config has its key (config_test.go checks it).
func (c Config) Masked() map[string]any {
	return map[string]any{
		"addr":         c.Addr,
		"database_url": maskURL(c.databaseURL()),
		"data_dir":     c.DataDir,
		"jwt_secret":   mask(c.JWTSecret),
		"issue_prefix": c.IssuePrefix,
		"time_zone":    c.TimeZone,
		"token_ttl":    c.TokenTTL.String(),
		"session_ttl":  c.SessionTTL.String(),
		"trust_proxy":  c.TrustProxy,
		"log_queries":  c.LogQueries,
		"log_level":    c.LogLevel,
		"meili_url":    maskURL(c.MeiliURL),
		"meili_key":    mask(c.MeiliKey),
		"meili_index":  c.MeiliIndex,

		"questions_per_hour":          c.QuestionsPerHour,
		"question_lookups_per_hour":   c.LookupsPerHour,
		"requests_per_minute":         c.RequestsPerMinute,
		"account_requests_per_minute": c.AccountRequestsPerMinute,
		"shutdown_delay":              c.ShutdownDelay.String(),
		"response_cache_ttl":          c.ResponseCacheTTL.String(),
		"argon2_memory_kib":           c.Argon2MemoryKiB,
		"password_hash_concurrency":   c.hashConcurrency(),
		"db_max_conns":                c.DBMaxConns,
		"sqlite_cache":                c.SQLiteCacheMiB,
		"sqlite_mmap":                 c.SQLiteMmapMiB,
		"metrics_auth":                mask(c.MetricsToken),
		"public_url":                  c.PublicURL,
		"mail":                        maskedMail(c.Mail),
		"webhook_allow_private":       c.WebhookAllowPrivate,
		"job_workers":                 c.JobWorkers,
		"job_rescue_after":            c.JobRescueAfter.String(),
		"live_max_per_address":        c.LiveMaxPerAddress,
		"live_max_streams":            c.LiveMaxStreams,
		"live_heartbeat":              c.LiveHeartbeat.String(),
		"demo":                        c.Demo,
		"ignored_settings":            c.Ignored,
		"migration_step_delay":        c.MigrationStepDelay.String(),
	}
}

func mask(s string) string {
	if s == "" {
		return ""
	}
	return "***"
}

// maskURL hides the password of a database URL.
func maskURL(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	creds, host, ok := strings.Cut(rest, "@")
	if !ok {
		return raw
	}
	if user, _, hasPass := strings.Cut(creds, ":"); hasPass {
		return scheme + "://" + user + ":***@" + host
	}
	return raw
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func envBool(getenv func(string) string, key string) (bool, error) {
	v := getenv(key)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s: want true or false, got %q", key, v)
	}
	return b, nil
}

// secret reads KEY, or the file named by KEY_FILE; setting both is an error.
func secret(getenv func(string) string, key string) (string, error) {
	value, file := getenv(key), getenv(key+"_FILE")
	switch {
	case value != "" && file != "":
		return "", fmt.Errorf("set %s or %s_FILE, not both", key, key)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("%s_FILE: %w", key, err)
		}
		value = strings.TrimSpace(string(b))
		if value == "" {
			return "", errors.New(key + "_FILE names an empty file")
		}
	}
	return value, nil
}
