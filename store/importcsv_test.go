package store_test

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

func mustImportFixtures(t *testing.T, db *store.DB) {
	t.Helper()
	storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
	storetest.MustAgency(t, db, "pupr", "Dinas PUPR")
	admin := storetest.As(models.SystemUser)
	for _, slug := range []string{"kesehatan", "infrastruktur"} {
		name := strings.ToUpper(slug[:1]) + slug[1:]
		if _, err := db.CreateCategory(admin, models.CategoryInput{Slug: &slug, Name: &name}); err != nil {
			t.Fatal(err)
		}
	}
}

func importFile(t *testing.T, db *store.DB, content string) (*store.ImportResult, error) {
	t.Helper()
	return db.ImportCSV(storetest.SystemContext(), strings.NewReader(content), "uji.csv")
}

func TestImportCSV(t *testing.T) {
	example, err := os.ReadFile("../docs/import-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		mustImportFixtures(t, db)
		auditor := storetest.As(&models.User{ID: 0, Role: models.RoleAuditor})

		t.Run("OK", func(t *testing.T) {
			result, err := importFile(t, db, string(example))
			if err != nil {
				t.Fatal(err)
			}
			if len(result.Imported) != 2 || len(result.Skipped) != 0 {
				t.Fatalf("imported %v skipped %v, want 2 new issues", result.Imported, result.Skipped)
			}
			page, err := db.FindIssues(auditor, models.IssueFilter{Order: models.OrderOldest, CountTotal: true})
			if err != nil || page.TotalCount != 2 {
				t.Fatalf("issues after import: %v %v", page, err)
			}
			hoax, complaint := page.Issues[0], page.Issues[1]
			if hoax.Status != models.StatusClosed || hoax.Verdict == nil || *hoax.Verdict != models.VerdictFalse || hoax.AnsweredAt == nil || hoax.AnswerDueAt == nil {
				t.Errorf("the closed hoax came in as %+v", hoax)
			}
			if hoax.CreatedAt.Format("2006-01-02 15:04") != "2026-03-02 01:15" {
				t.Errorf("logged_at 09:15 WITA should be 01:15 UTC, got %s", hoax.CreatedAt)
			}
			if complaint.Status != models.StatusInProgress || complaint.AnsweredAt != nil {
				t.Errorf("the complaint came in as %+v", complaint)
			}
			sources, err := db.SourcesByIssueIDs(auditor, []int64{hoax.ID})
			if err != nil || len(sources) != 2 {
				t.Fatalf("the hoax should have its two sources: %v %v", sources, err)
			}
			responses, err := db.ResponsesByIssueIDs(context.Background(), []int64{hoax.ID})
			if err != nil || len(responses) != 1 || !strings.Contains(responses[0].Body, "tetap gratis") {
				t.Fatalf("the hoax should have its public answer: %v %v", responses, err)
			}
			// The answer is stored with its HTML, as the API stores it, so
			// that no read and no background pass has to render it.
			if !strings.Contains(responses[0].BodyHTML, "tetap gratis") || !strings.HasPrefix(responses[0].BodyHTML, "<") {
				t.Errorf("imported answer stored without its HTML: %q", responses[0].BodyHTML)
			}
			if n, err := db.RenderMissingHTML(context.Background()); err != nil || n != 0 {
				t.Errorf("after the import %d responses or revisions were left to render (%v)", n, err)
			}
		})
		t.Run("ReimportChangesNothing", func(t *testing.T) {
			before := auditCount(t, db)
			result, err := importFile(t, db, string(example))
			if err != nil {
				t.Fatal(err)
			}
			if len(result.Imported) != 0 || len(result.Skipped) != 2 {
				t.Fatalf("re-import: imported %v skipped %v", result.Imported, result.Skipped)
			}
			page, _ := db.FindIssues(auditor, models.IssueFilter{CountTotal: true})
			if page.TotalCount != 2 || auditCount(t, db) != before {
				t.Errorf("re-import changed the database: %d issues, %d new audit entries", page.TotalCount, auditCount(t, db)-before)
			}
		})
		t.Run("ErrInvalidRowsReportedTogether", func(t *testing.T) {
			bad := "external_ref,title,summary,kind,category,logged_at,agency,priority,assigned_at,answered_at,response,verdict\n" +
				"OK-1,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,,2026-03-01 08:00,,,,,,\n" +
				"BAD-2,Judul,Ringkasan yang cukup panjang.,GOSSIP,,2026-03-01 08:00,,,,,,\n" +
				"BAD-3,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,tidak-ada,kemarin,,,,,,\n" +
				"BAD-4,Judul yang sah,Ringkasan yang cukup panjang.,MISINFORMATION,,2026-03-01 08:00,dinkes,HIGH,2026-03-01 07:00,2026-03-02 08:00,Jawaban tanpa putusan yang cukup panjang.,\n" +
				"BAD-5,Judul yang sah,Ringkasan yang cukup panjang.,COMPLAINT,,2026-03-01 08:00,bukan-instansi,SEDANG,2026-03-01 09:00,,,\n"
			before := auditCount(t, db)
			_, err := importFile(t, db, bad)
			var invalid *store.ImportError
			if !errors.As(err, &invalid) {
				t.Fatalf("want an ImportError, got %v", err)
			}
			want := map[string]bool{"3/kind": false, "4/category": false, "4/logged_at": false,
				"5/assigned_at": false, "5/verdict": false, "6/agency": false, "6/priority": false}
			for _, r := range invalid.Rows {
				key := strings.Join([]string{strconv.Itoa(r.Row), r.Column}, "/")
				if _, ok := want[key]; !ok {
					t.Errorf("unexpected problem %s", r)
				}
				want[key] = true
			}
			for key, seen := range want {
				if !seen {
					t.Errorf("problem %s not reported; got %v", key, invalid.Error())
				}
			}
			page, _ := db.FindIssues(auditor, models.IssueFilter{CountTotal: true})
			if page.TotalCount != 2 || auditCount(t, db) != before {
				t.Error("a file with errors imported something")
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			_, err := db.ImportCSV(auditor, strings.NewReader(string(example)), "x.csv")
			if models.ErrorCode(err) != models.EFORBIDDEN {
				t.Errorf("import by an auditor: %v", err)
			}
		})
	})
}
