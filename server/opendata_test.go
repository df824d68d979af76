package server_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// countPublicIssues counts the issues an anonymous caller may see.
func countPublicIssues(t *testing.T, db *store.DB) int {
	t.Helper()
	page, err := db.FindIssues(storetest.As(nil), models.IssueFilter{First: 1, CountTotal: true})
	if err != nil {
		t.Fatal(err)
	}
	return page.TotalCount
}

// TestOpenData: every open-data file has its stable header row, the issues
// file has exactly the public issues, non-public issues and the personal
// data of question askers appear nowhere, the responses file carries the
// corrections with their reasons, each JSON Lines file matches its CSV, and
// the zip holds them all.
func TestOpenData(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		public := answeredPublicIssue(t, db)
		trc := storetest.MustUser(t, db, "trc.opendata@example.go.id", models.RoleTRC, "")
		for i, contact := range []string{askerEmail, askerPhone} {
			q, _, err := db.SubmitQuestion(storetest.As(nil), models.NewQuestion{
				Body: "Kapan jadwal pembagian bantuan sosial tahap berikutnya di kecamatan kami? " + strings.Repeat("Mohon info.", i+1),
				Name: askerName, Contact: contact,
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.LinkQuestion(storetest.As(trc), q.ID, public.Number); err != nil {
				t.Fatal(err)
			}
		}
		hidden, err := db.CreateIssue(storetest.As(trc), models.NewIssue{
			Title: "Isu baru yang belum diteruskan", Summary: "Isu ini masih berstatus NEW dan tidak boleh terbit.", Kind: models.KindComplaint,
		})
		if err != nil {
			t.Fatal(err)
		}
		auditor := storetest.As(&models.User{Role: models.RoleAuditor})
		internal := true
		internals, err := db.FindIssues(auditor, models.IssueFilter{Internal: &internal, First: 100})
		if err != nil {
			t.Fatal(err)
		}
		nonPublic := []string{hidden.Number}
		for _, i := range internals.Issues {
			nonPublic = append(nonPublic, i.Number)
		}
		if len(nonPublic) < 2 {
			t.Fatal("the demo data has no internal issue; the check would be vacuous")
		}

		files := map[string][]byte{}
		for _, name := range []string{"issues.csv", "issues.jsonl", "responses.csv", "responses.jsonl", "response-times.csv", "response-times.jsonl", "tanggap-open-data.zip"} {
			resp, body := rawGet(t, api.srv.URL+"/open-data/"+name, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", name, resp.StatusCode)
			}
			files[name] = body
		}
		header := map[string][]string{
			"issues": {"number", "url", "title", "summary", "kind", "status", "priority", "verdict", "verdict_label", "category",
				"agency", "agency_name", "duplicate_of", "created_at", "assigned_at", "acknowledged_at", "answered_at", "closed_at", "updated_at"},
			"responses": {"issue_number", "agency", "revision", "is_current", "published_at", "verdict", "verdict_label", "reason", "body_markdown"},
			"response-times": {"issue_number", "agency", "priority", "assigned_at", "acknowledge_due_at", "acknowledged_at", "acknowledged_on_time",
				"answer_due_at", "answered_at", "answered_on_time", "minutes_to_acknowledge", "minutes_to_answer", "overdue_now"},
		}
		tables := map[string][][]string{}
		for table, want := range header {
			raw := files[table+".csv"]
			if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) {
				t.Errorf("%s.csv has no UTF-8 byte-order mark", table)
			}
			records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))).ReadAll()
			if err != nil || len(records) == 0 {
				t.Fatalf("%s.csv: %v", table, err)
			}
			if strings.Join(records[0], ",") != strings.Join(want, ",") {
				t.Errorf("%s.csv header %v, want %v", table, records[0], want)
			}
			tables[table] = records[1:]
			lines := strings.Split(strings.TrimSuffix(string(files[table+".jsonl"]), "\n"), "\n")
			if len(lines) != len(records)-1 {
				t.Errorf("%s.jsonl has %d lines, the CSV %d rows", table, len(lines), len(records)-1)
			}
			for _, line := range lines {
				var object map[string]any
				if err := json.Unmarshal([]byte(line), &object); err != nil || len(object) != len(want) {
					t.Fatalf("%s.jsonl line %q: %v", table, line, err)
				}
			}
		}
		if got, want := len(tables["issues"]), countPublicIssues(t, db); got != want || want == 0 {
			t.Errorf("issues.csv has %d rows, there are %d public issues", got, want)
		}
		for name, body := range files {
			if name == "tanggap-open-data.zip" {
				continue
			}
			assertNoPersonalData(t, name, body)
			for _, number := range nonPublic {
				if bytes.Contains(body, []byte(number)) {
					t.Errorf("%s shows non-public issue %s", name, number)
				}
			}
			if bytes.Contains(body, []byte("trc.opendata")) || bytes.Contains(body, []byte("Petugas TRC")) {
				t.Errorf("%s shows staff data", name)
			}
		}
		revised := 0
		for _, row := range tables["responses"] {
			if row[2] != "1" && row[7] != "" {
				revised++
			}
			if row[2] == "1" && row[7] != "" {
				t.Errorf("an original publication has a reason: %v", row)
			}
		}
		if revised == 0 {
			t.Error("responses.csv has no correction with its reason")
		}

		zr, err := zip.NewReader(bytes.NewReader(files["tanggap-open-data.zip"]), int64(len(files["tanggap-open-data.zip"])))
		if err != nil {
			t.Fatal(err)
		}
		if len(zr.File) != 6 {
			t.Errorf("the zip holds %d files", len(zr.File))
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			inside, _ := io.ReadAll(rc)
			rc.Close()
			if !bytes.Equal(inside, files[f.Name]) {
				t.Errorf("%s in the zip differs from the file served", f.Name)
			}
		}

		_, index := httpGet(t, api.srv.URL+"/open-data/", "")
		for _, want := range []string{"CC BY 4.0", "creativecommons.org/licenses/by/4.0", "issues.csv", "responses.jsonl", "tanggap-open-data.zip", "body_markdown", "Lisensi"} {
			if !strings.Contains(index, want) {
				t.Errorf("the open-data index does not mention %q", want)
			}
		}
		if status, _ := httpGet(t, api.srv.URL+"/open-data/secret.csv", ""); status != http.StatusNotFound {
			t.Errorf("an unknown file: %d", status)
		}
	})
}
