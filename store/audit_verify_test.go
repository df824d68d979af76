package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// publicVerify runs the verification anyone may ask for.
func publicVerify(t *testing.T, db *store.DB) *models.AuditVerification {
	t.Helper()
	v, err := db.VerifyAudit(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	if v.Full {
		t.Fatal("the public verification reports itself as full")
	}
	return v
}

func mustPublicIntact(t *testing.T, db *store.DB, entries, recomputed int) {
	t.Helper()
	v := publicVerify(t, db)
	head, count, err := db.AuditHead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !v.Intact || v.Entries != entries || count != entries || v.HeadHash != head || v.Recomputed != recomputed {
		t.Fatalf("public verification: intact %v (%s at %v), %d entries re-computing %d, head %s; want %d entries re-computing %d, head %s",
			v.Intact, v.Problem, v.BrokenAtID, v.Entries, v.Recomputed, v.HeadHash, entries, recomputed, head)
	}
}

func mustPublicBrokenAt(t *testing.T, db *store.DB, id int64, problem string) {
	t.Helper()
	v := publicVerify(t, db)
	if v.Intact || v.BrokenAtID == nil || *v.BrokenAtID != id || !strings.Contains(v.Problem, problem) {
		t.Fatalf("want the public check to find the chain broken at %d (%q), got intact %v, broken at %v, problem %q",
			id, problem, v.Intact, v.BrokenAtID, v.Problem)
	}
}

func createIssues(t *testing.T, ctx context.Context, db *store.DB, n int) {
	t.Helper()
	for k := 0; k < n; k++ {
		if _, err := db.CreateIssue(ctx, newIssue(fmt.Sprintf("Isu pemeriksaan rantai %d", k))); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFaultAuditIncremental checks the public verification that starts at
// the stored checkpoint: it re-computes only new entries, still finds
// tampering after the checkpoint and a rewritten history, while tampering
// before the checkpoint is left to the full verification, which only
// AUDITOR may run.
func TestFaultAuditIncremental(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		db.AuditCacheTTL = 0
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		createIssues(t, trc, db, 8)
		mustPublicIntact(t, db, 9, 9)
		mustPublicIntact(t, db, 9, 0)
		createIssues(t, trc, db, 3)
		mustPublicIntact(t, db, 12, 3)
		rows := auditRows(t, db)

		t.Run("FullNeedsAuditor", func(t *testing.T) {
			_, err := db.VerifyAudit(context.Background(), true)
			mustCode(t, err, models.EUNAUTHENTICATED, "")
			_, err = db.VerifyAudit(trc, true)
			mustCode(t, err, models.EFORBIDDEN, "")
			auditor := storetest.As(storetest.MustUser(t, db, "auditor@tanggap.test", models.RoleAuditor, ""))
			v, err := db.VerifyAudit(auditor, true)
			if err != nil || !v.Intact || !v.Full || v.Recomputed != v.Entries {
				t.Fatalf("full verification by an auditor: %+v, %v", v, err)
			}
		})
		rows = auditRows(t, db)
		checkpoint := rows[len(rows)-1].ID

		t.Run("TamperedBeforeCheckpoint", func(t *testing.T) {
			victim := rows[3]
			tamper(t, db, "UPDATE audit_log SET changes = ? WHERE id = ?", `{"title":"judul lain"}`, victim.ID)
			// Only what was appended since is re-computed: the public check
			// does not see this, the full one does.
			mustPublicIntact(t, db, len(rows), 0)
			mustBrokenAt(t, db, victim.ID)
			tamper(t, db, "UPDATE audit_log SET changes = ? WHERE id = ?", victim.Changes, victim.ID)
			mustIntact(t, db, len(rows))
		})

		t.Run("TamperedAfterCheckpoint", func(t *testing.T) {
			createIssues(t, trc, db, 4)
			fresh := auditRows(t, db)
			victim := fresh[len(fresh)-2]
			if victim.ID <= checkpoint {
				t.Fatalf("entry %d is not after the checkpoint %d", victim.ID, checkpoint)
			}
			tamper(t, db, "UPDATE audit_log SET actor_role = ? WHERE id = ?", "AUDITOR", victim.ID)
			mustPublicBrokenAt(t, db, victim.ID, "hash")
			tamper(t, db, "UPDATE audit_log SET actor_role = ? WHERE id = ?", victim.ActorRole, victim.ID)
			mustPublicIntact(t, db, len(fresh), len(fresh)-int(checkpoint))
		})

		t.Run("RewrittenHistory", func(t *testing.T) {
			// Someone re-computes every hash from an old entry on, so that
			// the chain is consistent again: the checkpoint's entry no longer
			// carries the hash it was verified with.
			all := auditRows(t, db)
			cp := publicVerify(t, db).Entries
			prev := all[1].Hash
			for _, e := range all[2:] {
				forged := *e
				if e.ID == 3 {
					forged.Changes = `{"title":"riwayat palsu"}`
				}
				forged.PrevHash = prev
				forged.Hash = forged.ComputeHash()
				tamper(t, db, "UPDATE audit_log SET changes = ?, prev_hash = ?, hash = ? WHERE id = ?", forged.Changes, forged.PrevHash, forged.Hash, e.ID)
				prev = forged.Hash
			}
			mustPublicBrokenAt(t, db, int64(cp), "ditulis ulang")
			mustBrokenAt(t, db, int64(cp))
		})
	})
}

// TestFaultAuditTruncatedTail deletes the newest entries after they were
// verified: the chain that is left is consistent, but the checkpoint names
// an entry that is gone.
func TestFaultAuditTruncatedTail(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		db.AuditCacheTTL = 0
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		createIssues(t, trc, db, 5)
		mustPublicIntact(t, db, 6, 6)
		tamper(t, db, "DELETE FROM audit_log WHERE id > ?", 4)
		mustPublicBrokenAt(t, db, 6, "hilang")
		mustBrokenAt(t, db, 5)
	})
}

// queryCounter counts statements that mention a table.
type queryCounter struct {
	table string
	n     atomic.Int64
}

func (c *queryCounter) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	if strings.Contains(e.Query, c.table) {
		c.n.Add(1)
	}
	return ctx
}
func (c *queryCounter) AfterQuery(context.Context, *bun.QueryEvent) {}

// TestFaultAuditVerificationShared checks that parallel and repeated public
// verifications of an unchanged chain share one computation.
func TestFaultAuditVerificationShared(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		db.AuditCacheTTL = time.Hour
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		createIssues(t, trc, db, 5)
		counter := &queryCounter{table: "audit_checkpoint"}
		db.AddQueryHook(counter)
		var wg sync.WaitGroup
		results := make([]*models.AuditVerification, 16)
		for k := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, err := db.VerifyAudit(context.Background(), false)
				if err != nil {
					t.Error(err)
				}
				results[k] = v
			}()
		}
		wg.Wait()
		for _, v := range results {
			if v == nil || !v.Intact || v.Entries != 6 {
				t.Fatalf("parallel verification: %+v", v)
			}
		}
		// One computation reads the checkpoint and advances it; parallel
		// callers may start a second only after the first finished, when
		// its result is already cached.
		if n := counter.n.Load(); n > 2 {
			t.Fatalf("16 parallel verifications touched the checkpoint %d times", n)
		}
		counter.n.Store(0)
		for k := 0; k < 20; k++ {
			mustPublicIntact(t, db, 6, 6)
		}
		if n := counter.n.Load(); n != 0 {
			t.Fatalf("repeated verifications of an unchanged chain touched the checkpoint %d times", n)
		}
		createIssues(t, trc, db, 1)
		mustPublicIntact(t, db, 7, 1)
	})
}
