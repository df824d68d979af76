package search_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
)

// selectionModes are what a GraphQL operation may leave out of a search
// (docs/search.md, "Speed at 100,000 documents").
var selectionModes = []struct {
	name                  string
	skipFacets, skipTotal bool
}{
	{"total only", true, false},
	{"facets only", false, true},
	{"neither", true, true},
}

// TestSearchSelection runs every search with the facets, the total or both
// left out and compares the answers with those of the full search: the
// same pages, cursors, hasNextPage and quality, the same total and facets
// when they are asked for. It also checks that the one statement of the
// search counts only what is asked for.
func TestSearchSelection(t *testing.T) {
	str := func(s string) *string { return &s }
	searches := []models.SearchRequest{
		{Query: "air bersih"},
		{Query: "kebanj"},
		{Query: "banjir ", Order: models.SearchByNewest},
		{Query: "banjir ", Order: models.SearchByNewest, Filter: models.SearchFilter{AgencySlug: str("bpbd")}},
		{Query: "warga", Filter: models.SearchFilter{Kind: []models.IssueKind{models.KindMisinformation}}},
		{Query: "jembtan "},
		{Query: "dinkes"},
		{Query: "hoaks dinkes -banjir"},
		{Query: `"air bersih"`},
		{Query: "-banjir"},
		{Query: "warga -banjir"},
		{Query: "drainase sumur "},
		{Query: "banjir kemarin "},
		{Query: "xilofon"},
		{Query: ""},
		{Query: "", Filter: models.SearchFilter{CategorySlug: str("kesehatan")}},
		{Query: "", Order: models.SearchByNewest},
	}
	for _, c := range engineCases(t) {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, c)
			e.loadCorpus()
			counter := &statementCounter{}
			e.db.AddQueryHook(counter)
			service := search.NewService(e.db, c.build(t, e.db, search.NewSynonymSource(e.db, time.Hour)), nil)
			run := func(req models.SearchRequest) (*models.SearchConnection, []string) {
				t.Helper()
				if _, err := service.Search(ctx(), req); err != nil { // reads the synonyms once
					t.Fatalf("%+v: %v", req, err)
				}
				counter.reset()
				conn, err := service.Search(ctx(), req)
				if err != nil {
					t.Fatalf("%+v: %v", req, err)
				}
				return conn, counter.statements()
			}
			for _, base := range searches {
				for _, size := range []int{1, 2, 20} {
					req := base
					req.First = first(size)
					// Every page, and one past the last (an empty page).
					for page := 0; page < 40; page++ {
						full, fullStatements := run(req)
						for _, m := range selectionModes {
							r := req
							r.SkipFacets, r.SkipTotal = m.skipFacets, m.skipTotal
							got, statements := run(r)
							where := func() string { return fmt.Sprintf("%s, %q, first %d, page %d", m.name, req.Query, size, page) }
							compareSelection(t, where(), full, got, m.skipFacets, m.skipTotal)
							if len(statements) > len(fullStatements) && !(m.skipTotal && m.skipFacets) {
								t.Errorf("%s: %d statements, %d with everything:\n%s", where(), len(statements), len(fullStatements), strings.Join(statements, "\n"))
							}
							if c.engine != models.EngineMeilisearch {
								checkCounting(t, where(), statements, m.skipFacets, m.skipTotal)
								if c.engine == models.EngineSQLite && m.skipFacets && !m.skipTotal && r.Filter.AgencySlug == nil && r.Filter.Kind == nil {
									checkSQLiteCount(t, where(), statements)
								}
							}
						}
						if len(full.Edges) == 0 {
							break
						}
						req.After = full.Edges[len(full.Edges)-1].Cursor
					}
				}
			}
		})
	}
}

// compareSelection fails when a search that left something out answers
// differently from the full one.
func compareSelection(t *testing.T, where string, full, got *models.SearchConnection, skipFacets, skipTotal bool) {
	t.Helper()
	type edge struct {
		Cursor, Number      string
		Score               float64
		Highlights, Missing []string
	}
	edges := func(c *models.SearchConnection) []edge {
		out := []edge{}
		for _, e := range c.Edges {
			out = append(out, edge{e.Cursor, e.Node.Issue.Number, e.Node.Score, e.Node.Highlights, e.Node.MissingWords})
		}
		return out
	}
	if !reflect.DeepEqual(edges(full), edges(got)) {
		t.Errorf("%s: edges\n%+v\nwant\n%+v", where, edges(got), edges(full))
	}
	if got.HasNextPage != full.HasNextPage {
		t.Errorf("%s: hasNextPage %v, want %v", where, got.HasNextPage, full.HasNextPage)
	}
	if got.Quality != full.Quality || !reflect.DeepEqual(got.IgnoredWords, full.IgnoredWords) || !reflect.DeepEqual(got.MatchedWords, full.MatchedWords) {
		t.Errorf("%s: quality %s %v %v, want %s %v %v", where, got.Quality, got.IgnoredWords, got.MatchedWords,
			full.Quality, full.IgnoredWords, full.MatchedWords)
	}
	if got.Engine != full.Engine || got.Fallback != full.Fallback {
		t.Errorf("%s: engine %s %v, want %s %v", where, got.Engine, got.Fallback, full.Engine, full.Fallback)
	}
	if !skipTotal && got.TotalCount != full.TotalCount {
		t.Errorf("%s: totalCount %d, want %d", where, got.TotalCount, full.TotalCount)
	}
	if !skipFacets && !reflect.DeepEqual(got.Facets, full.Facets) {
		t.Errorf("%s: facets differ", where)
	}
	if skipFacets && got.Facets == nil {
		t.Errorf("%s: nil facets", where)
	}
}

// checkCounting fails when the search statement counts what was not asked
// for: no grouping without facets, no count at all without the total
// either. The statement that later pages of an uncountable page run again
// with the count is allowed.
func checkCounting(t *testing.T, where string, statements []string, skipFacets, skipTotal bool) {
	t.Helper()
	var searchStatements []string
	for _, s := range statements {
		if strings.Contains(s, "'p' AS kind") {
			searchStatements = append(searchStatements, s)
		}
	}
	if len(searchStatements) == 0 {
		if !strings.Contains(where, "xilofon") && !strings.Contains(where, "kemarin") {
			t.Errorf("%s: no search statement among\n%s", where, strings.Join(statements, "\n"))
		}
		return
	}
	first := searchStatements[0]
	grouped := strings.Contains(first, "GROUP BY")
	counted := strings.Contains(first, "count(*)")
	switch {
	case skipFacets && skipTotal && counted:
		t.Errorf("%s: counts although neither facets nor total are asked for:\n%s", where, first)
	case skipFacets && !skipTotal && (grouped || !counted):
		t.Errorf("%s: groups (%v) or does not count (%v) for the total alone:\n%s", where, grouped, !counted, first)
	case !skipFacets && !grouped:
		t.Errorf("%s: no facets:\n%s", where, first)
	}
}

// checkSQLiteCount fails when SQLite counts the matches of an unfiltered
// search by relevance other than from the full-text index alone.
func checkSQLiteCount(t *testing.T, where string, statements []string) {
	t.Helper()
	for _, s := range statements {
		if !strings.Contains(s, "'p' AS kind") || strings.HasPrefix(s, "WITH") || !strings.Contains(s, "f.search_fts MATCH") {
			continue
		}
		if _, count, _ := strings.Cut(s, "count(*) FROM "); !strings.HasPrefix(count, "search_fts AS f WHERE") {
			t.Errorf("%s: the total is not counted from the full-text index alone:\n%s", where, s)
		}
	}
}
