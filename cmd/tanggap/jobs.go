package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"
)

// jobsCmd shows the job queue and lets an operator send a dead job back:
// `tanggap jobs` counts jobs by kind and state, `tanggap jobs dead [KIND]`
// lists dead jobs with their last error, `tanggap jobs retry ID` makes one
// due again (docs/architecture.md, "The path of a change").
func jobsCmd(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	db, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	q := db.Jobs()
	switch {
	case len(args) == 0:
		counts, err := q.Counts(ctx, time.Now())
		if err != nil {
			return err
		}
		if len(counts) == 0 {
			fmt.Fprintln(stdout, "no jobs")
		}
		for _, c := range counts {
			fmt.Fprintf(stdout, "%-24s %-10s %6d", c.Kind, c.State, c.Jobs)
			if c.Oldest > 0 {
				fmt.Fprintf(stdout, "  oldest %s", c.Oldest.Round(time.Second))
			}
			fmt.Fprintln(stdout)
		}
		return nil
	case args[0] == "dead" && len(args) <= 2:
		kind := ""
		if len(args) == 2 {
			kind = args[1]
		}
		dead, err := q.Dead(ctx, kind, 1000)
		if err != nil {
			return err
		}
		if len(dead) == 0 {
			fmt.Fprintln(stdout, "no dead jobs")
		}
		for _, j := range dead {
			last := ""
			if n := len(j.Errors); n > 0 {
				last = j.Errors[n-1].Error
			}
			fmt.Fprintf(stdout, "%d\t%s\t%d attempts\t%s\t%s\n", j.ID, j.Kind, j.Attempt, j.CreatedAt.UTC().Format(time.RFC3339), last)
		}
		return nil
	case args[0] == "retry" && len(args) == 2:
		id, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("jobs retry needs a job id, not %q: %w", args[1], errUsage)
		}
		if err := q.Retry(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "job %d is due again\n", id)
		return nil
	}
	return fmt.Errorf("jobs takes nothing, dead [KIND] or retry ID: %w", errUsage)
}
