package store_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/migrations"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// embeddedMigrations lists the names of a dialect's migrations from the
// embedded files themselves: the timestamp before the first underscore.
func embeddedMigrations(t *testing.T, dialect store.Dialect) []string {
	t.Helper()
	files, err := fs.Glob(migrations.FS(string(dialect)), "*.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		name, _, _ := strings.Cut(f, "_")
		names = append(names, name)
	}
	slices.Sort(names)
	if len(names) == 0 {
		t.Fatalf("no %s migrations embedded", dialect)
	}
	return names
}

// openUnmigrated opens an empty database of the dialect without migrating it.
func openUnmigrated(t *testing.T, dialect store.Dialect) *store.DB {
	t.Helper()
	rawURL := "sqlite:" + filepath.Join(t.TempDir(), "kosong.db")
	if dialect == store.Postgres {
		rawURL = storetest.NewPostgresURL(t)
	}
	db, err := store.Open(rawURL, store.Options{Hasher: auth.Argon2id{}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustStatuses(t *testing.T, db *store.DB, want []string, applied bool) {
	t.Helper()
	statuses, err := db.MigrationStatuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range statuses {
		names = append(names, s.Name)
		if s.Applied != applied {
			t.Fatalf("migration %s applied %v, want %v", s.Name, s.Applied, applied)
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, want) {
		t.Fatalf("migrations %v, want %v", names, want)
	}
	pending, err := db.PendingMigrations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if applied && len(pending) != 0 || !applied && !slices.Equal(sortedCopy(pending), want) {
		t.Fatalf("pending %v with every migration applied %v", pending, applied)
	}
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// mustSchemaWorks writes through the store on a migrated database.
func mustSchemaWorks(t *testing.T, db *store.DB) {
	t.Helper()
	storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
	trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
	issue, err := db.CreateIssue(trc, newIssue("Isu setelah migrasi"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "dinkes", Priority: models.PriorityUrgent}); err != nil {
		t.Fatal(err)
	}
	mustIntact(t, db, 4)
}

func TestMigrateFreshDatabase(t *testing.T) {
	for _, dialect := range storetest.Dialects(t) {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			db := openUnmigrated(t, dialect)
			want := embeddedMigrations(t, dialect)
			mustStatuses(t, db, want, false)

			applied, err := db.Migrate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(sortedCopy(applied), want) {
				t.Fatalf("applied %v, want %v", applied, want)
			}
			mustStatuses(t, db, want, true)

			again, err := db.Migrate(ctx)
			if err != nil || len(again) != 0 {
				t.Fatalf("second migration applied %v (%v)", again, err)
			}
			mustSchemaWorks(t, db)
		})
	}
}

func TestMigrateRollbackAndUpAgain(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		want := embeddedMigrations(t, db.Dialect())
		mustStatuses(t, db, want, true)
		storetest.MustAgency(t, db, "dishub", "Dinas Perhubungan")
		tables := []string{"issues", "audit_log", "agencies", "users"}
		for _, table := range tables {
			if _, err := db.Bun().ExecContext(ctx, "SELECT count(*) FROM "+table); err != nil {
				t.Fatalf("table %s before the rollback: %v", table, err)
			}
		}

		rolledBack, err := db.Rollback(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(sortedCopy(rolledBack), want) {
			t.Fatalf("rolled back %v, want %v", rolledBack, want)
		}
		mustStatuses(t, db, want, false)
		for _, table := range tables {
			if _, err := db.Bun().ExecContext(ctx, "SELECT count(*) FROM "+table); err == nil {
				t.Fatalf("table %s survived the rollback", table)
			}
		}

		applied, err := db.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(sortedCopy(applied), want) {
			t.Fatalf("applied %v, want %v", applied, want)
		}
		mustStatuses(t, db, want, true)
		mustSchemaWorks(t, db)
		mustAppendOnly(t, db)
	})
}

// mustAppendOnly checks that the database itself refuses to change or
// remove audit entries.
func mustAppendOnly(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	before := auditRows(t, db)
	if len(before) == 0 {
		t.Fatal("no audit entries to tamper with")
	}
	victim := before[0]
	statements := []string{
		"UPDATE audit_log SET action = 'dihapus' WHERE id = ?",
		"UPDATE audit_log SET changes = '{}', hash = 'x' WHERE id = ?",
		"DELETE FROM audit_log WHERE id = ?",
	}
	for _, q := range statements {
		if _, err := db.Bun().ExecContext(ctx, q, victim.ID); err == nil {
			t.Fatalf("the database accepted %q on the audit log", q)
		}
	}
	for _, q := range []string{"UPDATE audit_log SET actor_role = 'ADMIN'", "DELETE FROM audit_log"} {
		if _, err := db.Bun().ExecContext(ctx, q); err == nil {
			t.Fatalf("the database accepted %q on the audit log", q)
		}
	}
	if db.Dialect() == store.Postgres {
		if _, err := db.Bun().ExecContext(ctx, "TRUNCATE audit_log"); err == nil {
			t.Fatal("the database accepted TRUNCATE on the audit log")
		}
	}
	after := auditRows(t, db)
	if len(after) != len(before) {
		t.Fatalf("%d audit entries before, %d after", len(before), len(after))
	}
	for k := range before {
		if !sameEntry(after[k], before[k]) {
			t.Fatalf("entry %d changed: %+v became %+v", before[k].ID, before[k], after[k])
		}
	}
	mustIntact(t, db, len(before))
}

func TestAuditLogAppendOnly(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		for k := 0; k < 3; k++ {
			if _, err := db.CreateIssue(trc, newIssue("Isu untuk log audit")); err != nil {
				t.Fatal(err)
			}
		}
		mustAppendOnly(t, db)
	})
}

func sameEntry(a, b *models.AuditEntry) bool {
	sameActor := (a.ActorID == nil) == (b.ActorID == nil) && (a.ActorID == nil || *a.ActorID == *b.ActorID)
	return a.ID == b.ID && a.At.Equal(b.At) && sameActor && a.ActorRole == b.ActorRole && a.Action == b.Action &&
		a.Subject == b.Subject && a.Changes == b.Changes && a.PrevHash == b.PrevHash && a.Hash == b.Hash
}
