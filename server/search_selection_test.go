package server_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// recordedSearch remembers the last request the API passed on.
type recordedSearch struct {
	models.SearchService
	mu   sync.Mutex
	last models.SearchRequest
}

func (r *recordedSearch) Search(ctx context.Context, req models.SearchRequest) (*models.SearchConnection, error) {
	r.mu.Lock()
	r.last = req
	r.mu.Unlock()
	return r.SearchService.Search(ctx, req)
}

// TestSearchSelection checks that the API asks the search service for the
// facets and the total only when the operation selects them
// (docs/search.md, "Speed at 100,000 documents"), and that the answers do
// not change.
func TestSearchSelection(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		engine := search.NewDatabaseEngine(db.Bun(), search.NewSynonymSource(db, 0))
		if _, err := search.Reindex(context.Background(), db, nil, search.ReindexBatchSize, engine); err != nil {
			t.Fatal(err)
		}
		rec := &recordedSearch{SearchService: search.NewService(db, engine, nil)}
		api := newTestAPI(t, db, func(_ *graph.Limits, c *server.Config) { c.Search = rec })
		const (
			edges  = `edges { cursor node { score issue { number title } } }`
			paging = `pageInfo { hasNextPage endCursor }`
		)
		for _, c := range []struct {
			name, selection       string
			skipFacets, skipTotal bool
		}{
			{"everything", "totalCount facets { agencies { slug count } } " + paging + " " + edges, false, false},
			{"benchmark", "totalCount " + edges, true, false},
			{"aliased total in a fragment", "...on SearchConnection { n: totalCount } " + paging + " " + edges, true, false},
			{"facets", "facets { verdicts { verdict count } } " + paging + " " + edges, false, true},
			{"page", paging + " " + edges, true, true},
			{"skipped total", "totalCount @skip(if: true) " + paging + " " + edges, true, true},
		} {
			query := `query($q: String!) { search(query: $q, first: 2) { ` + c.selection + ` } }`
			var got, full searchData
			api.post("", query, map[string]any{"q": "vaksin"}).decode(t, &got)
			rec.mu.Lock()
			last := rec.last
			rec.mu.Unlock()
			if last.SkipFacets != c.skipFacets || last.SkipTotal != c.skipTotal {
				t.Errorf("%s: skip facets %v, total %v; want %v, %v", c.name, last.SkipFacets, last.SkipTotal, c.skipFacets, c.skipTotal)
			}
			api.post("", searchQuery, map[string]any{"q": "vaksin", "first": 2}).decode(t, &full)
			page := func(d searchData) []string {
				var out []string
				for _, e := range d.Search.Edges {
					out = append(out, fmt.Sprint(e.Cursor, e.Node.Score, e.Node.Issue))
				}
				return out
			}
			if !reflect.DeepEqual(page(got), page(full)) || len(got.Search.Edges) != 2 {
				t.Errorf("%s: edges %q, want %q", c.name, page(got), page(full))
			}
			if c.name == "benchmark" && got.Search.TotalCount != full.Search.TotalCount {
				t.Errorf("%s: totalCount %d, want %d", c.name, got.Search.TotalCount, full.Search.TotalCount)
			}
			if c.name != "benchmark" && got.Search.PageInfo != full.Search.PageInfo {
				t.Errorf("%s: pageInfo %+v, want %+v", c.name, got.Search.PageInfo, full.Search.PageInfo)
			}
		}
	})
}
