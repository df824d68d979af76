package server_test

import (
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestDemoIssuesQuery is the query a newcomer tries first: a page of issues
// with their agencies and sanitised responses, on every database.
func TestDemoIssuesQuery(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		r := api.post("", `{ issues(first: 20) { totalCount edges { node { number title status agency { name } responses { bodyHTML } } } } }`, nil)
		var out struct {
			Issues struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Number, Title, Status string
						Agency                *struct{ Name string }
						Responses             []struct{ BodyHTML string }
					}
				}
			}
		}
		r.decode(t, &out)
		if out.Issues.TotalCount < 40 || len(out.Issues.Edges) != 20 {
			t.Fatalf("want a full page of demo issues, got total %d, %d edges", out.Issues.TotalCount, len(out.Issues.Edges))
		}
		answered := 0
		for _, e := range out.Issues.Edges {
			if e.Node.Status == "NEW" || e.Node.Status == "REJECTED" {
				t.Errorf("anonymous caller sees %s issue %s", e.Node.Status, e.Node.Number)
			}
			if e.Node.Agency == nil && e.Node.Status != "DUPLICATE" {
				t.Errorf("issue %s (%s) has no agency", e.Node.Number, e.Node.Status)
			}
			for _, resp := range e.Node.Responses {
				if resp.BodyHTML == "" {
					t.Errorf("issue %s has a response without HTML", e.Node.Number)
				}
				answered++
			}
		}
		if answered == 0 {
			t.Fatal("no responses on the first page of demo issues")
		}
	})
}
