package main

import (
	"fmt"
	"strconv"
	"time"
)

// loadOperationsConfig reads the settings of the database pool, SQLite's
// memory and the metrics endpoint.
func loadOperationsConfig(getenv func(string) string, c *Config) error {
	var err error
	if c.MetricsToken, err = secret(getenv, "TANGGAP_METRICS_TOKEN"); err != nil {
		return err
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return fmt.Errorf("TANGGAP_METRICS_TOKEN: want at least 16 characters")
	}
	for _, setting := range []struct {
		key      string
		dst      *int
		min, max int
	}{
		{"TANGGAP_DB_MAX_CONNS", &c.DBMaxConns, 1, 500},
		{"TANGGAP_SQLITE_CACHE_MIB", &c.SQLiteCacheMiB, 1, 4096},
		{"TANGGAP_SQLITE_MMAP_MIB", &c.SQLiteMmapMiB, 0, 1 << 20},
	} {
		v := getenv(setting.key)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < setting.min || n > setting.max {
			return fmt.Errorf("%s: want a whole number from %d to %d, got %q", setting.key, setting.min, setting.max, v)
		}
		*setting.dst = n
	}
	if c.SQLiteMmapMiB == 0 && getenv("TANGGAP_SQLITE_MMAP_MIB") != "" {
		c.SQLiteMmapMiB = -1 // 0 turns the map off; the store takes 0 as "default"
	}
	if v := getenv("TANGGAP_TEST_MIGRATION_DELAY"); v != "" {
		if c.MigrationStepDelay, err = time.ParseDuration(v); err != nil {
			return fmt.Errorf("TANGGAP_TEST_MIGRATION_DELAY: %w", err)
		}
	}
	return nil
}
