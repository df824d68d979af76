package server_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

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
