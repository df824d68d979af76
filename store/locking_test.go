package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// postgresOnly returns a PostgreSQL database. SQLite takes the database's
// write lock at BEGIN, so these interleavings cannot happen there.
func postgresOnly(t *testing.T) *store.DB {
	t.Helper()
	for _, d := range storetest.Dialects(t) {
		if d == store.Postgres {
			return storetest.MustOpen(t, d)
		}
	}
	t.Skip("PostgreSQL not configured: set " + storetest.PostgresURLEnv)
	return nil
}

// interleave holds a row lock in a transaction, starts op, waits until op is
// blocked on that lock, applies change and commits; then op finishes. A
// read-modify-write op that did not lock the row first would write back the
// stale row and undo change.
func interleave(t *testing.T, db *store.DB, lockSQL string, lockArg int64, changeSQL string, op func() error) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.Bun().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	if _, err := tx.ExecContext(ctx, lockSQL, lockArg); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- op() }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var waiting int
		err := db.Bun().QueryRowContext(ctx, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()").Scan(&waiting)
		if err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the operation finished without waiting for the row lock: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the operation never waited for the row lock")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := tx.ExecContext(ctx, changeSQL, lockArg); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestNoLostUpdateOfDeactivation(t *testing.T) {
	db := postgresOnly(t)
	storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
	pic := storetest.MustUser(t, db, "pic@example.go.id", models.RolePIC, "dinkes")
	name := "Nama Baru"
	interleave(t, db, "SELECT id FROM users WHERE id = ? FOR UPDATE", pic.ID,
		"UPDATE users SET active = false, token_version = token_version + 1 WHERE id = ?",
		func() error {
			_, err := db.UpdateUser(storetest.SystemContext(), pic.Email, models.UserUpdate{Name: &name})
			return err
		})
	after, err := db.UserByID(context.Background(), pic.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Active || after.TokenVersion == pic.TokenVersion || after.Name != name {
		t.Errorf("after a concurrent deactivation and rename: active %v, token version %d (was %d), name %q",
			after.Active, after.TokenVersion, pic.TokenVersion, after.Name)
	}
}

func TestNoLostUpdateOfInternalMark(t *testing.T) {
	db := postgresOnly(t)
	trc, pic := storetest.MustDinkesStaff(t, db)
	issue, err := db.CreateIssue(trc, models.NewIssue{Title: "Keluhan layanan", Summary: "Keluhan warga tentang layanan.", Kind: models.KindComplaint})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinkes", Priority: models.PriorityNormal}); err != nil {
		t.Fatal(err)
	}
	response, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: issue.Number, Body: "Keluhan sudah kami tindak lanjuti hari ini."})
	if err != nil {
		t.Fatal(err)
	}
	interleave(t, db, "SELECT id FROM issues WHERE id = ? FOR UPDATE", issue.ID,
		"UPDATE issues SET internal = true, internal_reason = 'Berisi data pribadi.' WHERE id = ?",
		func() error {
			_, err := db.ReviseResponse(pic, models.Revise{ResponseID: response.ID, Body: "Keluhan sudah kami tindak lanjuti pada hari yang sama.", Reason: "Memperjelas waktu tindak lanjut."})
			return err
		})
	after, err := db.IssueByNumber(trc, issue.Number)
	if err != nil {
		t.Fatal(err)
	}
	if !after.Internal {
		t.Error("a revision undid a concurrent internal mark")
	}
}
