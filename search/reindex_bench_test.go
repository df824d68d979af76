package search_test

import (
	"bytes"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/store/storetest"
)

// benchReindexIssues is the number of archived issues the reindex benchmark
// imports next to the demo data.
const benchReindexIssues = 5000

// BenchmarkReindex rebuilds the database's own engine from the demo data and
// 5,000 imported issues (about 4,600 public documents), the way
// `tanggap reindex` does, and reports documents per second:
//
//	TANGGAP_TEST_POSTGRES_URL=… go test ./search -run '^$' -bench BenchmarkReindex -benchtime 3x
func BenchmarkReindex(b *testing.B) {
	cases := []engineCase{sqliteCase()}
	if os.Getenv(storetest.PostgresURLEnv) != "" {
		cases = append(cases, postgresCase())
	}
	now := time.Now()
	var file bytes.Buffer
	if err := storetest.WriteImportCSV(&file, "BENCH", benchReindexIssues, now); err != nil {
		b.Fatal(err)
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			db := storetest.MustOpen(b, c.dialect)
			storetest.MustLoadDemo(b, db, now)
			if _, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(file.Bytes()), "arsip.csv"); err != nil {
				b.Fatal(err)
			}
			engine := c.build(b, db, search.NewSynonymSource(db, 0))
			b.ResetTimer()
			var docs int
			start, cpuStart := time.Now(), cpuTime()
			for i := 0; i < b.N; i++ {
				counts, err := search.Reindex(ctx(), db, db.Jobs(), search.ReindexBatchSize, engine)
				if err != nil {
					b.Fatal(err)
				}
				docs += counts[engine.Name()]
			}
			b.ReportMetric(float64(docs)/time.Since(start).Seconds(), "docs/s")
			b.ReportMetric(float64(docs)/(cpuTime()-cpuStart).Seconds(), "docs/cpu-s")
		})
	}
}

// cpuTime is the processor time this process has used, user and system: on
// a shared machine it shows the work done whatever the wait for a processor
// (on PostgreSQL, the server's share is not in it).
func cpuTime() time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}
