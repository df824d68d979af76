package store_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store/storetest"
)

// benchImportIssues is the size of the import benchmark's file.
const benchImportIssues = 5000

// BenchmarkImportCSV imports a file of 5,000 archived issues (about 6,700
// rows with the continuation rows) into a database holding the demo data,
// on every database of the run, and reports issues per second:
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
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := storetest.MustOpen(b, dialect)
				storetest.MustLoadDemo(b, db, now)
				b.StartTimer()
				start := time.Now()
				result, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(file.Bytes()), "arsip.csv")
				elapsed += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				imported += len(result.Imported)
			}
			if imported != b.N*benchImportIssues {
				b.Fatalf("imported %d issues, want %d", imported, b.N*benchImportIssues)
			}
			b.ReportMetric(float64(imported)/elapsed.Seconds(), "issues/s")
		})
	}
}
