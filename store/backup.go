package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"

	"github.com/kotabaru/tanggap/models"
)

// ErrDatabaseInUse reports a SQLite file that another process has open.
var ErrDatabaseInUse = errors.New("the database is in use by another process")

// BackupSQLite writes a consistent copy of the SQLite database to dest with
// VACUUM INTO, which reads one snapshot and so is safe while the server
// writes, unlike copying the file. The copy is written beside dest and moved
// into place only after it passed PRAGMA integrity_check and a full
// verification of its audit chain, whose result is returned. dest must not
// exist yet.
func (db *DB) BackupSQLite(ctx context.Context, dest string) (*models.AuditVerification, error) {
	if db.dialect != SQLite {
		return nil, errors.New("BackupSQLite needs a SQLite database")
	}
	if _, err := os.Stat(dest); err == nil {
		return nil, fmt.Errorf("%s already exists; choose a new file name", dest)
	}
	partial := dest + ".partial"
	os.Remove(partial) //nolint:errcheck // left by an interrupted backup, if any
	if _, err := db.bun.ExecContext(ctx, "VACUUM INTO ?", partial); err != nil {
		os.Remove(partial) //nolint:errcheck
		return nil, fmt.Errorf("write the copy: %w", err)
	}
	v, err := VerifySQLiteFile(ctx, partial)
	if err == nil && !v.Intact {
		err = fmt.Errorf("the audit chain of the copy is broken at entry %d: %s", *v.BrokenAtID, v.Problem)
	}
	if err == nil {
		err = syncFile(partial)
	}
	if err == nil {
		err = os.Rename(partial, dest)
	}
	if err != nil {
		os.Remove(partial) //nolint:errcheck
		return v, err
	}
	return v, syncDir(filepath.Dir(dest))
}

// VerifySQLiteFile opens a SQLite file read-only, runs PRAGMA
// integrity_check and verifies its whole audit chain. The file is not
// changed.
func VerifySQLiteFile(ctx context.Context, path string) (*models.AuditVerification, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	if info, err := os.Stat(path + "-wal"); err == nil && info.Size() > 0 {
		return nil, fmt.Errorf("%s has a write-ahead log beside it (%s-wal): it is a live database or a copy of one, not a backup; make backups with `tanggap backup`", path, path)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(5000)")
	sqldb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	sqldb.SetMaxOpenConns(1)
	copyDB := &DB{bun: bun.NewDB(sqldb, sqlitedialect.New()), dialect: SQLite, Now: time.Now, sqlitePath: path}
	defer copyDB.bun.Close()
	if err := integrityCheck(ctx, copyDB.bun); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, table := range []string{migrationsTable, "audit_log"} {
		exists, err := tableExists(ctx, copyDB.bun, SQLite, table)
		if err != nil {
			return nil, err
		}
		if !exists {
			return nil, fmt.Errorf("%s is not a Tanggap database: it has no %s table", path, table)
		}
	}
	return copyDB.verifyAuditOn(ctx, copyDB.bun, true)
}

// integrityCheck runs PRAGMA integrity_check, which answers "ok" or lists
// what is wrong.
func integrityCheck(ctx context.Context, idb bun.IDB) error {
	rows, err := idb.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		if len(problems) > 5 {
			problems = append(problems[:5], fmt.Sprintf("and %d more", len(problems)-5))
		}
		return fmt.Errorf("integrity check failed: %s", strings.Join(problems, "; "))
	}
	return nil
}

// RestoreSQLite replaces the SQLite database at dest with the backup src.
// The backup is copied beside dest and checked there (integrity and the
// whole audit chain, whose result is returned); only a copy that passes
// replaces dest, by a rename, so dest is either the old database or the
// restored one. An existing dest is replaced only with replace set, and
// never while another process has it open (ErrDatabaseInUse).
func RestoreSQLite(ctx context.Context, src, dest string, replace bool) (*models.AuditVerification, error) {
	_, statErr := os.Stat(dest)
	exists := statErr == nil
	if exists && !replace {
		return nil, fmt.Errorf("%s already exists; add --replace to overwrite it (its current data is lost)", dest)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o750); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	staged := dest + ".restoring"
	os.Remove(staged) //nolint:errcheck // left by an interrupted restore, if any
	defer os.Remove(staged)
	if err := copyFile(src, staged); err != nil {
		return nil, fmt.Errorf("copy %s: %w", src, err)
	}
	v, err := VerifySQLiteFile(ctx, staged)
	if err != nil {
		return nil, fmt.Errorf("the backup does not pass its checks, nothing was restored: %w", err)
	}
	if !v.Intact {
		return v, fmt.Errorf("the audit chain of the backup is broken at entry %d (%s); nothing was restored", *v.BrokenAtID, v.Problem)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		os.Remove(staged + suffix) //nolint:errcheck // the read-only check may leave an empty one
	}
	if exists {
		if err := releaseSQLite(ctx, dest); err != nil {
			return v, err
		}
	}
	// A WAL left beside dest belongs to the old database: SQLite would
	// apply it to the new file.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dest + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return v, err
		}
	}
	if err := os.Rename(staged, dest); err != nil {
		return v, err
	}
	return v, syncDir(filepath.Dir(dest))
}

// releaseSQLite makes sure no other process has the database at path open,
// folds its WAL into the file and leaves it in rollback-journal mode, so
// that nothing beside it remains to be applied.
func releaseSQLite(ctx context.Context, path string) error {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(0)")
	q.Add("_pragma", "locking_mode(EXCLUSIVE)")
	sqldb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return err
	}
	defer sqldb.Close()
	sqldb.SetMaxOpenConns(1)
	conn, err := sqldb.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		if isSQLiteBusy(err) {
			return fmt.Errorf("%w: %s (is `tanggap serve` running? stop it first)", ErrDatabaseInUse, path)
		}
		return fmt.Errorf("lock %s: %w", path, err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("checkpoint %s: %w", path, err)
	}
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
		return fmt.Errorf("leave WAL mode on %s: %w", path, err)
	}
	return nil
}

// PostgresEmpty reports whether the database has no tables in its schema,
// so that pg_restore can fill it.
func (db *DB) PostgresEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.bun.QueryRowContext(ctx, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()").Scan(&n)
	return n == 0, err
}

// ExportSnapshot opens a repeatable-read transaction, verifies the whole
// audit chain as that transaction sees it, and runs fn with the snapshot's
// name, for `pg_dump --snapshot`: the dump holds exactly the verified data.
// It returns the verification; fn is not run when the chain is broken.
func (db *DB) ExportSnapshot(ctx context.Context, fn func(snapshot string) error) (*models.AuditVerification, error) {
	if db.dialect != Postgres {
		return nil, errors.New("ExportSnapshot needs PostgreSQL")
	}
	tx, err := db.bun.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	var snapshot string
	if err := tx.QueryRowContext(ctx, "SELECT pg_export_snapshot()").Scan(&snapshot); err != nil {
		return nil, fmt.Errorf("export snapshot: %w", err)
	}
	v, err := db.verifyAuditOn(ctx, tx, true)
	if err != nil {
		return nil, fmt.Errorf("verify the audit chain: %w", err)
	}
	if !v.Intact {
		return v, fmt.Errorf("the audit chain is broken at entry %d (%s); no backup was written", *v.BrokenAtID, v.Problem)
	}
	return v, fn(snapshot)
}

func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
