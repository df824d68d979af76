package search_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/search/meilitest"
	"github.com/kotabaru/tanggap/store"
)

// TestRebuild: a rebuild replaces the whole index from the database while
// searches keep being answered from the old one; on Meilisearch it fills a
// fresh index and swaps it in.
func TestRebuild(t *testing.T) {
	for _, c := range engineCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var srv *meilitest.Server
			if c.engine == models.EngineMeilisearch {
				srv = meilitest.New("")
				t.Cleanup(srv.Close)
				c.build = func(_ testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine {
					return search.NewMeili(srv.URL, "", "issues", syn)
				}
			}
			e := newEnv(t, c)
			e.loadCorpus()
			// Damage the index behind the indexer's back: the rebuild must
			// restore it from the database alone.
			if err := e.engine.Index(ctx(), nil, []int64{e.issues["rob"].ID}); err != nil {
				t.Fatal(err)
			}
			if got := e.keys(e.search("banjir")); !same(got, "kebanjiran") {
				t.Fatalf("after the damage: %v", got)
			}

			duringRebuild := []string(nil)
			source := func(ctx context.Context, yield func([]*search.Document) error) error {
				return search.AllDocuments(e.db, 3)(ctx, func(docs []*search.Document) error {
					if err := yield(docs); err != nil {
						return err
					}
					if duringRebuild == nil {
						// Half-way through, searches still see the whole old index.
						duringRebuild = e.keys(e.search(""))
					}
					return nil
				})
			}
			n, err := e.engine.Rebuild(ctx(), source)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(publicKeys) {
				t.Errorf("rebuilt %d documents, want %d", n, len(publicKeys))
			}
			if len(duringRebuild) != len(publicKeys)-1 {
				t.Errorf("during the rebuild search saw %v, want the %d old documents", duringRebuild, len(publicKeys)-1)
			}
			if got := e.keys(e.search("banjir")); !same(got, "kebanjiran", "rob") {
				t.Errorf("after the rebuild: %v", got)
			}
			if got := e.keys(e.search("")); !same(got, publicKeys...) {
				t.Errorf("after the rebuild the index holds %v", got)
			}
			// Typo tolerance works from the rebuilt vocabulary.
			if got := e.keys(e.search("vaksinsai")); !slices.Equal(got, []string{"vaksin"}) {
				t.Errorf("typo after the rebuild: %v", got)
			}
			if srv != nil {
				if srv.Calls("POST /swap-indexes") != 1 {
					t.Errorf("swap-indexes called %d times, want once", srv.Calls("POST /swap-indexes"))
				}
				if got := srv.Indexes(); len(got) != 1 || got[0] != "issues" || strings.Contains(got[0], "rebuild") {
					t.Errorf("indexes after the rebuild: %v, want only the live one", got)
				}
			}
		})
	}
}

// TestMeiliAddedLater: a deployment that adds Meilisearch to a database whose
// index jobs are long done gets the new index filled through index jobs.
func TestMeiliAddedLater(t *testing.T) {
	e := newEnv(t, sqliteCase())
	e.loadCorpus()
	if b := e.backlog(); b.Pending != 0 {
		t.Fatalf("backlog before = %+v", b)
	}
	srv := meilitest.New("")
	t.Cleanup(srv.Close)
	meili := search.NewMeili(srv.URL, "", "issues", search.NewSynonymSource(e.db, 0))
	meili.OnCreated = func(ctx context.Context) error { return search.EnqueueAll(ctx, e.db, e.db.Jobs()) }
	e.pause()
	if err := meili.Setup(ctx()); err != nil {
		t.Fatal(err)
	}
	if b := e.backlog(); b.Pending == 0 {
		t.Fatal("creating the index queued nothing")
	}
	e.indexer = search.NewIndexer(e.db, e.engine, meili)
	e.indexer.Logger = quiet
	e.drain()
	if n := srv.Documents("issues"); n != len(publicKeys) {
		t.Errorf("Meilisearch holds %d documents, want %d", n, len(publicKeys))
	}
	// Setting up an existing index queues nothing again.
	if err := search.NewMeili(srv.URL, "", "issues", search.NewSynonymSource(e.db, 0)).Setup(ctx()); err != nil {
		t.Fatal(err)
	}
	if b := e.backlog(); b.Pending != 0 {
		t.Errorf("backlog after a second setup = %+v", b)
	}
}

// TestRebuildWritesWhatIndexWrites: the bulk statements of a rebuild store
// every document row, full-text entry and vocabulary count exactly as the
// indexer's document-by-document path does, times and tsvectors included,
// over batches smaller than the corpus; they restore missing and damaged
// rows and remove the row of an issue that is not public.
func TestRebuildWritesWhatIndexWrites(t *testing.T) {
	eachDatabaseCorpus(t, func(t *testing.T, e *env, c engineCase) {
		queries := indexQueries(c.dialect)
		indexed := snapshot(t, e.db, queries)
		columns, values := strings.Join(documentColumns, ", "), "id, number, title, summary, '', '', kind, status, NULL, NULL, NULL, created_at, updated_at, ''"
		if c.dialect == store.Postgres {
			columns, values = columns+", tsv", values+", to_tsvector('simple', title)"
		}
		damage := []string{
			"INSERT INTO search_documents (" + columns + ") SELECT " + values + " FROM issues " +
				"WHERE status = 'NEW' ORDER BY id LIMIT 1",
			"DELETE FROM search_documents WHERE issue_id IN (SELECT issue_id FROM search_documents ORDER BY issue_id LIMIT 2)",
			"UPDATE search_documents SET terms = 'rusak' WHERE issue_id IN (SELECT issue_id FROM search_documents ORDER BY issue_id DESC LIMIT 2)",
		}
		if c.dialect == store.Postgres {
			damage = append(damage, "UPDATE search_documents SET tsv = to_tsvector('simple', 'rusak') WHERE issue_id % 3 = 0")
		}
		for _, q := range damage {
			res, err := e.db.Bun().ExecContext(ctx(), q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				t.Fatalf("%s damaged nothing", q)
			}
		}
		if _, err := e.engine.Rebuild(ctx(), search.AllDocuments(e.db, 4)); err != nil {
			t.Fatal(err)
		}
		rebuilt := snapshot(t, e.db, queries)
		for i, q := range queries {
			if len(indexed[i]) == 0 || !slices.Equal(indexed[i], rebuilt[i]) {
				t.Errorf("%s\nindexed: %d rows\nrebuilt: %d rows\nfirst difference: %s", q, len(indexed[i]), len(rebuilt[i]), firstDifference(indexed[i], rebuilt[i]))
			}
		}
	})
}

// indexQueries read everything a database engine stores of its
// documents: the rows, the full-text entries (the tsvectors on
// PostgreSQL) and the vocabulary.
func indexQueries(d store.Dialect) []string {
	queries := []string{"SELECT term, docs FROM search_vocabulary ORDER BY term"}
	switch d {
	case store.SQLite:
		queries = append(queries,
			"SELECT issue_id, number, title, summary, body, extra, kind, status, verdict, agency_slug, category_slug, "+
				"CAST(created_at AS TEXT), CAST(updated_at AS TEXT), terms FROM search_documents ORDER BY issue_id",
			"SELECT rowid, title, summary, body, extra FROM search_fts ORDER BY rowid")
	case store.Postgres:
		queries = append(queries,
			"SELECT issue_id, number, title, summary, body, extra, kind, status, verdict, agency_slug, category_slug, "+
				"created_at::text, updated_at::text, terms, tsv::text, tsv_head::text, pg_column_size(tsv), pg_column_size(tsv_head) "+
				"FROM search_documents ORDER BY issue_id")
	}
	return queries
}

// TestRebuildPaths: whatever the state of the index, a rebuild leaves
// exactly what the indexer wrote document by document (every row,
// full-text entry and vocabulary count) and searches answer exactly as
// before, pages, scores, highlights and facets included: over an index
// that is up to date, which it only reads; into an empty one; and over one
// whose full-text entries all differ, which it replaces.
func TestRebuildPaths(t *testing.T) {
	searches := []string{"", "banjir", "vaksin", "jalan rusak", `"jalan rusak"`, "banjir -rob", "vaksinsai", "bansos",
		"dinkes", "puskesmas bayar", "kebanjir", "air bersih", "hoaks vaksin"}
	eachDatabaseCorpus(t, func(t *testing.T, e *env, c engineCase) {
		queries := indexQueries(c.dialect)
		indexed := snapshot(t, e.db, queries)
		answers := func() []string {
			var out []string
			for _, q := range searches {
				for _, order := range []models.SearchOrder{models.SearchByRelevance, models.SearchByNewest} {
					conn := e.search(q, func(r *models.SearchRequest) { r.Order = order })
					b, err := json.Marshal(conn)
					if err != nil {
						t.Fatal(err)
					}
					out = append(out, q+" "+string(order)+": "+string(b))
				}
			}
			return out
		}
		before := answers()
		// differences lists what differs from what the indexer wrote.
		differences := func(step string) []string {
			var out []string
			rebuilt := snapshot(t, e.db, queries)
			for i, q := range queries {
				if len(indexed[i]) == 0 || !slices.Equal(indexed[i], rebuilt[i]) {
					out = append(out, fmt.Sprintf("%s: %s\nindexed: %d rows\nrebuilt: %d rows\nfirst difference: %s", step, q,
						len(indexed[i]), len(rebuilt[i]), firstDifference(indexed[i], rebuilt[i])))
				}
			}
			return out
		}
		rebuildWith := func(engine search.Engine, step string, source search.DocumentStream, wantWritten func(n, written int) bool) {
			t.Helper()
			n, written, err := search.RebuildCounting(ctx(), engine, source)
			if err != nil {
				t.Fatalf("%s: %v", step, err)
			}
			if n != len(publicKeys) || !wantWritten(n, written) {
				t.Errorf("%s: %d documents, %d written", step, n, written)
			}
		}
		rebuildFrom := func(step string, source search.DocumentStream, wantWritten func(n, written int) bool) {
			t.Helper()
			rebuildWith(e.engine, step, source, wantWritten)
		}
		rebuild := func(step string, wantWritten func(n, written int) bool) {
			t.Helper()
			rebuildFrom(step, search.AllDocuments(e.db, 3), wantWritten)
			for _, d := range differences(step) {
				t.Error(d)
			}
			after := answers()
			for i := range before {
				if before[i] != after[i] {
					t.Errorf("%s: search changed\nbefore: %s\nafter:  %s", step, before[i], after[i])
				}
			}
		}

		rebuild("up to date", func(_, written int) bool { return written == 0 })

		empty := []string{"DELETE FROM search_documents", "DELETE FROM search_vocabulary"}
		if c.dialect == store.SQLite {
			empty = append(empty, "DELETE FROM search_fts")
		}
		exec(t, e.db, empty...)
		if got := e.keys(e.search("")); len(got) != 0 {
			t.Fatalf("the emptied index still finds %v", got)
		}
		rebuild("empty", func(n, written int) bool { return written == n })

		if c.dialect == store.Postgres {
			// Into an empty index the tsvectors are written in Go
			// (chunks of three documents here). One that differs from
			// PostgreSQL's where no check looks is stored as written:
			// the comparisons above see what Go writes.
			all := func(n, written int) bool { return written == n }
			// Without a binary connector the tsvectors go as text,
			// over the rebuild's transaction on the store's pool.
			exec(t, e.db, empty...)
			asText := search.NewPostgres(e.db.Bun(), search.NewSynonymSource(e.db, 0))
			rebuildWith(asText, "empty, as text", search.AllDocuments(e.db, 3), all)
			for _, d := range differences("empty, as text") {
				t.Error(d)
			}
			exec(t, e.db, empty...)
			rebuildFrom("misstemmed unchecked", search.MisstemDocuments(search.AllDocuments(e.db, 3), "penyaluran", "penyaluran", false), all)
			if len(differences("")) == 0 {
				t.Error("a tsvector written in Go that differs from PostgreSQL's was not stored: the empty path was not tested")
			}
			// A word that PostgreSQL stems otherwise, met after the first
			// chunk: the tsvectors of its documents are PostgreSQL's.
			exec(t, e.db, empty...)
			rebuildFrom("misstemmed word", search.MisstemDocuments(search.AllDocuments(e.db, 3), "penyaluran", "penyaluran", true), all)
			for _, d := range differences("misstemmed word") {
				t.Error(d)
			}
			// In the first chunk: every tsvector is PostgreSQL's.
			exec(t, e.db, empty...)
			rebuildFrom("misstemmed first chunk", search.MisstemDocuments(search.AllDocuments(e.db, 3), "kebanjiran", "kebanjiran", false), all)
			for _, d := range differences("misstemmed first chunk") {
				t.Error(d)
			}
		}

		if c.dialect == store.SQLite {
			exec(t, e.db, "UPDATE search_fts SET body = 'rusak'")
		} else {
			exec(t, e.db, "UPDATE search_documents SET tsv = to_tsvector('simple', 'rusak')")
		}
		rebuild("every entry differs", func(n, written int) bool { return written == n })

		// Two full-text entries differ while their rows stay: one
		// changed, one gone.
		if c.dialect == store.SQLite {
			exec(t, e.db, "UPDATE search_fts SET body = body || ' rusak' WHERE rowid = (SELECT min(rowid) FROM search_fts)",
				"DELETE FROM search_fts WHERE rowid = (SELECT max(rowid) FROM search_fts)")
		} else {
			exec(t, e.db, "UPDATE search_documents SET tsv = tsv || to_tsvector('simple', 'rusak') "+
				"WHERE issue_id IN ((SELECT min(issue_id) FROM search_documents), (SELECT max(issue_id) FROM search_documents))")
		}
		rebuild("two entries differ", func(_, written int) bool { return written == 2 })
	})
}

// exec runs statements that must each change something.
func exec(t *testing.T, db *store.DB, statements ...string) {
	t.Helper()
	for _, q := range statements {
		res, err := db.Bun().ExecContext(ctx(), q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			t.Fatalf("%s changed nothing", q)
		}
	}
}

// snapshot reads the rows of each query as text, one string per row.
func snapshot(t *testing.T, db *store.DB, queries []string) [][]string {
	t.Helper()
	out := make([][]string, len(queries))
	for i, q := range queries {
		rows, err := db.Bun().QueryContext(ctx(), q)
		if err != nil {
			t.Fatal(err)
		}
		columns, _ := rows.Columns()
		for rows.Next() {
			values := make([]sql.NullString, len(columns))
			dest := make([]any, len(columns))
			for j := range values {
				dest[j] = &values[j]
			}
			if err := rows.Scan(dest...); err != nil {
				t.Fatal(err)
			}
			row := make([]string, len(values))
			for j, v := range values {
				row[j] = fmt.Sprintf("%v:%q", v.Valid, v.String)
			}
			out[i] = append(out[i], strings.Join(row, " | "))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func firstDifference(a, b []string) string {
	for i := 0; i < min(len(a), len(b)); i++ {
		if a[i] != b[i] {
			return "\n  " + a[i] + "\n  " + b[i]
		}
	}
	return "(one is a prefix of the other)"
}

// documentColumns are the columns of search_documents both databases share.
var documentColumns = []string{"issue_id", "number", "title", "summary", "body", "extra", "kind", "status", "verdict",
	"agency_slug", "category_slug", "created_at", "updated_at", "terms"}

// TestIndexSameIssueTwice: a job that holds one issue twice writes its last
// version, once. PostgreSQL writes a job's documents in one statement, which
// cannot write a row twice, and the vocabulary must count the document once:
// after a job whose last version of the issue is the stored one, the index
// is as it was.
func TestIndexSameIssueTwice(t *testing.T) {
	eachDatabaseCorpus(t, func(t *testing.T, e *env, c engineCase) {
		queries := indexQueries(c.dialect)
		before := snapshot(t, e.db, queries)
		docs := storedDocuments(t, e.db)
		if len(docs) < 2 {
			t.Fatalf("%d documents", len(docs))
		}
		changed := *docs[0]
		changed.Body += " Kata baru: gelombangpasang rawarawa."
		job := []*search.Document{&changed, docs[1], docs[0]}
		if err := e.engine.Index(ctx(), job, nil); err != nil {
			t.Fatal(err)
		}
		after := snapshot(t, e.db, queries)
		for i, q := range queries {
			if !slices.Equal(before[i], after[i]) {
				t.Errorf("%s\nbefore: %d rows\nafter: %d rows\nfirst difference: %s", q, len(before[i]), len(after[i]), firstDifference(before[i], after[i]))
			}
		}
		if hits := e.search("gelombangpasang"); hits.TotalCount != 0 {
			t.Errorf("the version written first is found: %d hits", hits.TotalCount)
		}
	})
}

// storedDocuments returns the documents of every public issue of db, as a
// rebuild reads them.
func storedDocuments(t *testing.T, db *store.DB) []*search.Document {
	t.Helper()
	var docs []*search.Document
	if err := search.AllDocuments(db, 100)(ctx(), func(batch []*search.Document) error {
		docs = append(docs, batch...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return docs
}
