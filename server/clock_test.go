package server_test

import (
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestOneClock: the API's overdue flag and the CSV export's follow the
// clock the store writes with, not the machine's.
func TestOneClock(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		s := mustStaff(t, api)
		t.Cleanup(func() { db.Now = time.Now })
		// An urgent issue assigned three hours ago was due two hours ago.
		db.Now = func() time.Time { return time.Now().Add(-3 * time.Hour) }
		issue := s.mustNewIssue(t, db, models.KindComplaint)
		if _, err := db.AssignIssue(storetest.As(s.trc), models.Assignment{IssueNumber: issue.Number, AgencySlug: agencyA, Priority: models.PriorityUrgent}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			now  func() time.Time
			want bool
		}{
			{"BeforeTheDueTime", func() time.Time { return time.Now().Add(-150 * time.Minute) }, false},
			{"AfterTheDueTime", time.Now, true},
		} {
			t.Run(c.name, func(t *testing.T) {
				db.Now = c.now
				r := api.post(s.tokenOf(s.auditor), `query($n: String!) { issue(number: $n) { overdue } }`, map[string]any{"n": issue.Number})
				var out struct{ Issue struct{ Overdue bool } }
				r.decode(t, &out)
				if out.Issue.Overdue != c.want {
					t.Errorf("API overdue = %v, want %v", out.Issue.Overdue, c.want)
				}
				_, _, rows, body := api.download(s.tokenOf(s.auditor), "/export/issues.csv")
				if len(rows) < 2 {
					t.Fatalf("export: %s", body)
				}
				column := len(rows[0]) - 1 // terlambat_kini
				found := false
				for _, row := range rows[1:] {
					if row[0] == issue.Number {
						found = true
						if row[column] != map[bool]string{true: "true", false: "false"}[c.want] {
							t.Errorf("export %s = %s, want %v", rows[0][column], row[column], c.want)
						}
					}
				}
				if !found {
					t.Fatalf("%s not in the export", issue.Number)
				}
			})
		}
	})
}
