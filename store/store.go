// Package store implements the services of package models with bun over
// PostgreSQL (lib/pq) or SQLite (modernc.org/sqlite). Exported methods own
// their transaction; every rule of models is checked inside it.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/extra/bundebug"
	"modernc.org/sqlite"

	"github.com/kotabaru/tanggap/markdown"
	"github.com/kotabaru/tanggap/models"
)

// Dialect names the database behind a DB.
type Dialect string

// The supported databases.
const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// Options configure a DB beyond its URL.
type Options struct {
	// NumberPrefix starts every public issue number, e.g. "KTB".
	NumberPrefix string
	// Location is the deployment's time zone: issue-number years and the
	// working calendar follow it.
	Location *time.Location
	// LogQueries prints every SQL statement to standard error.
	LogQueries bool
	// Hasher hashes staff passwords; required for accounts and logins.
	Hasher models.PasswordHasher
	// AddressKey keys the hash of a caller's address kept with a question
	// (to fold repeats); random per process when empty.
	AddressKey []byte
}

// DB is the store: a bun database, the clock of its transactions, and the
// deployment settings the rules need.
type DB struct {
	bun     *bun.DB
	dialect Dialect
	prefix  string
	loc     *time.Location
	// Hasher hashes and checks staff passwords.
	Hasher     models.PasswordHasher
	addressKey []byte
	// Now returns the current time; tests replace it. Every transaction
	// reads it once.
	Now func() time.Time
	// counts caches the totals of issue lists between writes.
	counts countCache
	// markdown renders response bodies when they are written.
	markdown *markdown.Renderer
	// writeSlot queues this process's SQLite writers in arrival order (nil
	// on PostgreSQL). SQLite's own busy handler retries with growing sleeps,
	// which under a burst of writers lets some wait for seconds while later
	// ones get through; a queue in front of it keeps waits short and fair.
	writeSlot chan struct{}
}

// Open connects to the database named by rawURL: a postgres:// URL, or
// "sqlite:" followed by a file path (a bare file path is taken as SQLite).
// It does not migrate; see Migrate.
func Open(rawURL string, opts Options) (*DB, error) {
	if opts.NumberPrefix == "" {
		opts.NumberPrefix = "KTB"
	}
	if opts.Location == nil {
		loc, err := time.LoadLocation("Asia/Makassar")
		if err != nil {
			return nil, fmt.Errorf("load time zone: %w", err)
		}
		opts.Location = loc
	}
	if len(opts.AddressKey) == 0 {
		opts.AddressKey = make([]byte, 32)
		rand.Read(opts.AddressKey)
	}
	db := &DB{prefix: opts.NumberPrefix, loc: opts.Location, Hasher: opts.Hasher, addressKey: opts.AddressKey, Now: time.Now,
		markdown: markdown.New()}
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		connector, err := pq.NewConnector(rawURL)
		if err != nil {
			return nil, fmt.Errorf("postgres url: %w", err)
		}
		sqldb := sql.OpenDB(timeConnector{connector})
		sqldb.SetMaxOpenConns(20)
		sqldb.SetMaxIdleConns(10)
		sqldb.SetConnMaxIdleTime(5 * time.Minute)
		db.bun = bun.NewDB(sqldb, pgdialect.New())
		db.dialect = Postgres
	default:
		path := strings.TrimPrefix(strings.TrimPrefix(rawURL, "sqlite://"), "sqlite:")
		if path == "" {
			return nil, errors.New("sqlite url has no file path")
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("create data folder: %w", err)
		}
		// busy_timeout comes first so that setting WAL waits for a lock
		// instead of failing; immediate transactions take the write lock at
		// BEGIN, so read-then-write transactions never lose to SQLITE_BUSY.
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
		connector, err := sqlite.NewConnector("file:" + path + "?" + q.Encode())
		if err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
		sqldb := sql.OpenDB(timeConnector{connector})
		sqldb.SetMaxOpenConns(8)
		db.bun = bun.NewDB(sqldb, sqlitedialect.New())
		db.dialect = SQLite
		db.writeSlot = make(chan struct{}, 1)
	}
	if opts.LogQueries {
		db.bun.AddQueryHook(bundebug.NewQueryHook(bundebug.WithVerbose(true)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.bun.PingContext(ctx); err != nil {
		db.bun.Close()
		return nil, fmt.Errorf("connect to %s: %w", db.dialect, err)
	}
	return db, nil
}

// Close closes the connections.
func (db *DB) Close() error { return db.bun.Close() }

// Dialect reports which database is behind db.
func (db *DB) Dialect() Dialect { return db.dialect }

// Bun exposes the bun handle to the search engines and to tests.
func (db *DB) Bun() *bun.DB { return db.bun }

// Location returns the deployment's time zone.
func (db *DB) Location() *time.Location { return db.loc }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.bun.PingContext(ctx) }

// now reads the clock once, in UTC with the microsecond precision both
// databases keep.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// writeTx runs fn in a write transaction, retrying the whole transaction when
// the connection broke or PostgreSQL reports a serialization failure or a
// deadlock: fn must therefore be free of side effects outside tx.
func (db *DB) writeTx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx, now time.Time) error) error {
	if db.writeSlot != nil {
		select {
		case db.writeSlot <- struct{}{}:
			defer func() { <-db.writeSlot }()
		case <-ctx.Done():
			return wrapErr(ctx.Err())
		}
	}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		now := db.now()
		err = db.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return fn(ctx, tx, now)
		})
		db.counts.invalidate()
		if err == nil || !retryable(err) || ctx.Err() != nil {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
	}
	return wrapErr(err)
}

func retryable(err error) bool {
	var pqErr *pq.Error
	var netErr net.Error
	switch {
	case errors.Is(err, driver.ErrBadConn):
		return true
	case errors.As(err, &pqErr):
		return pqErr.Code == "40001" || pqErr.Code == "40P01"
	case errors.As(err, &netErr):
		return true
	}
	return false
}

// wrapErr keeps domain errors as they are and makes any other error internal.
func wrapErr(err error) error {
	var e *models.Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	return models.Internal(err)
}

// isUniqueViolation reports a unique constraint failure on either database.
func isUniqueViolation(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return pqErr.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

func notFound(what string) error {
	return models.Errorf(models.ENOTFOUND, "%s tidak ditemukan", what)
}

func forbidden() error {
	return models.Errorf(models.EFORBIDDEN, "Anda tidak berwenang melakukan tindakan ini")
}

// requireRole returns the caller if they are signed in with one of roles.
func requireRole(ctx context.Context, roles ...models.Role) (*models.User, error) {
	user := models.UserFromContext(ctx)
	if user == nil {
		return nil, models.Errorf(models.EUNAUTHENTICATED, "Silakan masuk terlebih dahulu")
	}
	for _, r := range roles {
		if user.Role == r {
			return user, nil
		}
	}
	return nil, forbidden()
}
