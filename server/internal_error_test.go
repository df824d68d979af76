package server_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestInternalErrorsMasked breaks the database under a running server: the
// client gets INTERNAL with a generic message and the request id, never the
// driver's text; the log has the cause under the same request id.
func TestInternalErrorsMasked(t *testing.T) {
	var logs bytes.Buffer
	previous := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&logs, nil)))
	t.Cleanup(func() { slog.SetDefault(previous) })

	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		if _, err := db.Bun().ExecContext(context.Background(), "ALTER TABLE categories RENAME TO categories_moved"); err != nil {
			t.Fatal(err)
		}
		r := api.post("", `{ categories { slug } }`, nil)
		if r.code() != "INTERNAL" {
			t.Fatalf("want INTERNAL, got %s", r.Raw)
		}
		requestID := r.Header.Get("X-Request-ID")
		if requestID == "" || r.Errors[0].Extensions["requestId"] != requestID || !strings.Contains(r.Errors[0].Message, requestID) {
			t.Errorf("the error should carry the request id %q: %s", requestID, r.Raw)
		}
		for _, leak := range []string{"categories", "SQL", "sql", "pq:", "sqlite", "relation", "no such table", "goroutine"} {
			if strings.Contains(r.Errors[0].Message, leak) {
				t.Errorf("the client sees %q: %s", leak, r.Raw)
			}
		}
		var logged bool
		for _, line := range strings.Split(logs.String(), "\n") {
			if strings.Contains(line, `"msg":"internal error"`) && strings.Contains(line, requestID) && strings.Contains(line, "categories") {
				logged = true
			}
		}
		if !logged {
			t.Errorf("the log lacks the cause under request id %s:\n%s", requestID, logs.String())
		}
	})
}

// panickyIssues is the store with one issue whose read panics.
type panickyIssues struct {
	models.IssueService
	number string
}

func (p panickyIssues) IssueByNumberWith(ctx context.Context, number string, with models.IssueWith) (*models.IssueRows, error) {
	if number == p.number {
		panic("rusak: " + number)
	}
	return p.IssueService.IssueByNumberWith(ctx, number, with)
}

// TestDirectAnswerPanics: a panic under an operation answered directly
// (graph/direct.go) is logged with the request id and the operation goes to
// gqlgen, whose own recovery masks it: the client gets INTERNAL, and the
// server answers the next request, directly, as before.
func TestDirectAnswerPanics(t *testing.T) {
	var logs bytes.Buffer
	previous := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&logs, nil)))
	t.Cleanup(func() { slog.SetDefault(previous) })

	db := storetest.MustOpen(t, store.SQLite)
	storetest.MustLoadDemo(t, db, time.Now())
	page, err := db.FindIssues(t.Context(), models.IssueFilter{First: 2})
	if err != nil || len(page.Issues) < 2 {
		t.Fatalf("no issues: %v", err)
	}
	broken, fine := page.Issues[0].Number, page.Issues[1].Number
	api := newTestAPI(t, db, func(_ *graph.Limits, cfg *server.Config) {
		cfg.Services.Issues = panickyIssues{IssueService: db, number: broken}
	})

	direct := graph.DirectOperations()
	r := api.post("", harnessIssue, map[string]any{"n": broken})
	if r.code() != "INTERNAL" || strings.Contains(string(r.Raw), "rusak") {
		t.Fatalf("want a masked INTERNAL error, got %s", r.Raw)
	}
	if n := graph.DirectOperations() - direct; n != 0 {
		t.Fatalf("%d operations counted as answered directly", n)
	}
	requestID := r.Header.Get("X-Request-ID")
	panics := 0
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, `"msg":"panic in resolver"`) && strings.Contains(line, requestID) && strings.Contains(line, "rusak: "+broken) {
			panics++
		}
	}
	// Once on the direct path, once more when gqlgen meets it again.
	if requestID == "" || panics != 2 {
		t.Fatalf("%d panics logged under request id %q, want 2", panics, requestID)
	}

	var out struct{ Issue struct{ Number string } }
	api.post("", harnessIssue, map[string]any{"n": fine}).decode(t, &out)
	if out.Issue.Number != fine || graph.DirectOperations()-direct != 1 {
		t.Fatalf("after the panic: %+v, %d answered directly", out, graph.DirectOperations()-direct)
	}
}
