package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestResponseCache checks that a repeated anonymous query is answered
// without touching the database, that a write makes the next answer fresh,
// and that staff requests, mutations and errors always run.
func TestResponseCache(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db, func(_ *graph.Limits, cfg *server.Config) { cfg.ResponseCacheTTL = time.Minute })
		s := mustStaff(t, api)
		issue := s.mustAssigned(t, db, models.KindComplaint)
		query := `query($n: String!) { issue(number: $n) { title } }`
		vars := map[string]any{"n": issue.Number}
		title := func(token string) string {
			t.Helper()
			var out struct{ Issue struct{ Title string } }
			api.post(token, query, vars).decode(t, &out)
			return out.Issue.Title
		}

		first := title("")
		api.statements.Reset()
		if again := title(""); again != first || api.statements.Reset() != 0 {
			t.Fatalf("a repeated anonymous query ran again or changed: %q then %q", first, again)
		}
		if title(s.tokenOf(s.trc)); api.statements.Reset() == 0 {
			t.Error("a staff request was answered from the cache")
		}

		renamed := "Judul yang disunting setelah disimpan"
		if _, err := db.UpdateIssue(storetest.As(s.trc), issue.Number, models.IssueUpdate{Title: &renamed}); err != nil {
			t.Fatal(err)
		}
		if got := title(""); got != renamed {
			t.Errorf("after a write the anonymous answer is still %q", got)
		}

		// Errors are never kept: an unknown field fails every time.
		for range 2 {
			api.statements.Reset()
			if res := api.post("", `{ issue(number: "`+issue.Number+`") { nope } }`, nil); len(res.Errors) == 0 {
				t.Fatal("an invalid query answered without errors")
			}
		}
		// A mutation is never answered from the cache.
		ask := `mutation($b: String!) { submitQuestion(input: {body: $b}) { trackingCode } }`
		body := map[string]any{"b": "Apakah benar jalan di depan pasar akan ditutup " + strings.Repeat("minggu depan ", 2)}
		api.post("", ask, body).decode(t, &struct{}{})
		api.statements.Reset()
		api.post("", ask, body).decode(t, &struct{}{})
		if api.statements.Reset() == 0 {
			t.Error("a repeated mutation did not run")
		}
	})
}
