package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestPublishResponseRows: publishing in one step inserts the agency's
// response; over the agency's draft it publishes that row instead of
// adding one; a second publication is refused without touching the first.
func TestPublishResponseRows(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc, pic := storetest.MustDinkesStaff(t, db)
		open := func(title string) string { return storetest.MustAssignedIssue(t, db, trc, title, "dinkes") }
		rows := func(number string) []models.Response {
			t.Helper()
			var out []models.Response
			if err := db.Bun().NewSelect().Model(&out).
				Where("issue_id = (SELECT id FROM issues WHERE number = ?)", number).OrderExpr("id").Scan(context.Background()); err != nil {
				t.Fatal(err)
			}
			return out
		}

		// The revision, the issue and its events are written in one query
		// on PostgreSQL: text that looks like placeholders, quotes and
		// statement ends is stored as it was written.
		const tricky = "Antrean kini dibagi dua loket? Ya; lihat 'jadwal' di \\loket\\ $1 ?0 -- bukan komentar */ ;"
		straight := open("Antrean puskesmas")
		published, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: straight, Body: tricky})
		if err != nil {
			t.Fatal(err)
		}
		if got := rows(straight); len(got) != 1 || got[0].ID != published.ID || got[0].Status != models.ResponsePublished ||
			got[0].Revision != 1 || got[0].Body != tricky {
			t.Fatalf("after publishing: %+v, want the one published response %d", got, published.ID)
		}
		var revisions []models.ResponseRevision
		if err := db.Bun().NewSelect().Model(&revisions).Where("response_id = ?", published.ID).Scan(context.Background()); err != nil {
			t.Fatal(err)
		}
		if len(revisions) != 1 || revisions[0].Body != tricky || revisions[0].Number != 1 {
			t.Fatalf("revisions after publishing: %+v", revisions)
		}
		var events []models.IssueEvent
		if err := db.Bun().NewSelect().Model(&events).Where("issue_id = ?", published.IssueID).Where("type = ?", models.EventAnswered).
			Scan(context.Background()); err != nil {
			t.Fatal(err)
		}
		if len(events) != 1 {
			t.Fatalf("answered events: %+v, want one", events)
		}

		drafted := open("Obat habis")
		draft, err := db.SaveDraft(pic, models.ResponseDraftInput{IssueNumber: drafted, Body: "Draf: stok obat sedang dihitung."})
		if err != nil {
			t.Fatal(err)
		}
		over, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: drafted, Body: "Stok obat datang hari Senin."})
		if err != nil {
			t.Fatal(err)
		}
		got := rows(drafted)
		if len(got) != 1 || got[0].ID != draft.ID || over.ID != draft.ID || got[0].Status != models.ResponsePublished ||
			got[0].Body != "Stok obat datang hari Senin." || !got[0].CreatedAt.Equal(draft.CreatedAt) {
			t.Fatalf("publishing over a draft: %+v (returned %d), want draft %d published with the new text", got, over.ID, draft.ID)
		}

		_, err = db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: straight, Body: "Jawaban kedua yang tidak boleh masuk."})
		var domain *models.Error
		if !errors.As(err, &domain) || !strings.Contains(err.Error(), "sudah terbit") {
			t.Fatalf("second publication: %v, want the conflict", err)
		}
		if got := rows(straight); len(got) != 1 || got[0].Body != tricky {
			t.Fatalf("after the refused publication: %+v", got)
		}
	})
}
