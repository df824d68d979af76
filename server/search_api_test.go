package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// withSearch wires a search service of the test's own.
func withSearch(s *search.Service) apiOption {
	return func(_ *graph.Limits, c *server.Config) { c.Search = s }
}

const searchQuery = `query($q: String!, $first: Int, $after: String, $filter: SearchFilter) {
  search(query: $q, first: $first, after: $after, filter: $filter) {
    totalCount engine fallback quality ignoredWords matchedWords
    pageInfo { hasNextPage endCursor }
    facets { agencies { slug name count } categories { slug count } verdicts { verdict label count } }
    edges { cursor node { score highlights missingWords issue { number title } } }
  }
}`

type searchData struct {
	Search struct {
		TotalCount                 int
		Engine                     string
		Fallback                   bool
		Quality                    string
		IgnoredWords, MatchedWords []string
		PageInfo                   struct {
			HasNextPage bool
			EndCursor   string
		}
		Facets struct {
			Agencies []struct {
				Slug, Name string
				Count      int
			}
			Verdicts []struct {
				Verdict, Label string
				Count          int
			}
		}
		Edges []struct {
			Cursor string
			Node   struct {
				Score        float64
				Highlights   []string
				MissingWords []string
				Issue        struct{ Number, Title string }
			}
		}
	}
}

func TestSearchAPI(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		synonyms := search.NewSynonymSource(db, 0)
		engine := search.NewSQLite(db.Bun(), synonyms)
		if db.Dialect() == store.Postgres {
			engine = search.NewPostgres(db.Bun(), synonyms)
		}
		if _, err := search.Reindex(context.Background(), db, nil, search.ReindexBatchSize, engine); err != nil {
			t.Fatal(err)
		}
		api := newTestAPI(t, db, withSearch(search.NewService(db, engine, nil)))

		t.Run("OK", func(t *testing.T) {
			var out searchData
			api.post("", searchQuery, map[string]any{"q": "vaksin puskesmas", "first": 2}).decode(t, &out)
			s := out.Search
			if s.TotalCount == 0 || len(s.Edges) == 0 || s.Engine != string(engine.Name()) || s.Fallback {
				t.Fatalf("search = %+v", s)
			}
			if !strings.Contains(strings.ToLower(strings.Join(s.Edges[0].Node.Highlights, " ")), "<mark>vaksin") {
				t.Errorf("highlights = %q", s.Edges[0].Node.Highlights)
			}
			if len(s.Facets.Agencies) == 0 || s.Facets.Agencies[0].Name == "" {
				t.Errorf("facets = %+v", s.Facets)
			}
			if s.PageInfo.EndCursor != s.Edges[len(s.Edges)-1].Cursor {
				t.Errorf("endCursor %q is not the last edge's cursor", s.PageInfo.EndCursor)
			}
		})

		t.Run("Graceful", func(t *testing.T) {
			var out searchData
			api.post("", searchQuery, map[string]any{"q": "benarkah air PDAM Kotabaru tercemar bakteri di sungai batulicin?", "first": 3}).decode(t, &out)
			s := out.Search
			if len(s.Edges) == 0 || !strings.Contains(s.Edges[0].Node.Issue.Title, "bakteri koli") || s.Quality != "PARTIAL" {
				t.Fatalf("search = %+v", s)
			}
			if !slices.Equal(s.IgnoredWords, []string{"sungai", "batulicin"}) || !slices.Equal(s.Edges[0].Node.MissingWords, s.IgnoredWords) ||
				!slices.Contains(s.MatchedWords, "pdam") || slices.Contains(s.MatchedWords, "benarkah") {
				t.Errorf("ignored %q, matched %q, first lacks %q", s.IgnoredWords, s.MatchedWords, s.Edges[0].Node.MissingWords)
			}
			api.post("", searchQuery, map[string]any{"q": "harga tiket pesawat ke jakarta", "first": 3}).decode(t, &out)
			if out.Search.Quality != "NONE" || len(out.Search.IgnoredWords) == 0 {
				t.Errorf("a question the demo has no answer to: %+v", out.Search)
			}
		})

		t.Run("Filter", func(t *testing.T) {
			var out searchData
			api.post("", searchQuery, map[string]any{"q": "", "first": 100, "filter": map[string]any{"verdict": []string{"FALSE"}}}).decode(t, &out)
			if len(out.Search.Facets.Verdicts) != 1 || out.Search.Facets.Verdicts[0].Label != "Hoaks" ||
				out.Search.Facets.Verdicts[0].Count != out.Search.TotalCount || len(out.Search.Edges) != out.Search.TotalCount {
				t.Errorf("verdict filter: %+v", out.Search)
			}
		})

		t.Run("ErrBadUserInput", func(t *testing.T) {
			for _, vars := range []map[string]any{
				{"q": "banjir", "first": 0},
				{"q": "banjir", "first": 101},
				{"q": "banjir", "after": "bukan-kursor"},
				{"q": strings.Repeat("banjir ", 40)},
			} {
				if r := api.post("", searchQuery, vars); r.code() != "BAD_USER_INPUT" {
					t.Errorf("%v: %s", vars, r.Raw)
				}
			}
		})

		t.Run("Cost", func(t *testing.T) {
			cost := func(first int) float64 {
				r := api.post("", searchQuery, map[string]any{"q": "banjir", "first": first})
				c, _ := r.Extensions["cost"].(map[string]any)
				n, _ := c["complexity"].(float64)
				return n
			}
			if small, large := cost(1), cost(50); large < 20*small {
				t.Errorf("cost of first 1 = %v, of first 50 = %v: not counted per result", small, large)
			}
		})

		t.Run("Synonyms", func(t *testing.T) {
			const set = `mutation($term: String!, $synonyms: [String!]!) {
				setSearchSynonyms(input: {term: $term, synonyms: $synonyms}) { searchSynonym { term synonyms } } }`
			if r := api.post("", set, map[string]any{"term": "ferry", "synonyms": []string{"feri"}}); r.code() != "UNAUTHENTICATED" {
				t.Errorf("anonymous: %s", r.Raw)
			}
			trc := api.login("trc.sari@demo.tanggap.id", store.DemoPassword)
			if r := api.post(trc, set, map[string]any{"term": "ferry", "synonyms": []string{"feri"}}); r.code() != "FORBIDDEN" {
				t.Errorf("TRC: %s", r.Raw)
			}
			admin := api.login("admin@demo.tanggap.id", store.DemoPassword)
			var before searchData
			api.post("", searchQuery, map[string]any{"q": "ferry batulicin", "first": 10}).decode(t, &before)
			r := api.post(admin, set, map[string]any{"term": " Ferry ", "synonyms": []string{"Feri", "kapal feri"}})
			if r.code() != "" || !strings.Contains(string(r.Raw), `"synonyms":["feri","kapal feri"]`) {
				t.Fatalf("admin: %s", r.Raw)
			}
			var after searchData
			api.post("", searchQuery, map[string]any{"q": "ferry batulicin", "first": 10}).decode(t, &after)
			// Before, issues about Batulicin may come as partial matches,
			// but none holds both words.
			if before.Search.Quality == "STRONG" || after.Search.Quality != "STRONG" || after.Search.TotalCount == 0 {
				t.Errorf("ferry batulicin: %s with %d results before the synonym, %s with %d after",
					before.Search.Quality, before.Search.TotalCount, after.Search.Quality, after.Search.TotalCount)
			}
			var list struct {
				SearchSynonyms []struct{ Term string }
			}
			api.post(admin, `{ searchSynonyms { term } }`, nil).decode(t, &list)
			found := false
			for _, s := range list.SearchSynonyms {
				found = found || s.Term == "ferry"
			}
			if !found || len(list.SearchSynonyms) < 30 {
				t.Errorf("synonyms: %+v", list.SearchSynonyms)
			}
			if r := api.post(admin, `mutation { deleteSearchSynonyms(input: {term: "ferry"}) { searchSynonym { term } } }`, nil); r.code() != "" {
				t.Errorf("delete: %s", r.Raw)
			}
			if r := api.post(admin, `mutation { deleteSearchSynonyms(input: {term: "ferry"}) { searchSynonym { term } } }`, nil); r.code() != "NOT_FOUND" {
				t.Errorf("delete again: %s", r.Raw)
			}
		})

		t.Run("ReadyzAndMetrics", func(t *testing.T) {
			resp, err := http.Get(api.srv.URL + "/readyz")
			if err != nil {
				t.Fatal(err)
			}
			var ready struct {
				Search map[string]any `json:"search"`
			}
			json.NewDecoder(resp.Body).Decode(&ready) //nolint:errcheck // checked below
			resp.Body.Close()
			for _, key := range []string{"engine", "index_pending", "index_dead", "index_oldest_pending_seconds"} {
				if _, ok := ready.Search[key]; !ok {
					t.Errorf("/readyz search lacks %s: %v", key, ready.Search)
				}
			}
			resp, err = http.Get(api.srv.URL + "/metrics")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			for _, series := range []string{`tanggap_search_queries_total{engine="` + string(engine.Name()) + `",fallback="false"}`,
				`tanggap_jobs{kind="search.index",state="available"}`, `tanggap_jobs_oldest_pending_seconds{kind="search.index"}`} {
				if !strings.Contains(string(body), series) {
					t.Errorf("/metrics lacks %s", series)
				}
			}
		})
	})
}
