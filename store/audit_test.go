package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// auditRows reads the whole audit log straight from the database, by id.
func auditRows(t *testing.T, db *store.DB) []*models.AuditEntry {
	t.Helper()
	var entries []*models.AuditEntry
	if err := db.Bun().NewSelect().Model(&entries).OrderExpr("id ASC").Scan(context.Background()); err != nil {
		t.Fatalf("read audit log: %v", err)
	}
	return entries
}

// mustIntact checks that the chain verifies, that it has want entries, and
// that verification, head and table agree.
func mustIntact(t *testing.T, db *store.DB, want int) {
	t.Helper()
	ctx := context.Background()
	v, err := db.VerifyAudit(storetest.SystemContext(), true)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Intact || v.BrokenAtID != nil || v.Problem != "" {
		t.Fatalf("audit chain broken at %v: %s", v.BrokenAtID, v.Problem)
	}
	if !v.Full || v.Recomputed != want {
		t.Fatalf("a full verification re-computed %d of %d entries (full %v)", v.Recomputed, want, v.Full)
	}
	head, count, err := db.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows := auditRows(t, db)
	if v.Entries != want || count != want || len(rows) != want {
		t.Fatalf("want %d audit entries: verification counted %d, head %d, table %d", want, v.Entries, count, len(rows))
	}
	if v.HeadHash != head || (want > 0 && rows[want-1].Hash != head) {
		t.Fatalf("head hash %s, verification %s", head, v.HeadHash)
	}
	prev := models.GenesisHash
	for k, e := range rows {
		if e.ID != int64(k+1) || e.PrevHash != prev || e.ComputeHash() != e.Hash {
			t.Fatalf("entry %d (id %d) is not linked to its predecessor", k, e.ID)
		}
		prev = e.Hash
	}
}

func TestAuditChain(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, empty, err := db.AuditHead(ctx)
		if err != nil || empty != 0 {
			t.Fatalf("fresh database has %d audit entries (%v)", empty, err)
		}
		mustIntact(t, db, 0)

		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		trcUser := storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, "")
		picUser := storetest.MustUser(t, db, "pic@tanggap.test", models.RolePIC, "dinkes")
		trc, pic := storetest.As(trcUser), storetest.As(picUser)
		mustIntact(t, db, 3)

		// Every successful mutation appends exactly one entry; a refused one none.
		steps := []struct {
			name string
			run  func() error
		}{
			{"create", func() error { _, err := db.CreateIssue(trc, newIssue("Isu untuk rantai audit")); return err }},
			{"assign", func() error {
				_, err := db.AssignIssue(trc, models.Assignment{IssueNumber: firstNumber(t, db), AgencySlug: "dinkes", Priority: models.PriorityHigh})
				return err
			}},
			{"acknowledge", func() error { _, err := db.AcknowledgeIssue(pic, firstNumber(t, db)); return err }},
			{"publish", func() error {
				v := models.VerdictFalse
				_, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: firstNumber(t, db),
					Body: "Kabar tersebut tidak benar menurut data Dinas Kesehatan.", Verdict: &v})
				return err
			}},
			{"close", func() error { _, err := db.CloseIssue(trc, firstNumber(t, db)); return err }},
			{"reopen", func() error {
				_, err := db.ReopenIssue(trc, firstNumber(t, db), "Ada data baru yang perlu ditambahkan.")
				return err
			}},
		}
		count := 3
		for _, s := range steps {
			if err := s.run(); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			count++
			mustIntact(t, db, count)
		}
		_, err = db.CloseIssue(pic, firstNumber(t, db))
		mustCode(t, err, models.EFORBIDDEN, "")
		_, err = db.AcknowledgeIssue(pic, firstNumber(t, db))
		mustCode(t, err, models.ECONFLICT, "")
		mustIntact(t, db, count)

		last := auditRows(t, db)[count-1]
		if last.Action != "issue.reopened" || last.ActorID == nil || *last.ActorID != trcUser.ID || last.ActorRole != "TRC" {
			t.Fatalf("last entry is %s by %v (%s), want issue.reopened by TRC %d", last.Action, last.ActorID, last.ActorRole, trcUser.ID)
		}
	})
}

func firstNumber(t *testing.T, db *store.DB) string {
	t.Helper()
	issues := rawIssues(t, db)
	if len(issues) == 0 {
		t.Fatal("no issues")
	}
	return issues[0].Number
}

func TestAuditConcurrentWriters(t *testing.T) {
	const writers, perWriter = 8, 15
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		_, before, err := db.AuditHead(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, writers*perWriter)
		start := make(chan struct{})
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for k := 0; k < perWriter; k++ {
					if _, err := db.CreateIssue(trc, newIssue(fmt.Sprintf("Isu serentak %d-%d", w, k))); err != nil {
						errs <- fmt.Errorf("writer %d, issue %d: %w", w, k, err)
					}
				}
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		failed := 0
		for err := range errs {
			failed++
			t.Error(err)
		}
		if failed > 0 {
			t.Fatalf("%d of %d concurrent writes failed", failed, writers*perWriter)
		}
		mustIntact(t, db, before+writers*perWriter)

		issues := rawIssues(t, db)
		if len(issues) != writers*perWriter {
			t.Fatalf("%d issues stored, want %d", len(issues), writers*perWriter)
		}
		seqs := map[int]bool{}
		for _, i := range issues {
			_, seq := parseNumber(t, i.Number)
			if seqs[seq] {
				t.Fatalf("sequence %d handed out twice", seq)
			}
			seqs[seq] = true
		}
		for seq := 1; seq <= writers*perWriter; seq++ {
			if !seqs[seq] {
				t.Fatalf("sequence %d is missing: numbers are not contiguous", seq)
			}
		}
	})
}

// tamper runs statements on the audit log with its append-only protection
// lifted, as only the database owner could, and restores it.
func tamper(t *testing.T, db *store.DB, query string, args ...any) {
	t.Helper()
	ctx := context.Background()
	switch db.Dialect() {
	case store.Postgres:
		err := db.Bun().RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.ExecContext(ctx, "ALTER TABLE audit_log DISABLE TRIGGER USER"); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, query, args...); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "ALTER TABLE audit_log ENABLE TRIGGER USER")
			return err
		})
		if err != nil {
			t.Fatalf("tamper: %v", err)
		}
	case store.SQLite:
		for _, q := range []string{"DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"} {
			if _, err := db.Bun().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Bun().ExecContext(ctx, query, args...); err != nil {
			t.Fatalf("tamper: %v", err)
		}
	}
}

func mustBrokenAt(t *testing.T, db *store.DB, id int64) {
	t.Helper()
	v, err := db.VerifyAudit(storetest.SystemContext(), true)
	if err != nil {
		t.Fatal(err)
	}
	if v.Intact || v.BrokenAtID == nil || *v.BrokenAtID != id || v.Problem == "" {
		t.Fatalf("want the chain broken at %d, got intact %v, broken at %v, problem %q", id, v.Intact, v.BrokenAtID, v.Problem)
	}
}

func TestAuditTamperDetection(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		for k := 0; k < 8; k++ {
			if _, err := db.CreateIssue(trc, newIssue(fmt.Sprintf("Isu nomor %d", k))); err != nil {
				t.Fatal(err)
			}
		}
		mustIntact(t, db, 9)
		rows := auditRows(t, db)

		t.Run("AlteredChanges", func(t *testing.T) {
			victim := rows[4]
			tamper(t, db, "UPDATE audit_log SET changes = ? WHERE id = ?", `{"title":"judul lain"}`, victim.ID)
			mustBrokenAt(t, db, victim.ID)
			tamper(t, db, "UPDATE audit_log SET changes = ? WHERE id = ?", victim.Changes, victim.ID)
			mustIntact(t, db, 9)
		})

		t.Run("AlteredActor", func(t *testing.T) {
			victim := rows[2]
			tamper(t, db, "UPDATE audit_log SET actor_role = ? WHERE id = ?", "AUDITOR", victim.ID)
			mustBrokenAt(t, db, victim.ID)
			tamper(t, db, "UPDATE audit_log SET actor_role = ? WHERE id = ?", victim.ActorRole, victim.ID)
			mustIntact(t, db, 9)
		})

		t.Run("RehashedEntry", func(t *testing.T) {
			// Re-computing the altered entry's own hash moves the break to
			// the next entry, whose link no longer matches.
			victim := *rows[5]
			victim.Changes = `{"title":"judul palsu"}`
			tamper(t, db, "UPDATE audit_log SET changes = ?, hash = ? WHERE id = ?", victim.Changes, victim.ComputeHash(), victim.ID)
			mustBrokenAt(t, db, victim.ID+1)
			tamper(t, db, "UPDATE audit_log SET changes = ?, hash = ? WHERE id = ?", rows[5].Changes, rows[5].Hash, victim.ID)
			mustIntact(t, db, 9)
		})

		t.Run("DeletedEntry", func(t *testing.T) {
			tamper(t, db, "DELETE FROM audit_log WHERE id = ?", rows[3].ID)
			mustBrokenAt(t, db, rows[3].ID+1)
		})
	})
}
