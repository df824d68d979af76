package server_test

import (
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// issueGraphQuery walks every edge of an issue page that has a loader:
// agency, category, responses with their agency and revisions, sources and
// timeline. Answered issues only, so that every page reaches every loader.
const issueGraphQuery = `query($n: Int!) {
  issues(first: $n, filter: {status: [ANSWERED, CLOSED]}) {
    edges { node {
      number
      agency { name }
      category { name }
      responses { bodyHTML agency { name } revisions { number } }
      sources { platform }
      timeline { type }
    } }
  }
}`

type issueGraph struct {
	Issues struct {
		Edges []struct {
			Node struct {
				Number    string
				Agency    *struct{ Name string }
				Category  *struct{ Name string }
				Responses []struct {
					BodyHTML  string
					Agency    struct{ Name string }
					Revisions []struct{ Number int }
				}
				Sources  []struct{ Platform string }
				Timeline []struct{ Type string }
			}
		}
	}
}

// TestIssuePageStatements is the N+1 check: a page of 30 issues with every
// nested edge costs as many SQL statements as a page of 3.
func TestIssuePageStatements(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		trc := api.login("trc.sari@demo.tanggap.id", store.DemoPassword)

		for _, caller := range []struct{ name, token string }{{"anonymous", ""}, {"TRC", trc}} {
			t.Run(caller.name, func(t *testing.T) {
				// The agencies and categories are read once and then kept
				// until the next write (store/directory.go).
				api.post(caller.token, issueGraphQuery, map[string]any{"n": 1})
				counts := map[int]int64{}
				for _, n := range []int{3, 30} {
					api.statements.Reset()
					inOrder := graph.InOrderOperations()
					r := api.post(caller.token, issueGraphQuery, map[string]any{"n": n})
					counts[n] = api.statements.Reset()
					// Every edge is prefetched, so the page runs in order
					// (graph/sequential.go), with no more statements.
					if ran := graph.InOrderOperations() - inOrder; ran != 1 {
						t.Fatalf("%d operations ran in order for one page, want 1", ran)
					}
					var out issueGraph
					r.decode(t, &out)
					if len(out.Issues.Edges) != n {
						t.Fatalf("first %d gave %d issues", n, len(out.Issues.Edges))
					}
					categorised, sourced := 0, 0
					for _, e := range out.Issues.Edges {
						node := e.Node
						if node.Agency == nil || len(node.Responses) == 0 || len(node.Timeline) == 0 {
							t.Fatalf("answered issue %s lacks an agency, a response or a timeline", node.Number)
						}
						for _, resp := range node.Responses {
							if resp.Agency.Name == "" || len(resp.Revisions) == 0 || resp.BodyHTML == "" {
								t.Fatalf("a response of %s lacks its agency, revisions or HTML", node.Number)
							}
						}
						if node.Category != nil {
							categorised++
						}
						if len(node.Sources) > 0 {
							sourced++
						}
					}
					if categorised == 0 || sourced == 0 {
						t.Fatalf("page of %d has %d categorised and %d sourced issues; every loader must run", n, categorised, sourced)
					}
				}
				t.Logf("%s: %d statements for 3 issues, %d for 30", caller.name, counts[3], counts[30])
				if counts[3] != counts[30] {
					t.Fatalf("%d SQL statements for 3 issues but %d for 30: a nested edge is not batched", counts[3], counts[30])
				}
				if counts[30] > 12 {
					t.Fatalf("%d SQL statements for one page", counts[30])
				}
			})
		}
	})
}

// TestOneIssueStatement: one issue with its agency, sources and responses
// is one SQL statement (store/issuewith.go); with revisions and a timeline
// as well, one more for each.
func TestOneIssueStatement(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		page, err := db.FindIssues(t.Context(), models.IssueFilter{First: 50, Statuses: []models.IssueStatus{models.StatusClosed}})
		if err != nil || len(page.Issues) == 0 {
			t.Fatalf("no closed issue: %v", err)
		}
		sourced := ""
		for _, i := range page.Issues {
			sources, err := db.SourcesByIssueIDs(t.Context(), []int64{i.ID})
			if err != nil {
				t.Fatal(err)
			}
			if len(sources) > 0 {
				sourced = i.Number
				break
			}
		}
		if sourced == "" {
			t.Fatal("no closed issue with a source")
		}
		api.post("", `{ agencies { slug } }`, nil) // the directory is read once
		for _, c := range []struct {
			query string
			want  int64
		}{
			{`query($n: String!) { issue(number: $n) { number agency { name } sources { platform } responses { body agency { name } } } }`, 1},
			{`query($n: String!) { issue(number: $n) { number responses { body } } }`, 1},
			{`query($n: String!) { issue(number: $n) { number title } }`, 1},
			{`query($n: String!) { issue(number: $n) { sources { url } responses { revisions { number } } timeline { type } } }`, 3},
		} {
			api.statements.Reset()
			r := api.post("", c.query, map[string]any{"n": sourced})
			got := api.statements.Reset()
			var out struct {
				Issue *struct {
					Sources   []struct{ Platform, URL string }
					Responses []struct {
						Body      string
						Revisions []struct{ Number int }
					}
				}
			}
			r.decode(t, &out)
			if out.Issue == nil {
				t.Fatalf("%s: no issue %s", c.query, sourced)
			}
			if got != c.want {
				t.Errorf("%s: %d statements, want %d", c.query, got, c.want)
			}
		}
	})
}
