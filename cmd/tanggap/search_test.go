package main_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/search/meilitest"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

type searchAnswer struct {
	TotalCount int
	Engine     string
	Fallback   bool
}

func searchOnce(t *testing.T, baseURL, q string) searchAnswer {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": `{ search(query: "` + q + `") { totalCount engine fallback } }`})
	resp, err := http.Post(baseURL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out struct {
		Data   struct{ Search searchAnswer }
		Errors []json.RawMessage
	}
	if err := json.Unmarshal(raw, &out); err != nil || len(out.Errors) > 0 {
		t.Fatalf("search failed: %s", raw)
	}
	return out.Data.Search
}

// eventually polls check until it holds: the indexer runs in the
// background of the served process.
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !check() {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen within 30s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeSearchWithMeilisearch: with TANGGAP_MEILI_URL set, serve fills
// the fresh Meilisearch index and answers from it; when Meilisearch hangs the
// database answers and says so.
func TestServeSearchWithMeilisearch(t *testing.T) {
	meili := meilitest.New("kunci-meili-uji")
	t.Cleanup(meili.Close)
	env := []string{"TANGGAP_DATA_DIR=" + t.TempDir(), "TANGGAP_DATABASE_URL=", "TANGGAP_JWT_SECRET=",
		"TANGGAP_MEILI_URL=" + meili.URL, "TANGGAP_MEILI_KEY=kunci-meili-uji", "TANGGAP_MEILI_INDEX=tanggap_uji"}
	s := serve(t, env, "--demo")
	eventually(t, "indexing the demo data into Meilisearch", func() bool {
		return meili.Documents("tanggap_uji") > 50 && searchOnce(t, s.url, "vaksin").Engine == "MEILISEARCH"
	})
	if got := searchOnce(t, s.url, "vaksin"); got.TotalCount == 0 || got.Fallback {
		t.Errorf("search from Meilisearch = %+v", got)
	}
	meili.SetHang(true)
	// Another query than before: a repeated one may be answered from the
	// response cache, which is the point of it.
	if got := searchOnce(t, s.url, "banjir"); got.Engine != "SQLITE_FTS5" || !got.Fallback || got.TotalCount == 0 {
		t.Errorf("search while Meilisearch hangs = %+v, want the database's answer", got)
	}
	meili.SetHang(false)
	s.stop(t)
	if strings.Contains(s.stderr.String(), "kunci-meili-uji") {
		t.Error("the Meilisearch key reached the log")
	}
}

// TestReindex rebuilds SQLite and Meilisearch from the database.
func TestReindex(t *testing.T) {
	meili := meilitest.New("")
	t.Cleanup(meili.Close)
	dir := t.TempDir()
	env := []string{"TANGGAP_DATA_DIR=" + dir, "TANGGAP_DATABASE_URL=", "TANGGAP_JWT_SECRET="}
	if out, err := command(t, env, "", "seed"); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	out, err := command(t, env, "", "reindex")
	if err != nil || !strings.Contains(out, "Rebuilt the SQLITE_FTS5 index: 91 documents.") {
		t.Fatalf("reindex: %v\n%s", err, out)
	}
	out, err = command(t, append(env, "TANGGAP_MEILI_URL="+meili.URL, "TANGGAP_MEILI_INDEX=ulang"), "", "reindex")
	if err != nil || !strings.Contains(out, "Rebuilt the MEILISEARCH index: 91 documents.") {
		t.Fatalf("reindex with Meilisearch: %v\n%s", err, out)
	}
	if n := meili.Documents("ulang"); n != 91 || meili.Calls("POST /swap-indexes") != 1 {
		t.Errorf("Meilisearch holds %d documents after %d swaps", n, meili.Calls("POST /swap-indexes"))
	}
	if _, err := command(t, env, "", "reindex", "extra"); err == nil {
		t.Error("reindex accepted an argument")
	}
}

// TestServeSearchOnPostgres: on PostgreSQL the indexer (one instance at a
// time, by advisory lock) fills the indonesian tsvector index and searches
// answer from it. It runs where the PostgreSQL tests run (always on CI).
func TestServeSearchOnPostgres(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		if d != store.Postgres {
			continue
		}
		env := []string{"TANGGAP_DATABASE_URL=" + storetest.NewPostgresURL(t), "TANGGAP_JWT_SECRET=" + secret}
		for _, args := range [][]string{{"migrate", "up"}, {"seed"}} {
			if out, err := command(t, env, "", args...); err != nil {
				t.Fatalf("%v: %v\n%s", args, err, out)
			}
		}
		s := serve(t, env)
		eventually(t, "indexing the seeded issues", func() bool { return searchOnce(t, s.url, "kebanjiran").TotalCount > 0 })
		if got := searchOnce(t, s.url, "kebanjiran"); got.Engine != "POSTGRES" || got.Fallback {
			t.Errorf("search = %+v", got)
		}
		s.stop(t)
	}
}
