package store_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun/migrate"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/migrations"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// emptyURL returns the URL of a database of the dialect that does not have
// a schema yet.
func emptyURL(t *testing.T, dialect store.Dialect) string {
	t.Helper()
	if dialect == store.Postgres {
		return storetest.NewPostgresURL(t)
	}
	return "sqlite:" + filepath.Join(t.TempDir(), "kosong.db")
}

func mustOpenURL(t *testing.T, rawURL string, opts store.Options) *store.DB {
	t.Helper()
	opts.Hasher = auth.Argon2id{}
	db, err := store.Open(rawURL, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestFaultStaleMigrationLock starts on a database where an earlier version
// was killed while migrating: its row in bun_migration_locks stays behind.
// Migrating must neither fail nor need manual SQL, and the row goes.
func TestFaultStaleMigrationLock(t *testing.T) {
	for _, dialect := range storetest.Dialects(t) {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			db := mustOpenURL(t, emptyURL(t, dialect), store.Options{})
			// What the earlier version did before it was killed: bun's own
			// table lock, taken and never released.
			set := migrate.NewMigrations()
			if err := set.Discover(migrations.FS(string(dialect))); err != nil {
				t.Fatal(err)
			}
			old := migrate.NewMigrator(db.Bun(), set)
			if err := old.Init(ctx); err != nil {
				t.Fatal(err)
			}
			if err := old.Lock(ctx); err != nil {
				t.Fatal(err)
			}

			applied, err := db.Migrate(ctx)
			if err != nil {
				t.Fatalf("migrate after a stale lock: %v", err)
			}
			if want := embeddedMigrations(t, dialect); !slices.Equal(sortedCopy(applied), want) {
				t.Fatalf("applied %v, want %v", applied, want)
			}
			var rows int
			if err := db.Bun().QueryRowContext(ctx, "SELECT count(*) FROM bun_migration_locks").Scan(&rows); err != nil {
				t.Fatal(err)
			}
			if rows != 0 {
				t.Fatalf("%d stale lock rows left", rows)
			}
			mustSchemaWorks(t, db)
		})
	}
}

// holdMigrationLock takes, from a session of its own, the lock a migration
// needs, and returns the function that lets it go.
func holdMigrationLock(t *testing.T, dialect store.Dialect, rawURL string) func() {
	t.Helper()
	ctx := context.Background()
	driver, dsn := "postgres", rawURL
	if dialect == store.SQLite {
		driver, dsn = "sqlite", "file:"+rawURL[len("sqlite:"):]+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)"
	}
	other, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lock, unlock := "SELECT pg_advisory_lock($1)", "SELECT pg_advisory_unlock($1)"
	args := []any{int64(store.MigrationLockKey)}
	if dialect == store.SQLite {
		lock, unlock, args = "BEGIN IMMEDIATE", "ROLLBACK", nil
	}
	if _, err := conn.ExecContext(ctx, lock, args...); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release := func() {
		once.Do(func() {
			conn.ExecContext(ctx, unlock, args...) //nolint:errcheck
			conn.Close()
			other.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// TestFaultMigrationLockWait checks that a migration waits for another one
// and, past its limit, fails with an error that says what is going on.
func TestFaultMigrationLockWait(t *testing.T) {
	for _, dialect := range storetest.Dialects(t) {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			rawURL := emptyURL(t, dialect)
			db := mustOpenURL(t, rawURL, store.Options{MigrationWait: time.Second})
			if err := db.Ping(ctx); err != nil {
				t.Fatal(err)
			}
			release := holdMigrationLock(t, dialect, rawURL)
			_, err := db.Migrate(ctx)
			if !errors.Is(err, store.ErrMigrationLocked) {
				t.Fatalf("migrating while another holds the lock: %v, want ErrMigrationLocked", err)
			}
			release()
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate after the other let go: %v", err)
			}
			mustStatuses(t, db, embeddedMigrations(t, dialect), true)
		})
	}
}

// TestFaultConcurrentMigrateInProcess runs several migrators, each with its
// own pool, on one fresh database: all succeed and each migration is applied
// exactly once.
func TestFaultConcurrentMigrateInProcess(t *testing.T) {
	const migrators = 6
	for _, dialect := range storetest.Dialects(t) {
		t.Run(string(dialect), func(t *testing.T) {
			rawURL := emptyURL(t, dialect)
			dbs := make([]*store.DB, migrators)
			for k := range dbs {
				dbs[k] = mustOpenURL(t, rawURL, store.Options{})
			}
			var wg sync.WaitGroup
			results := make([][]string, migrators)
			errs := make([]error, migrators)
			start := make(chan struct{})
			for k, db := range dbs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					results[k], errs[k] = db.Migrate(context.Background())
				}()
			}
			close(start)
			wg.Wait()
			var all []string
			for k := range dbs {
				if errs[k] != nil {
					t.Errorf("migrator %d: %v", k, errs[k])
				}
				all = append(all, results[k]...)
			}
			if want := embeddedMigrations(t, dialect); !slices.Equal(sortedCopy(all), want) {
				t.Fatalf("applied %v altogether, want each of %v once", all, want)
			}
			mustStatuses(t, dbs[0], embeddedMigrations(t, dialect), true)
			mustSchemaWorks(t, dbs[0])
		})
	}
}
