// Command tanggap is the whole Tanggap service in one binary: the web portal
// and GraphQL API (serve), the schema (migrate), demo data (seed), staff
// accounts (user), the audit chain (audit), backup and restore.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `Tanggap — portal transparansi tanggapan resmi pemerintah daerah.

Usage:
  tanggap serve [--demo] [--addr 127.0.0.1:8080] [--database-url URL] [--data-dir DIR]  (--addr :8080 listens on every interface)
  tanggap migrate up|down|status
  tanggap seed
  tanggap import FILE.csv                                                            (layout: README.md)
  tanggap reindex                                                                    (rebuild search from the database)
  tanggap holidays import [--kind NATIONAL|CUTI_BERSAMA|REGIONAL] FILE.ics          (all-day events become holidays)
  tanggap user add --email E --name N --role ADMIN|TRC|PIC|AUDITOR [--agency SLUG]   (password on stdin)
  tanggap user passwd --email E                                                      (password on stdin)
  tanggap user deactivate --email E
  tanggap audit verify                                                               (re-computes the whole chain)
  tanggap jobs [dead [KIND] | retry ID]                                              (the job queue; dead jobs and sending one back)
  tanggap backup FILE                                                                (verified copy; safe while serving)
  tanggap restore [--replace] FILE                                                   (layout: README.md, Operations)
  tanggap version

Configuration comes from TANGGAP_* environment variables; see README.md.
`

// errUsage marks a command line that could not be understood.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, errUsage):
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "tanggap:", err)
		os.Exit(1)
	}
}

// run executes one subcommand. It is main without the process: tests call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serveCmd(ctx, cfg, rest, stdout, stderr)
	case "migrate":
		return migrateCmd(ctx, cfg, rest, stdout)
	case "seed":
		return seedCmd(ctx, cfg, rest, stdout)
	case "import":
		return importCmd(ctx, cfg, rest, stdout)
	case "reindex":
		return reindexCmd(ctx, cfg, rest, stdout)
	case "holidays":
		return holidaysCmd(ctx, cfg, rest, stdout)
	case "user":
		return userCmd(ctx, cfg, rest, stdin, stdout)
	case "audit":
		return auditCmd(ctx, cfg, rest, stdout)
	case "jobs":
		return jobsCmd(ctx, cfg, rest, stdout)
	case "backup":
		return backupCmd(ctx, cfg, rest, stdout)
	case "restore":
		return restoreCmd(ctx, cfg, rest, stdout)
	case "version":
		fmt.Fprintln(stdout, "tanggap", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q: %w", cmd, errUsage)
}
