package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestIssuePageFollowsChanges checks that an issue page, whose issue comes
// through the response cache, changes as soon as the issue does: a new
// title and a revised answer show on the next request.
func TestIssuePageFollowsChanges(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		index := `<html><head><title>Tanggap</title><!--app-head--></head><body><!--app-noscript--></body></html>`
		api := newTestAPI(t, db, func(_ *graph.Limits, cfg *server.Config) {
			cfg.Frontend = fstest.MapFS{"index.html": {Data: []byte(index)}}
			cfg.ResponseCacheTTL = time.Minute
		})
		s := mustStaff(t, api)
		issue := s.mustInProgress(t, db, models.KindComplaint)
		response, err := db.PublishResponse(storetest.As(s.picA), models.ResponseDraftInput{IssueNumber: issue.Number,
			Body: "Jalan berlubang sudah ditambal oleh petugas pagi ini."})
		if err != nil {
			t.Fatal(err)
		}
		page := func() string {
			t.Helper()
			res, err := http.Get(api.srv.URL + "/isu/" + issue.Number)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", res.StatusCode, b)
			}
			return string(b)
		}
		if first, again := page(), page(); !strings.Contains(first, "sudah ditambal") || first != again {
			t.Fatalf("first page lacks the answer or a repeat differs:\n%s\n%s", first, again)
		}
		if _, err := db.ReviseResponse(storetest.As(s.picA), models.Revise{ResponseID: response.ID,
			Body: "Jalan berlubang sudah diaspal ulang oleh petugas pagi ini.", Reason: "Memperbaiki keterangan pekerjaan."}); err != nil {
			t.Fatal(err)
		}
		title := "Judul baru setelah penyuntingan"
		if _, err := db.UpdateIssue(storetest.As(s.trc), issue.Number, models.IssueUpdate{Title: &title}); err != nil {
			t.Fatal(err)
		}
		if after := page(); !strings.Contains(after, "diaspal ulang") || !strings.Contains(after, title) {
			t.Errorf("page after the revision and the new title still shows the old issue:\n%s", after)
		}
	})
}
