package jobs_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// BenchmarkEnqueue measures what enqueueing a search index job adds to a
// write: a publish-like transaction (update an issue-sized row, insert an
// event-sized row) without and with the job, on each database:
//
//	TANGGAP_TEST_POSTGRES_URL=… go test ./jobs -run '^$' -bench BenchmarkEnqueue
func BenchmarkEnqueue(b *testing.B) {
	dialects := []store.Dialect{store.SQLite}
	if os.Getenv(storetest.PostgresURLEnv) != "" {
		dialects = append(dialects, store.Postgres)
	}
	for _, d := range dialects {
		db := storetest.MustOpen(b, d)
		agency := storetest.MustAgency(b, db, "dishub", "Dinas Perhubungan")
		if _, err := db.Bun().Exec("CREATE TABLE bench_events (agency_id BIGINT, at TIMESTAMP, reason TEXT)"); err != nil {
			b.Fatal(err)
		}
		for _, withJob := range []bool{false, true} {
			name := string(d) + "/without-job"
			if withJob {
				name = string(d) + "/with-job"
			}
			b.Run(name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					err := db.Bun().RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
						if _, err := tx.ExecContext(ctx, "UPDATE agencies SET name = ? WHERE id = ?", "Dinas Perhubungan", agency.ID); err != nil {
							return err
						}
						if _, err := tx.ExecContext(ctx, "INSERT INTO bench_events (agency_id, at, reason) VALUES (?, ?, ?)",
							agency.ID, time.Now(), "publish"); err != nil {
							return err
						}
						if withJob {
							// Distinct issues, as publishing different issues does.
							return jobs.Enqueue(ctx, tx, search.IndexArgs{IssueIDs: []int64{int64(i)}})
						}
						return nil
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
