package store_test

import (
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestPreparedPagesEvicted: more filter shapes than statements kept, read
// concurrently, evict statements while other reads may still run them;
// every read still answers, with the same issues as a read alone.
func TestPreparedPagesEvicted(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		defer store.SetMaxPreparedTexts(2)()
		filters := []models.IssueFilter{
			{First: 5},
			{First: 5, Statuses: []models.IssueStatus{models.StatusAnswered}},
			{First: 5, Statuses: []models.IssueStatus{models.StatusClosed}},
			{First: 5, Kinds: []models.IssueKind{models.KindComplaint}},
			{First: 5, Order: models.OrderOldest},
			{First: 5, Order: models.OrderRecentlyUpdated},
		}
		want := make([][]string, len(filters))
		for i, f := range filters {
			p, err := db.FindIssues(anonymous, f)
			if err != nil {
				t.Fatal(err)
			}
			want[i] = numbers(p.Issues)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 8*30)
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for k := 0; k < 30; k++ {
					i := (g + k) % len(filters)
					p, err := db.FindIssues(anonymous, filters[i])
					if err != nil {
						errs <- err
						continue
					}
					if got := numbers(p.Issues); len(got) != len(want[i]) || (len(got) > 0 && got[0] != want[i][0]) {
						t.Errorf("filter %d read %v, alone %v", i, got, want[i])
					}
				}
			}(g)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("a read while statements were evicted: %v", err)
		}
		if n := store.PreparedTexts(db); n > 2 {
			t.Errorf("%d statements kept by text, bound 2", n)
		}
	})
}
