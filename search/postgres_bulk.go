package search

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/uptrace/bun"
)

// postgresUpsertDocuments writes a chunk of documents passed as one array
// per column: a short statement PostgreSQL parses and plans once, whatever
// the number of documents, with the same weighted tsvector as every other
// write (tsvectorSQL, over the words of each field). A row that already
// holds exactly the new values, tsvector included, is left alone:
// rebuilding an index that is up to date writes neither new row versions
// nor GIN entries, while any difference at all is still repaired.
var postgresUpsertDocuments = "INSERT INTO search_documents (" + documentColumns + ", tsv) " +
	"SELECT issue_id, number, title, summary, body, extra, kind, status, verdict, agency_slug, category_slug, created_at, updated_at, terms, " +
	fmt.Sprintf(strings.ReplaceAll(tsvectorSQL, "?", "%s"), "title_words", "summary_words", "body_words", "extra_words") +
	" FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], " +
	"$10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[]) " +
	"AS d (issue_id, number, title, summary, body, extra, kind, status, verdict, agency_slug, category_slug, created_at, updated_at, terms, " +
	"title_words, summary_words, body_words, extra_words) " +
	"ON CONFLICT (issue_id) DO UPDATE SET " + documentUpdates + ", tsv = excluded.tsv " +
	"WHERE (" + qualified("search_documents", documentValueColumns) + ", search_documents.tsv) IS DISTINCT FROM (" +
	qualified("excluded", documentValueColumns) + ", excluded.tsv)"

// documentValueColumns are documentColumns but the key.
var documentValueColumns = strings.Split(strings.TrimPrefix(documentColumns, "issue_id, "), ", ")

func qualified(table string, columns []string) string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = table + "." + c
	}
	return strings.Join(out, ", ")
}

// startRebuild implements bulkRebuilder: the rows stay, to be compared with
// the new documents.
func (postgresDialect) startRebuild(context.Context, bun.Tx) error { return nil }

// prepareRebuild implements bulkRebuilder: the column arrays of the chunk.
func (postgresDialect) prepareRebuild(docs []*Document) any {
	n := len(docs)
	column := func() pq.StringArray { return make(pq.StringArray, n) }
	ids := make(pq.Int64Array, n)
	number, title, summary, body, extra, kind, status := column(), column(), column(), column(), column(), column(), column()
	created, updated, terms := column(), column(), column()
	verdict, agency, category := make([]sql.NullString, n), make([]sql.NullString, n), make([]sql.NullString, n)
	words := [4]pq.StringArray{column(), column(), column(), column()}
	for i, d := range docs {
		a := d.analysis()
		ids[i], number[i], title[i], summary[i], body[i], extra[i] = d.IssueID, d.Number, d.Title, d.Summary, d.Body, d.Extra
		kind[i], status[i], terms[i] = string(d.Kind), string(d.Status), strings.Join(a.terms, " ")
		created[i], updated[i] = d.CreatedAt.UTC().Format(time.RFC3339Nano), d.UpdatedAt.UTC().Format(time.RFC3339Nano)
		if d.Verdict != nil {
			verdict[i] = sql.NullString{String: string(*d.Verdict), Valid: true}
		}
		agency[i] = sql.NullString{String: d.AgencySlug, Valid: d.AgencySlug != ""}
		category[i] = sql.NullString{String: d.CategorySlug, Valid: d.CategorySlug != ""}
		for j, field := range [][]string{a.title, a.summary, a.body, a.extra} {
			words[j][i] = strings.Join(field, " ")
		}
	}
	return []any{ids, number, title, summary, body, extra, kind, status,
		pq.GenericArray{A: verdict}, pq.GenericArray{A: agency}, pq.GenericArray{A: category},
		created, updated, terms, words[0], words[1], words[2], words[3]}
}

// writeRebuild implements bulkRebuilder.
func (postgresDialect) writeRebuild(ctx context.Context, tx bun.Tx, _ []*Document, prepared any) error {
	_, err := tx.Tx.ExecContext(ctx, postgresUpsertDocuments, prepared.([]any)...)
	return err
}

// finishRebuild implements bulkRebuilder: it removes the documents of
// issues that are no longer public.
func (postgresDialect) finishRebuild(ctx context.Context, tx bun.Tx, ids []int64) error {
	_, err := tx.Tx.ExecContext(ctx,
		"DELETE FROM search_documents WHERE issue_id NOT IN (SELECT unnest($1::bigint[]))", pq.Int64Array(ids))
	return err
}
