package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/demodata"
	"github.com/kotabaru/tanggap/store/storetest"
)

// sendAccept sends a request with the given Accept header (none when empty)
// and parses a GraphQL response.
func sendAccept(t *testing.T, api *testAPI, method, target, accept, contentType, token string, body []byte) *gqlResponse {
	t.Helper()
	req, err := http.NewRequest(method, api.srv.URL+target, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := &gqlResponse{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	json.Unmarshal(raw, out) //nolint:errcheck // non-JSON bodies are checked through Raw
	return out
}

// topLevelKeys returns the keys of a JSON object body.
func topLevelKeys(t *testing.T, raw []byte) map[string]json.RawMessage {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		t.Fatalf("response is not a JSON object: %s", raw)
	}
	return fields
}

// mustErrorCode checks the first error's code, and its field when given.
func mustErrorCode(t *testing.T, r *gqlResponse, code, field string) {
	t.Helper()
	if r.code() != code {
		t.Fatalf("want error code %s, got %q: %s", code, r.code(), r.Raw)
	}
	if field != "" && r.Errors[0].Extensions["field"] != field {
		t.Fatalf("want error on field %q: %s", field, r.Raw)
	}
}

// storedIssues reads every issue straight from the database.
func storedIssues(t *testing.T, db *store.DB) []*models.Issue {
	t.Helper()
	var issues []*models.Issue
	if err := db.Bun().NewSelect().Model(&issues).OrderExpr("id ASC").Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	return issues
}

// publicIssue is the visibility rule of docs/api.md (no NEW, rejected or
// internal issue is public), written out independently of the code.
func publicIssue(i *models.Issue) bool {
	return i.Status != models.StatusNew && i.Status != models.StatusRejected && !i.Internal
}

type apiIssue struct {
	Number, Title, Status, Kind string
	Verdict, Priority           *string
	Internal                    bool
	Agency, Category            *struct{ Slug string }
	CreatedAt, UpdatedAt        time.Time
}

type apiIssuePage struct {
	Issues struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage, HasPreviousPage bool
			StartCursor, EndCursor       *string
		}
		Edges []struct {
			Cursor string
			Node   apiIssue
		}
	}
}

const issuePageQuery = `query($first: Int, $after: String, $order: IssueOrder, $filter: IssueFilter) {
  issues(first: $first, after: $after, orderBy: $order, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { number title status kind verdict priority internal agency { slug } category { slug } createdAt updatedAt } }
  }
}`

// walkAPIIssues follows `issues` page by page through pageInfo.endCursor.
func walkAPIIssues(t *testing.T, api *testAPI, token string, first int, order string, filter map[string]any) []apiIssue {
	t.Helper()
	vars := map[string]any{"first": first, "filter": filter}
	if order != "" {
		vars["order"] = order
	}
	var all []apiIssue
	total := -1
	for page := 0; ; page++ {
		if page > 500 {
			t.Fatal("pagination does not end")
		}
		var out apiIssuePage
		api.post(token, issuePageQuery, vars).decode(t, &out)
		c := out.Issues
		if total == -1 {
			total = c.TotalCount
		} else if c.TotalCount != total {
			t.Fatalf("page %d: totalCount changed from %d to %d", page, total, c.TotalCount)
		}
		if c.PageInfo.HasPreviousPage {
			t.Fatalf("page %d claims a previous page", page)
		}
		if n := len(c.Edges); n > 0 {
			if c.PageInfo.StartCursor == nil || *c.PageInfo.StartCursor != c.Edges[0].Cursor ||
				c.PageInfo.EndCursor == nil || *c.PageInfo.EndCursor != c.Edges[n-1].Cursor {
				t.Fatalf("page %d: pageInfo cursors do not match its edges", page)
			}
		} else if c.PageInfo.EndCursor != nil {
			t.Fatalf("empty page %d has an end cursor", page)
		}
		if c.PageInfo.HasNextPage && len(c.Edges) != first {
			t.Fatalf("page %d has %d of %d edges and a next page", page, len(c.Edges), first)
		}
		for _, e := range c.Edges {
			all = append(all, e.Node)
		}
		if !c.PageInfo.HasNextPage {
			break
		}
		vars["after"] = *c.PageInfo.EndCursor
	}
	if total != len(all) {
		t.Fatalf("totalCount %d, walking the pages gave %d issues", total, len(all))
	}
	return all
}

func apiNumbers(issues []apiIssue) []string {
	out := make([]string, len(issues))
	for k, i := range issues {
		out[k] = i.Number
	}
	return out
}

// orderedNumbers sorts stored issues the way an order promises.
func orderedNumbers(issues []*models.Issue, order string) []string {
	sorted := slices.Clone(issues)
	slices.SortFunc(sorted, func(a, b *models.Issue) int {
		ta, tb := a.CreatedAt, b.CreatedAt
		if order == "RECENTLY_UPDATED" {
			ta, tb = a.UpdatedAt, b.UpdatedAt
		}
		c := ta.Compare(tb)
		if c == 0 {
			c = int(a.ID - b.ID)
		}
		if order == "OLDEST" {
			return c
		}
		return -c
	})
	out := make([]string, len(sorted))
	for k, i := range sorted {
		out[k] = i.Number
	}
	return out
}

func TestReadAPI(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		trc := api.login("trc.sari@demo.tanggap.id", store.DemoPassword)
		stored := storedIssues(t, db)
		var public, hidden []*models.Issue
		for _, i := range stored {
			if publicIssue(i) {
				public = append(public, i)
			} else {
				hidden = append(hidden, i)
			}
		}

		t.Run("Visibility", func(t *testing.T) {
			listed := walkAPIIssues(t, api, "", 25, "", nil)
			got := apiNumbers(listed)
			for _, i := range listed {
				if i.Status == "NEW" || i.Status == "REJECTED" || i.Internal {
					t.Fatalf("anonymous caller sees %s (%s, internal %v)", i.Number, i.Status, i.Internal)
				}
			}
			slices.Sort(got)
			want := orderedNumbers(public, "OLDEST")
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("anonymous issues:\n got  %v\n want %v", got, want)
			}
			query := `query($n: String!) { issue(number: $n) { number status internal } }`
			for _, i := range hidden {
				var out struct{ Issue *apiIssue }
				api.post("", query, map[string]any{"n": i.Number}).decode(t, &out)
				if out.Issue != nil {
					t.Fatalf("anonymous caller reads %s (%s, internal %v)", i.Number, i.Status, i.Internal)
				}
				api.post(trc, query, map[string]any{"n": i.Number}).decode(t, &out)
				if out.Issue == nil || out.Issue.Number != i.Number || out.Issue.Internal != i.Internal {
					t.Fatalf("TRC cannot read %s (%s)", i.Number, i.Status)
				}
			}
			var out struct{ Issue *apiIssue }
			api.post("", query, map[string]any{"n": "KTB-1999-999999"}).decode(t, &out)
			if out.Issue != nil {
				t.Fatal("an unknown number returned an issue")
			}
			all := walkAPIIssues(t, api, trc, 100, "", nil)
			if len(all) != len(stored) {
				t.Fatalf("TRC sees %d issues, the database has %d", len(all), len(stored))
			}
		})

		t.Run("Pagination", func(t *testing.T) {
			for _, order := range []string{"NEWEST", "OLDEST", "RECENTLY_UPDATED"} {
				got := apiNumbers(walkAPIIssues(t, api, "", 7, order, nil))
				if want := orderedNumbers(public, order); !slices.Equal(got, want) {
					t.Fatalf("%s:\n got  %v\n want %v", order, got, want)
				}
				got = apiNumbers(walkAPIIssues(t, api, trc, 7, order, nil))
				if want := orderedNumbers(stored, order); !slices.Equal(got, want) {
					t.Fatalf("%s as TRC:\n got  %v\n want %v", order, got, want)
				}
			}
			got := apiNumbers(walkAPIIssues(t, api, "", 20, "", nil))
			if want := orderedNumbers(public, "NEWEST"); !slices.Equal(got, want) {
				t.Fatalf("default order is not newest first:\n got  %v\n want %v", got, want)
			}
		})

		t.Run("Filters", func(t *testing.T) {
			all := walkAPIIssues(t, api, "", 100, "", nil)
			now := time.Now()
			from, to := now.Add(-60*24*time.Hour), now.Add(-7*24*time.Hour)
			cases := []struct {
				name   string
				filter map[string]any
				match  func(apiIssue) bool
			}{
				{"status", map[string]any{"status": []string{"ANSWERED"}}, func(i apiIssue) bool { return i.Status == "ANSWERED" }},
				{"statuses", map[string]any{"status": []string{"IN_PROGRESS", "CLOSED"}}, func(i apiIssue) bool {
					return i.Status == "IN_PROGRESS" || i.Status == "CLOSED"
				}},
				{"hidden status", map[string]any{"status": []string{"NEW", "REJECTED"}}, func(apiIssue) bool { return false }},
				{"kind", map[string]any{"kind": []string{"MISINFORMATION"}}, func(i apiIssue) bool { return i.Kind == "MISINFORMATION" }},
				{"verdict", map[string]any{"verdict": []string{"FALSE"}}, func(i apiIssue) bool { return i.Verdict != nil && *i.Verdict == "FALSE" }},
				{"priority", map[string]any{"priority": []string{"URGENT", "HIGH"}}, func(i apiIssue) bool {
					return i.Priority != nil && (*i.Priority == "URGENT" || *i.Priority == "HIGH")
				}},
				{"agency", map[string]any{"agencySlug": "dinkes"}, func(i apiIssue) bool { return i.Agency != nil && i.Agency.Slug == "dinkes" }},
				{"category", map[string]any{"categorySlug": demodata.Categories()[0].Slug}, func(i apiIssue) bool {
					return i.Category != nil && i.Category.Slug == demodata.Categories()[0].Slug
				}},
				{"from and to", map[string]any{"from": from.Format(time.RFC3339Nano), "to": to.Format(time.RFC3339Nano)}, func(i apiIssue) bool {
					return !i.CreatedAt.Before(from) && i.CreatedAt.Before(to)
				}},
				{"combined", map[string]any{"kind": []string{"MISINFORMATION"}, "status": []string{"CLOSED", "ANSWERED"}, "from": from.Format(time.RFC3339)}, func(i apiIssue) bool {
					return i.Kind == "MISINFORMATION" && (i.Status == "CLOSED" || i.Status == "ANSWERED") && !i.CreatedAt.Before(from.Truncate(time.Second))
				}},
			}
			for _, c := range cases {
				var want []string
				for _, i := range all {
					if c.match(i) {
						want = append(want, i.Number)
					}
				}
				if len(want) == 0 && c.name != "hidden status" {
					t.Fatalf("%s: no demo issue matches; the case proves nothing", c.name)
				}
				got := walkAPIIssues(t, api, "", 5, "", c.filter)
				if !slices.Equal(apiNumbers(got), want) {
					t.Fatalf("%s:\n got  %v\n want %v", c.name, apiNumbers(got), want)
				}
			}
		})

		t.Run("IssueDetail", func(t *testing.T) {
			ctx := context.Background()
			var number string
			err := db.Bun().NewRaw(`SELECT i.number FROM issues i JOIN responses r ON r.issue_id = i.id
				WHERE r.revision >= 2 AND i.internal = ? AND i.status IN (?) ORDER BY i.id LIMIT 1`,
				false, bun.In([]string{"ANSWERED", "CLOSED"})).Scan(ctx, &number)
			if err != nil {
				t.Fatalf("no public issue with a revised response: %v", err)
			}
			issue := new(models.Issue)
			if err := db.Bun().NewSelect().Model(issue).Where("number = ?", number).Scan(ctx); err != nil {
				t.Fatal(err)
			}
			var sources []*models.IssueSource
			var events []*models.IssueEvent
			var responses []*models.Response
			var revisions []*models.ResponseRevision
			for _, q := range []struct {
				dest  any
				where string
			}{
				{&sources, "issue_id = ?"}, {&events, "issue_id = ?"}, {&responses, "issue_id = ?"},
				{&revisions, "response_id IN (SELECT id FROM responses WHERE issue_id = ?)"},
			} {
				if err := db.Bun().NewSelect().Model(q.dest).Where(q.where, issue.ID).Scan(ctx); err != nil {
					t.Fatal(err)
				}
			}
			publicEvents := 0
			for _, e := range events {
				switch e.Type {
				case models.EventDeclined, models.EventRejected, models.EventMadeInternal, models.EventMadePublic, models.EventQuestionLinked:
				default:
					publicEvents++
				}
			}
			handles := 0
			for _, s := range sources {
				if s.AccountHandle != "" {
					handles++
				}
			}

			const detail = `query($n: String!) { issue(number: $n) {
			  number title summary status kind url agency { slug name } category { slug }
			  sources { platform url claimText accountHandle detectedAt }
			  responses { status body bodyHTML verdict verdictLabel revision agency { slug } issue { number }
			    revisions { number body bodyHTML reason createdAt } }
			  timeline { type at reason agency { slug } actor { name } }
			} }`
			type detailIssue struct {
				Issue *struct {
					Number, Title, Summary, Status, Kind, URL string
					Agency                                    *struct{ Slug, Name string }
					Sources                                   []struct {
						Platform      string
						URL           *string
						ClaimText     string
						AccountHandle *string
						DetectedAt    time.Time
					}
					Responses []struct {
						Status, Body, BodyHTML string
						Verdict, VerdictLabel  *string
						Revision               int
						Agency                 struct{ Slug string }
						Issue                  struct{ Number string }
						Revisions              []struct {
							Number         int
							Body, BodyHTML string
							Reason         *string
							CreatedAt      time.Time
						}
					}
					Timeline []struct {
						Type   string
						At     time.Time
						Reason *string
						Agency *struct{ Slug string }
						Actor  *struct{ Name string }
					}
				}
			}
			for _, caller := range []struct {
				name  string
				token string
				staff bool
			}{{"anonymous", "", false}, {"TRC", trc, true}} {
				var out detailIssue
				api.post(caller.token, detail, map[string]any{"n": strings.ToLower(number)}).decode(t, &out)
				got := out.Issue
				if got == nil || got.Number != number || got.Title != issue.Title || got.URL != testPublicURL+"/isu/"+number {
					t.Fatalf("%s: issue %s not returned as stored", caller.name, number)
				}
				if got.Agency == nil {
					t.Fatalf("%s: answered issue %s has no agency", caller.name, number)
				}
				if len(got.Sources) != len(sources) {
					t.Fatalf("%s: %d sources, want %d", caller.name, len(got.Sources), len(sources))
				}
				seenHandles := 0
				for _, s := range got.Sources {
					if s.AccountHandle != nil {
						seenHandles++
					}
				}
				if want := map[bool]int{true: handles}[caller.staff]; seenHandles != want {
					t.Fatalf("%s: %d account handles, want %d", caller.name, seenHandles, want)
				}
				if len(got.Responses) != len(responses) || len(responses) == 0 {
					t.Fatalf("%s: %d responses, want %d", caller.name, len(got.Responses), len(responses))
				}
				revisionCount := 0
				for _, r := range got.Responses {
					if r.Status != "PUBLISHED" || r.BodyHTML == "" || r.Issue.Number != number || r.Agency.Slug != got.Agency.Slug {
						t.Fatalf("%s: response %+v is not the published answer of %s", caller.name, r, number)
					}
					if len(r.Revisions) != r.Revision {
						t.Fatalf("%s: response at revision %d lists %d revisions", caller.name, r.Revision, len(r.Revisions))
					}
					for k, rev := range r.Revisions {
						if rev.Number != k+1 || rev.BodyHTML == "" || (k == 0) != (rev.Reason == nil) {
							t.Fatalf("%s: revision %d of the response: number %d, reason %v", caller.name, k, rev.Number, rev.Reason)
						}
						if k > 0 && rev.CreatedAt.Before(r.Revisions[k-1].CreatedAt) {
							t.Fatalf("%s: revisions out of order", caller.name)
						}
					}
					if last := r.Revisions[len(r.Revisions)-1]; last.Body != r.Body {
						t.Fatalf("%s: the last revision is not the current text", caller.name)
					}
					revisionCount += len(r.Revisions)
				}
				if revisionCount != len(revisions) || revisionCount < 2 {
					t.Fatalf("%s: %d revisions, want %d", caller.name, revisionCount, len(revisions))
				}
				wantEvents := publicEvents
				if caller.staff {
					wantEvents = len(events)
				}
				if len(got.Timeline) != wantEvents {
					t.Fatalf("%s: %d timeline events, want %d", caller.name, len(got.Timeline), wantEvents)
				}
				for k, e := range got.Timeline {
					if k > 0 && e.At.Before(got.Timeline[k-1].At) {
						t.Fatalf("%s: timeline out of order at %d", caller.name, k)
					}
					if !caller.staff {
						if e.Actor != nil {
							t.Fatalf("anonymous timeline names %s on a %s event", e.Actor.Name, e.Type)
						}
						if e.Reason != nil && e.Type != "REVISED" && e.Type != "REOPENED" && e.Type != "MARKED_DUPLICATE" {
							t.Fatalf("anonymous timeline shows the reason of a %s event", e.Type)
						}
					}
				}
				if caller.staff && got.Timeline[0].Actor == nil {
					t.Fatal("TRC does not see who logged the issue")
				}
			}
		})

		t.Run("IDsAreStrings", func(t *testing.T) {
			// The GraphQL specification serialises ID like a String.
			r := api.post("", `{ issues(first: 10, filter: {status: [ANSWERED, CLOSED]}) { edges { node { responses { id } } } } }`, nil)
			var out struct {
				Issues struct {
					Edges []struct {
						Node struct {
							Responses []struct{ ID json.RawMessage }
						}
					}
				}
			}
			r.decode(t, &out)
			seen := 0
			for _, e := range out.Issues.Edges {
				for _, resp := range e.Node.Responses {
					seen++
					var id string
					if err := json.Unmarshal(resp.ID, &id); err != nil || id == "" {
						t.Fatalf("response id serialised as %s, want a JSON string", resp.ID)
					}
				}
			}
			if seen == 0 {
				t.Fatal("no responses on the page")
			}
		})

		t.Run("Duplicate", func(t *testing.T) {
			var duplicate *models.Issue
			byID := map[int64]*models.Issue{}
			for _, i := range stored {
				byID[i.ID] = i
				if i.Status == models.StatusDuplicate && duplicate == nil {
					duplicate = i
				}
			}
			if duplicate == nil || duplicate.DuplicateOfID == nil {
				t.Fatal("demo data has no duplicate")
			}
			var out struct {
				Issue struct{ DuplicateOf *struct{ Number string } }
			}
			api.post("", `query($n: String!) { issue(number: $n) { duplicateOf { number } } }`, map[string]any{"n": duplicate.Number}).decode(t, &out)
			original := byID[*duplicate.DuplicateOfID]
			if publicIssue(original) != (out.Issue.DuplicateOf != nil) ||
				(out.Issue.DuplicateOf != nil && out.Issue.DuplicateOf.Number != original.Number) {
				t.Fatalf("duplicate %s points at %+v, want %s", duplicate.Number, out.Issue.DuplicateOf, original.Number)
			}
		})

		t.Run("Agencies", func(t *testing.T) {
			var out struct {
				Agencies []struct{ Slug, Name, ShortName, Description string }
				Known    *struct{ Name, ShortName string }
				Unknown  *struct{ Name string }
			}
			r := api.post("", `{ agencies { slug name shortName description }
			  known: agency(slug: "dinkes") { name shortName } unknown: agency(slug: "tidak-ada") { name } }`, nil)
			r.decode(t, &out)
			if len(out.Agencies) != len(demodata.Agencies()) {
				t.Fatalf("%d agencies, want %d", len(out.Agencies), len(demodata.Agencies()))
			}
			want := map[string]demodata.Agency{}
			for _, a := range demodata.Agencies() {
				want[a.Slug] = a
			}
			for _, a := range out.Agencies {
				if w := want[a.Slug]; w.Name != a.Name || w.ShortName != a.ShortName || w.Description != a.Description {
					t.Fatalf("agency %s is %+v, want %+v", a.Slug, a, w)
				}
			}
			if out.Known == nil || out.Known.Name != want["dinkes"].Name || out.Known.ShortName != want["dinkes"].ShortName {
				t.Fatalf("agency(slug: dinkes) = %+v", out.Known)
			}
			if out.Unknown != nil {
				t.Fatalf("an unknown slug returned %+v", out.Unknown)
			}
		})

		t.Run("InputErrors", func(t *testing.T) {
			r := api.post("", `{ issues(first: 0) { totalCount } }`, nil)
			mustErrorCode(t, r, models.EINVALID, "first")
			r = api.post("", `{ issues(first: 101) { totalCount } }`, nil)
			mustErrorCode(t, r, models.EINVALID, "first")
			if len(r.Errors[0].Path) != 1 || r.Errors[0].Path[0] != "issues" {
				t.Fatalf("error path %v, want [issues]", r.Errors[0].Path)
			}
			r = api.post("", `{ issues(first: 5, after: "bukan-kursor") { totalCount } }`, nil)
			mustErrorCode(t, r, models.EINVALID, "after")
			var page apiIssuePage
			api.post("", issuePageQuery, map[string]any{"first": 2, "order": "NEWEST"}).decode(t, &page)
			r = api.post("", issuePageQuery, map[string]any{"first": 2, "order": "OLDEST", "after": *page.Issues.PageInfo.EndCursor})
			mustErrorCode(t, r, models.EINVALID, "after")
			r = api.post("", `{ issues(filter: {internal: true}) { totalCount } }`, nil)
			mustErrorCode(t, r, models.EFORBIDDEN, "")
			for _, e := range r.Errors {
				if strings.Contains(strings.ToLower(e.Message), "sql") {
					t.Fatalf("error message leaks SQL: %s", r.Raw)
				}
			}
		})

		t.Run("GET", func(t *testing.T) {
			q := url.Values{"query": {`query($n: Int) { issues(first: $n) { totalCount edges { node { number } } } }`}, "variables": {`{"n": 3}`}}
			r := sendAccept(t, api, http.MethodGet, "/graphql?"+q.Encode(), "application/graphql-response+json", "", "", nil)
			var out apiIssuePage
			if r.Status != http.StatusOK {
				t.Fatalf("GET query answered %d: %s", r.Status, r.Raw)
			}
			r.decode(t, &out)
			if out.Issues.TotalCount != len(public) || len(out.Issues.Edges) != 3 {
				t.Fatalf("GET query: total %d, %d edges", out.Issues.TotalCount, len(out.Issues.Edges))
			}

			before := len(storedIssues(t, db))
			_, entries, err := db.AuditHead(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			m := url.Values{"query": {`mutation { createIssue(input: {title: "Isu lewat GET", summary: "Tidak boleh tersimpan lewat GET.", kind: COMPLAINT}) { issue { number } } }`}}
			r = sendAccept(t, api, http.MethodGet, "/graphql?"+m.Encode(), "application/graphql-response+json", "", trc, nil)
			if r.Status < 400 || len(r.Errors) == 0 || len(r.Data) > 0 && string(r.Data) != "null" {
				t.Fatalf("mutation over GET answered %d: %s", r.Status, r.Raw)
			}
			_, afterEntries, err := db.AuditHead(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if after := len(storedIssues(t, db)); after != before || afterEntries != entries {
				t.Fatalf("a mutation over GET wrote: %d issues before, %d after; audit %d → %d", before, after, entries, afterEntries)
			}
			// GraphQL over HTTP: a mutation over GET is 405 Method Not Allowed.
			if r.Status != http.StatusMethodNotAllowed {
				t.Fatalf("mutation over GET answered %d, want 405: %s", r.Status, r.Raw)
			}
		})

		t.Run("ContentNegotiation", func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{"query": `{ issues(first: 1) { totalCount } }`})
			get := "/graphql?" + url.Values{"query": {`{ issues(first: 1) { totalCount } }`}}.Encode()
			for _, c := range []struct {
				accept, want string
			}{
				{"application/graphql-response+json", "application/graphql-response+json"},
				{"application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json"},
				{"application/json", "application/json"},
			} {
				for _, r := range []*gqlResponse{
					sendAccept(t, api, http.MethodPost, "/graphql", c.accept, "application/json", "", body),
					sendAccept(t, api, http.MethodGet, get, c.accept, "", "", nil),
				} {
					if r.Status != http.StatusOK || len(r.Errors) > 0 {
						t.Fatalf("Accept %s: %d %s", c.accept, r.Status, r.Raw)
					}
					if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, c.want) {
						t.Fatalf("Accept %s: Content-Type %q, want %s", c.accept, ct, c.want)
					}
				}
			}
		})

		t.Run("RequestErrors", func(t *testing.T) {
			syntax, _ := json.Marshal(map[string]any{"query": `{ issues(first: 3 { totalCount }`})
			invalid, _ := json.Marshal(map[string]any{"query": `{ issues { edges { node { nomor } } } }`})

			r := sendAccept(t, api, http.MethodPost, "/graphql", "application/graphql-response+json", "application/json", "", syntax)
			if r.Status != http.StatusBadRequest {
				t.Fatalf("syntax error with graphql-response+json answered %d: %s", r.Status, r.Raw)
			}
			if _, ok := topLevelKeys(t, r.Raw)["data"]; ok || len(r.Errors) == 0 {
				t.Fatalf("syntax error: want errors and no data key: %s", r.Raw)
			}
			if r.code() != "GRAPHQL_PARSE_FAILED" {
				t.Fatalf("syntax error code %q", r.code())
			}

			r = sendAccept(t, api, http.MethodPost, "/graphql", "application/graphql-response+json", "application/json", "", invalid)
			if r.Status != http.StatusBadRequest || r.code() != "GRAPHQL_VALIDATION_FAILED" {
				t.Fatalf("invalid query with graphql-response+json answered %d: %s", r.Status, r.Raw)
			}
			if _, ok := topLevelKeys(t, r.Raw)["data"]; ok {
				t.Fatalf("invalid query: want no data key: %s", r.Raw)
			}

			for _, doc := range [][]byte{invalid, syntax} {
				r = sendAccept(t, api, http.MethodPost, "/graphql", "application/json", "application/json", "", doc)
				if r.Status != http.StatusOK || len(r.Errors) == 0 {
					t.Fatalf("%s with application/json answered %d: %s", doc, r.Status, r.Raw)
				}
				if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
					t.Fatalf("Content-Type %q for an application/json request", ct)
				}
			}
		})

		t.Run("MalformedBody", func(t *testing.T) {
			// A body that is not JSON is the client's fault: 400, never a 5xx.
			for _, accept := range []string{"application/graphql-response+json", "application/json"} {
				r := sendAccept(t, api, http.MethodPost, "/graphql", accept, "application/json", "", []byte(`{"query": "{ issues`))
				if r.Status != http.StatusBadRequest || len(r.Errors) == 0 {
					t.Fatalf("malformed JSON body (Accept %s) answered %d: %s", accept, r.Status, r.Raw)
				}
			}
		})
	})
}
