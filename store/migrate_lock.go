package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/uptrace/bun"
	"modernc.org/sqlite"
)

// migrationLockKey is the PostgreSQL advisory lock that serialises
// migrations. A session-level advisory lock belongs to its connection: when
// the process holding it dies, PostgreSQL releases it with the connection.
const migrationLockKey = 7_262_021_509

// migrationPoll is how often a waiting migration tries the lock again.
const migrationPoll = 500 * time.Millisecond

// ErrMigrationLocked reports that another migration held the lock for
// longer than the configured wait.
var ErrMigrationLocked = errors.New("another migration is still running")

// withMigrationLock runs fn while this process alone may change the schema,
// on one dedicated connection.
//
// PostgreSQL: a session advisory lock on that connection; fn's migrations
// each run in their own transaction. SQLite: one immediate (write)
// transaction around the whole run; fn's migrations become savepoints in it.
// Either lock dies with its holder, so a process killed in the middle of a
// migration leaves nothing behind that blocks the next start.
//
// A second process waits, saying so in the log, for up to the configured
// wait and then fails with ErrMigrationLocked.
func (db *DB) withMigrationLock(ctx context.Context, fn func(ctx context.Context, idb bun.IDB) error) error {
	conn, err := db.bun.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect for migration: %w", err)
	}
	defer conn.Close()
	if db.dialect == Postgres {
		if err := db.lockPostgresMigrations(ctx, conn); err != nil {
			return err
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(?)", int64(migrationLockKey)) //nolint:errcheck // closing the session releases it too
		return fn(ctx, conn)
	}
	tx, err := db.beginSQLiteMigration(ctx, conn)
	if err != nil {
		return err
	}
	if err := fn(ctx, tx); err != nil {
		tx.Rollback() //nolint:errcheck // the error that matters is fn's
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migrations: %w", err)
	}
	return nil
}

func (db *DB) lockPostgresMigrations(ctx context.Context, conn bun.Conn) error {
	deadline := time.Now().Add(db.migrationWait)
	for waited := false; ; waited = true {
		var locked bool
		if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(?)", int64(migrationLockKey)).Scan(&locked); err != nil {
			return fmt.Errorf("take the migration lock: %w", err)
		}
		if locked {
			if waited {
				slog.InfoContext(ctx, "the other migration finished; checking what is left to apply")
			}
			return nil
		}
		holder := postgresLockHolder(ctx, conn)
		if !waited {
			slog.WarnContext(ctx, "waiting for another migration to finish", "holder", holder, "max_wait", db.migrationWait.String())
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w: %s has held the PostgreSQL migration lock for more than %s; if it is stuck, end it with SELECT pg_terminate_backend(PID) and start again",
				ErrMigrationLocked, holder, db.migrationWait)
		}
		if err := sleepCtx(ctx, migrationPoll); err != nil {
			return err
		}
	}
}

// postgresLockHolder names the session holding the migration lock, for the
// log and the error.
func postgresLockHolder(ctx context.Context, conn bun.Conn) string {
	var pid int
	var app, addr string
	err := conn.QueryRowContext(ctx, `SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local')
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1
		LIMIT 1`, int64(migrationLockKey)>>32, int64(migrationLockKey)&0xffffffff).Scan(&pid, &app, &addr)
	if err != nil {
		return "another session"
	}
	return fmt.Sprintf("PostgreSQL session PID %d (%s, from %s)", pid, app, addr)
}

// beginSQLiteMigration takes SQLite's write lock with an immediate
// transaction, waiting in short steps so that the wait can be reported.
func (db *DB) beginSQLiteMigration(ctx context.Context, conn bun.Conn) (bun.Tx, error) {
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 1000"); err != nil {
		return bun.Tx{}, err
	}
	// The connection returns to the pool afterwards with its usual timeout.
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA busy_timeout = 10000") //nolint:errcheck
	deadline := time.Now().Add(db.migrationWait)
	for waited := false; ; waited = true {
		tx, err := conn.BeginTx(ctx, nil)
		if err == nil {
			if waited {
				slog.InfoContext(ctx, "the other writer finished; checking what is left to apply")
			}
			return tx, nil
		}
		if !isSQLiteBusy(err) {
			return bun.Tx{}, fmt.Errorf("take the SQLite write lock: %w", err)
		}
		if !waited {
			slog.WarnContext(ctx, "waiting for another migration to finish (another process holds the SQLite write lock)",
				"file", db.sqlitePath, "max_wait", db.migrationWait.String())
		}
		if time.Now().After(deadline) {
			return bun.Tx{}, fmt.Errorf("%w: another process has held the write lock of %s for more than %s (a migration, an import or a backup); let it finish, or stop it, and start again",
				ErrMigrationLocked, db.sqlitePath, db.migrationWait)
		}
		if err := sleepCtx(ctx, 100*time.Millisecond); err != nil {
			return bun.Tx{}, err
		}
	}
}

// removeStaleMigrationLocks deletes the rows earlier versions put in
// bun_migration_locks. Such a row outlived a process killed during a
// migration and then blocked every later start; the lock is now the
// database's own, so any row there is stale.
func removeStaleMigrationLocks(ctx context.Context, idb bun.IDB, dialect Dialect) error {
	exists, err := tableExists(ctx, idb, dialect, "bun_migration_locks")
	if err != nil || !exists {
		return err
	}
	res, err := idb.ExecContext(ctx, "DELETE FROM bun_migration_locks")
	if err != nil {
		return fmt.Errorf("remove stale migration locks: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		slog.WarnContext(ctx, "removed a stale migration lock left by an earlier version of tanggap", "rows", n)
	}
	return nil
}

// isSQLiteBusy reports SQLITE_BUSY (or SQLITE_LOCKED): another connection
// holds the lock that was asked for.
func isSQLiteBusy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	code := e.Code() & 0xff
	return code == 5 || code == 6
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
