package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestWorkingHoursMoveOpenDueTimes: a shorter Friday set by an admin moves
// the due times of an open issue assigned on a Friday, leaves an answered
// issue alone, and is audited with the week before and after.
func TestWorkingHoursMoveOpenDueTimes(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		defer func() { db.Now = time.Now }()
		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		trc := storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, "")
		admin := storetest.As(storetest.MustUser(t, db, "admin@example.go.id", models.RoleAdmin, ""))
		h := &history{t: t, db: db, trc: storetest.As(trc), picOf: map[string]context.Context{
			"dinkes": storetest.As(storetest.MustUser(t, db, "pic.dinkes@example.go.id", models.RolePIC, "dinkes")),
		}}
		friday := at(6, 9, 0)
		open := h.issue("dinkes", friday, time.Time{}, time.Time{})
		answered := h.issue("dinkes", friday, at(6, 9, 30), at(6, 10, 0))
		reload := func(i *models.Issue) *models.Issue {
			t.Helper()
			got, err := db.IssueByNumber(storetest.As(trc), i.Number)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		// NORMAL: acknowledge within one working day, answer within three.
		if got := reload(open); !got.AcknowledgeDueAt.Equal(at(9, 9, 0)) || !got.AnswerDueAt.Equal(at(11, 9, 0)) {
			t.Fatalf("due before the change: %v and %v, want Monday and Wednesday 09:00", got.AcknowledgeDueAt, got.AnswerDueAt)
		}

		t.Run("OK", func(t *testing.T) {
			week, err := db.WorkingHours(context.Background())
			if err != nil || week != models.StandardWorkingWeek() {
				t.Fatalf("hours after migration: %v, %v; want Monday-Friday 08:00-16:00", week, err)
			}
			shortFriday := models.StandardWorkingWeek()
			shortFriday[time.Friday].End = 11 * time.Hour
			db.Now = func() time.Time { return at(6, 12, 0) }
			before := auditCount(t, db)
			moved, err := db.SetWorkingHours(admin, shortFriday)
			if err != nil || moved != 1 {
				t.Fatalf("SetWorkingHours: moved %d, %v; want the one open issue", moved, err)
			}
			// Friday 09:00-11:00 counts two hours; the day is still eight for targets.
			if got := reload(open); !got.AcknowledgeDueAt.Equal(at(9, 14, 0)) || !got.AnswerDueAt.Equal(at(11, 14, 0)) {
				t.Errorf("due after the change: %v and %v, want Monday and Wednesday 14:00", got.AcknowledgeDueAt, got.AnswerDueAt)
			}
			if got := reload(answered); !got.AnswerDueAt.Equal(at(11, 9, 0)) {
				t.Errorf("an answered issue's due time moved to %v", got.AnswerDueAt)
			}
			if week, _ := db.WorkingHours(context.Background()); week != shortFriday {
				t.Errorf("stored week %v, want %v", week, shortFriday)
			}
			if auditCount(t, db) != before+1 {
				t.Fatal("the change was not audited")
			}
			page, err := db.AuditLog(storetest.SystemContext(), models.AuditFilter{First: 1})
			if err != nil {
				t.Fatal(err)
			}
			var changes struct {
				Before, After    map[string]string
				IssuesRecomputed int
			}
			if e := page.Entries[0]; e.Action != "calendar.working_hours" || json.Unmarshal([]byte(e.Changes), &changes) != nil {
				t.Fatalf("audit entry %+v", e)
			}
			if changes.Before["friday"] != "08:00-16:00" || changes.After["friday"] != "08:00-11:00" || changes.IssuesRecomputed != 1 || changes.After["saturday"] != "" {
				t.Errorf("audited changes %+v", changes)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			bad := models.StandardWorkingWeek()
			bad[time.Friday] = models.WorkingPeriod{Start: 11 * time.Hour, End: 8 * time.Hour}
			_, err := db.SetWorkingHours(admin, bad)
			if models.ErrorCode(err) != models.EINVALID || models.ErrorField(err) != "days" {
				t.Errorf("end before start: %v; want EINVALID on days", err)
			}
			if _, err := db.SetWorkingHours(admin, models.WorkingWeek{}); models.ErrorCode(err) != models.EINVALID {
				t.Errorf("a week without working days: %v; want EINVALID", err)
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			if _, err := db.SetWorkingHours(storetest.As(trc), models.StandardWorkingWeek()); models.ErrorCode(err) != models.EFORBIDDEN {
				t.Errorf("TRC: %v; want EFORBIDDEN", err)
			}
		})
	})
}
