package main

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadConfigLimits(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(key string) string { return vars[key] }
	}
	t.Run("OKDefaults", func(t *testing.T) {
		c, err := loadConfig(env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if c.RequestsPerMinute != 600 || c.AccountRequestsPerMinute != 1200 || c.QuestionsPerHour != 5 ||
			c.LookupsPerHour != 60 || c.ShutdownDelay != 0 {
			t.Errorf("defaults: %+v", c)
		}
		// Loopback unless asked otherwise; short bearer tokens within a working day's session.
		if c.Addr != "127.0.0.1:8080" || c.TokenTTL != 15*time.Minute || c.SessionTTL != 12*time.Hour {
			t.Errorf("addr %q, token %v, session %v; want 127.0.0.1:8080, 15m, 12h", c.Addr, c.TokenTTL, c.SessionTTL)
		}
	})
	t.Run("OKSet", func(t *testing.T) {
		c, err := loadConfig(env(map[string]string{
			"TANGGAP_REQUESTS_PER_MINUTE":         "2000",
			"TANGGAP_ACCOUNT_REQUESTS_PER_MINUTE": "3000",
			"TANGGAP_QUESTIONS_PER_HOUR":          "3",
			"TANGGAP_QUESTION_LOOKUPS_PER_HOUR":   "30",
			"TANGGAP_SHUTDOWN_DELAY":              "5s",
			"TANGGAP_JOB_WORKERS":                 "8",
			"TANGGAP_JOB_RESCUE_AFTER":            "30m",
		}))
		if err != nil {
			t.Fatal(err)
		}
		if c.RequestsPerMinute != 2000 || c.AccountRequestsPerMinute != 3000 || c.QuestionsPerHour != 3 ||
			c.LookupsPerHour != 30 || c.ShutdownDelay != 5*time.Second || c.JobWorkers != 8 || c.JobRescueAfter != 30*time.Minute {
			t.Errorf("set: %+v", c)
		}
		if m := c.Masked(); m["requests_per_minute"] != 2000 || m["shutdown_delay"] != "5s" {
			t.Errorf("the logged configuration lacks the limits: %v", m)
		}
	})
	for key, value := range map[string]string{
		"TANGGAP_REQUESTS_PER_MINUTE":         "0",
		"TANGGAP_ACCOUNT_REQUESTS_PER_MINUTE": "many",
		"TANGGAP_SHUTDOWN_DELAY":              "2m",
		"TANGGAP_SESSION_TTL":                 "5m",
		"TANGGAP_LIVE_MAX_PER_ADDRESS":        "0",
		"TANGGAP_LIVE_MAX_STREAMS":            "lots",
		"TANGGAP_LIVE_HEARTBEAT":              "100ms",
		"TANGGAP_JOB_WORKERS":                 "0",
		"TANGGAP_JOB_RESCUE_AFTER":            "5s",
	} {
		t.Run("Invalid"+key, func(t *testing.T) {
			if _, err := loadConfig(env(map[string]string{key: value})); err == nil || !strings.Contains(err.Error(), key) {
				t.Errorf("%s=%s: error %v; want one naming the variable", key, value, err)
			}
		})
	}
}

// TestMaskedCoversEveryField: the logged configuration names every
// setting, so an operator reading the log sees what the process runs with,
// and hides every secret.
func TestMaskedCoversEveryField(t *testing.T) {
	keys := map[string]string{
		"Addr": "addr", "DatabaseURL": "database_url", "DataDir": "data_dir", "JWTSecret": "jwt_secret",
		"IssuePrefix": "issue_prefix", "TimeZone": "time_zone", "TokenTTL": "token_ttl", "SessionTTL": "session_ttl",
		"TrustProxy": "trust_proxy", "LogQueries": "log_queries", "LogLevel": "log_level",
		"Argon2MemoryKiB": "argon2_memory_kib", "PasswordHashConcurrency": "password_hash_concurrency",
		"Demo": "demo", "Ignored": "ignored_settings",
		"QuestionsPerHour": "questions_per_hour", "LookupsPerHour": "question_lookups_per_hour",
		"RequestsPerMinute": "requests_per_minute", "AccountRequestsPerMinute": "account_requests_per_minute",
		"ShutdownDelay": "shutdown_delay", "ResponseCacheTTL": "response_cache_ttl",
		"MeiliURL": "meili_url", "MeiliKey": "meili_key", "MeiliIndex": "meili_index",
		"DBMaxConns": "db_max_conns", "SQLiteCacheMiB": "sqlite_cache", "SQLiteMmapMiB": "sqlite_mmap",
		"MetricsToken": "metrics_auth", "PublicURL": "public_url", "Mail": "mail", "MigrationStepDelay": "migration_step_delay",
		"WebhookAllowPrivate": "webhook_allow_private", "JobWorkers": "job_workers", "JobRescueAfter": "job_rescue_after",
		"LiveMaxPerAddress": "live_max_per_address", "LiveMaxStreams": "live_max_streams", "LiveHeartbeat": "live_heartbeat",
	}
	c := Config{JWTSecret: "a-secret-of-thirty-two-bytes-or-more", MeiliKey: "meili-master-key", MetricsToken: "metrics-token-0123456789",
		DatabaseURL: "postgres://tanggap:db-password@127.0.0.1/tanggap"}
	masked := c.Masked()
	fields := reflect.TypeOf(c)
	for i := range fields.NumField() {
		name := fields.Field(i).Name
		key, ok := keys[name]
		if !ok {
			t.Errorf("Config.%s is new: give it a key in Masked and in this test", name)
			continue
		}
		if _, ok := masked[key]; !ok {
			t.Errorf("Masked lacks %s (Config.%s)", key, name)
		}
	}
	if len(masked) != len(keys) {
		t.Errorf("Masked has %d keys, the test knows %d: %v", len(masked), len(keys), masked)
	}
	logged := fmt.Sprint(masked)
	for _, secret := range []string{c.JWTSecret, c.MeiliKey, c.MetricsToken, "db-password"} {
		if strings.Contains(logged, secret) {
			t.Errorf("the logged configuration shows a secret: %s", logged)
		}
	}
}
