package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/store"
)

// openStore connects to the configured database without migrating it. A
// SQLite file that does not exist is created only with create set: the
// commands that make a database (serve, migrate up, seed, restore) set it,
// the others refuse, so a mistyped path fails instead of answering from a
// new, empty database.
func openStore(cfg Config, create bool) (*store.DB, error) {
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
		NumberPrefix:       cfg.IssuePrefix,
		Location:           loc,
		LogQueries:         cfg.LogQueries,
		Hasher:             hasher,
		AddressKey:         addressKey(cfg.JWTSecret),
		MustExist:          !create,
		MaxConns:           cfg.DBMaxConns,
		SQLiteCacheMiB:     cfg.SQLiteCacheMiB,
		SQLiteMmapMiB:      cfg.SQLiteMmapMiB,
		MigrationStepDelay: cfg.MigrationStepDelay,
	})
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, fmt.Errorf("there is no database at %s: check TANGGAP_DATABASE_URL or --data-dir; "+
			"`tanggap migrate up` or `tanggap serve` creates a new one", strings.TrimPrefix(cfg.databaseURL(), "sqlite:"))
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", maskURL(cfg.databaseURL()), err)
	}
	return db, nil
}

// openMigrated opens an existing database and makes sure its schema is
// current: SQLite is migrated in place, PostgreSQL must have been migrated
// by an operator.
func openMigrated(ctx context.Context, cfg Config) (*store.DB, error) {
	return openMigratedCreating(ctx, cfg, false)
}

// openMigratedCreating is openMigrated for the commands that may create a
// new SQLite database.
func openMigratedCreating(ctx context.Context, cfg Config, create bool) (*store.DB, error) {
	db, err := openStore(cfg, create)
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
	if err := requireCurrentSchema(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// requireCurrentSchema refuses a PostgreSQL schema with pending migrations.
func requireCurrentSchema(ctx context.Context, db *store.DB) error {
	pending, err := db.PendingMigrations(ctx)
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		return fmt.Errorf("the PostgreSQL schema is not current (%d pending: %s); run `tanggap migrate up` first",
			len(pending), strings.Join(pending, ", "))
	}
	return nil
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
