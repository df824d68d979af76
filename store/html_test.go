package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestStoredHTML checks that the sanitised HTML of a response and of each
// revision is written with the text, and that rows from before it was
// stored are rendered on read and then filled in by RenderMissingHTML.
func TestStoredHTML(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		trc, pic := storetest.MustDinkesStaff(t, db)
		number := storetest.MustAssignedIssue(t, db, trc, "Keluhan layanan", "dinkes")
		response, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: number,
			Body: "Keluhan **sudah** ditindaklanjuti. <script>alert(1)</script>"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviseResponse(pic, models.Revise{ResponseID: response.ID,
			Body: "Keluhan sudah ditindaklanjuti *hari ini*.", Reason: "Memperjelas waktu tindak lanjut."}); err != nil {
			t.Fatal(err)
		}
		stored := func(table string) []string {
			t.Helper()
			var html []string
			if err := db.Bun().NewSelect().Table(table).Column("body_html").OrderExpr("id").Scan(context.Background(), &html); err != nil {
				t.Fatal(err)
			}
			return html
		}
		want := []string{"<strong>sudah</strong>", "<em>hari ini</em>"}
		revisions := stored("response_revisions")
		if len(revisions) != 2 || !strings.Contains(revisions[0], want[0]) || !strings.Contains(revisions[1], want[1]) ||
			strings.Contains(revisions[0], "<script") {
			t.Fatalf("stored revision HTML: %q", revisions)
		}
		if current := stored("responses"); len(current) != 1 || !strings.Contains(current[0], want[1]) {
			t.Fatalf("stored response HTML: %q", current)
		}

		// Rows written before the column existed have no HTML.
		for _, table := range []string{"responses", "response_revisions"} {
			if _, err := db.Bun().NewUpdate().Table(table).Set("body_html = ''").Where("1 = 1").Exec(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		read, err := db.ResponsesByIssueIDs(context.Background(), []int64{response.IssueID})
		if err != nil || len(read) != 1 || !strings.Contains(read[0].BodyHTML, want[1]) {
			t.Fatalf("read of a row without stored HTML: %+v %v", read, err)
		}
		n, err := db.RenderMissingHTML(context.Background())
		if err != nil || n != 3 {
			t.Fatalf("RenderMissingHTML filled %d rows (%v), want 3", n, err)
		}
		if revisions := stored("response_revisions"); !strings.Contains(revisions[0], want[0]) || !strings.Contains(revisions[1], want[1]) {
			t.Errorf("revision HTML after filling: %q", revisions)
		}
		if n, err := db.RenderMissingHTML(context.Background()); err != nil || n != 0 {
			t.Errorf("a second run filled %d rows (%v)", n, err)
		}
	})
}
