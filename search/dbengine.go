package search

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sort"
	"strings"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// dbEngine is what the SQLite and PostgreSQL engines share: the documents
// table, the vocabulary, filters, facets and paging. The dialect supplies
// the full-text index and its query language.
type dbEngine struct {
	db       *bun.DB
	synonyms *SynonymSource
	dialect  dbDialect
	// size caches the number of documents, which weighs the words of a
	// partial search.
	size corpusSize
	// binary, when set, opens the connection of a PostgreSQL rebuild
	// (BinaryConnector).
	binary driver.Connector
}

// Option configures a database engine.
type Option func(*dbEngine)

// BinaryConnector has a PostgreSQL engine rebuild over a connection of
// connector, which must send []byte parameters in PostgreSQL's binary
// format (lib/pq's binary_parameters; store.DB.BinaryConnector): the
// tsvectors of a rebuild into an empty index then travel in their binary
// form, which PostgreSQL reads without parsing (postgres_fill.go). A nil
// connector, or any connector on SQLite, changes nothing.
func BinaryConnector(connector driver.Connector) Option {
	return func(e *dbEngine) {
		if _, ok := e.dialect.(postgresDialect); ok && connector != nil {
			e.binary = connector
		}
	}
}

// dbDialect is the part of a database engine that differs by database.
type dbDialect interface {
	name() models.SearchEngine
	// writeDocuments inserts or replaces the rows of docs and their index
	// entries. The documents are analysed (Document.analysis) and hold no
	// issue twice.
	writeDocuments(ctx context.Context, tx bun.Tx, docs []*Document) error
	// removeDocument deletes the index entry and the row.
	removeDocument(ctx context.Context, tx bun.Tx, issueID int64) error
	// clear empties the documents and the index.
	clear(ctx context.Context, tx bun.Tx) error
	// matching returns the statement of a plan with words, over the
	// documents that pass conds (on the documents table, aliased d).
	matching(p *plan, req *Request, conds []string, args []any) statement
	// partial returns the statement of a partial search (see graceful.go):
	// the documents that pass conds and hold one of sel, those holding every
	// clause first when full, then by the weight of the clauses they hold
	// and by relevance. The page includes the first result, ord 1, for
	// judging the search.
	partial(p *plan, sel []weighted, full bool, req *Request, conds []string, args []any) statement
	// excluding returns a condition on d that drops the documents holding
	// any of p.not, for a plan without words.
	excluding(p *plan) (string, []any)
	// grouping says how the facets group the matches.
	grouping() facetGrouping
}

// Name implements Engine.
func (e *dbEngine) Name() models.SearchEngine { return e.dialect.name() }

// Ping implements Engine.
func (e *dbEngine) Ping(ctx context.Context) error { return e.db.PingContext(ctx) }

// Index implements Engine: it writes in one transaction, so the change is
// confirmed when it commits.
func (e *dbEngine) Index(ctx context.Context, docs []*Document, removed []int64) error {
	// Analysis (stemming, synonyms) is done before the transaction opens:
	// on SQLite the transaction holds the database's one write lock, which
	// staff writes are waiting for.
	docs = analysedNow(lastOfEach(docs))
	return e.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		ids := make([]int64, 0, len(removed)+len(docs))
		ids = append(ids, removed...)
		for _, d := range docs {
			ids = append(ids, d.IssueID)
		}
		stored, err := storedTerms(ctx, tx, ids)
		if err != nil {
			return err
		}
		// The vocabulary's counts change by the sum of every document's
		// change, written in a few statements for the whole job.
		delta := map[string]int{}
		for _, id := range removed {
			old, ok := stored[id]
			if !ok {
				continue // nothing indexed
			}
			if err := e.dialect.removeDocument(ctx, tx, id); err != nil {
				return fmt.Errorf("remove document %d: %w", id, err)
			}
			for _, t := range old {
				delta[t]--
			}
		}
		if len(docs) > 0 {
			if err := e.dialect.writeDocuments(ctx, tx, docs); err != nil {
				return fmt.Errorf("write documents: %w", err)
			}
		}
		for _, d := range docs {
			added, gone := diffTerms(stored[d.IssueID], d.analysis().terms)
			for _, t := range added {
				delta[t]++
			}
			for _, t := range gone {
				delta[t]--
			}
		}
		return adjustVocabulary(ctx, tx, delta)
	})
}

// lastOfEach keeps the last document of each issue, in order: one statement
// cannot write a row twice.
func lastOfEach(docs []*Document) []*Document {
	last := make(map[int64]int, len(docs))
	for i, d := range docs {
		last[d.IssueID] = i
	}
	if len(last) == len(docs) {
		return docs
	}
	out := make([]*Document, 0, len(last))
	for i, d := range docs {
		if last[d.IssueID] == i {
			out = append(out, d)
		}
	}
	return out
}

// analysedNow returns copies of docs analysed as they are now, whatever an
// earlier analysis left cached on them.
func analysedNow(docs []*Document) []*Document {
	out := make([]*Document, len(docs))
	for i, d := range docs {
		c := *d
		c.analysed = nil
		c.analysis()
		out[i] = &c
	}
	return out
}

// analyzer is a dialect whose planner needs fresh statistics after a rebuild.
type analyzer interface {
	analyze(ctx context.Context, db *bun.DB) error
}

// storedTerms returns the terms of the stored documents of ids, by issue
// id; an issue without a document has no entry.
func storedTerms(ctx context.Context, tx bun.Tx, ids []int64) (map[int64][]string, error) {
	out := make(map[int64][]string, len(ids))
	for start := 0; start < len(ids); start += vocabularyChunk {
		chunk := ids[start:min(start+vocabularyChunk, len(ids))]
		rows, err := tx.QueryContext(ctx, "SELECT issue_id, terms FROM search_documents WHERE issue_id IN (?)", bun.In(chunk))
		if err != nil {
			return nil, fmt.Errorf("read stored terms: %w", err)
		}
		for rows.Next() {
			var id int64
			var terms string
			if err := rows.Scan(&id, &terms); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read stored terms: %w", err)
			}
			out[id] = strings.Fields(terms)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("read stored terms: %w", err)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read stored terms: %w", err)
		}
	}
	return out, nil
}

func diffTerms(old, current []string) (added, gone []string) {
	had := make(map[string]bool, len(old))
	for _, t := range old {
		had[t] = true
	}
	has := make(map[string]bool, len(current))
	for _, t := range current {
		has[t] = true
		if !had[t] {
			added = append(added, t)
		}
	}
	for _, t := range old {
		if !has[t] {
			gone = append(gone, t)
		}
	}
	return added, gone
}

const vocabularyChunk = 400

// adjustVocabulary changes the number of documents of each term by delta,
// forgetting terms no document holds any more.
func adjustVocabulary(ctx context.Context, tx bun.Tx, delta map[string]int) error {
	terms := make([]string, 0, len(delta))
	var fewer []string
	for t, d := range delta {
		if d == 0 {
			continue
		}
		terms = append(terms, t)
		if d < 0 {
			fewer = append(fewer, t)
		}
	}
	// In a fixed order, so that concurrent writers lock the rows in the
	// same order.
	sort.Strings(terms)
	sort.Strings(fewer)
	for start := 0; start < len(terms); start += vocabularyChunk {
		chunk := terms[start:min(start+vocabularyChunk, len(terms))]
		values := make([]string, len(chunk))
		args := make([]any, 0, 2*len(chunk))
		for i, t := range chunk {
			values[i] = "(?, ?)"
			args = append(args, t, delta[t])
		}
		q := "INSERT INTO search_vocabulary (term, docs) VALUES " + strings.Join(values, ", ") +
			" ON CONFLICT (term) DO UPDATE SET docs = search_vocabulary.docs + excluded.docs"
		if _, err := tx.NewRaw(q, args...).Exec(ctx); err != nil {
			return fmt.Errorf("count vocabulary: %w", err)
		}
	}
	for start := 0; start < len(fewer); start += vocabularyChunk {
		chunk := fewer[start:min(start+vocabularyChunk, len(fewer))]
		if _, err := tx.NewRaw("DELETE FROM search_vocabulary WHERE docs <= 0 AND term IN (?)", bun.In(chunk)).Exec(ctx); err != nil {
			return fmt.Errorf("prune vocabulary: %w", err)
		}
	}
	return nil
}

// dbVocabulary implements vocabulary on the search_vocabulary table.
type dbVocabulary struct{ db bun.IDB }

// lookup reads the known terms with the number of documents holding each,
// and the longer words of the prefix, in one statement: a search pays a
// round trip for every statement.
func (v dbVocabulary) lookup(ctx context.Context, terms []string, prefix string, limit int) (map[string]int, []termCount, error) {
	known := map[string]int{}
	var parts []string
	var args []any
	if len(terms) > 0 {
		parts, args = append(parts, "SELECT term, docs, 0 AS longer FROM search_vocabulary WHERE term IN (?)"), append(args, bun.In(terms))
	}
	if prefix != "" {
		parts = append(parts, "SELECT term, docs, 1 AS longer FROM (SELECT term, docs FROM search_vocabulary "+
			"WHERE term >= ? AND term < ? ORDER BY docs DESC, term ASC LIMIT ?) AS p")
		args = append(args, prefix, prefixEnd(prefix), limit)
	}
	if len(parts) == 0 {
		return known, nil, nil
	}
	var rows []struct {
		Term   string `bun:"term"`
		Docs   int    `bun:"docs"`
		Longer int    `bun:"longer"`
	}
	if err := v.db.NewRaw(strings.Join(parts, " UNION ALL "), args...).Scan(ctx, &rows); err != nil {
		return nil, nil, err
	}
	var longer []termCount
	for _, r := range rows {
		if r.Longer == 1 {
			longer = append(longer, termCount{r.Term, r.Docs})
		} else {
			known[r.Term] = r.Docs
		}
	}
	return known, longer, nil
}

// prefixEnd is the first string after every string that starts with prefix,
// in byte order.
func prefixEnd(prefix string) string { return prefix + "\U0010FFFF" }

// close reads the candidates of every word in one statement: the terms of
// its first letter and length range, and the few terms it may be a typo of
// at its first letter alone (see firstLetterVariants), looked up whole.
func (v dbVocabulary) close(ctx context.Context, words []string) ([]termCount, error) {
	type bounds struct {
		first    string
		min, max int
	}
	var conds []string
	var args []any
	var ranges []bounds
	var whole []string
	for _, w := range words {
		runes := []rune(w)
		budget := TypoBudget(len(runes))
		if budget == 0 {
			ranges = append(ranges, bounds{})
			continue
		}
		b := bounds{string(runes[0]), len(runes) - budget, len(runes) + budget}
		ranges = append(ranges, b)
		conds = append(conds, "(term >= ? AND term < ? AND length(term) BETWEEN ? AND ?)")
		args = append(args, b.first, prefixEnd(b.first), b.min, b.max)
		whole = append(whole, firstLetterVariants(w)...)
	}
	if len(conds) == 0 {
		return nil, nil
	}
	if len(whole) > 0 {
		conds, args = append(conds, "term IN (?)"), append(args, bun.In(whole))
	}
	var candidates []termCount
	if err := v.db.NewRaw("SELECT term, docs FROM search_vocabulary WHERE "+strings.Join(conds, " OR "), args...).Scan(ctx, &candidates); err != nil {
		return nil, err
	}
	var out []termCount
	for i, w := range words {
		if ranges[i].first == "" {
			continue
		}
		out = append(out, closest(w, candidates, maxTypoExpansions)...)
	}
	return out, nil
}
