package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/store"
)

// openStore connects to the configured database without migrating it.
func openStore(cfg Config) (*store.DB, error) {
	loc, err := time.LoadLocation(cfg.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("TANGGAP_TIMEZONE: %w", err)
	}
	hasher, err := auth.NewArgon2id(auth.Argon2idConfig{
		MemoryKiB: cfg.Argon2MemoryKiB,
		Gate:      auth.NewHashGate(cfg.hashConcurrency(), auth.DefaultQueueTimeout),
		Policy:    auth.PasswordPolicy{AllowDemoPassword: cfg.Demo},
	})
	if err != nil {
		return nil, fmt.Errorf("TANGGAP_ARGON2_MEMORY_KIB: %w", err)
	}
	db, err := store.Open(cfg.databaseURL(), store.Options{
		NumberPrefix: cfg.IssuePrefix,
		Location:     loc,
		LogQueries:   cfg.LogQueries,
		Hasher:       hasher,
		AddressKey:   addressKey(cfg.JWTSecret),
	})
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", maskURL(cfg.databaseURL()), err)
	}
	return db, nil
}

// openMigrated opens the store and makes sure its schema is current: SQLite
// is migrated in place, PostgreSQL must have been migrated by an operator.
func openMigrated(ctx context.Context, cfg Config) (*store.DB, error) {
	db, err := openStore(cfg)
	if err != nil {
		return nil, err
	}
	if db.Dialect() == store.SQLite {
		if _, err := db.Migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
		return db, nil
	}
	pending, err := db.PendingMigrations(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if len(pending) > 0 {
		db.Close()
		return nil, fmt.Errorf("the PostgreSQL schema is not current (%d pending: %s); run `tanggap migrate up` first",
			len(pending), strings.Join(pending, ", "))
	}
	return db, nil
}

// addressKey derives the key that hashes client addresses from the
// deployment's secret, so every instance folds repeated questions alike;
// without a secret (demo mode) the store picks a random key.
func addressKey(secret string) []byte {
	if secret == "" {
		return nil
	}
	sum := sha256.Sum256([]byte("tanggap-address-key|" + secret))
	return sum[:]
}
