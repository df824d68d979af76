package server_test

import (
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
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
