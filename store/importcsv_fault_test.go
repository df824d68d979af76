package store_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestFaultImportWhileStaffWrite: a long import leaves the write lock to
// staff between its batches. Staff members logging issues all through a
// 6,000-issue import never fail (on SQLite: no SQLITE_BUSY after the busy
// timeout), and their issues land between the import's batches rather than
// after it.
func TestFaultImportWhileStaffWrite(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		now := time.Now()
		storetest.MustLoadDemo(t, db, now)
		trc := storetest.As(storetest.MustUser(t, db, "trc.impor@contoh.id", models.RoleTRC, ""))
		var file bytes.Buffer
		if err := storetest.WriteImportCSV(&file, "ARSIP", 6000, now); err != nil {
			t.Fatal(err)
		}

		const writers = 4
		done := make(chan struct{})
		var wg sync.WaitGroup
		var mu sync.Mutex
		var failures []error
		var staffIDs []int64
		var slowest time.Duration
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-done:
						return
					case <-time.After(10 * time.Millisecond): // a person, not a loop
					}
					start := time.Now()
					issue, err := db.CreateIssue(trc, models.NewIssue{
						Title:   fmt.Sprintf("Laporan petugas %d-%d", w, i),
						Summary: "Laporan yang dicatat petugas selama impor arsip berjalan.",
						Kind:    models.KindComplaint,
					})
					mu.Lock()
					if err != nil {
						failures = append(failures, err)
					} else {
						staffIDs = append(staffIDs, issue.ID)
					}
					slowest = max(slowest, time.Since(start))
					mu.Unlock()
				}
			}()
		}
		result, err := db.ImportCSV(storetest.SystemContext(), bytes.NewReader(file.Bytes()), "arsip.csv")
		close(done)
		wg.Wait()
		if err != nil {
			t.Fatal(err)
		}
		if len(result.Imported) != 6000 {
			t.Fatalf("imported %d issues, want 6000", len(result.Imported))
		}
		for _, err := range failures {
			t.Errorf("staff write failed during the import: %v", err)
		}

		var first, last int64
		err = db.Bun().NewSelect().
			Model((*models.Issue)(nil)).
			ColumnExpr("MIN(id), MAX(id)").
			Where("external_ref LIKE ?", "ARSIP-%").
			Scan(context.Background(), &first, &last)
		if err != nil {
			t.Fatal(err)
		}
		between := 0
		for _, id := range staffIDs {
			if id > first && id < last {
				between++
			}
		}
		t.Logf("%d staff issues logged, %d of them between the import's batches; slowest staff write %s", len(staffIDs), between, slowest)
		if between == 0 {
			t.Errorf("no staff issue was logged between the import's batches (imported ids %d–%d, staff ids %v)", first, last, staffIDs)
		}
	})
}
