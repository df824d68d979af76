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
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/lib/pq"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/extra/bundebug"
	"modernc.org/sqlite"

	"github.com/kotabaru/tanggap/jobs"
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
	// MustExist refuses a SQLite file that does not exist yet, so that a
	// mistyped path fails instead of quietly creating an empty database.
	MustExist bool
	// MaxConns bounds the connection pool: 20 on PostgreSQL and 8 on SQLite
	// when zero. As many connections are kept idle, so bursts reuse them.
	MaxConns int
	// SQLiteCacheMiB is the page cache of each SQLite connection; 32 when
	// zero.
	SQLiteCacheMiB int
	// SQLiteMmapMiB is how much of the SQLite file is read through a memory
	// map; 1024 when zero, negative turns the map off.
	SQLiteMmapMiB int
	// MigrationWait bounds how long Migrate waits for a migration another
	// process is running; 5 minutes when zero.
	MigrationWait time.Duration
	// MigrationStepDelay pauses inside every migration's transaction, with
	// the migration lock held. Only tests that interrupt a migration set it.
	MigrationStepDelay time.Duration
}

// Defaults of Options.
const (
	defaultPostgresConns  = 20
	defaultSQLiteConns    = 8
	defaultSQLiteCacheMiB = 32
	defaultSQLiteMmapMiB  = 1024
	defaultMigrationWait  = 5 * time.Minute
	// sqliteJournalLimit is the size the WAL file is cut back to after a
	// checkpoint; without it the file keeps its largest size for ever.
	sqliteJournalLimit = 64 << 20
)

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
	// agencies and categories hold those small tables between writes.
	agencies   directory[*models.Agency]
	categories directory[*models.Category]
	// markdown renders response bodies when they are written.
	markdown *markdown.Renderer
	// writeSlot queues this process's SQLite writers in arrival order (nil
	// on PostgreSQL). SQLite's own busy handler retries with growing sleeps,
	// which under a burst of writers lets some wait for seconds while later
	// ones get through; a queue in front of it keeps waits short and fair.
	writeSlot chan struct{}
	// group gathers concurrent audited changes into shared transactions
	// (auditedTx).
	group *groupCommit
	// AuditCacheTTL is how long the public audit verification is reused
	// while the chain has not grown; tests that alter entries set it to 0.
	AuditCacheTTL time.Duration

	// auditHooks are told of every audit entry inside the transaction
	// that appends it (see OnAudit).
	auditHooks []AuditHook
	// changeHooks are audit hooks that need no entry id (OnAuditChange).
	changeHooks []AuditHook
	// groupQuestions are asked once per group of audited changes, with
	// the chain's head (askPerGroup).
	groupQuestions []groupQuestion

	// preparedStmts are the prepared statements of the hottest reads
	// (prepared.go).
	preparedStmts preparedStatements
	// issueWith are the statements of IssueByNumberWith, written once per
	// combination of parts (issuewith.go).
	issueWith sync.Map

	sqlitePath    string
	migrationWait time.Duration
	migrationStep time.Duration
	auditCache    auditCache
	maintenance   *walMaintenance
	// queue holds the jobs that follow changes (see package jobs); on
	// SQLite over a pool of its own, queuePool.
	queue     *jobs.Queue
	queuePool *sql.DB
	// dataURL is the PostgreSQL URL, for the live updates' listener.
	dataURL string
	// binary connects as the pool does, sending []byte parameters in
	// binary (BinaryConnector).
	binary driver.Connector
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
		AuditCacheTTL: defaultAuditCacheTTL, migrationWait: opts.MigrationWait, migrationStep: opts.MigrationStepDelay,
		markdown: markdown.New()}
	if db.migrationWait <= 0 {
		db.migrationWait = defaultMigrationWait
	}
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		if err := db.openPostgres(rawURL, opts); err != nil {
			return nil, err
		}
	default:
		if err := db.openSQLite(rawURL, opts); err != nil {
			return nil, err
		}
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
	if err := db.openQueue(); err != nil {
		db.Close()
		return nil, err
	}
	if db.dialect == SQLite {
		db.maintenance = db.startWALMaintenance(walCheckInterval)
	}
	return db, nil
}

// openPostgres sets up the pool. Idle connections are kept as many as may be
// open and for long, because closing them only to open new ones under the
// next burst costs a PostgreSQL backend process each time.
func (db *DB) openPostgres(rawURL string, opts Options) error {
	connector, err := pq.NewConnector(rawURL)
	if err != nil {
		return fmt.Errorf("postgres url: %w", err)
	}
	conns := opts.MaxConns
	if conns <= 0 {
		conns = defaultPostgresConns
	}
	sqldb := sql.OpenDB(timeConnector{connector})
	sqldb.SetMaxOpenConns(conns)
	sqldb.SetMaxIdleConns(conns)
	sqldb.SetConnMaxIdleTime(30 * time.Minute)
	db.bun = bun.NewDB(sqldb, pgdialect.New())
	db.dialect = Postgres
	db.dataURL = rawURL
	cfg, err := pq.NewConfig(rawURL)
	if err != nil {
		return fmt.Errorf("postgres url: %w", err)
	}
	cfg.BinaryParameters = true
	if db.binary, err = pq.NewConnectorConfig(cfg); err != nil {
		return fmt.Errorf("postgres url: %w", err)
	}
	db.group = newGroupCommit(groupLanesPostgres)
	return nil
}

// openSQLite opens the file with its pragmas. busy_timeout comes first so
// that setting WAL waits for a lock instead of failing; immediate
// transactions take the write lock at BEGIN, so read-then-write
// transactions never lose to SQLITE_BUSY. The page cache is per connection,
// the memory map shared by all of them through the operating system.
func (db *DB) openSQLite(rawURL string, opts Options) error {
	path := strings.TrimPrefix(strings.TrimPrefix(rawURL, "sqlite://"), "sqlite:")
	if path == "" {
		return errors.New("sqlite url has no file path")
	}
	if opts.MustExist {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: %s", ErrNoDatabase, path)
		} else if err != nil {
			return fmt.Errorf("sqlite file: %w", err)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	conns, cacheMiB, mmapMiB := opts.MaxConns, opts.SQLiteCacheMiB, opts.SQLiteMmapMiB
	if conns <= 0 {
		conns = defaultSQLiteConns
	}
	if cacheMiB <= 0 {
		cacheMiB = defaultSQLiteCacheMiB
	}
	switch {
	case mmapMiB == 0:
		mmapMiB = defaultSQLiteMmapMiB
	case mmapMiB < 0:
		mmapMiB = 0
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", fmt.Sprintf("journal_size_limit(%d)", sqliteJournalLimit))
	q.Add("_pragma", fmt.Sprintf("cache_size(%d)", -cacheMiB*1024))
	q.Add("_pragma", fmt.Sprintf("mmap_size(%d)", int64(mmapMiB)<<20))
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Set("_txlock", "immediate")
	connector, err := sqlite.NewConnector("file:" + path + "?" + q.Encode())
	if err != nil {
		return fmt.Errorf("open sqlite: %w", err)
	}
	sqldb := sql.OpenDB(timeConnector{connector})
	sqldb.SetMaxOpenConns(conns)
	sqldb.SetMaxIdleConns(conns)
	sqldb.SetConnMaxIdleTime(30 * time.Minute)
	// The job queue's own reads and writes go through one connection of
	// their own (see jobs.New); its inserts use the writers' transactions.
	queueConnector, err := sqlite.NewConnector("file:" + path + "?" + q.Encode())
	if err != nil {
		return fmt.Errorf("open sqlite: %w", err)
	}
	db.queuePool = sql.OpenDB(timeConnector{queueConnector})
	db.queuePool.SetMaxOpenConns(1)
	db.bun = bun.NewDB(sqldb, sqlitedialect.New())
	db.dialect = SQLite
	db.sqlitePath = path
	db.writeSlot = make(chan struct{}, 1)
	db.group = newGroupCommit(1)
	return nil
}

// ErrNoDatabase reports a SQLite file that does not exist where Open was
// told to find one.
var ErrNoDatabase = errors.New("no database file")

// Close stops the WAL maintenance and closes the connections. A WAL that
// bulk work left large is first folded back into the SQLite file and
// truncated, unless other processes keep it busy: the checkpoint waits only
// briefly, since it holds their writes back while it waits, and a running
// server's maintenance does it later.
func (db *DB) Close() error {
	db.preparedStmts.close()
	if db.maintenance != nil {
		db.maintenance.stop()
		db.maintenance = nil
		if size, err := db.WALSize(); err == nil && size > walCloseCheckpointBytes {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			db.checkpointWAL(ctx, walCheckpointBusyTimeout) //nolint:errcheck // best effort, see above
			cancel()
		}
	}
	if db.queue != nil {
		db.queue.Stop(context.Background()) //nolint:errcheck // a runner left running is stopped best effort
	}
	if db.queuePool != nil {
		db.queuePool.Close()
	}
	return db.bun.Close()
}

// openQueue sets up the job queue over the database.
func (db *DB) openQueue() error {
	pool, dialect := db.bun.DB, jobs.Postgres
	if db.dialect == SQLite {
		pool, dialect = db.queuePool, jobs.SQLite
	}
	q, err := jobs.New(dialect, pool)
	if err != nil {
		return err
	}
	db.queue = q
	return nil
}

// Jobs returns the job queue: workers are registered and started on it,
// and store enqueues into it in the transactions of changes.
func (db *DB) Jobs() *jobs.Queue { return db.queue }

// Dialect reports which database is behind db.
func (db *DB) Dialect() Dialect { return db.dialect }

// Bun exposes the bun handle to the search engines and to tests.
func (db *DB) Bun() *bun.DB { return db.bun }

// BinaryConnector returns a connector to the same PostgreSQL database whose
// connections send []byte parameters in binary (lib/pq's
// binary_parameters), for the search index's rebuild to pass tsvectors in
// their binary form (search.BinaryConnector); nil on SQLite. The store's
// own pool keeps sending every parameter as text, as all its statements
// and the job queue's were written for: in binary, a []byte bound to a
// text or jsonb parameter would be read in that type's binary format.
func (db *DB) BinaryConnector() driver.Connector { return db.binary }

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
		txCtx, committed := withCommitHooks(ctx)
		err = db.bun.RunInTx(txCtx, nil, func(ctx context.Context, tx bun.Tx) error {
			return fn(ctx, tx, now)
		})
		db.counts.invalidate()
		if err == nil {
			committed()
		}
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
	if isBusy(err) {
		// Another process held SQLite's write lock past the busy timeout
		// (this process's own writers queue in front of it): nothing is
		// broken, and the caller may retry.
		return &models.Error{Code: models.EUNAVAILABLE, RetryAfterSeconds: 2,
			Message: "Basis data sedang sibuk menyimpan perubahan lain. Coba lagi sebentar lagi."}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		// The request ran out of time (the server is overloaded or the
		// database slow): the client may retry, nothing is broken.
		return &models.Error{Code: models.EUNAVAILABLE, RetryAfterSeconds: 1,
			Message: "Server sedang sibuk dan permintaan melewati batas waktu. Coba lagi sebentar lagi."}
	}
	return models.Internal(err)
}

// isBusy reports SQLite's SQLITE_BUSY ("database is locked").
func isBusy(err error) bool {
	var busy interface{ Code() int }
	if errors.As(err, &busy) && busy.Code()&0xff == 5 {
		return true
	}
	return strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked")
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

// requireRole returns the caller if they are signed in with one of roles,
// as models.RequireRole decides.
func requireRole(ctx context.Context, roles ...models.Role) (*models.User, error) {
	user := models.UserFromContext(ctx)
	if err := models.RequireRole(user, roles...); err != nil {
		return nil, err
	}
	return user, nil
}
