package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
)

// errRestoredBroken makes restore exit non-zero when pg_restore loaded a
// backup whose audit chain does not verify.
var errRestoredBroken = errors.New("the audit chain of the restored database is broken")

// restoreCmd puts a backup made by `tanggap backup` in place of the
// configured database. SQLite: the backup is checked (integrity and the
// whole audit chain) before it replaces the file in one rename; an existing
// database is replaced only with --replace and never while a process has it
// open. PostgreSQL: pg_restore loads the archive into the configured
// database, which must be empty, and the chain is verified afterwards.
func restoreCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	replace := fs.Bool("replace", false, "overwrite an existing SQLite database")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	if fs.NArg() != 1 || fs.Arg(0) == "" {
		return fmt.Errorf("restore needs the backup file: %w", errUsage)
	}
	src := fs.Arg(0)
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("backup file: %w", err)
	}
	rawURL := cfg.databaseURL()
	var v *models.AuditVerification
	var err error
	if strings.HasPrefix(rawURL, "postgres://") || strings.HasPrefix(rawURL, "postgresql://") {
		v, err = restorePostgres(ctx, cfg, src)
	} else {
		dest := strings.TrimPrefix(strings.TrimPrefix(rawURL, "sqlite://"), "sqlite:")
		v, err = store.RestoreSQLite(ctx, src, dest, *replace)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s: audit chain intact, %d entries, head hash %s\n", src, v.Entries, v.HeadHash)
	return nil
}

func restorePostgres(ctx context.Context, cfg Config, src string) (*models.AuditVerification, error) {
	pgRestore, err := postgresTool("pg_restore")
	if err != nil {
		return nil, err
	}
	db, err := openStore(cfg, false)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	empty, err := db.PostgresEmpty(ctx)
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, errors.New("the configured PostgreSQL database is not empty: restore into a new database " +
			"(createdb tanggap_restored; point TANGGAP_DATABASE_URL at it) and switch over once it verifies")
	}
	if err := runPostgresTool(ctx, pgRestore, cfg.databaseURL(), "--no-owner", "--no-privileges", "--exit-on-error",
		"--single-transaction", "--no-password", src); err != nil {
		return nil, err
	}
	v, err := db.VerifyAudit(models.NewContextWithUser(ctx, models.SystemUser), true)
	if err != nil {
		return nil, err
	}
	if !v.Intact {
		return v, fmt.Errorf("%w at entry %d (%s); the data was loaded, do not serve it before you know why", errRestoredBroken, *v.BrokenAtID, v.Problem)
	}
	return v, nil
}
