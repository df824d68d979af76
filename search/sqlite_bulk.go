package search

import (
	"context"
	"encoding/json"
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

// prepare implements rebuildWriter. The values go to SQLite as
// parameters of the statement rather than written into its text, which for
// long documents would cost more than the insert.
func (*sqliteWriter) prepare(docs []*Document) any {
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

// sqliteSameRows selects, of a chunk's document rows given as VALUES, the
// ids of those stored exactly so; the times as the text they are stored as.
var sqliteSameRows = "SELECT n.column1 FROM (VALUES %s) AS n JOIN search_documents AS d ON d.issue_id = n.column1 WHERE " +
	"d.number IS n.column2 AND d.title IS n.column3 AND d.summary IS n.column4 AND d.body IS n.column5 AND " +
	"d.extra IS n.column6 AND d.kind IS n.column7 AND d.status IS n.column8 AND d.verdict IS n.column9 AND " +
	"d.agency_slug IS n.column10 AND d.category_slug IS n.column11 AND CAST(d.created_at AS TEXT) IS n.column12 AND " +
	"CAST(d.updated_at AS TEXT) IS n.column13 AND d.terms IS n.column14"

// sqliteSameEntries is sqliteSameRows for the FTS5 entries.
var sqliteSameEntries = "SELECT n.column1 FROM (VALUES %s) AS n JOIN search_fts AS f ON f.rowid = n.column1 WHERE " +
	"f.title IS n.column2 AND f.summary IS n.column3 AND f.body IS n.column4 AND f.extra IS n.column5"

// startRebuild implements bulkRebuilder. FTS5 writes the entries of each
// statement as a new segment and, by default, merges segments as they pile
// up. Without merging during the rebuild, one merge of all of them at the
// end writes the index once.
func (sqliteDialect) startRebuild(ctx context.Context, tx bun.Tx, _ bool) (rebuildWriter, error) {
	if err := setFTSMerging(ctx, tx, 0, 2000); err != nil {
		return nil, err
	}
	// Into an empty index (the first rebuild after an import) there is
	// nothing to compare with.
	var rows, entries bool
	err := tx.NewRaw("SELECT EXISTS (SELECT 1 FROM search_documents), EXISTS (SELECT 1 FROM search_fts)").Scan(ctx, &rows, &entries)
	if err != nil {
		return nil, err
	}
	return &sqliteWriter{noRows: !rows, emptied: !entries, decided: !entries}, nil
}

// setFTSMerging sets FTS5's automerge and crisismerge.
func setFTSMerging(ctx context.Context, tx bun.Tx, automerge, crisismerge int) error {
	for _, q := range []string{
		fmt.Sprintf("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', %d)", automerge),
		fmt.Sprintf("INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', %d)", crisismerge),
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// sqliteWriter writes the document rows and the FTS5 entries of a chunk
// that are not stored as they would be written, each compared on its own.
// Replacing an FTS5 entry costs reading the old one to take its words out
// of the index: when most entries of the first chunk differ (the first
// rebuild after an import, a new stemmer), the FTS5 table is emptied at
// once instead, by dropping it and creating it anew from its own stored
// definition, which costs nothing and is as transactional, and every entry
// is written without comparing.
type sqliteWriter struct {
	decided, emptied, noRows bool
	rows, entries            int
}

func (w *sqliteWriter) write(ctx context.Context, tx bun.Tx, docs []*Document, prepared any) error {
	c := prepared.(sqliteChunk)
	n := len(docs)
	var sameRows, sameEntries map[int64]bool
	var err error
	if !w.noRows {
		if sameRows, err = sqliteSame(ctx, tx, sqliteSameRows, n, sqliteDocumentTuple, c.rows); err != nil {
			return fmt.Errorf("compare document rows: %w", err)
		}
	}
	if !w.emptied {
		if sameEntries, err = sqliteSame(ctx, tx, sqliteSameEntries, n, "(?, ?, ?, ?, ?)", c.entries); err != nil {
			return fmt.Errorf("compare index entries: %w", err)
		}
		if !w.decided && 2*len(sameEntries) < n {
			if err := emptyFTS(ctx, tx); err != nil {
				return err
			}
			w.emptied, sameEntries = true, nil
		}
	}
	w.decided = true

	if len(sameRows) < n {
		rows := changedValues(docs, c.rows, 14, sameRows)
		q := "INSERT INTO search_documents (" + documentColumns + ") VALUES " + valuesList(len(rows)/14, sqliteDocumentTuple) +
			" ON CONFLICT (issue_id) DO UPDATE SET " + documentUpdates
		if _, err := tx.Tx.ExecContext(ctx, q, rows...); err != nil {
			return err
		}
		w.rows += len(rows) / 14
	}
	if len(sameEntries) < n {
		entries := changedValues(docs, c.entries, 5, sameEntries)
		m := len(entries) / 5
		if !w.emptied {
			ids := make([]any, m)
			for i := range ids {
				ids[i] = entries[5*i]
			}
			q := "DELETE FROM search_fts WHERE rowid IN (" + strings.TrimSuffix(strings.Repeat("?, ", m), ", ") + ")"
			if _, err := tx.Tx.ExecContext(ctx, q, ids...); err != nil {
				return err
			}
		}
		q := "INSERT INTO search_fts (rowid, title, summary, body, extra) VALUES " + valuesList(m, "(?, ?, ?, ?, ?)")
		if _, err := tx.Tx.ExecContext(ctx, q, entries...); err != nil {
			return err
		}
		w.entries += m
	}
	return nil
}

// sqliteSame runs one of sqliteSameRows and sqliteSameEntries over n tuples
// of values and returns the ids it selects.
func sqliteSame(ctx context.Context, tx bun.Tx, query string, n int, tuple string, values []any) (map[int64]bool, error) {
	rows, err := tx.Tx.QueryContext(ctx, fmt.Sprintf(query, valuesList(n, tuple)), values...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	same := make(map[int64]bool, n)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		same[id] = true
	}
	return same, rows.Close()
}

// changedValues returns the values, width per document, of the documents
// not in same.
func changedValues(docs []*Document, values []any, width int, same map[int64]bool) []any {
	if len(same) == 0 {
		return values
	}
	out := make([]any, 0, width*(len(docs)-len(same)))
	for i, d := range docs {
		if !same[d.IssueID] {
			out = append(out, values[width*i:width*(i+1)]...)
		}
	}
	return out
}

// emptyFTS drops the FTS5 table and creates it anew, without merging.
// Deleting every row of an FTS5 table costs as much as indexing it again,
// row by row.
func emptyFTS(ctx context.Context, tx bun.Tx) error {
	var definition string
	err := tx.NewRaw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'").Scan(ctx, &definition)
	if err != nil {
		return fmt.Errorf("read the definition of search_fts: %w", err)
	}
	for _, q := range []string{"DROP TABLE search_fts", definition} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return setFTSMerging(ctx, tx, 0, 2000)
}

// finish implements rebuildWriter: it removes the rows and entries of
// issues that are not in ids, merges the segments the rebuild wrote into
// one and restores FTS5's default merging (automerge 4, crisismerge 16)
// for the changes that follow.
func (w *sqliteWriter) finish(ctx context.Context, tx bun.Tx, ids []int64) (int, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return 0, err
	}
	res, err := tx.Tx.ExecContext(ctx, "DELETE FROM search_documents WHERE issue_id NOT IN (SELECT value FROM json_each(?))", string(list))
	if err != nil {
		return 0, err
	}
	removed, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	w.rows += int(removed)
	if !w.emptied {
		res, err := tx.Tx.ExecContext(ctx, "DELETE FROM search_fts WHERE rowid NOT IN (SELECT value FROM json_each(?))", string(list))
		if err != nil {
			return 0, err
		}
		removed, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		w.entries += int(removed)
	}
	if w.entries > 0 {
		if _, err := tx.ExecContext(ctx, "INSERT INTO search_fts (search_fts) VALUES ('optimize')"); err != nil {
			return 0, err
		}
	}
	if err := setFTSMerging(ctx, tx, 4, 16); err != nil {
		return 0, err
	}
	return max(w.rows, w.entries), nil
}
