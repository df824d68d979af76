package store_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/demodata"
	"github.com/kotabaru/tanggap/store/storetest"
)

// allAudit reads the whole audit log, oldest first.
func allAudit(t *testing.T, db *store.DB) []*models.AuditEntry {
	t.Helper()
	var entries []*models.AuditEntry
	filter := models.AuditFilter{First: 100}
	for {
		page, err := db.AuditLog(storetest.SystemContext(), filter)
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, page.Entries...)
		if !page.HasNextPage {
			break
		}
		filter.After = page.Cursors[len(page.Cursors)-1]
	}
	for i, j := 0, len(entries)-1; i < j; i, j = i+1, j-1 {
		entries[i], entries[j] = entries[j], entries[i]
	}
	return entries
}

// TestDemoAuditHistory checks that the demo's audit log tells the demo's
// own history: an entry for every replayed step at the step's time, in time
// order, chained and verifying, with the load itself last.
func TestDemoAuditHistory(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		wita := db.Location()
		now := time.Date(2026, 11, 25, 21, 47, 0, 0, wita)
		result := storetest.MustLoadDemo(t, db, now)
		historyEnd := time.Date(2026, 11, 24, 18, 0, 0, 0, wita)

		v, err := db.VerifyAudit(storetest.SystemContext(), true)
		if err != nil || !v.Intact {
			t.Fatalf("audit verification after the demo load: %+v, %v", v, err)
		}
		entries := allAudit(t, db)
		if v.Entries != len(entries) {
			t.Fatalf("verified %d entries, the log has %d", v.Entries, len(entries))
		}
		last := entries[len(entries)-1]
		if last.Action != "demo.load" || !last.At.Equal(now) {
			t.Errorf("last entry %s at %v; want demo.load at %v", last.Action, last.At, now)
		}
		actions := map[string]int{}
		for i, e := range entries[:len(entries)-1] {
			actions[e.Action]++
			if e.At.After(historyEnd) {
				t.Errorf("entry %d (%s) at %v, after 18:00 of the day before loading", e.ID, e.Action, e.At)
			}
			if i > 0 && e.At.Before(entries[i-1].At) {
				t.Errorf("entry %d (%s at %v) is older than the entry before it (%v)", e.ID, e.Action, e.At, entries[i-1].At)
			}
			if i > 0 && e.PrevHash != entries[i-1].Hash {
				t.Errorf("entry %d does not chain to entry %d", e.ID, entries[i-1].ID)
			}
		}
		answered := 0
		for _, d := range demodata.Issues() {
			if d.Response != nil && d.AnswerAfter > 0 {
				answered++
			}
		}
		for action, want := range map[string]int{
			"issue.create":             len(demodata.Issues()),
			"issue.answered":           answered,
			"agency.create":            result.Agencies,
			"user.create":              len(result.Staff),
			"question.link":            result.Questions,
			"calendar.import_holidays": 1,
		} {
			if actions[action] != want {
				t.Errorf("%d %s entries, want %d", actions[action], action, want)
			}
		}
		for _, action := range []string{"issue.assigned", "issue.acknowledged", "issue.closed", "issue.rejected", "issue.declined", "issue.revised", "issue.marked_duplicate", "issue.made_internal"} {
			if actions[action] == 0 {
				t.Errorf("no %s entry in the demo history", action)
			}
		}
		holidays, err := db.Holidays(storetest.SystemContext(), 2026)
		if err != nil || len(holidays) != 25 {
			t.Errorf("%d holidays of 2026 loaded (%v); want the 17 national holidays and 8 cuti bersama days", len(holidays), err)
		}
	})
}

// TestDemoFiguresDoNotDependOnTheHour loads the demo at two hours of one
// day and asks both for the same report: the working-time figures match,
// because the histories end at a fixed hour of the day before.
func TestDemoFiguresDoNotDependOnTheHour(t *testing.T) {
	report := func(loadedAt time.Time) *models.ResponseTimeReport {
		db := storetest.MustOpen(t, store.SQLite)
		storetest.MustLoadDemo(t, db, loadedAt)
		db.Now = func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, db.Location()) }
		r, err := db.ResponseTimeReport(storetest.As(&models.User{Role: models.RoleAuditor}), models.ReportFilter{
			From: time.Date(2026, 1, 1, 0, 0, 0, 0, db.Location()), To: time.Date(2026, 11, 26, 0, 0, 0, 0, db.Location()),
		})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	wita := time.FixedZone("WITA", 8*3600)
	morning := report(time.Date(2026, 11, 25, 8, 5, 0, 0, wita))
	evening := report(time.Date(2026, 11, 25, 21, 47, 0, 0, wita))
	figures := func(r *models.ResponseTimeReport) string {
		b, _ := json.Marshal([]any{r.Total.TimeToAnswer, r.Total.TimeToAcknowledge, r.Total.AnsweredOnTime, r.Total.AcknowledgedOnTime})
		return string(b)
	}
	if morning.Total.TimeToAnswer.Count == 0 {
		t.Fatal("the report counts no answered issue")
	}
	if a, b := figures(morning), figures(evening); a != b {
		t.Errorf("loaded at 08:05: %s\nloaded at 21:47: %s", a, b)
	}
	for i := range morning.Agencies {
		if !reflect.DeepEqual(morning.Agencies[i].TimeToAnswer, evening.Agencies[i].TimeToAnswer) {
			t.Errorf("%s: time to answer differs by the hour of loading", morning.Agencies[i].Agency.Slug)
		}
	}
}
