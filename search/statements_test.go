package search_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/store"
)

// statementCounter counts the SQL statements a database runs, BEGIN and
// COMMIT included.
type statementCounter struct {
	mu    sync.Mutex
	n     int
	query []string
}

var _ bun.QueryHook = (*statementCounter)(nil)

func (c *statementCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}

func (c *statementCounter) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	c.mu.Lock()
	c.n++
	c.query = append(c.query, e.Query)
	c.mu.Unlock()
}

func (c *statementCounter) reset() {
	c.mu.Lock()
	c.n, c.query = 0, nil
	c.mu.Unlock()
}

func (c *statementCounter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// statements returns the statements run since the last reset.
func (c *statementCounter) statements() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.query...)
}

// TestSearchStatements counts the SQL statements one search issues on each
// database engine, so that a change that adds a round trip shows. The
// synonyms are cached as in production.
func TestSearchStatements(t *testing.T) {
	str := func(s string) *string { return &s }
	searches := []struct {
		name   string
		req    models.SearchRequest
		sqlite int
		pg     int
	}{
		// The vocabulary (known words and those the last one begins), the
		// search and the issues of the page; the names of the facets'
		// agencies and categories come from the store's cache, read once
		// before these counts. On PostgreSQL the setting that keeps the
		// search on the full-text index goes in the same query.
		{"words", models.SearchRequest{Query: "air bersih"}, 3, 3},
		{"prefix", models.SearchRequest{Query: "kebanj"}, 3, 3},
		{"filter and order", models.SearchRequest{Query: "banjir ", Order: models.SearchByNewest,
			Filter: models.SearchFilter{AgencySlug: str("bpbd")}}, 3, 3},
		// A word the index does not hold asks for the words close to it.
		{"typo", models.SearchRequest{Query: "jembtan "}, 4, 4},
		{"exclusion only", models.SearchRequest{Query: "-banjir"}, 2, 2},
		// Fewer than three documents hold both words: the partial search
		// follows the strict one (see graceful.go); the number of
		// documents is cached, as in production.
		{"partial", models.SearchRequest{Query: "drainase sumur "}, 4, 4},
		// A word no document holds: only the partial search runs, after
		// the words close to it.
		{"partial, unknown word", models.SearchRequest{Query: "banjir kemarin "}, 4, 4},
		{"list", models.SearchRequest{Query: ""}, 2, 2},
	}
	eachDatabaseCorpus(t, func(t *testing.T, e *env, c engineCase) {
		counter := &statementCounter{}
		e.db.AddQueryHook(counter)
		service := search.NewService(e.db, c.build(t, e.db, search.NewSynonymSource(e.db, time.Hour)), nil)
		for _, s := range searches {
			// Leaving out the facets or the total changes what the one
			// search statement counts, not how many statements run.
			for _, m := range append([]struct {
				name                  string
				skipFacets, skipTotal bool
			}{{"everything", false, false}}, selectionModes...) {
				req := s.req
				req.SkipFacets, req.SkipTotal = m.skipFacets, m.skipTotal
				if _, err := service.Search(ctx(), req); err != nil { // reads the synonyms once
					t.Fatal(err)
				}
				counter.reset()
				conn, err := service.Search(ctx(), req)
				if err != nil {
					t.Fatal(err)
				}
				if len(conn.Edges) == 0 {
					t.Errorf("%s, %s: no results", s.name, m.name)
				}
				want := s.sqlite
				if c.dialect == store.Postgres {
					want = s.pg
				}
				if got := counter.count(); got != want {
					t.Errorf("%s, %s: %d statements, want %d:\n%s", s.name, m.name, got, want, strings.Join(counter.statements(), "\n"))
				}
				// The full-text statements of PostgreSQL carry the setting
				// that keeps them on the index.
				for _, q := range counter.statements() {
					if c.dialect == store.Postgres && strings.Contains(q, "@@") &&
						!strings.HasPrefix(q, "SET LOCAL enable_seqscan = off; ") {
						t.Errorf("%s, %s: a full-text statement without the planner setting:\n%.300s", s.name, m.name, q)
					}
				}
			}
		}
	})
}
