package search

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

const sqliteDocumentTuple = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

// sqliteTimeLayout is how bun writes times into SQLite; the documents'
// times are compared with times bun writes into queries, so they must read
// the same.
const sqliteTimeLayout = "2006-01-02 15:04:05.999999-07:00"

// sqliteChunk is a chunk of a rebuild ready to write: the values of its
// document rows and of its FTS5 entries.
type sqliteChunk struct{ rows, entries []any }

// prepareRebuild implements bulkRebuilder. The values go to SQLite as
// parameters of the statement rather than written into its text, which for
// long documents would cost more than the insert.
func (sqliteDialect) prepareRebuild(docs []*Document) any {
	c := sqliteChunk{rows: make([]any, 0, 14*len(docs)), entries: make([]any, 0, 5*len(docs))}
	for _, d := range docs {
		a := d.analysis()
		for _, v := range documentArgs(d, a.terms) {
			if t, ok := v.(time.Time); ok {
				v = t.UTC().Format(sqliteTimeLayout)
			}
			c.rows = append(c.rows, v)
		}
		c.entries = append(c.entries, d.IssueID, strings.Join(a.titleStems, " "), strings.Join(a.summaryStems, " "),
			strings.Join(a.bodyStems, " "), strings.Join(a.extras, " "))
	}
	return c
}

// writeRebuild implements bulkRebuilder: one INSERT for the document rows
// and one for their FTS5 entries.
func (sqliteDialect) writeRebuild(ctx context.Context, tx bun.Tx, docs []*Document, prepared any) error {
	c := prepared.(sqliteChunk)
	q := "INSERT INTO search_documents (" + documentColumns + ") VALUES " + valuesList(len(docs), sqliteDocumentTuple)
	if _, err := tx.Tx.ExecContext(ctx, q, c.rows...); err != nil {
		return err
	}
	q = "INSERT INTO search_fts (rowid, title, summary, body, extra) VALUES " + valuesList(len(docs), "(?, ?, ?, ?, ?)")
	_, err := tx.Tx.ExecContext(ctx, q, c.entries...)
	return err
}

// startRebuild implements bulkRebuilder. Deleting every row of an FTS5
// table costs as much as indexing it again, row by row; dropping the table
// and creating it anew from its own stored definition costs nothing, and is
// as transactional.
func (sqliteDialect) startRebuild(ctx context.Context, tx bun.Tx) error {
	var definition string
	err := tx.NewRaw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'").Scan(ctx, &definition)
	if err != nil {
		return fmt.Errorf("read the definition of search_fts: %w", err)
	}
	for _, q := range []string{"DROP TABLE search_fts", definition, "DELETE FROM search_documents",
		// FTS5 writes the entries of each statement as a new segment and,
		// by default, merges segments as they pile up. Without merging
		// during the rebuild, one merge of all of them at the end writes
		// the index once.
		"INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)",
		"INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 2000)"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// finishRebuild implements bulkRebuilder: it merges the segments of the
// rebuild into one and restores FTS5's default merging (automerge 4,
// crisismerge 16) for the changes that follow.
func (sqliteDialect) finishRebuild(ctx context.Context, tx bun.Tx, _ []int64) error {
	for _, q := range []string{
		"INSERT INTO search_fts (search_fts) VALUES ('optimize')",
		"INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 4)",
		"INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 16)",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
