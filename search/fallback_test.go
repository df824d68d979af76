package search_test

import (
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/search/meilitest"
	"github.com/kotabaru/tanggap/store"
)

// TestFallback: when Meilisearch hangs or is away, the database engine
// answers within the deadline and the response says so; once Meilisearch is
// back, it answers again.
func TestFallback(t *testing.T) {
	srv := meilitest.New("")
	t.Cleanup(srv.Close)
	var meili *search.Meili
	e := newEnv(t, engineCase{"meilisearch-fake", store.SQLite, models.EngineMeilisearch,
		func(_ testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine {
			meili = search.NewMeili(srv.URL, "", "issues", syn)
			return meili
		}})
	db := search.NewSQLite(e.db.Bun(), search.NewSynonymSource(e.db, 0))
	// The indexer keeps both engines current, so either can answer.
	e.indexer = search.NewIndexer(e.db, db, meili)
	e.indexer.Logger = quiet
	service := search.NewService(e.db, meili, db)
	service.Logger, service.Deadline = quiet, 200*time.Millisecond
	var observed []models.SearchEngine
	service.Observe = func(engine models.SearchEngine, fallback bool, _ time.Duration) {
		observed = append(observed, engine)
	}
	e.service = service
	e.loadCorpus()

	check := func(name string, want models.SearchEngine, fallback bool) {
		t.Helper()
		conn := e.search("kebanjiran")
		if conn.Engine != want || conn.Fallback != fallback {
			t.Errorf("%s: answered by %s (fallback %v), want %s (fallback %v)", name, conn.Engine, conn.Fallback, want, fallback)
		}
		if got := e.keys(conn); !same(got, "kebanjiran", "rob") {
			t.Errorf("%s: found %v", name, got)
		}
	}
	check("up", models.EngineMeilisearch, false)

	srv.SetHang(true)
	started := time.Now()
	check("hanging", models.EngineSQLite, true)
	if elapsed := time.Since(started); elapsed > 5*time.Second {
		t.Errorf("the fallback took %s", elapsed)
	}
	// Within the cooldown the fallback answers without waiting again.
	srv.SetHang(false)
	srv.SetDown(true)
	check("cooling down", models.EngineSQLite, true)

	service.Cooldown = 0
	check("down", models.EngineSQLite, true)
	srv.SetDown(false)
	check("back", models.EngineMeilisearch, false)

	want := []models.SearchEngine{models.EngineMeilisearch, models.EngineSQLite, models.EngineSQLite,
		models.EngineSQLite, models.EngineMeilisearch}
	if len(observed) != len(want) {
		t.Fatalf("observed %v, want %v", observed, want)
	}
	for i := range want {
		if observed[i] != want[i] {
			t.Errorf("observed %v, want %v", observed, want)
			break
		}
	}

	st, err := service.Status(ctx())
	if err != nil || st.Engine != models.EngineMeilisearch || st.FallbackTo != models.EngineSQLite {
		t.Errorf("status = %+v, %v", st, err)
	}
}
