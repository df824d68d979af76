package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// publicWord is in the title and summary of every issue of
// TestPublicSurfacesHideNonPublicIssues, so a search for it would find each.
const publicWord = "zamrud"

// surfaceIssue is an issue of the test with the question linked to it.
type surfaceIssue struct {
	what     string
	issue    *models.Issue
	question *models.Question
}

// TestPublicSurfacesHideNonPublicIssues stores an issue of every kind the
// public must not see — NEW, NEW again after a decline, REJECTED, and
// internal (answered, with a verdict, so it would be in every feed) — next
// to public ones built the same way, and reads every public surface over
// HTTP as an anonymous client: the API's issues, issue, node, search, an
// agency's issues, the response-time and information reports and question
// tracking; the Atom, JSON and ClaimReview feeds; the issue pages; the
// sitemap; the open-data files; and the CSV export. Each surface must show
// the public issues (so the check is not vacuous) and nothing of the others:
// not their number, not their title.
func TestPublicSurfacesHideNonPublicIssues(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		synonyms := search.NewSynonymSource(db, 0)
		engine := search.Engine(search.NewSQLite(db.Bun(), synonyms))
		if db.Dialect() == store.Postgres {
			engine = search.NewPostgres(db.Bun(), synonyms)
		}
		api := newTestAPI(t, db, withSearch(search.NewService(db, engine, nil)), withFrontend())
		s := mustStaff(t, api)
		public, hidden := mustSurfaceIssues(t, db, s)
		if _, err := search.Reindex(context.Background(), db, nil, search.ReindexBatchSize, engine); err != nil {
			t.Fatal(err)
		}
		for _, h := range hidden {
			if h.issue.IsPublic() {
				t.Fatalf("%s is public (%s, internal %v); the test would prove nothing", h.what, h.issue.Status, h.issue.Internal)
			}
		}
		for _, p := range public {
			if !p.issue.IsPublic() {
				t.Fatalf("%s is not public", p.what)
			}
		}

		// mustHide fails when body shows any hidden issue's number or title.
		mustHide := func(t *testing.T, what, body string) {
			t.Helper()
			for _, h := range hidden {
				for _, leak := range []string{h.issue.Number, h.issue.Title} {
					if strings.Contains(body, leak) {
						t.Errorf("%s shows the %s issue (%q): %.300s", what, h.what, leak, body)
					}
				}
			}
		}
		// mustShow fails when body lacks one of the given public issues.
		mustShow := func(t *testing.T, what, body string, want ...surfaceIssue) {
			t.Helper()
			for _, p := range want {
				if !strings.Contains(body, p.issue.Number) {
					t.Errorf("%s lacks the %s issue %s: %.300s", what, p.what, p.issue.Number, body)
				}
			}
		}
		gql := func(t *testing.T, token, query string, vars map[string]any) string {
			t.Helper()
			r := api.post(token, query, vars)
			if r.Status != http.StatusOK || len(r.Errors) > 0 {
				t.Fatalf("%s: %d %s", query, r.Status, r.Raw)
			}
			return string(r.Raw)
		}
		answeredPublic := []surfaceIssue{public[0], public[1]}

		t.Run("Issues", func(t *testing.T) {
			for _, filter := range []string{`{}`, `{status: [NEW, REJECTED, ASSIGNED, IN_PROGRESS, ANSWERED, CLOSED]}`, `{agencySlug: "` + agencyA + `"}`} {
				body := gql(t, "", `{ issues(first: 100, filter: `+filter+`) { totalCount edges { node { number title } } } }`, nil)
				mustHide(t, "issues "+filter, body)
				if filter != `{status: [NEW, REJECTED, ASSIGNED, IN_PROGRESS, ANSWERED, CLOSED]}` {
					mustShow(t, "issues "+filter, body, public...)
				}
				var out struct {
					Data struct {
						Issues struct{ TotalCount int } `json:"issues"`
					} `json:"data"`
				}
				json.Unmarshal([]byte(body), &out) //nolint:errcheck // checked by gql
				if filter == `{}` && out.Data.Issues.TotalCount != len(public) {
					t.Errorf("issues counts %d for %d public issues", out.Data.Issues.TotalCount, len(public))
				}
			}
			body := gql(t, "", `{ issues(first: 100, filter: {status: [NEW, REJECTED]}) { totalCount edges { node { number } } } }`, nil)
			if !strings.Contains(body, `"totalCount":0`) {
				t.Errorf("anonymous NEW and REJECTED issues: %s", body)
			}
		})
		t.Run("IssueAndNode", func(t *testing.T) {
			for _, i := range append(append([]surfaceIssue{}, public...), hidden...) {
				byNumber := gql(t, "", `query($n: String!) { issue(number: $n) { number title } }`, map[string]any{"n": i.issue.Number})
				byNode := gql(t, "", `query($id: ID!) { node(id: $id) { id ... on Issue { number title } } }`,
					map[string]any{"id": globalID("Issue", strconv.FormatInt(i.issue.ID, 10))})
				byNodes := gql(t, "", `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Issue { number title } } }`,
					map[string]any{"ids": []string{globalID("Issue", strconv.FormatInt(i.issue.ID, 10))}})
				if i.issue.IsPublic() {
					mustShow(t, "issue", byNumber, i)
					mustShow(t, "node", byNode, i)
					mustShow(t, "nodes", byNodes, i)
					continue
				}
				mustHide(t, "issue "+i.issue.Number, byNumber)
				mustHide(t, "node of "+i.issue.Number, byNode)
				mustHide(t, "nodes of "+i.issue.Number, byNodes)
				if !strings.Contains(byNumber, `"issue":null`) || !strings.Contains(byNode, `"node":null`) {
					t.Errorf("the %s issue reads as %s and %s", i.what, byNumber, byNode)
				}
			}
			// A signed-in TRC sees them all, so the numbers asked for are right.
			for _, h := range hidden {
				mustShow(t, "issue as TRC", gql(t, s.tokenOf(s.trc), `query($n: String!) { issue(number: $n) { number } }`, map[string]any{"n": h.issue.Number}), h)
			}
		})
		t.Run("Search", func(t *testing.T) {
			for _, query := range []string{publicWord, ""} {
				body := gql(t, "", `query($q: String!) { search(query: $q, first: 100) { totalCount edges { node { issue { number title } } } } }`, map[string]any{"q": query})
				mustHide(t, "search "+strconv.Quote(query), body)
				mustShow(t, "search "+strconv.Quote(query), body, public...)
			}
		})
		t.Run("Reports", func(t *testing.T) {
			const report = `query($a: String) { responseTimeReport(agencySlug: $a) { includesInternal total { assigned answered open
			  waiting { issue { number title } } } agencies { agency { slug } assigned } } }`
			anonymous := gql(t, "", report, map[string]any{"a": agencyA})
			mustHide(t, "response-time report", anonymous)
			auditor := gql(t, s.tokenOf(s.auditor), report, map[string]any{"a": agencyA})
			assigned := func(body string) int {
				var out struct {
					Data struct {
						Report struct {
							Total struct{ Assigned int } `json:"total"`
						} `json:"responseTimeReport"`
					} `json:"data"`
				}
				json.Unmarshal([]byte(body), &out) //nolint:errcheck // checked by gql
				return out.Data.Report.Total.Assigned
			}
			// The public assigned issues are the answered two and the
			// information request; staff also count the internal one.
			if got := assigned(anonymous); got != 3 {
				t.Errorf("the public report counts %d issues assigned to %s, want 3: %s", got, agencyA, anonymous)
			}
			if got := assigned(auditor); got != 4 {
				t.Errorf("the staff report counts %d issues assigned to %s, want 4 (with the internal one): %s", got, agencyA, auditor)
			}

			const info = `query($y: Int!, $a: String!) { informationReport(year: $y, agencySlug: $a) { received declined open
			  requests { issue { number title } outcome reason } } }`
			vars := map[string]any{"y": time.Now().In(db.Location()).Year(), "a": agencyA}
			anonymous = gql(t, "", info, vars)
			mustHide(t, "information report", anonymous)
			mustShow(t, "information report", anonymous, public[2])
			auditor = gql(t, s.tokenOf(s.auditor), info, vars)
			for _, h := range hidden {
				if h.issue.Kind == models.KindInformationRequest {
					mustShow(t, "information report as auditor", auditor, h)
				}
			}
		})
		t.Run("QuestionTracking", func(t *testing.T) {
			const track = `query($c: String!) { question(trackingCode: $c) { status issue { number title } timeline { type at } } }`
			for _, h := range hidden {
				if h.question == nil {
					continue
				}
				body := gql(t, "", track, map[string]any{"c": h.question.TrackingCode})
				mustHide(t, "tracking of a question on the "+h.what+" issue", body)
				if strings.Contains(body, "ANSWERED") || !strings.Contains(body, `"issue":null`) {
					t.Errorf("a question on the %s issue tracks as %s", h.what, body)
				}
			}
			body := gql(t, "", track, map[string]any{"c": public[0].question.TrackingCode})
			mustShow(t, "tracking of a question on a public issue", body, public[0])
			if !strings.Contains(body, `"status":"ANSWERED"`) {
				t.Errorf("a question on an answered public issue tracks as %s", body)
			}
		})
		t.Run("Feeds", func(t *testing.T) {
			for _, path := range []string{"/feed.xml", "/feed.json", "/feed.xml?agency=" + agencyA, "/feed.json?agency=" + agencyA} {
				status, body := httpGet(t, api.srv.URL+path, "")
				if status != http.StatusOK {
					t.Fatalf("%s: %d %s", path, status, body)
				}
				mustHide(t, path, body)
				mustShow(t, path, body, answeredPublic...)
			}
			status, body := httpGet(t, api.srv.URL+"/claimreview.json", "")
			if status != http.StatusOK {
				t.Fatalf("claimreview.json: %d %s", status, body)
			}
			mustHide(t, "claimreview.json", body)
			mustShow(t, "claimreview.json", body, public[1])
		})
		t.Run("IssuePages", func(t *testing.T) {
			for _, i := range append(append([]surfaceIssue{}, public...), hidden...) {
				status, body := httpGet(t, api.srv.URL+"/isu/"+i.issue.Number, "")
				if i.issue.IsPublic() {
					if status != http.StatusOK || !strings.Contains(body, i.issue.Title) {
						t.Errorf("the page of the %s issue: %d %.300s", i.what, status, body)
					}
					continue
				}
				if status != http.StatusNotFound {
					t.Errorf("the page of the %s issue answers %d", i.what, status)
				}
				for _, leak := range []string{i.issue.Title, i.issue.Summary} {
					if strings.Contains(body, leak) {
						t.Errorf("the page of the %s issue shows %q", i.what, leak)
					}
				}
			}
		})
		t.Run("Sitemap", func(t *testing.T) {
			status, body := httpGet(t, api.srv.URL+"/sitemap.xml", "")
			if status != http.StatusOK {
				t.Fatalf("sitemap: %d %s", status, body)
			}
			all := body
			var index struct {
				Sitemaps []struct {
					Loc string `xml:"loc"`
				} `xml:"sitemap"`
			}
			if err := xml.Unmarshal([]byte(body), &index); err != nil {
				t.Fatalf("sitemap is not XML: %v", err)
			}
			for _, part := range index.Sitemaps {
				_, page := httpGet(t, api.srv.URL+strings.TrimPrefix(part.Loc, testPublicURL), "")
				all += page
			}
			mustHide(t, "sitemap", all)
			mustShow(t, "sitemap", all, public...)
		})
		t.Run("OpenData", func(t *testing.T) {
			for _, name := range []string{"", "issues.csv", "issues.jsonl", "responses.csv", "responses.jsonl", "response-times.csv", "response-times.jsonl", "tanggap-open-data.zip"} {
				resp, raw := rawGet(t, api.srv.URL+"/open-data/"+name, nil)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("/open-data/%s: %d %s", name, resp.StatusCode, raw)
				}
				body := string(raw)
				if strings.HasSuffix(name, ".zip") {
					body = unzipAll(t, raw)
				}
				mustHide(t, "/open-data/"+name, body)
				if strings.HasPrefix(name, "issues.") || strings.HasSuffix(name, ".zip") {
					mustShow(t, "/open-data/"+name, body, public...)
				}
			}
		})
		t.Run("CSVExport", func(t *testing.T) {
			status, _, _, body := api.download("", "/export/issues.csv")
			if status != http.StatusUnauthorized {
				t.Errorf("an anonymous CSV export answers %d", status)
			}
			mustHide(t, "anonymous CSV export", body)
			// Auditors export everything, hidden issues included, by design.
			status, _, _, body = api.download(s.tokenOf(s.auditor), "/export/issues.csv")
			if status != http.StatusOK {
				t.Fatalf("the auditor's export: %d", status)
			}
			mustShow(t, "the auditor's export", body, hidden...)
		})
	})
}

// mustSurfaceIssues builds the issues of TestPublicSurfacesHideNonPublicIssues
// through the store, as staff would: public ones first (an answered
// complaint with a question, an answered hoax with its verdict, an assigned
// information request), then the hidden ones.
func mustSurfaceIssues(t *testing.T, db *store.DB, s *staff) (public, hidden []surfaceIssue) {
	t.Helper()
	trc, pic := storetest.As(s.trc), storetest.As(s.picA)
	must := func(issue *models.Issue, err error) *models.Issue {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return issue
	}
	create := func(kind models.IssueKind, label string) *models.Issue {
		t.Helper()
		n := uniq()
		return must(db.CreateIssue(trc, models.NewIssue{
			Title:   fmt.Sprintf("Isu %s %s %s", publicWord, label, n),
			Summary: fmt.Sprintf("Ringkasan isu %s %s nomor %s yang beredar di media sosial.", publicWord, label, n),
			Kind:    kind,
			Sources: []models.IssueSourceInput{{Platform: models.PlatformFacebook, URL: "https://facebook.com/post/" + n}},
		}))
	}
	assign := func(issue *models.Issue) *models.Issue {
		t.Helper()
		return must(db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: agencyA, Priority: models.PriorityNormal}))
	}
	answer := func(issue *models.Issue, verdict *models.Verdict) *models.Issue {
		t.Helper()
		issue = assign(issue)
		if _, err := db.PublishResponse(pic, models.ResponseDraftInput{
			IssueNumber: issue.Number, Body: "Jawaban resmi atas isu " + issue.Number + " dari instansi.", Verdict: verdict,
		}); err != nil {
			t.Fatal(err)
		}
		return must(db.IssueByNumber(trc, issue.Number))
	}
	question := func(issue *models.Issue) *models.Question {
		t.Helper()
		q := mustQuestion(t, db)
		if _, err := db.LinkQuestion(trc, q.ID, issue.Number); err != nil {
			t.Fatal(err)
		}
		return q
	}
	decline := func(issue *models.Issue) *models.Issue {
		t.Helper()
		return must(db.DeclineIssue(pic, assign(issue).Number, "Bukan kewenangan instansi kami; mohon diteruskan ke instansi lain."))
	}
	hoax := models.VerdictFalse

	complaint := answer(create(models.KindComplaint, "keluhan terbuka"), nil)
	public = append(public,
		surfaceIssue{what: "answered complaint", issue: complaint, question: question(complaint)},
		surfaceIssue{what: "answered hoax", issue: answer(create(models.KindMisinformation, "hoaks terbuka"), &hoax)},
		surfaceIssue{what: "assigned information request", issue: assign(create(models.KindInformationRequest, "permohonan terbuka"))},
	)

	fresh := create(models.KindComplaint, "rahasia baru")
	hidden = append(hidden, surfaceIssue{what: "NEW", issue: fresh, question: question(fresh)})

	declined := decline(create(models.KindInformationRequest, "rahasia dikembalikan"))
	hidden = append(hidden, surfaceIssue{what: "declined (NEW)", issue: declined})

	rejected := decline(create(models.KindInformationRequest, "rahasia ditolak"))
	rejectedQuestion := question(rejected)
	rejected = must(db.RejectIssue(trc, rejected.Number, "Permohonan ini tidak memerlukan jawaban resmi."))
	hidden = append(hidden, surfaceIssue{what: "REJECTED", issue: rejected, question: rejectedQuestion})

	internal := answer(create(models.KindMisinformation, "rahasia internal"), &hoax)
	internalQuestion := question(internal)
	internal = must(db.SetInternal(trc, internal.Number, true, "Memuat data pribadi pelapor yang sedang diverifikasi."))
	hidden = append(hidden, surfaceIssue{what: "internal", issue: internal, question: internalQuestion})
	return public, hidden
}

// unzipAll returns the text of every file of a zip archive, one after another.
func unzipAll(t *testing.T, raw []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	var all strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	return all.String()
}
