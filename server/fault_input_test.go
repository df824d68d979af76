package server_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// syncBuffer is a log destination the server's goroutines may share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// captureLog sends the default logger to a buffer for the test.
func captureLog(t *testing.T) *syncBuffer {
	logs := &syncBuffer{}
	previous := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(logs, nil)))
	t.Cleanup(func() { slog.SetDefault(previous) })
	return logs
}

// mustNoErrorLogged fails when anything was logged at ERROR level.
func mustNoErrorLogged(t *testing.T, logs *syncBuffer) {
	t.Helper()
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, `"level":"ERROR"`) {
			t.Errorf("logged as an error: %s", line)
		}
	}
}

// badArgument is an operation and the variable that carries a bad string.
type badArgument struct {
	name, query, field string
	vars               map[string]any
	staff              bool
}

// TestFaultNULArguments sends a NUL character in every kind of string
// argument, anonymously and as staff: each is refused as BAD_USER_INPUT
// naming the argument, and nothing is logged as an error (PostgreSQL cannot
// store or compare NUL, so the query used to fail as INTERNAL).
func TestFaultNULArguments(t *testing.T) {
	logs := captureLog(t)
	nul := "KTB-2026-\x00000001"
	cases := []badArgument{
		{name: "issue", query: `query($v: String!) { issue(number: $v) { title } }`, field: "number"},
		{name: "agency", query: `query($v: String!) { agency(slug: $v) { name } }`, field: "slug"},
		{name: "categorySlug", query: `query($v: String) { issues(filter: {categorySlug: $v}) { totalCount } }`, field: "filter.categorySlug"},
		{name: "agencySlug", query: `query($v: String) { issues(filter: {agencySlug: $v}) { totalCount } }`, field: "filter.agencySlug"},
		{name: "after", query: `query($v: String) { issues(after: $v) { totalCount } }`, field: "after"},
		{name: "search", query: `query($v: String!) { search(query: $v) { totalCount } }`, field: "query"},
		{name: "searchFilter", query: `query($v: String) { search(query: "banjir", filter: {agencySlug: $v}) { totalCount } }`, field: "filter.agencySlug"},
		{name: "question", query: `query($v: String!) { question(trackingCode: $v) { status } }`, field: "trackingCode"},
		{name: "responseTimeReport", query: `query($v: String) { responseTimeReport(agencySlug: $v) { generatedAt } }`, field: "agencySlug"},
		{name: "submitQuestion", query: `mutation($v: String!) { submitQuestion(input: {body: $v}) { trackingCode } }`, field: "input.body"},
		{name: "login", query: `mutation($v: String!) { login(input: {email: $v, password: "kata-sandi-uji-123"}) { token } }`, field: "input.email"},
		{name: "inputVariable", query: `mutation($v: SubmitQuestionInput!) { submitQuestion(input: $v) { trackingCode } }`, field: "input.body",
			vars: map[string]any{"v": map[string]any{"body": "Pertanyaan warga yang panjang sekali \x00 di tengahnya."}}},
		{name: "literal", query: `{ issue(number: "KTB-2026-\u0000") { title } }`, field: "number", vars: map[string]any{}},
		{name: "createIssue", staff: true, query: `mutation($v: String!) { createIssue(input: {title: $v, summary: "Ringkasan yang cukup panjang.", kind: COMPLAINT}) { issue { number } } }`, field: "input.title"},
		{name: "questions", staff: true, query: `query($v: String) { questions(filter: {agencySlug: $v}) { totalCount } }`, field: "filter.agencySlug"},
		{name: "auditLog", staff: true, query: `query($v: String) { auditLog(filter: {subject: $v}) { totalCount } }`, field: "filter.subject"},
	}
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, "")
		storetest.MustUser(t, db, "auditor@tanggap.test", models.RoleAuditor, "")
		trc := api.login("trc@tanggap.test", storetest.Password)
		auditor := api.login("auditor@tanggap.test", storetest.Password)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				vars := c.vars
				if vars == nil {
					vars = map[string]any{"v": nul}
				}
				token := ""
				if c.staff {
					token = trc
					if c.name == "auditLog" {
						token = auditor
					}
				}
				r := api.post(token, c.query, vars)
				mustErrorCode(t, r, models.EINVALID, c.field)
			})
		}
		// The feed reads the same filter outside GraphQL.
		if status, body := httpGet(t, api.srv.URL+"/feed.xml?agency=dinas%00kesehatan", ""); status != http.StatusBadRequest {
			t.Errorf("feed with a NUL agency: %d %s", status, body)
		}
		mustNoErrorLogged(t, logs)
	})
}

// TestFaultInvisibleText sends titles, summaries, questions, reasons and
// answers made only of white space and zero-width or other format
// characters: none is text, and each is refused naming its field.
func TestFaultInvisibleText(t *testing.T) {
	invisible := []string{
		strings.Repeat("\u200b", 40), strings.Repeat("\u200c\u200d", 20), strings.Repeat("\u2060", 40),
		strings.Repeat("\ufeff", 40), strings.Repeat("\u00ad", 40), strings.Repeat(" \u200b\t\u2060\n", 10),
		// Bidirectional controls are format characters too.
		strings.Repeat("\u202e\u2066", 20),
	}
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		s := mustStaff(t, api)
		trc, pic := s.tokenOf(s.trc), s.tokenOf(s.picA)
		for _, text := range invisible {
			issue := s.mustInProgress(t, db, models.KindComplaint)
			cases := []badArgument{
				{name: "title", query: `mutation($v: String!) { createIssue(input: {title: $v, summary: "Ringkasan yang cukup panjang.", kind: COMPLAINT}) { issue { number } } }`, field: "title"},
				{name: "summary", query: `mutation($v: String!) { createIssue(input: {title: "Judul isu", summary: $v, kind: COMPLAINT}) { issue { number } } }`, field: "summary"},
				{name: "updateTitle", query: `mutation($v: String!, $n: String!) { updateIssue(input: {issueNumber: $n, title: $v}) { issue { number } } }`, field: "title"},
				{name: "question", query: `mutation($v: String!) { submitQuestion(input: {body: $v}) { trackingCode } }`, field: "body"},
				{name: "answer", query: `mutation($v: String!, $n: String!) { publishResponse(input: {issueNumber: $n, body: $v}) { response { status } } }`, field: "body", staff: true},
				{name: "reason", query: `mutation($v: String!, $n: String!) { setIssueInternal(input: {issueNumber: $n, internal: true, reason: $v}) { issue { number } } }`, field: "reason"},
			}
			for _, c := range cases {
				token := trc
				if c.staff {
					token = pic
				}
				r := api.post(token, c.query, map[string]any{"v": text, "n": issue.Number})
				if r.code() != models.EINVALID || r.Errors[0].Extensions["field"] != c.field {
					t.Errorf("%s %q: want BAD_USER_INPUT on %s, got %s", c.name, text, c.field, r.Raw)
				}
			}
		}
		// Visible text with zero-width characters around it is trimmed, not refused.
		r := api.post(trc, `mutation($v: String!) { createIssue(input: {title: $v, summary: "Ringkasan yang cukup panjang.", kind: COMPLAINT}) { issue { title } } }`,
			map[string]any{"v": "\ufeff\u200bJudul isu yang sah\u200b"})
		var out struct {
			CreateIssue struct{ Issue struct{ Title string } }
		}
		r.decode(t, &out)
		if out.CreateIssue.Issue.Title != "Judul isu yang sah" {
			t.Errorf("title stored as %q", out.CreateIssue.Issue.Title)
		}
	})
}

// TestFaultTimeArguments sends times no reader could present later: an
// empty string, year 0, a time without a zone, a time before 2000 or
// after tomorrow. A bad variable is a request error (400, no data, an
// Indonesian message naming the variable); a bad literal fails its field;
// the store refuses detection times outside 2000 to tomorrow; nothing is
// stored.
func TestFaultTimeArguments(t *testing.T) {
	logs := captureLog(t)
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		s := mustStaff(t, api)
		trc := s.tokenOf(s.trc)
		issue := s.mustNewIssue(t, db, models.KindMisinformation)
		before := len(storedIssues(t, db))
		createVar := `mutation($in: CreateIssueInput!) { createIssue(input: $in) { issue { number } } }`
		newIssue := func(detectedAt any) map[string]any {
			return map[string]any{"in": map[string]any{
				"title": "Isu dengan waktu buruk", "summary": "Ringkasan isu dengan waktu deteksi yang buruk.", "kind": "MISINFORMATION",
				"sources": []any{map[string]any{"platform": "FACEBOOK", "claimText": "Klaim", "detectedAt": detectedAt}},
			}}
		}
		for _, bad := range []any{"", "0000-01-01T00:00:00+08:00", "2026-03-01T10:00:00", "2026-03-01", "kemarin", 1735689600, "1899-12-31T23:59:59Z", "2201-01-01T00:00:00Z"} {
			body, _ := json.Marshal(map[string]any{"query": createVar, "variables": newIssue(bad)})
			r := sendAccept(t, api, http.MethodPost, "/graphql", "application/graphql-response+json", "application/json", trc, body)
			mustRequestError(t, r)
			if r.code() != models.EINVALID || r.Errors[0].Extensions["field"] != "$in.sources[0].detectedAt" || !strings.Contains(r.Errors[0].Message, "waktu") {
				t.Errorf("detectedAt %v: %s", bad, r.Raw)
			}
			// application/json: the same refusal with 200, still without data.
			r = sendAccept(t, api, http.MethodPost, "/graphql", "application/json", "application/json", trc, body)
			if r.Status != http.StatusOK || r.code() != models.EINVALID {
				t.Errorf("detectedAt %v with application/json: %d %s", bad, r.Status, r.Raw)
			}
		}
		// The same values written into the document fail the field.
		for _, bad := range []string{`""`, `"0000-01-01T00:00:00+08:00"`, `"2026-03-01 10:00"`} {
			r := api.post(trc, `mutation { createIssue(input: {title: "Isu dengan waktu buruk", summary: "Ringkasan isu dengan waktu deteksi yang buruk.", kind: MISINFORMATION, sources: [{platform: X, claimText: "Klaim", detectedAt: `+bad+`}]}) { issue { number } } }`, nil)
			if r.code() != models.EINVALID {
				t.Errorf("literal detectedAt %s: %s", bad, r.Raw)
			}
		}
		// Well-formed times outside the range of event times: the store refuses.
		for _, bad := range []string{"1999-12-31T23:59:59+07:00", "2150-01-01T00:00:00Z"} {
			r := api.post(trc, createVar, newIssue(bad))
			mustErrorCode(t, r, models.EINVALID, "sources[0].detectedAt")
			r = api.post(trc, `mutation($in: AddIssueSourceInput!) { addIssueSource(input: $in) { issue { number } } }`,
				map[string]any{"in": map[string]any{"issueNumber": issue.Number, "source": map[string]any{"platform": "X", "claimText": "Klaim", "detectedAt": bad}}})
			mustErrorCode(t, r, models.EINVALID, "sources[0].detectedAt")
		}
		// Filters take a wider range, still 1900 to 2200.
		r := api.post("", `query($f: IssueFilter) { issues(filter: $f) { totalCount } }`, map[string]any{"f": map[string]any{"from": "1800-01-01T00:00:00Z"}})
		if r.code() != models.EINVALID || r.Errors[0].Extensions["field"] != "$f.from" {
			t.Errorf("filter from 1800: %s", r.Raw)
		}
		r = api.post("", `query($f: IssueFilter) { issues(filter: $f) { totalCount } }`, map[string]any{"f": map[string]any{"from": "1950-01-01T00:00:00Z", "to": "2199-01-01T00:00:00Z"}})
		if len(r.Errors) > 0 {
			t.Errorf("filter 1950–2199: %s", r.Raw)
		}
		// The CSV download of response times takes the same period bounds.
		for _, bad := range []string{"0000-01-01T00:00:00Z", "1800-01-01T00:00:00Z"} {
			status, _, _, body := api.download(s.tokenOf(s.auditor), "/export/response-times.csv?from="+bad)
			if status != http.StatusBadRequest || !strings.Contains(body, models.EINVALID) {
				t.Errorf("response-times.csv from %s: %d %s", bad, status, body)
			}
		}
		if after := len(storedIssues(t, db)); after != before {
			t.Errorf("%d issues stored by refused calls", after-before)
		}
		mustNoErrorLogged(t, logs)
	})
}
