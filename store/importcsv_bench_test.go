package store_test

import (
	"bytes"
	"syscall"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store/storetest"
)

// benchImportIssues is the size of the import benchmark's file.
const benchImportIssues = 5000

// BenchmarkImportCSV imports a file of 5,000 archived issues (about 6,700
// rows with the continuation rows) into a database holding the demo data,
// on every database of the run, and reports issues per second of elapsed
// and of processor time:
//
//	TANGGAP_TEST_POSTGRES_URL=… go test ./store -run '^$' -bench BenchmarkImportCSV -benchtime 1x
func BenchmarkImportCSV(b *testing.B) {
	now := time.Now()
	var file bytes.Buffer
	if err := storetest.WriteImportCSV(&file, "BENCH", benchImportIssues, now); err != nil {
		b.Fatal(err)
	}
	for _, dialect := range storetest.Dialects(b) {
		b.Run(string(dialect), func(b *testing.B) {
			var imported int
			var elapsed, cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := storetest.MustOpen(b, dialect)
				storetest.MustLoadDemo(b, db, now)
				b.StartTimer()
				start, cpuStart := time.Now(), cpuTime()
				result, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(file.Bytes()), "arsip.csv")
				elapsed, cpu = elapsed+time.Since(start), cpu+cpuTime()-cpuStart
				if err != nil {
					b.Fatal(err)
				}
				imported += len(result.Imported)
			}
			if imported != b.N*benchImportIssues {
				b.Fatalf("imported %d issues, want %d", imported, b.N*benchImportIssues)
			}
			b.ReportMetric(float64(imported)/elapsed.Seconds(), "issues/s")
			b.ReportMetric(float64(imported)/cpu.Seconds(), "issues/cpu-s")
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
