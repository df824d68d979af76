package main_test

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/store"
)

// failingArgs is a job kind whose worker always fails, to make a dead job.
type failingArgs struct {
	Note string `json:"note"`
}

func (failingArgs) Kind() string             { return "test.fails" }
func (failingArgs) JobOptions() jobs.Options { return jobs.Options{MaxAttempts: 1} }

// TestJobsCommand: `tanggap jobs` counts the queue, `jobs dead` lists a job
// that used up its attempts with its error, and `jobs retry ID` makes it
// due again.
func TestJobsCommand(t *testing.T) {
	eachDialect(t, func(t *testing.T, dialect store.Dialect) {
		env := freshDatabase(t, dialect)
		if out, err := command(t, env, "", "migrate", "up"); err != nil {
			t.Fatalf("migrate up: %v\n%s", err, out)
		}
		url := ""
		for _, kv := range env {
			if v, ok := strings.CutPrefix(kv, "TANGGAP_DATABASE_URL="); ok && v != "" {
				url = v
			}
			if v, ok := strings.CutPrefix(kv, "TANGGAP_DATA_DIR="); ok && dialect == store.SQLite {
				url = "sqlite:" + filepath.Join(v, "tanggap.db")
			}
		}
		db, err := store.Open(url, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		ctx := context.Background()
		if err := db.Bun().RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return jobs.Enqueue(ctx, tx, failingArgs{Note: "uji"})
		}); err != nil {
			t.Fatal(err)
		}
		q := db.Jobs()
		jobs.Register(q, func(ctx context.Context, job *jobs.Job[failingArgs]) error {
			return errors.New("penerima menolak")
		})
		if err := q.Start(ctx, jobs.Config{PollInterval: 10 * time.Millisecond}); err != nil {
			t.Fatal(err)
		}
		var dead []jobs.Info
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if dead, err = q.Dead(ctx, "test.fails", 10); err == nil && len(dead) == 1 {
				break
			}
		}
		if err := q.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		if len(dead) != 1 {
			t.Fatalf("the failing job did not die: %v", dead)
		}

		out, err := command(t, env, "", "jobs")
		if err != nil || !regexp.MustCompile(`test\.fails\s+discarded\s+1`).MatchString(out) {
			t.Fatalf("jobs: %v\n%s", err, out)
		}
		out, err = command(t, env, "", "jobs", "dead", "test.fails")
		if err != nil || !strings.Contains(out, "penerima menolak") || !strings.HasPrefix(out, strconv.FormatInt(dead[0].ID, 10)+"\t") {
			t.Fatalf("jobs dead: %v\n%s", err, out)
		}
		if out, err := command(t, env, "", "jobs", "retry", "x"); err == nil {
			t.Fatalf("jobs retry x succeeded:\n%s", out)
		}
		if out, err := command(t, env, "", "jobs", "retry", strconv.FormatInt(dead[0].ID, 10)); err != nil {
			t.Fatalf("jobs retry: %v\n%s", err, out)
		}
		out, err = command(t, env, "", "jobs", "dead")
		if err != nil || strings.TrimSpace(out) != "no dead jobs" {
			t.Fatalf("after the retry, jobs dead: %v\n%s", err, out)
		}
		again, err := q.List(ctx, "test.fails", 10, jobs.StateAvailable)
		if err != nil || len(again) != 1 {
			t.Fatalf("after the retry the job is not due: %v %v", again, err)
		}
	})
}
