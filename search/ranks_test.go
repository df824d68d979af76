package search_test

import (
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/search"
)

// TestPostgresSearchRanksInStep: search_ranks, the tsvectors PostgreSQL
// ranks on, holds exactly the issue and tsvector of every row of
// search_documents whichever path writes them: the indexer, a document
// written again with other words, a removal, every kind of rebuild, and
// statements on search_documents themselves.
func TestPostgresSearchRanksInStep(t *testing.T) {
	e := postgresCorpus(t)
	inStep := func(step string, wantRows bool) {
		t.Helper()
		var n, differ int
		if err := e.db.Bun().NewRaw("SELECT count(*) FROM search_ranks").Scan(ctx(), &n); err != nil {
			t.Fatal(err)
		}
		if err := e.db.Bun().NewRaw("SELECT count(*) FROM search_documents AS d FULL JOIN search_ranks AS r ON r.issue_id = d.issue_id "+
			"WHERE r.issue_id IS NULL OR d.issue_id IS NULL OR r.tsv::text <> d.tsv::text").Scan(ctx(), &differ); err != nil {
			t.Fatal(err)
		}
		if differ != 0 || (n > 0) != wantRows {
			t.Errorf("%s: %d rows of search_ranks, %d differ from search_documents", step, n, differ)
		}
	}
	inStep("indexed", true)

	docs := storedDocuments(t, e.db)
	if len(docs) < 3 {
		t.Fatalf("%d documents", len(docs))
	}
	rankOf := func(id int64) string {
		t.Helper()
		var tsv string
		if err := e.db.Bun().NewRaw("SELECT tsv::text FROM search_ranks WHERE issue_id = ?", id).Scan(ctx(), &tsv); err != nil {
			t.Fatal(err)
		}
		return tsv
	}
	changed := *docs[0]
	before := rankOf(changed.IssueID)
	changed.Body += " Jembatan gantung di Sungai Durian sudah diperbaiki."
	if err := e.engine.Index(ctx(), []*search.Document{&changed}, []int64{docs[1].IssueID}); err != nil {
		t.Fatal(err)
	}
	if rankOf(changed.IssueID) == before {
		t.Error("the document written again kept its old tsvector in search_ranks")
	}
	inStep("written again, one removed", true)

	rebuild := func(step string) {
		t.Helper()
		if _, err := e.engine.Rebuild(ctx(), search.AllDocuments(e.db, 3)); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		inStep(step, true)
	}
	// A row for an issue that is not public: the rebuild removes it.
	exec(t, e.db, "INSERT INTO search_documents ("+strings.Join(documentColumns, ", ")+", tsv) "+
		"SELECT id, number, title, summary, '', '', kind, status, NULL, NULL, NULL, created_at, updated_at, '', "+
		"to_tsvector('simple', title) FROM issues WHERE status = 'NEW' ORDER BY id LIMIT 1")
	inStep("a row inserted by a statement", true)
	rebuild("rebuilt over the changes")
	rebuild("rebuilt up to date")
	exec(t, e.db, "UPDATE search_documents SET tsv = to_tsvector('simple', 'rusak') WHERE issue_id % 2 = 0")
	inStep("tsvectors replaced by a statement", true)
	rebuild("rebuilt over other tsvectors")
	exec(t, e.db, "DELETE FROM search_documents", "DELETE FROM search_vocabulary")
	inStep("emptied", false)
	rebuild("rebuilt into an empty index")
}
