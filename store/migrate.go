package store

import (
	"context"
	"fmt"

	"github.com/uptrace/bun/migrate"

	"github.com/kotabaru/tanggap/migrations"
)

// MigrationStatus is one migration and whether it has been applied.
type MigrationStatus struct {
	Name    string
	Comment string
	Applied bool
}

func (db *DB) migrator() (*migrate.Migrator, error) {
	set := migrate.NewMigrations()
	if err := set.Discover(migrations.FS(string(db.dialect))); err != nil {
		return nil, fmt.Errorf("discover migrations: %w", err)
	}
	return migrate.NewMigrator(db.bun, set, migrate.WithMarkAppliedOnSuccess(true)), nil
}

// Migrate applies every pending migration and returns their names.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	return db.migrateLocked(ctx, "migrate", func(m *migrate.Migrator) (*migrate.MigrationGroup, error) { return m.Migrate(ctx) })
}

// Rollback undoes the last group of applied migrations and returns their names.
func (db *DB) Rollback(ctx context.Context) ([]string, error) {
	return db.migrateLocked(ctx, "rollback", func(m *migrate.Migrator) (*migrate.MigrationGroup, error) { return m.Rollback(ctx) })
}

// migrateLocked runs one migration step under the migrator's lock, so two
// instances starting together never apply a migration twice.
func (db *DB) migrateLocked(ctx context.Context, what string, step func(*migrate.Migrator) (*migrate.MigrationGroup, error)) ([]string, error) {
	m, err := db.migrator()
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("init migrations: %w", err)
	}
	if err := m.Lock(ctx); err != nil {
		return nil, fmt.Errorf("lock migrations: %w", err)
	}
	defer m.Unlock(ctx) //nolint:errcheck
	group, err := step(m)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	var names []string
	for _, mg := range group.Migrations {
		names = append(names, mg.Name)
	}
	return names, nil
}

// MigrationStatuses lists every known migration and whether it is applied.
func (db *DB) MigrationStatuses(ctx context.Context) ([]MigrationStatus, error) {
	m, err := db.migrator()
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("init migrations: %w", err)
	}
	all, err := m.MigrationsWithStatus(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration status: %w", err)
	}
	out := make([]MigrationStatus, 0, len(all))
	for _, mg := range all {
		out = append(out, MigrationStatus{Name: mg.Name, Comment: mg.Comment, Applied: mg.IsApplied()})
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
