package search

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

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

func (sqliteDialect) writeDocument(ctx context.Context, tx bun.Tx, d *Document, a analysed, terms []string) error {
	q := "INSERT INTO search_documents (" + documentColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) " +
		"ON CONFLICT (issue_id) DO UPDATE SET " + documentUpdates
	if _, err := tx.NewRaw(q, documentArgs(d, terms)...).Exec(ctx); err != nil {
		return err
	}
	if _, err := tx.NewRaw("DELETE FROM search_fts WHERE rowid = ?", d.IssueID).Exec(ctx); err != nil {
		return err
	}
	_, err := tx.NewRaw("INSERT INTO search_fts (rowid, title, summary, body, extra) VALUES (?, ?, ?, ?, ?)",
		d.IssueID, strings.Join(a.titleStems, " "), strings.Join(a.summaryStems, " "),
		strings.Join(a.bodyStems, " "), strings.Join(a.extras, " ")).Exec(ctx)
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

// bm25Weights rank a match in the title far above one in the responses or
// in the agency's name.
const bm25Weights = "10.0, 4.0, 1.0, 0.5"

func (sqliteDialect) match(p *plan) (string, []any, string, []any, []string, []any) {
	from, score := "search_documents AS d", "0.0"
	var conds []string
	var args []any
	if p == nil {
		return from, nil, score, nil, nil, nil
	}
	if len(p.must) > 0 {
		from = "search_fts JOIN search_documents AS d ON d.issue_id = search_fts.rowid"
		score = "-bm25(search_fts, " + bm25Weights + ")"
		parts := make([]string, len(p.must))
		for i, c := range p.must {
			alts := make([]string, len(c.alts))
			for j, a := range c.alts {
				alts[j] = fts5Alternative(a)
			}
			parts[i] = "(" + strings.Join(alts, " OR ") + ")"
		}
		conds, args = append(conds, "search_fts MATCH ?"), append(args, strings.Join(parts, " AND "))
	}
	if len(p.not) > 0 {
		alts := make([]string, len(p.not))
		for i, a := range p.not {
			alts[i] = fts5Alternative(a)
		}
		conds = append(conds, "d.issue_id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)")
		args = append(args, strings.Join(alts, " OR "))
	}
	return from, nil, score, nil, conds, args
}

// fts5Alternative writes an alternative in the FTS5 query language. Stems
// hold letters and digits only, so quoting them is enough.
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
