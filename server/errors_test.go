package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// errorEnvelope is the body every route answers an error with.
type errorEnvelope struct {
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// mustEnvelope reads a JSON error body with exactly one error of the given code.
func mustEnvelope(t *testing.T, what string, status, wantStatus int, body, code string) errorEnvelope {
	t.Helper()
	var env errorEnvelope
	if err := json.Unmarshal([]byte(body), &env); err != nil || len(env.Errors) != 1 {
		t.Fatalf("%s: not one JSON error (%v): %s", what, err, body)
	}
	if status != wantStatus || env.Errors[0].Extensions["code"] != code {
		t.Fatalf("%s: %d %s, want %d %s", what, status, body, wantStatus, code)
	}
	return env
}

// TestErrorsOutsideGraphQL: the feeds, the sitemap, open data, the exports
// and the session endpoints answer errors in the envelope of the API, with
// the status of the code and the API's message for the same error.
func TestErrorsOutsideGraphQL(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		s := mustStaff(t, api)

		status, body := httpGet(t, api.srv.URL+"/feed.json?agency=tidak-ada", "")
		env := mustEnvelope(t, "feed of an unknown agency", status, http.StatusNotFound, body, models.ENOTFOUND)
		if env.Errors[0].Message != "Instansi tidak ditemukan: tidak-ada" {
			t.Errorf("feed of an unknown agency: message %q", env.Errors[0].Message)
		}
		status, body = httpGet(t, api.srv.URL+"/feed.xml?agency=Bukan_Slug", "")
		env = mustEnvelope(t, "feed with a bad slug", status, http.StatusBadRequest, body, models.EINVALID)
		if env.Errors[0].Extensions["field"] != "agency" || !strings.HasPrefix(env.Errors[0].Message, "agency: ") {
			t.Errorf("feed with a bad slug: %s", body)
		}
		status, body = httpGet(t, api.srv.URL+"/open-data/rahasia.csv", "")
		mustEnvelope(t, "unknown open-data file", status, http.StatusNotFound, body, models.ENOTFOUND)
		status, body = httpGet(t, api.srv.URL+"/metrics", "")
		if status != http.StatusOK { // loopback may read the metrics
			t.Errorf("/metrics from loopback: %d", status)
		}

		// The exports refuse a PIC with FORBIDDEN, as the API refuses the
		// audit log, and an invalid period as the API does, naming the field.
		status, _, _, body = api.download(s.tokenOf(s.picA), "/export/audit.csv")
		mustEnvelope(t, "export for a PIC", status, http.StatusForbidden, body, models.EFORBIDDEN)
		status, _, _, body = api.download(s.tokenOf(s.auditor), "/export/response-times.csv?from=kemarin")
		env = mustEnvelope(t, "export with a bad period", status, http.StatusBadRequest, body, models.EINVALID)
		if env.Errors[0].Extensions["field"] != "from" {
			t.Errorf("export with a bad period: %s", body)
		}
		gql := api.post(s.tokenOf(s.picA), `{ auditLog(first: 1) { totalCount } }`, nil)
		if gql.code() != models.EFORBIDDEN {
			t.Fatalf("audit log for a PIC: %s", gql.Raw)
		}

		// A bad token is refused alike on the API and on an export.
		status, header, _, body := api.download("not-a-token", "/export/issues.csv")
		env = mustEnvelope(t, "export with a bad token", status, http.StatusUnauthorized, body, models.EUNAUTHENTICATED)
		gql = api.post("not-a-token", `{ categories { slug } }`, nil)
		if gql.Status != http.StatusUnauthorized || gql.code() != models.EUNAUTHENTICATED || gql.Errors[0].Message != env.Errors[0].Message {
			t.Errorf("API with a bad token: %s; export: %s", gql.Raw, body)
		}
		if header.Get("WWW-Authenticate") == "" {
			t.Error("a 401 without WWW-Authenticate")
		}
	})
}

// TestInternalErrorsMaskedOutsideGraphQL breaks the database under a
// running server: a feed and an export answer INTERNAL with the request id,
// never the driver's text, and the log has the cause under that id.
func TestInternalErrorsMaskedOutsideGraphQL(t *testing.T) {
	logs := captureLog(t)
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		s := mustStaff(t, api)
		if _, err := db.Bun().ExecContext(context.Background(), "ALTER TABLE agencies RENAME TO agencies_moved"); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ path, token string }{
			{"/feed.json", ""},
			{"/export/issues.csv", s.tokenOf(s.auditor)},
		} {
			req, _ := http.NewRequest(http.MethodGet, api.srv.URL+c.path, nil)
			if c.token != "" {
				req.Header.Set("Authorization", "Bearer "+c.token)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var env errorEnvelope
			json.NewDecoder(resp.Body).Decode(&env) //nolint:errcheck // checked below
			resp.Body.Close()
			requestID := resp.Header.Get("X-Request-ID")
			if resp.StatusCode != http.StatusInternalServerError || len(env.Errors) != 1 || env.Errors[0].Extensions["code"] != models.EINTERNAL ||
				env.Errors[0].Extensions["requestId"] != requestID || !strings.Contains(env.Errors[0].Message, requestID) {
				t.Fatalf("%s: %d %+v (request id %s)", c.path, resp.StatusCode, env, requestID)
			}
			for _, leak := range []string{"agencies", "SQL", "sql", "pq:", "sqlite", "relation", "no such table"} {
				if strings.Contains(env.Errors[0].Message, leak) {
					t.Errorf("%s: the client sees %q: %s", c.path, leak, env.Errors[0].Message)
				}
			}
			logged := false
			for _, line := range strings.Split(logs.String(), "\n") {
				if strings.Contains(line, `"msg":"internal error"`) && strings.Contains(line, requestID) && strings.Contains(line, "agencies") {
					logged = true
				}
			}
			if !logged {
				t.Errorf("%s: the log lacks the cause under request id %s", c.path, requestID)
			}
		}
	})
}
