package store

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/migrations"
)

// migrationsTable records applied migrations, in the layout bun's migrator
// uses, so databases migrated by earlier versions keep their history.
const migrationsTable = "bun_migrations"

// MigrationStatus is one migration and whether it has been applied.
type MigrationStatus struct {
	Name    string
	Comment string
	Applied bool
}

// migrationFile is one embedded migration: its name (the timestamp), its
// comment and the files of both directions.
type migrationFile struct {
	Name, Comment string
	Up, Down      string
}

// migrationFiles lists the dialect's embedded migrations by name. Only
// transactional migrations (*.tx.up.sql) are accepted: each is applied and
// recorded in one transaction, so an interrupted run leaves nothing half done.
func (db *DB) migrationFiles() ([]migrationFile, error) {
	fsys := migrations.FS(string(db.dialect))
	ups, err := fs.Glob(fsys, "*.up.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var files []migrationFile
	for _, up := range ups {
		base, ok := strings.CutSuffix(up, ".tx.up.sql")
		if !ok {
			return nil, fmt.Errorf("migration %s is not transactional (want NAME_COMMENT.tx.up.sql)", up)
		}
		name, comment, _ := strings.Cut(base, "_")
		down := base + ".tx.down.sql"
		if _, err := fs.Stat(fsys, down); err != nil {
			return nil, fmt.Errorf("migration %s has no %s", up, down)
		}
		files = append(files, migrationFile{Name: name, Comment: comment, Up: up, Down: down})
	}
	slices.SortFunc(files, func(a, b migrationFile) int { return strings.Compare(a.Name, b.Name) })
	if len(files) == 0 {
		return nil, fmt.Errorf("no %s migrations embedded", db.dialect)
	}
	return files, nil
}

// statements splits a migration file at its --bun:split lines.
func (db *DB) statements(file string) ([]string, error) {
	content, err := fs.ReadFile(migrations.FS(string(db.dialect)), file)
	if err != nil {
		return nil, err
	}
	var out []string
	var current []byte
	scanner := bufio.NewScanner(bytes.NewReader(content))
	scanner.Buffer(make([]byte, 64<<10), 4<<20)
	for scanner.Scan() {
		line := scanner.Bytes()
		if directive, ok := bytes.CutPrefix(line, []byte("--bun:")); ok {
			if string(directive) != "split" {
				return nil, fmt.Errorf("%s: unknown directive --bun:%s", file, directive)
			}
			if hasSQL(current) {
				out = append(out, string(current))
			}
			current = nil
			continue
		}
		current = append(current, line...)
		current = append(current, '\n')
	}
	if hasSQL(current) {
		out = append(out, string(current))
	}
	return out, scanner.Err()
}

// hasSQL reports whether a statement holds more than blank lines and
// comments: a migration done wholly in Go has a file of comments only.
func hasSQL(stmt []byte) bool {
	for line := range bytes.Lines(stmt) {
		if line = bytes.TrimSpace(line); len(line) > 0 && !bytes.HasPrefix(line, []byte("--")) {
			return true
		}
	}
	return false
}

// Migrations with a part written in Go: up runs it before the file's SQL,
// down after it.
const (
	// migrationJobQueue creates the job queue's tables with River's own
	// migrations (package jobs): versions 1 to 5, and 6 to 8 in a second
	// transaction, since on PostgreSQL version 6 uses the enum value that
	// version 4 adds.
	migrationJobQueue     = "20261210090000"
	migrationJobQueueMore = "20261210090001"
	// migrationSearchQueue moves the changes still waiting in the search
	// outbox into a search job, then drops the outbox.
	migrationSearchQueue = "20261210090100"
)

// codeStep returns the Go part of migration name in the given direction,
// or nil.
func (db *DB) codeStep(name string, up bool) func(context.Context, bun.Tx) error {
	switch {
	case name == migrationJobQueue:
		return func(ctx context.Context, tx bun.Tx) error {
			return db.queue.Migrate(ctx, tx.Tx, up, map[bool]int{true: 5, false: -1}[up])
		}
	case name == migrationJobQueueMore:
		return func(ctx context.Context, tx bun.Tx) error {
			return db.queue.Migrate(ctx, tx.Tx, up, map[bool]int{true: jobs.SchemaVersion, false: 5}[up])
		}
	case name == migrationSearchQueue && up:
		return db.outboxToQueue
	}
	return nil
}

// Migrate applies every pending migration and returns their names. It holds
// the migration lock throughout (see withMigrationLock), so instances
// starting together wait for each other and apply each migration once.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	files, err := db.migrationFiles()
	if err != nil {
		return nil, err
	}
	var names []string
	err = db.withMigrationLock(ctx, func(ctx context.Context, idb bun.IDB) error {
		applied, lastGroup, err := db.prepareMigrations(ctx, idb)
		if err != nil {
			return err
		}
		for _, f := range files {
			if _, done := applied[f.Name]; done {
				continue
			}
			slog.InfoContext(ctx, "applying migration", "name", f.Name, "comment", f.Comment)
			if err := db.runMigration(ctx, idb, f.Up, db.codeStep(f.Name, true), nil, func(ctx context.Context, tx bun.Tx) error {
				_, err := tx.NewInsert().
					Model(&migrate.Migration{Name: f.Name, GroupID: lastGroup + 1}).
					ModelTableExpr(migrationsTable).
					Exec(ctx)
				return err
			}); err != nil {
				return fmt.Errorf("migration %s_%s: %w", f.Name, f.Comment, err)
			}
			names = append(names, f.Name)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return names, nil
}

// Rollback undoes the last group of applied migrations, newest first, and
// returns their names.
func (db *DB) Rollback(ctx context.Context) ([]string, error) {
	files, err := db.migrationFiles()
	if err != nil {
		return nil, err
	}
	byName := map[string]migrationFile{}
	for _, f := range files {
		byName[f.Name] = f
	}
	var names []string
	err = db.withMigrationLock(ctx, func(ctx context.Context, idb bun.IDB) error {
		applied, lastGroup, err := db.prepareMigrations(ctx, idb)
		if err != nil {
			return err
		}
		var group []migrate.Migration
		for _, m := range applied {
			if m.GroupID == lastGroup {
				group = append(group, m)
			}
		}
		slices.SortFunc(group, func(a, b migrate.Migration) int { return strings.Compare(b.Name, a.Name) })
		for _, m := range group {
			f, ok := byName[m.Name]
			if !ok {
				return fmt.Errorf("migration %s is applied but unknown to this version of tanggap", m.Name)
			}
			slog.InfoContext(ctx, "rolling back migration", "name", f.Name, "comment", f.Comment)
			if err := db.runMigration(ctx, idb, f.Down, nil, db.codeStep(f.Name, false), func(ctx context.Context, tx bun.Tx) error {
				_, err := tx.NewDelete().
					TableExpr(migrationsTable).
					Where("id = ?", m.ID).
					Exec(ctx)
				return err
			}); err != nil {
				return fmt.Errorf("roll back %s_%s: %w", f.Name, f.Comment, err)
			}
			names = append(names, f.Name)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return names, nil
}

// runMigration runs the statements of one file and record in a single
// transaction: a migration and the row saying it was applied commit
// together or not at all. before and after, when set, are the migration's
// steps written in Go (see codeStep).
func (db *DB) runMigration(ctx context.Context, idb bun.IDB, file string, before, after func(context.Context, bun.Tx) error, record func(context.Context, bun.Tx) error) error {
	stmts, err := db.statements(file)
	if err != nil {
		return err
	}
	return idb.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if before != nil {
			if err := before(ctx, tx); err != nil {
				return err
			}
		}
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		if after != nil {
			if err := after(ctx, tx); err != nil {
				return err
			}
		}
		if err := record(ctx, tx); err != nil {
			return fmt.Errorf("record migration: %w", err)
		}
		if db.migrationStep > 0 {
			select {
			case <-time.After(db.migrationStep):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
}

// prepareMigrations creates the bookkeeping table when it is missing,
// removes locks left by earlier versions and returns the applied migrations
// by name with the last group number. It runs under the migration lock.
func (db *DB) prepareMigrations(ctx context.Context, idb bun.IDB) (map[string]migrate.Migration, int64, error) {
	if _, err := idb.NewCreateTable().
		Model((*migrate.Migration)(nil)).
		ModelTableExpr(migrationsTable).
		IfNotExists().
		Exec(ctx); err != nil {
		return nil, 0, fmt.Errorf("create %s: %w", migrationsTable, err)
	}
	if err := removeStaleMigrationLocks(ctx, idb, db.dialect); err != nil {
		return nil, 0, err
	}
	return appliedMigrations(ctx, idb)
}

func appliedMigrations(ctx context.Context, idb bun.IDB) (map[string]migrate.Migration, int64, error) {
	var rows []migrate.Migration
	if err := idb.NewSelect().
		ColumnExpr("*").
		Model(&rows).
		ModelTableExpr(migrationsTable).
		Scan(ctx); err != nil {
		return nil, 0, fmt.Errorf("read %s: %w", migrationsTable, err)
	}
	applied := make(map[string]migrate.Migration, len(rows))
	var lastGroup int64
	for _, r := range rows {
		applied[r.Name] = r
		lastGroup = max(lastGroup, r.GroupID)
	}
	return applied, lastGroup, nil
}

// MigrationStatuses lists every known migration and whether it is applied.
// It only reads: a database never migrated has every migration pending.
func (db *DB) MigrationStatuses(ctx context.Context) ([]MigrationStatus, error) {
	files, err := db.migrationFiles()
	if err != nil {
		return nil, err
	}
	applied := map[string]migrate.Migration{}
	exists, err := tableExists(ctx, db.bun, db.dialect, migrationsTable)
	if err != nil {
		return nil, fmt.Errorf("migration status: %w", err)
	}
	if exists {
		if applied, _, err = appliedMigrations(ctx, db.bun); err != nil {
			return nil, fmt.Errorf("migration status: %w", err)
		}
	}
	out := make([]MigrationStatus, 0, len(files))
	for _, f := range files {
		_, ok := applied[f.Name]
		out = append(out, MigrationStatus{Name: f.Name, Comment: f.Comment, Applied: ok})
	}
	return out, nil
}

// PendingMigrations returns the names of migrations not yet applied; serve
// refuses a stale PostgreSQL schema with it, and /readyz reports it.
func (db *DB) PendingMigrations(ctx context.Context) ([]string, error) {
	all, err := db.MigrationStatuses(ctx)
	if err != nil {
		return nil, err
	}
	var pending []string
	for _, s := range all {
		if !s.Applied {
			pending = append(pending, s.Name)
		}
	}
	return pending, nil
}

// tableExists reports whether the named table exists in the schema the
// connection sees.
func tableExists(ctx context.Context, idb bun.IDB, dialect Dialect, table string) (bool, error) {
	var n int
	var err error
	switch dialect {
	case Postgres:
		err = idb.QueryRowContext(ctx, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = ?", table).Scan(&n)
	default:
		err = idb.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n)
	}
	return n > 0, err
}
