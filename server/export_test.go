package server_test

import (
	"encoding/csv"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// download fetches a CSV export with a bearer token.
func (a *testAPI) download(token, path string) (int, http.Header, [][]string, string) {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.srv.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, resp.Header, nil, string(raw)
	}
	rows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		a.t.Fatalf("%s is not valid CSV: %v", path, err)
	}
	return resp.StatusCode, resp.Header, rows, string(raw)
}

func TestCSVExports(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		storetest.MustUser(t, db, "auditor.csv@example.go.id", models.RoleAuditor, "")
		storetest.MustUser(t, db, "pic.csv@example.go.id", models.RolePIC, "dinkes")
		api := newTestAPI(t, db)
		auditor := api.login("auditor.csv@example.go.id", storetest.Password)
		pic := api.login("pic.csv@example.go.id", storetest.Password)
		auditorCtx := storetest.As(&models.User{ID: 0, Role: models.RoleAuditor})

		t.Run("Issues", func(t *testing.T) {
			status, header, rows, _ := api.download(auditor, "/export/issues.csv")
			if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/csv; charset=utf-8") {
				t.Fatalf("status %d, content type %q", status, header.Get("Content-Type"))
			}
			all, err := db.FindIssues(auditorCtx, models.IssueFilter{CountTotal: true})
			if err != nil {
				t.Fatal(err)
			}
			if rows[0][0] != "number" || rows[0][11] != "acknowledge_due_at" || len(rows)-1 != all.TotalCount {
				t.Fatalf("header %v and %d rows; want %d issues, internal ones included", rows[0], len(rows)-1, all.TotalCount)
			}
			withDue := 0
			for _, r := range rows[1:] {
				if r[13] != "" {
					if _, err := time.Parse(time.RFC3339, r[13]); err != nil || !strings.HasSuffix(r[13], "+08:00") {
						t.Errorf("answer_due_at %q is not RFC 3339 in WITA", r[13])
					}
					withDue++
				}
			}
			if withDue == 0 {
				t.Error("no issue in the export has a due time")
			}
		})
		t.Run("AuditLog", func(t *testing.T) {
			_, entries, err := db.AuditHead(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			_, _, rows, _ := api.download(auditor, "/export/audit.csv")
			if len(rows)-1 != entries {
				t.Fatalf("%d audit rows, want %d", len(rows)-1, entries)
			}
			// Newest first: each row's prev_hash is the next row's hash.
			for i := 1; i < len(rows)-1; i++ {
				if rows[i][7] != rows[i+1][8] {
					t.Fatalf("row %d does not chain to row %d", i, i+1)
				}
			}
		})
		t.Run("ResponseTimes", func(t *testing.T) {
			_, _, rows, _ := api.download(auditor, "/export/response-times.csv?from=2026-01-01T00:00:00Z")
			agencies, _ := db.Agencies(t.Context())
			if len(rows) != len(agencies)+2 || rows[len(rows)-1][0] != "TOTAL" {
				t.Fatalf("want a header, %d agency rows and TOTAL; got %d rows", len(agencies), len(rows))
			}
			if status, _, _, body := api.download(auditor, "/export/response-times.csv?from=kemarin"); status != http.StatusBadRequest || !strings.Contains(body, "BAD_USER_INPUT") {
				t.Errorf("a bad date: %d %s", status, body)
			}
		})
		t.Run("InformationReport", func(t *testing.T) {
			_, _, rows, _ := api.download(auditor, "/export/information-report.csv?year="+time.Now().Format("2006")+"&agency=pupr")
			if len(rows) < 1 || rows[0][3] != "outcome" {
				t.Fatalf("rows %v", rows)
			}
		})
		t.Run("ErrUnauthenticated", func(t *testing.T) {
			for _, path := range []string{"/export/issues.csv", "/export/audit.csv", "/export/response-times.csv"} {
				if status, _, _, body := api.download("", path); status != http.StatusUnauthorized || strings.Contains(body, "KTB-") {
					t.Errorf("%s without a token: %d", path, status)
				}
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			if status, _, _, body := api.download(pic, "/export/audit.csv"); status != http.StatusForbidden || !strings.Contains(body, "FORBIDDEN") {
				t.Errorf("a PIC downloading the audit log: %d %s", status, body)
			}
		})
	})
}
