package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kotabaru/tanggap/models"
)

// holidaysCmd runs `tanggap holidays import [--kind KIND] FILE.ics`: the
// all-day events of an iCalendar file become holidays, audited as the
// command line's.
func holidaysCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "import" {
		return fmt.Errorf("holidays needs the subcommand import: %w", errUsage)
	}
	fs := flag.NewFlagSet("holidays import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	kind := fs.String("kind", string(models.HolidayNational), "NATIONAL, CUTI_BERSAMA or REGIONAL")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("holidays import needs one .ics file: %w", errUsage)
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	holidays, err := models.ParseHolidayCalendar(f, models.HolidayKind(strings.ToUpper(*kind)))
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	result, err := db.ImportHolidays(models.NewContextWithUser(ctx, models.SystemUser), holidays, filepath.Base(path))
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "Added %d holiday(s):\n", len(result.Added))
	for _, h := range result.Added {
		fmt.Fprintf(stdout, "  %s  %-12s %s\n", h.Date, h.Kind, h.Name)
	}
	if len(result.Skipped) > 0 {
		fmt.Fprintf(stdout, "Kept %d date(s) that already had a holiday.\n", len(result.Skipped))
	}
	fmt.Fprintf(stdout, "Due times of %d open issue(s) re-computed.\n", result.Recomputed)
	return nil
}
