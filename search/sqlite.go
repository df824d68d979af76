package search

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/kotabaru/tanggap/models"
)

// NewSQLite returns the SQLite FTS5 engine over the migrated database db.
// SQLite has no Indonesian stemmer, so the FTS5 table holds the stems the
// Go port of the Snowball stemmer computes, and queries are stemmed the
// same way.
func NewSQLite(db *bun.DB, synonyms *SynonymSource) Engine {
	return &dbEngine{db: db, synonyms: synonyms, dialect: sqliteDialect{}}
}

type sqliteDialect struct{}

func (sqliteDialect) name() models.SearchEngine { return models.EngineSQLite }

// writeDocuments writes each document with its own three statements, their
// values bound.
func (sqliteDialect) writeDocuments(ctx context.Context, tx bun.Tx, docs []*Document) error {
	for _, d := range docs {
		if err := writeSQLiteDocument(ctx, tx, d); err != nil {
			return fmt.Errorf("document %d: %w", d.IssueID, err)
		}
	}
	return nil
}

func writeSQLiteDocument(ctx context.Context, tx bun.Tx, d *Document) error {
	a := d.analysis()
	// The values are bound, not written into the statements' text: SQLite
	// parses every statement, and a document's text would be most of it
	// (as in a rebuild, sqlite_bulk.go).
	args := documentArgs(d, a.terms)
	for i, v := range args {
		if t, ok := v.(time.Time); ok {
			args[i] = t.UTC().Format(sqliteTimeLayout)
		}
	}
	q := "INSERT INTO search_documents (" + documentColumns + ") VALUES " + sqliteDocumentTuple +
		" ON CONFLICT (issue_id) DO UPDATE SET " + documentUpdates
	if _, err := tx.Tx.ExecContext(ctx, q, args...); err != nil {
		return err
	}
	if _, err := tx.Tx.ExecContext(ctx, "DELETE FROM search_fts WHERE rowid = ?", d.IssueID); err != nil {
		return err
	}
	_, err := tx.Tx.ExecContext(ctx, "INSERT INTO search_fts (rowid, title, summary, body, extra) VALUES (?, ?, ?, ?, ?)",
		d.IssueID, strings.Join(a.titleStems, " "), strings.Join(a.summaryStems, " "),
		strings.Join(a.bodyStems, " "), strings.Join(a.extras, " "))
	return err
}

func (sqliteDialect) removeDocument(ctx context.Context, tx bun.Tx, issueID int64) error {
	if _, err := tx.NewRaw("DELETE FROM search_fts WHERE rowid = ?", issueID).Exec(ctx); err != nil {
		return err
	}
	_, err := tx.NewRaw("DELETE FROM search_documents WHERE issue_id = ?", issueID).Exec(ctx)
	return err
}

func (sqliteDialect) clear(ctx context.Context, tx bun.Tx) error {
	if _, err := tx.NewRaw("DELETE FROM search_fts").Exec(ctx); err != nil {
		return err
	}
	_, err := tx.NewRaw("DELETE FROM search_documents").Exec(ctx)
	return err
}

// bm25Rank ranks a match in the title far above one in the responses or in
// the agency's name. FTS5 computes it from its index alone (term counts and
// the sizes of the columns), never from the stored text.
const bm25Rank = "bm25(10.0, 4.0, 1.0, 0.5)"

// filterIndex holds the filter and facet columns of every document by issue
// id. In the table those columns come after the long texts, on overflow
// pages; a match looks them up here instead.
const filterIndex = "search_documents_filter_idx"

func (sqliteDialect) matching(p *plan, req *Request, conds []string, args []any) statement {
	query := fts5Query(p)
	joined := "search_fts AS f JOIN search_documents AS d INDEXED BY " + filterIndex + " ON d.issue_id = f.rowid"
	where := whereClause(append([]string{"f.search_fts MATCH ?"}, conds...))
	whereArgs := append([]any{query}, args...)
	if req.Order == models.SearchByNewest {
		// Both the page and the facets need the columns of every match:
		// look them up once. The scores come along: bm25 counts the
		// documents of each word anew for every full-text query, so
		// scoring every match in this one costs less than a query for
		// each row of the page.
		with := "WITH m AS MATERIALIZED (SELECT f.rowid AS issue_id, -f.rank AS score, d.created_at, d.agency_slug, d.category_slug, d.verdict FROM " +
			joined + where + " AND f.rank MATCH ?) "
		page := "SELECT row_number() OVER (ORDER BY t.created_at DESC, t.issue_id DESC) AS ord, d.issue_id, d.title, d.summary, d.body, d.extra, t.score FROM (" +
			"SELECT issue_id, score, created_at FROM m ORDER BY created_at DESC, issue_id DESC LIMIT ? OFFSET ?) AS t " +
			"JOIN search_documents AS d ON d.issue_id = t.issue_id"
		withArgs := append(append([]any{}, whereArgs...), bm25Rank)
		g := tally(req, jointGrouping)
		q, a := searchStatement(with, withArgs, page, []any{req.Limit, req.Offset}, "m AS d", nil, g)
		return statement{sql: q, args: a, counted: g != noCount}
	}
	// FTS5 ranks the ids alone; without filters it needs no other table.
	from := "search_fts AS f"
	if len(conds) > 0 {
		from = joined
	}
	page := "SELECT row_number() OVER (ORDER BY t.score DESC, t.issue_id DESC) AS ord, d.issue_id, d.title, d.summary, d.body, d.extra, t.score FROM (" +
		"SELECT f.rowid AS issue_id, -f.rank AS score FROM " + from + where + " AND f.rank MATCH ?" +
		" ORDER BY f.rank, f.rowid DESC LIMIT ? OFFSET ?) AS t " +
		"JOIN search_documents AS d ON d.issue_id = t.issue_id"
	pageArgs := append(append(append([]any{}, whereArgs...), bm25Rank), req.Limit, req.Offset)
	// The total alone is counted from the full-text index, with the
	// filter index only when there are filters.
	grouped, g := joined+where, tally(req, jointGrouping)
	if g == countOnly {
		grouped = from + where
	}
	q, a := searchStatement("", nil, page, pageArgs, grouped, whereArgs, g)
	return statement{sql: q, args: a, counted: g != noCount}
}

// partial writes the statement of a partial search. Which clauses a match
// holds is told by looking its id up in the matches of each clause, which
// SQLite gathers once per statement.
func (sqliteDialect) partial(p *plan, sel []weighted, full bool, req *Request, conds []string, args []any) statement {
	joined := "search_fts AS f JOIN search_documents AS d INDEXED BY " + filterIndex + " ON d.issue_id = f.rowid"
	holds := "f.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)"
	var selectArgs []any
	fullExpr := "0"
	if full {
		fullExpr, selectArgs = "CASE WHEN "+holds+" THEN 1 ELSE 0 END", append(selectArgs, fts5Query(p))
	}
	var weights []string
	anyOf := make([]clause, len(sel))
	for i, s := range sel {
		weights = append(weights, "CASE WHEN "+holds+" THEN "+strconv.Itoa(s.weight)+" ELSE 0 END")
		selectArgs = append(selectArgs, fts5Any(s.alts))
		anyOf[i] = s.clause
	}
	where := whereClause(append([]string{"f.search_fts MATCH ?"}, conds...))
	with := "WITH m AS MATERIALIZED (SELECT f.rowid AS issue_id, -f.rank AS score, " + fullExpr + " AS whole, " +
		strings.Join(weights, " + ") + " AS w, d.agency_slug, d.category_slug, d.verdict FROM " + joined + where + " AND f.rank MATCH ?), " +
		"o AS (SELECT issue_id, score, row_number() OVER (ORDER BY whole DESC, w DESC, score DESC, issue_id DESC) AS ord FROM m) "
	withArgs := append(append(append(selectArgs, fts5Partial(p, anyOf)), args...), bm25Rank)
	page := "SELECT o.ord, d.issue_id, d.title, d.summary, d.body, d.extra, o.score FROM o " +
		"JOIN search_documents AS d ON d.issue_id = o.issue_id WHERE o.ord = 1 OR o.ord > ? AND o.ord <= ?"
	g := tally(req, jointGrouping)
	q, a := searchStatement(with, withArgs, page, []any{req.Offset, req.Offset + req.Limit}, "m AS d", nil, g)
	return statement{sql: q, args: a, absolute: true, counted: g != noCount}
}

// fts5Partial matches the documents that hold every phrase of a plan and
// one of the clauses anyOf, and no exclusion.
func fts5Partial(p *plan, anyOf []clause) string {
	var parts []string
	for _, c := range p.must {
		if !c.free() {
			parts = append(parts, fts5Any(c.alts))
		}
	}
	var alts []alternative
	for _, c := range anyOf {
		alts = append(alts, c.alts...)
	}
	parts = append(parts, fts5Any(alts))
	query := "(" + strings.Join(parts, " AND ") + ")"
	if len(p.not) > 0 {
		query += " NOT " + fts5Any(p.not)
	}
	return query
}

// grouping counts the combinations of agency, category and verdict in one
// pass: SQLite has no GROUPING SETS.
func (sqliteDialect) grouping() facetGrouping { return jointGrouping }

func (sqliteDialect) excluding(p *plan) (string, []any) {
	return "d.issue_id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)", []any{fts5Any(p.not)}
}

// fts5Query writes a plan with words as one FTS5 query: every clause, and
// NOT any exclusion.
func fts5Query(p *plan) string {
	parts := make([]string, len(p.must))
	for i, c := range p.must {
		parts[i] = fts5Any(c.alts)
	}
	query := "(" + strings.Join(parts, " AND ") + ")"
	if len(p.not) > 0 {
		query += " NOT " + fts5Any(p.not)
	}
	return query
}

// fts5Any matches any of the alternatives.
func fts5Any(alts []alternative) string {
	out := make([]string, len(alts))
	for i, a := range alts {
		out[i] = fts5Alternative(a)
	}
	return "(" + strings.Join(out, " OR ") + ")"
}

// fts5Alternative writes an alternative in the FTS5 query language. Stems
// and words hold letters and digits only, so quoting them is enough.
func fts5Alternative(a alternative) string {
	switch {
	case a.prefix:
		return `"` + a.stems[0] + `"*`
	case len(a.stems) == 1 || a.adjacent:
		return `"` + strings.Join(a.stems, " ") + `"`
	}
	quoted := make([]string, len(a.stems))
	for i, s := range a.stems {
		quoted[i] = `"` + s + `"`
	}
	return "(" + strings.Join(quoted, " AND ") + ")"
}

// NewDatabaseEngine returns the engine of the database behind db:
// PostgreSQL's full-text search on PostgreSQL, else SQLite FTS5.
func NewDatabaseEngine(db *bun.DB, synonyms *SynonymSource, opts ...Option) Engine {
	if db.Dialect().Name() == dialect.PG {
		return NewPostgres(db, synonyms, opts...)
	}
	return NewSQLite(db, synonyms)
}
