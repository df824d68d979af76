package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
)

// TestPostgresRerankBound: when more documents match than PostgreSQL ranks
// exactly, the best by title and summary are ranked on everything and the
// rest follow; every match is still found once, counted, and paged through
// in one consistent order, also past the bound.
func TestPostgresRerankBound(t *testing.T) {
	e := postgresCorpus(t)
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

// TestHeadRankWithoutPhrases: PostgreSQL ranks the title and summary that
// hold none of a one-word query's phrase synonyms on its other
// alternatives alone, and those that hold one on the whole query; both
// give every document the rank the whole query gives it, to the last bit.
// Every synonym of the corpus's vocabulary is searched, and both kinds of
// documents must occur.
func TestHeadRankWithoutPhrases(t *testing.T) {
	e := postgresCorpus(t)
	var terms []string
	if err := e.db.Bun().NewRaw("SELECT term FROM search_synonyms ORDER BY term").Scan(ctx(), &terms); err != nil {
		t.Fatal(err)
	}
	var split, withPhrase, withoutPhrase int
	for _, term := range append(terms, "sekolah", "banjir", "dinas kesehatan") {
		h, err := search.HeadRankOf(ctx(), e.engine, term)
		if err != nil {
			t.Fatal(err)
		}
		if h.Phrases == "" {
			continue
		}
		split++
		var got struct {
			Differ  int `bun:"differ"`
			Phrase  int `bun:"phrase"`
			Without int `bun:"without"`
		}
		q := "SELECT count(*) FILTER (WHERE r IS DISTINCT FROM p) AS differ, " +
			"count(*) FILTER (WHERE d.tsv_head @@ to_tsquery('simple', ?)) AS phrase, " +
			"count(*) FILTER (WHERE NOT d.tsv_head @@ to_tsquery('simple', ?) AND d.tsv_head @@ to_tsquery('simple', ?)) AS without " +
			"FROM (SELECT d.tsv_head, " + h.Rank + " AS r, " + h.Plain + " AS p FROM search_documents AS d) AS d"
		args := append(append([]any{h.Phrases, h.Phrases, h.Words}, h.RankArgs...), h.PlainArgs...)
		if err := e.db.Bun().NewRaw(q, args...).Scan(ctx(), &got); err != nil {
			t.Fatalf("%s: %v", term, err)
		}
		if got.Differ != 0 {
			t.Errorf("%s: %d documents ranked otherwise than by the whole query (%s | %s)", term, got.Differ, h.Words, h.Phrases)
		}
		withPhrase, withoutPhrase = withPhrase+got.Phrase, withoutPhrase+got.Without
	}
	t.Logf("%d queries split; documents holding a phrase %d, only other alternatives %d", split, withPhrase, withoutPhrase)
	if split == 0 || withPhrase == 0 || withoutPhrase == 0 {
		t.Errorf("%d queries split, %d documents with a phrase, %d without: the test compares nothing", split, withPhrase, withoutPhrase)
	}
}

// TestPostgresPhraseSynonymMatches: PostgreSQL reads the matches of a plan
// with phrase synonyms in two parts (without the phrases, and the rest
// checked for them); together they are exactly the documents whose
// tsvector matches the plan, each once, for every synonym of the
// vocabulary alone, with another word, and with an exclusion. A document
// holding a phrase's words in another order must not match.
func TestPostgresPhraseSynonymMatches(t *testing.T) {
	e := postgresCorpus(t)
	// An issue that is not public gets a document holding the words of
	// "dinas kesehatan" the other way round.
	exec(t, e.db, "INSERT INTO search_documents ("+strings.Join(documentColumns, ", ")+", tsv) "+
		"SELECT id, number, title, summary, '', '', kind, status, NULL, NULL, NULL, created_at, updated_at, '', "+
		"to_tsvector('simple', 'sehat dinas warga') FROM issues WHERE status = 'NEW' ORDER BY id LIMIT 1")
	var terms []string
	if err := e.db.Bun().NewRaw("SELECT term FROM search_synonyms ORDER BY term").Scan(ctx(), &terms); err != nil {
		t.Fatal(err)
	}
	var queries []string
	for _, term := range terms {
		queries = append(queries, term, term+" warga", term+" -vaksin")
	}
	split, found := 0, 0
	for _, q := range queries {
		rows, plain, rowsArgs, plainArgs, ok, err := search.MatchesOf(ctx(), e.engine, q)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			continue
		}
		split++
		var got, want []int64
		if err := e.db.Bun().NewRaw("SELECT issue_id FROM ("+rows+") AS m ORDER BY issue_id", rowsArgs...).Scan(ctx(), &got); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if err := e.db.Bun().NewRaw(plain+" ORDER BY issue_id", plainArgs...).Scan(ctx(), &want); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: matches %v, want %v", q, got, want)
		}
		found += len(want)
	}
	if split == 0 || found == 0 {
		t.Errorf("%d plans read in two parts, %d matches: the test compares nothing", split, found)
	}
}
