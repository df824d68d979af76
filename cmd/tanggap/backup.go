package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
)

// backupCmd writes a verified copy of the database to a new file: on
// SQLite with VACUUM INTO (safe while the server runs), on PostgreSQL with
// pg_dump in the custom format, from the snapshot whose audit chain it
// verified. It fails, leaving no file, when the chain is broken.
func backupCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) != 1 || args[0] == "" {
		return fmt.Errorf("backup needs the file to write: %w", errUsage)
	}
	dest := args[0]
	db, err := openStore(cfg, false)
	if err != nil {
		return err
	}
	defer db.Close()
	var v *models.AuditVerification
	switch db.Dialect() {
	case store.SQLite:
		v, err = db.BackupSQLite(ctx, dest)
	default:
		if err := requireCurrentSchema(ctx, db); err != nil {
			return err
		}
		v, err = backupPostgres(ctx, db, cfg.databaseURL(), dest)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up to %s: audit chain intact, %d entries, head hash %s\n", dest, v.Entries, v.HeadHash)
	return nil
}

// backupPostgres runs pg_dump on the snapshot ExportSnapshot verified and
// checks that pg_restore can read the archive.
func backupPostgres(ctx context.Context, db *store.DB, rawURL, dest string) (*models.AuditVerification, error) {
	pgDump, err := postgresTool("pg_dump")
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(dest); err == nil {
		return nil, fmt.Errorf("%s already exists; choose a new file name", dest)
	}
	partial := dest + ".partial"
	os.Remove(partial) //nolint:errcheck // left by an interrupted backup, if any
	v, err := db.ExportSnapshot(ctx, func(snapshot string) error {
		return runPostgresTool(ctx, pgDump, rawURL, "--format=custom", "--no-password", "--snapshot="+snapshot, "--file="+partial)
	})
	if err == nil {
		err = checkArchive(ctx, partial)
	}
	if err == nil {
		err = os.Rename(partial, dest)
	}
	if err != nil {
		os.Remove(partial) //nolint:errcheck
		return v, err
	}
	return v, nil
}

// checkArchive lists the archive's contents, which fails on a truncated or
// unreadable file.
func checkArchive(ctx context.Context, path string) error {
	pgRestore, err := postgresTool("pg_restore")
	if err != nil {
		return err
	}
	out, err := exec.CommandContext(ctx, pgRestore, "--list", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pg_restore cannot read the archive %s: %v: %s", path, err, lastLines(out))
	}
	return nil
}

// postgresTool finds one of PostgreSQL's client programs.
func postgresTool(name string) (string, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%s is not on PATH: install PostgreSQL's client programs (the server's major version or newer; "+
			"Debian: apt-get install postgresql-client) or run it by hand as README.md (Backups) shows", name)
	}
	return path, nil
}

// runPostgresTool runs pg_dump or pg_restore against the database of
// rawURL. The password goes through PGPASSWORD, not the command line, where
// every user of the machine could read it.
func runPostgresTool(ctx context.Context, tool, rawURL string, args ...string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("database url: %w", err)
	}
	env := os.Environ()
	if u.User != nil {
		if password, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+password)
			u.User = url.User(u.User.Username())
		}
	}
	cmd := exec.CommandContext(ctx, tool, append(args, "--dbname="+u.String())...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("%s failed (%v): %s", tool, exitErr, lastLines(out))
		}
		return fmt.Errorf("run %s: %w", tool, err)
	}
	return nil
}

// lastLines keeps the end of a tool's output for an error message.
func lastLines(out []byte) string {
	const keep = 2000
	if len(out) > keep {
		out = out[len(out)-keep:]
	}
	return string(out)
}
