package server_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// withFrontend serves a minimal built app, so /isu/<number> pages answer.
func withFrontend() apiOption {
	return func(_ *graph.Limits, c *server.Config) {
		c.Frontend = fstest.MapFS{"index.html": {Data: []byte(
			`<!doctype html><html lang="id"><head><title>Tanggap</title><!--app-head--></head><body><!--app-noscript--></body></html>`)}}
	}
}

// poisonValues are stored times no writer of the application produces:
// year 1, year −1 and a value no driver reads as a time (text on SQLite,
// infinity on PostgreSQL).
type poisonValues struct{ year1, yearMinus1, garbage string }

func poisonFor(d store.Dialect) poisonValues {
	if d == store.SQLite {
		return poisonValues{"'0001-01-01 00:00:00+00:00'", "'-0001-12-31 16:00:00+00:00'", "'kemarin sore'"}
	}
	return poisonValues{"'0001-01-01 00:00:00+00'", "'0002-12-31 16:00:00+00 BC'", "'infinity'"}
}

// mustPoison writes a bad time into one cell, around the application.
func mustPoison(t *testing.T, db *store.DB, table, column, value, where string) {
	t.Helper()
	query := fmt.Sprintf("UPDATE %s SET %s = %s WHERE %s", table, column, value, where)
	if _, err := db.Bun().ExecContext(context.Background(), query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

const fullIssueFields = `number title createdAt updatedAt assignedAt acknowledgedAt answeredAt closedAt acknowledgeDueAt answerDueAt
  overdue dueExplanation { assignedAt }
  sources { platform detectedAt } timeline { type at }
  responses { status publishedAt updatedAt revisions { number createdAt } }`

// TestFaultPoisonedRowsPublicSurfaces stores bad times in every table a
// public page reads (issues, sources, events, responses, revisions,
// questions) and goes through every read surface: the API's issue, issues,
// the TRC inbox, search and question tracking; the Atom feed; the issue page;
// and the CSV exports. Each answers 200 with the poisoned issues in it, the
// bad times presented as the nearest bound of 1900–2200, and the cells
// logged as warnings, never as errors.
func TestFaultPoisonedRowsPublicSurfaces(t *testing.T) {
	logs := captureLog(t)
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		synonyms := search.NewSynonymSource(db, 0)
		engine := search.Engine(search.NewSQLite(db.Bun(), synonyms))
		if db.Dialect() == store.Postgres {
			engine = search.NewPostgres(db.Bun(), synonyms)
		}
		api := newTestAPI(t, db, withSearch(search.NewService(db, engine, nil)), withFrontend())
		s := mustStaff(t, api)
		answered, response := s.mustAnswered(t, db)
		closed := s.mustClosed(t, db)
		inbox := s.mustNewIssue(t, db, models.KindQuestion)
		question := mustQuestion(t, db)
		if _, err := search.Reindex(context.Background(), db, nil, search.ReindexBatchSize, engine); err != nil {
			t.Fatal(err)
		}

		p := poisonFor(db.Dialect())
		id := func(i *models.Issue) string { return "id = " + strconv.FormatInt(i.ID, 10) }
		issueOf := func(i *models.Issue) string { return "issue_id = " + strconv.FormatInt(i.ID, 10) }
		// The answered issue: its source detected in year 1 (what
		// detectedAt: "" used to store), its response and events garbled.
		mustPoison(t, db, "issue_sources", "detected_at", p.year1, issueOf(answered))
		mustPoison(t, db, "issue_events", "created_at", p.garbage, issueOf(answered))
		mustPoison(t, db, "responses", "published_at", p.year1, "id = "+strconv.FormatInt(response.ID, 10))
		mustPoison(t, db, "response_revisions", "created_at", p.garbage, "response_id = "+strconv.FormatInt(response.ID, 10))
		mustPoison(t, db, "issues", "answer_due_at", p.yearMinus1, id(answered))
		// The closed issue: logged in year −1, answered at garbage.
		mustPoison(t, db, "issues", "created_at", p.yearMinus1, id(closed))
		mustPoison(t, db, "issues", "updated_at", p.garbage, id(closed))
		mustPoison(t, db, "issues", "answered_at", p.garbage, id(closed))
		mustPoison(t, db, "issues", "assigned_at", p.year1, id(closed))
		// The TRC inbox: a new issue logged at garbage.
		mustPoison(t, db, "issues", "created_at", p.garbage, id(inbox))
		mustPoison(t, db, "questions", "created_at", p.yearMinus1, "id = "+strconv.FormatInt(question.ID, 10))

		mustNoErrors := func(t *testing.T, what string, r *gqlResponse) {
			t.Helper()
			if r.Status != http.StatusOK || len(r.Errors) > 0 || string(r.Data) == "null" {
				t.Fatalf("%s: %d %s", what, r.Status, r.Raw)
			}
		}
		mustBounded := func(t *testing.T, what string, raw []byte) {
			t.Helper()
			for _, bad := range []string{"0001-01-01", "-0001", "0000-", "infinity", "kemarin"} {
				if strings.Contains(string(raw), bad) {
					t.Errorf("%s presents %q: %.400s", what, bad, raw)
				}
			}
		}
		trc, auditor := s.tokenOf(s.trc), s.tokenOf(s.auditor)

		t.Run("IssueAPI", func(t *testing.T) {
			for _, issue := range []*models.Issue{answered, closed} {
				for _, token := range []string{"", trc} {
					r := api.post(token, `query($n: String!) { issue(number: $n) { `+fullIssueFields+` } }`, map[string]any{"n": issue.Number})
					mustNoErrors(t, "issue "+issue.Number, r)
					if !strings.Contains(string(r.Data), issue.Number) {
						t.Fatalf("issue %s missing: %s", issue.Number, r.Raw)
					}
					mustBounded(t, "issue "+issue.Number, r.Raw)
				}
			}
			r := api.post(trc, `query($n: String!) { issue(number: $n) { createdAt } }`, map[string]any{"n": closed.Number})
			if !strings.Contains(string(r.Data), `"createdAt":"1900-01-01T00:00:00Z"`) {
				t.Errorf("a time before 1900 should read as 1900-01-01T00:00:00Z: %s", r.Raw)
			}
		})
		t.Run("IssuesAPI", func(t *testing.T) {
			for _, order := range []string{"NEWEST", "OLDEST", "RECENTLY_UPDATED"} {
				r := api.post("", `query($o: IssueOrder) { issues(first: 20, orderBy: $o) { totalCount edges { node { `+fullIssueFields+` } } } }`, map[string]any{"o": order})
				mustNoErrors(t, "issues "+order, r)
				for _, issue := range []*models.Issue{answered, closed} {
					if !strings.Contains(string(r.Data), issue.Number) {
						t.Errorf("issues %s lacks %s", order, issue.Number)
					}
				}
				mustBounded(t, "issues", r.Raw)
			}
		})
		t.Run("TRCInbox", func(t *testing.T) {
			r := api.post(trc, `{ issues(filter: {status: [NEW]}, first: 20) { totalCount edges { node { `+fullIssueFields+` } } } }`, nil)
			mustNoErrors(t, "TRC inbox", r)
			if !strings.Contains(string(r.Data), inbox.Number) {
				t.Errorf("the inbox lacks %s: %s", inbox.Number, r.Raw)
			}
		})
		t.Run("Search", func(t *testing.T) {
			r := api.post("", `{ search(query: "keluhan", first: 20) { totalCount edges { node { issue { `+fullIssueFields+` } } } } }`, nil)
			mustNoErrors(t, "search", r)
			if !strings.Contains(string(r.Data), answered.Number) {
				t.Errorf("search lacks %s: %.400s", answered.Number, r.Raw)
			}
		})
		t.Run("QuestionTracking", func(t *testing.T) {
			r := api.post("", `query($c: String!) { question(trackingCode: $c) { status createdAt timeline { at } } }`, map[string]any{"c": question.TrackingCode})
			mustNoErrors(t, "question", r)
			mustBounded(t, "question", r.Raw)
		})
		t.Run("Feed", func(t *testing.T) {
			status, body := httpGet(t, api.srv.URL+"/feed.xml", "")
			if status != http.StatusOK {
				t.Fatalf("feed: %d %s", status, body)
			}
			var feed struct {
				Entries []struct {
					ID string `xml:"id"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal([]byte(body), &feed); err != nil {
				t.Fatalf("feed is not XML: %v", err)
			}
			for _, issue := range []*models.Issue{answered, closed} {
				if !strings.Contains(body, "/isu/"+issue.Number) {
					t.Errorf("the feed lacks %s", issue.Number)
				}
			}
			mustBounded(t, "feed", []byte(body))
		})
		t.Run("IssuePage", func(t *testing.T) {
			for _, issue := range []*models.Issue{answered, closed} {
				status, body := httpGet(t, api.srv.URL+"/isu/"+issue.Number, "")
				// The page answers even when its preview cannot be built;
				// the preview must be there too.
				if status != http.StatusOK || !strings.Contains(body, issue.Title) {
					t.Errorf("page of %s: %d, preview missing: %.300s", issue.Number, status, body)
				}
			}
		})
		t.Run("Exports", func(t *testing.T) {
			year := time.Now().In(db.Location()).Year()
			for _, path := range []string{"/export/issues.csv", "/export/response-times.csv", "/export/audit.csv",
				fmt.Sprintf("/export/information-report.csv?year=%d&agency=%s", year, agencyA)} {
				status, _, rows, body := api.download(auditor, path)
				if status != http.StatusOK || strings.Contains(body, "unduhan terputus") {
					t.Errorf("%s: %d %.300s", path, status, body)
				}
				if path == "/export/issues.csv" {
					if len(rows)-1 != len(storedIssues(t, db)) {
						t.Errorf("issues.csv has %d rows for %d issues", len(rows)-1, len(storedIssues(t, db)))
					}
					mustBounded(t, path, []byte(body))
				}
			}
		})

		if !strings.Contains(logs.String(), `"level":"WARN"`) || !strings.Contains(logs.String(), `"table":"issues"`) {
			t.Errorf("the bad cells were not logged as warnings:\n%s", logs.String())
		}
		mustNoErrorLogged(t, logs)
	})
}

// httpGet fetches a page, with a bearer token when one is given.
func httpGet(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}
