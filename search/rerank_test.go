package search_test

import (
	"slices"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestPostgresRerankBound: when more documents match than PostgreSQL ranks
// exactly, the best by title and summary are ranked on everything and the
// rest follow; every match is still found once, counted, and paged through
// in one consistent order, also past the bound.
func TestPostgresRerankBound(t *testing.T) {
	if !slices.Contains(storetest.Dialects(t), store.Postgres) {
		t.Skipf("%s is not set: this test needs PostgreSQL", storetest.PostgresURLEnv)
	}
	e := newEnv(t, postgresCase())
	e.loadCorpus()
	exact := e.search("warga")
	restore := search.SetRerankCandidates(2)
	defer restore()
	bounded := e.search("warga")
	if bounded.TotalCount != exact.TotalCount || len(bounded.Edges) != len(exact.Edges) || len(exact.Edges) < 5 {
		t.Fatalf("bounded: %d of %d results, exact: %d of %d", len(bounded.Edges), bounded.TotalCount, len(exact.Edges), exact.TotalCount)
	}
	t.Logf("exact %v, bounded %v", e.keys(exact), e.keys(bounded))
	if !same(e.keys(bounded), e.keys(exact)...) {
		t.Errorf("bounded ranking finds %v, exact %v", e.keys(bounded), e.keys(exact))
	}
	if bounded.Edges[0].Node.Score < bounded.Edges[1].Node.Score {
		t.Errorf("the candidates ranked exactly are out of order: %v then %v", bounded.Edges[0].Node.Score, bounded.Edges[1].Node.Score)
	}
	var paged []string
	after := ""
	for page := 0; page < 10; page++ {
		conn := e.search("warga", func(r *models.SearchRequest) { r.First, r.After = first(2), after })
		paged = append(paged, e.keys(conn)...)
		if !conn.HasNextPage {
			break
		}
		after = conn.Edges[len(conn.Edges)-1].Cursor
	}
	if !slices.Equal(paged, e.keys(bounded)) {
		t.Errorf("pages of two hold %v, one page %v", paged, e.keys(bounded))
	}
}
