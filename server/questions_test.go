package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/ratelimit"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

const submitMutation = `mutation($in: SubmitQuestionInput!) { submitQuestion(input: $in) { trackingCode alreadySubmitted question { status name contact body } } }`

type submitted struct {
	SubmitQuestion struct {
		TrackingCode     string
		AlreadySubmitted bool
		Question         struct {
			Status, Body  string
			Name, Contact *string
		}
	}
}

// The personal data of the privacy test: a name, an e-mail and a phone
// number that appear nowhere else.
const (
	askerName  = "Wulandari Kusumaningtyas"
	askerEmail = "wulan.kusuma@example.com"
	askerPhone = "0813-5555-0142"
)

var personalData = []string{askerName, askerEmail, askerPhone, "081355550142", "wulan.kusuma"}

// publicQueries are the anonymous reads of the API, one per public root
// field of Query; staff-only fields are marked with an empty query. A new
// Query field fails TestPrivacy until it is classified here.
var publicQueries = map[string]string{
	"issues":             `{ issues(first: 60) { edges { node { number title summary sources { claimText accountHandle } responses { bodyHTML revisions { reason } } timeline { type reason actor { name } } } } } }`,
	"issue":              `query($n: String!) { issue(number: $n) { number title summary sources { claimText } responses { body } timeline { type reason } } }`,
	"agencies":           `{ agencies { slug name shortName description } }`,
	"agency":             `{ agency(slug: "dinsos") { slug name } }`,
	"categories":         `{ categories { slug name } }`,
	"question":           `query($c: String!) { question(trackingCode: $c) { trackingCode status body name contact issue { number title } timeline { type at reason } } }`,
	"auditVerification":  `{ auditVerification { intact entries headHash } }`,
	"me":                 `{ me { email name } }`,
	"responseTimeReport": `{ responseTimeReport(from: "2025-01-01T00:00:00Z") { total { assigned waiting { issue { number title summary } overdueClock { text } } } agencies { agency { slug } answeredOnTime { ratio } } } }`,
	"holidays":           `{ holidays(year: 2026) { date name kind } }`,
	"responsePolicies":   `{ responsePolicies { priority acknowledgeWithinMinutes answerWithinMinutes basis } }`,
	"informationReport":  `{ informationReport(year: 2026, agencySlug: "dinsos") { received requests { issue { number title } outcome reason } } }`,
	"users":              "",
	"auditLog":           "",
	"webhooks":           "",
	"questions":          "",
	"search":             `{ search(query: "", first: 100) { totalCount edges { node { highlights issue { number title summary } } } } }`,
	"searchSynonyms":     "",
	"mySessions":         "",
	"subscriptionStats":  "",
	// Global ids of a question, an account, an audit entry and a draft-era
	// response: anonymous callers must get null for each that is not public.
	"node": `{ node(id: "UXVlc3Rpb246MQ") { id ... on Question { body name contact } } }`,
	"nodes": `{ nodes(ids: ["UXVlc3Rpb246MQ", "VXNlcjox", "QXVkaXRFbnRyeTox", "SXNzdWU6MQ", "UmVzcG9uc2U6MQ"]) {
		id ... on Question { body name contact } ... on User { email staffName: name } ... on AuditEntry { changes }
		... on Issue { title summary sources { accountHandle } } ... on Response { body } } }`,
	"workingHours":      `{ workingHours { summary days { weekday start end } } }`,
	"auditActions":      `{ auditActions { action label } }`,
	"responseTimeTrend": `{ responseTimeTrend(from: "2025-01-01T00:00:00Z") { months { month total { assigned answeredOnTime { ratio } } agencies { agency { slug } assigned } } } }`,
}

// TestPrivacy submits a question with a name, an e-mail and a phone number,
// links it to a public, answered issue, and then reads every public query,
// every public page and the server log: none may contain the personal data.
func TestPrivacy(t *testing.T) {
	var logs bytes.Buffer
	previous := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(previous) })

	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		r := api.post("", submitMutation, map[string]any{"in": map[string]any{
			"body": "Apakah daftar penerima bantuan sosial tahap dua sudah diumumkan di kelurahan?", "name": askerName,
			"contact": askerEmail, "agencySlug": "dinsos",
		}})
		var first submitted
		r.decode(t, &first)
		r = api.post("", submitMutation, map[string]any{"in": map[string]any{
			"body": "Bagaimana cara memeriksa nama penerima bantuan sosial tanpa datang ke kantor dinas?", "name": askerName, "contact": askerPhone,
		}})
		var second submitted
		r.decode(t, &second)
		for _, s := range []submitted{first, second} {
			if s.SubmitQuestion.Question.Name != nil || s.SubmitQuestion.Question.Contact != nil {
				t.Fatalf("submitQuestion echoed personal data: %s", r.Raw)
			}
		}

		// Link both questions to a public, answered issue of the demo data.
		auditor := storetest.As(&models.User{ID: 0, Role: models.RoleAuditor})
		page, err := db.FindIssues(auditor, models.IssueFilter{Statuses: []models.IssueStatus{models.StatusAnswered}, Internal: new(bool)})
		if err != nil || len(page.Issues) == 0 {
			t.Fatalf("no answered public demo issue: %v", err)
		}
		answered := page.Issues[0]
		trc := storetest.MustUser(t, db, "trc.privasi@example.go.id", models.RoleTRC, "")
		for _, code := range []string{first.SubmitQuestion.TrackingCode, second.SubmitQuestion.TrackingCode} {
			q, err := db.QuestionByTrackingCode(storetest.As(trc), code)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.LinkQuestion(storetest.As(trc), q.ID, answered.Number); err != nil {
				t.Fatal(err)
			}
		}

		var schema struct {
			Schema struct {
				QueryType struct{ Fields []struct{ Name string } }
			} `json:"__schema"`
		}
		api.post("", `{ __schema { queryType { fields { name } } } }`, nil).decode(t, &schema)
		vars := map[string]any{"n": answered.Number, "c": strings.ToLower(first.SubmitQuestion.TrackingCode)}
		covered := 0
		for _, f := range schema.Schema.QueryType.Fields {
			query, classified := publicQueries[f.Name]
			if !classified {
				t.Errorf("Query.%s is not classified in publicQueries: add its public read or mark it staff-only", f.Name)
				continue
			}
			if query == "" {
				if r := api.post("", fmt.Sprintf("{ %s { __typename } }", f.Name), nil); r.code() != models.EUNAUTHENTICATED {
					t.Errorf("Query.%s is marked staff-only but answers anonymous callers: %s", f.Name, r.Raw)
				}
				continue
			}
			r := api.post("", query, vars)
			if len(r.Errors) > 0 {
				t.Errorf("public query %s failed: %s", f.Name, r.Raw)
			}
			assertNoPersonalData(t, "Query."+f.Name, r.Raw)
			covered++
		}
		if covered < 6 {
			t.Fatalf("only %d public queries were read", covered)
		}

		var followed struct {
			Question struct {
				Status string
				Body   string
				Issue  *struct{ Number string }
			}
		}
		api.post("", publicQueries["question"], vars).decode(t, &followed)
		if followed.Question.Status != "ANSWERED" || followed.Question.Issue == nil || followed.Question.Issue.Number != answered.Number {
			t.Errorf("following the question by its code: %+v", followed.Question)
		}

		for _, path := range []string{"/", "/isu/" + answered.Number, "/graphiql", "/feed.xml", "/feed.xml?agency=dinsos",
			"/feed.json", "/claimreview.json", "/sitemap.xml", "/open-data/", "/open-data/issues.csv", "/open-data/issues.jsonl",
			"/open-data/responses.csv", "/open-data/responses.jsonl", "/open-data/response-times.csv", "/open-data/response-times.jsonl"} {
			resp, err := http.Get(api.srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			assertNoPersonalData(t, "page "+path, body)
		}

		// Staff who may see it do see it: the check above is not vacuous.
		token := api.login("trc.privasi@example.go.id", storetest.Password)
		r = api.post(token, `query($c: String!) { question(trackingCode: $c) { name contact } }`, vars)
		if !bytes.Contains(r.Raw, []byte(askerEmail)) {
			t.Fatalf("TRC should see the asker's contact: %s", r.Raw)
		}
	})
	assertNoPersonalData(t, "server log", logs.Bytes())
	if !bytes.Contains(logs.Bytes(), []byte(`"msg":"request"`)) {
		t.Fatal("the server log captured nothing; the log check would be vacuous")
	}
}

func assertNoPersonalData(t *testing.T, where string, raw []byte) {
	t.Helper()
	for _, pd := range personalData {
		if bytes.Contains(bytes.ToLower(raw), bytes.ToLower([]byte(pd))) {
			t.Errorf("%s contains personal data %q", where, pd)
		}
	}
}

func questionLimits(submits, lookups int) apiOption {
	return withLimits(func(l *graph.Limits) {
		l.FieldRateLimits = graph.FieldLimits{PerAddress: map[string]*ratelimit.Limiter{
			"submitQuestion": ratelimit.New(submits, time.Hour),
			"question":       ratelimit.New(lookups, time.Hour),
		}}
	})
}

func TestQuestionRateLimits(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		t.Run("Submissions", func(t *testing.T) {
			api := newTestAPI(t, db, questionLimits(3, 100))
			for i := 0; i < 3; i++ {
				r := api.post("", submitMutation, map[string]any{"in": map[string]any{
					"body": fmt.Sprintf("Pertanyaan nomor %d tentang jadwal pelayanan KTP elektronik di kecamatan.", i)}})
				if len(r.Errors) > 0 {
					t.Fatalf("submission %d refused: %s", i, r.Raw)
				}
			}
			_, before, _ := db.AuditHead(t.Context())
			r := api.post("", submitMutation, map[string]any{"in": map[string]any{"body": "Pertanyaan keempat dari alamat yang sama dalam satu jam."}})
			assertRateLimited(t, r)
			if _, after, _ := db.AuditHead(t.Context()); after != before {
				t.Error("a refused submission wrote to the audit log")
			}
		})
		t.Run("LookupsNotEnumerable", func(t *testing.T) {
			api := newTestAPI(t, db, questionLimits(100, 5))
			for i := 0; i < 5; i++ {
				r := api.post("", `query($c: String!) { question(trackingCode: $c) { status } }`, map[string]any{"c": models.NewTrackingCode()})
				if len(r.Errors) > 0 || !bytes.Contains(r.Raw, []byte(`"question":null`)) {
					t.Fatalf("look-up %d: %s", i, r.Raw)
				}
			}
			assertRateLimited(t, api.post("", `query($c: String!) { question(trackingCode: $c) { status } }`, map[string]any{"c": models.NewTrackingCode()}))
		})
		t.Run("AliasesCountEach", func(t *testing.T) {
			api := newTestAPI(t, db, questionLimits(100, 5))
			var q strings.Builder
			q.WriteString("{")
			for i := 0; i < 8; i++ {
				fmt.Fprintf(&q, " q%d: question(trackingCode: %q) { status }", i, models.NewTrackingCode())
			}
			q.WriteString(" }")
			assertRateLimited(t, api.post("", q.String(), nil))
		})
	})
}

func assertRateLimited(t *testing.T, r *gqlResponse) {
	t.Helper()
	if r.Status != http.StatusTooManyRequests || r.code() != models.ERATELIMITED {
		t.Fatalf("want 429 RATE_LIMITED, got %d: %s", r.Status, r.Raw)
	}
	if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 {
		t.Errorf("Retry-After = %q", r.Header.Get("Retry-After"))
	}
	if ra, _ := r.Errors[0].Extensions["retryAfter"].(json.Number); ra == "" {
		if _, ok := r.Errors[0].Extensions["retryAfter"].(float64); !ok {
			t.Errorf("error lacks extensions.retryAfter: %s", r.Raw)
		}
	}
}
