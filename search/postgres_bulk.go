package search

import (
	"context"
	"crypto/md5"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/lib/pq"
	"github.com/uptrace/bun"
)

// postgresUpsertDocuments writes a chunk of documents passed as one array
// per column: a short statement PostgreSQL parses and plans once, whatever
// the number of documents, with the same weighted tsvector as every other
// write (tsvectorSQL, over the words of each field).
var postgresUpsertDocuments = "INSERT INTO search_documents (" + documentColumns + ", tsv) " +
	"SELECT issue_id, number, title, summary, body, extra, kind, status, verdict, agency_slug, category_slug, created_at, updated_at, terms, " +
	fmt.Sprintf(strings.ReplaceAll(tsvectorSQL, "?", "%s"), "title_words", "summary_words", "body_words", "extra_words") +
	" FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], " +
	"$10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[]) " +
	"AS d (issue_id, number, title, summary, body, extra, kind, status, verdict, agency_slug, category_slug, created_at, updated_at, terms, " +
	"title_words, summary_words, body_words, extra_words) " +
	"ON CONFLICT (issue_id) DO UPDATE SET " + documentUpdates + ", tsv = excluded.tsv"

// postgresStoredDigest is the digest of a stored document's values as
// documentDigest writes it in Go: every text column with its length in
// bytes, a missing value as '-', and the tsvector as PostgreSQL writes it
// as text. The times are compared as they are.
const postgresStoredDigest = "md5(concat(" +
	"octet_length(s.number), ':', s.number, octet_length(s.title), ':', s.title, " +
	"octet_length(s.summary), ':', s.summary, octet_length(s.body), ':', s.body, " +
	"octet_length(s.extra), ':', s.extra, octet_length(s.kind), ':', s.kind, " +
	"octet_length(s.status), ':', s.status, coalesce(octet_length(s.verdict) || ':' || s.verdict, '-'), " +
	"coalesce(octet_length(s.agency_slug) || ':' || s.agency_slug, '-'), " +
	"coalesce(octet_length(s.category_slug) || ':' || s.category_slug, '-'), " +
	"octet_length(s.terms), ':', s.terms, s.tsv::text))"

// postgresUpToDate returns which of a chunk's documents are stored exactly
// as the rebuild would write them: same values, same times and a tsvector
// that reads as the one expected.
const postgresUpToDate = "SELECT s.issue_id FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::timestamptz[]) " +
	"AS n (issue_id, digest, created_at, updated_at) JOIN search_documents AS s ON s.issue_id = n.issue_id " +
	"WHERE s.created_at = n.created_at AND s.updated_at = n.updated_at AND " + postgresStoredDigest + " = n.digest"

// postgresComputedDigests returns, for a chunk's documents, the digest of
// the tsvector PostgreSQL computes from their words, to check that the
// tsvectors expected in Go are the ones PostgreSQL writes.
var postgresComputedDigests = "SELECT issue_id, md5((" +
	fmt.Sprintf(strings.ReplaceAll(tsvectorSQL, "?", "%s"), "title_words", "summary_words", "body_words", "extra_words") +
	")::text) FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) " +
	"AS d (issue_id, title_words, summary_words, body_words, extra_words)"

// postgresChunk is a chunk of a rebuild prepared for PostgreSQL: the
// digest of every document as it would be stored (empty when the tsvector
// cannot be told in advance), and its times.
type postgresChunk struct {
	ids              pq.Int64Array
	digests          pq.StringArray
	created, updated pq.StringArray
}

// prepare implements rebuildWriter: into an empty index the arguments of
// the statement that inserts them (see prepareInsert); else the digests
// and times to compare with.
func (w *postgresWriter) prepare(docs []*Document) any {
	if w.empty {
		return w.prepareInsert(docs)
	}
	n := len(docs)
	c := postgresChunk{ids: make(pq.Int64Array, n), digests: make(pq.StringArray, n),
		created: make(pq.StringArray, n), updated: make(pq.StringArray, n)}
	for i, d := range docs {
		c.ids[i] = d.IssueID
		c.created[i], c.updated[i] = d.CreatedAt.UTC().Format(time.RFC3339Nano), d.UpdatedAt.UTC().Format(time.RFC3339Nano)
		c.digests[i] = documentDigest(d)
	}
	return c
}

// documentDigest is the digest postgresStoredDigest computes of the stored
// row when it holds exactly the document, or "" when the tsvector
// PostgreSQL computes cannot be told in advance.
func documentDigest(d *Document) string {
	a := d.analysis()
	tsv, ok := expectedTSVector(a)
	if !ok {
		return ""
	}
	h := md5.New() //nolint:gosec // compared with PostgreSQL's md5(), it protects nothing
	field := func(s string) {
		h.Write(strconv.AppendInt(nil, int64(len(s)), 10))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	optional := func(s string, ok bool) {
		if ok {
			field(s)
		} else {
			h.Write([]byte{'-'})
		}
	}
	field(d.Number)
	field(d.Title)
	field(d.Summary)
	field(d.Body)
	field(d.Extra)
	field(string(d.Kind))
	field(string(d.Status))
	var verdict string
	if d.Verdict != nil {
		verdict = string(*d.Verdict)
	}
	optional(verdict, d.Verdict != nil)
	optional(d.AgencySlug, d.AgencySlug != "")
	optional(d.CategorySlug, d.CategorySlug != "")
	field(strings.Join(a.terms, " "))
	h.Write([]byte(tsv))
	return hex.EncodeToString(h.Sum(nil))
}

// startRebuild implements bulkRebuilder: the rows stay, to be compared with
// the new documents.
func (postgresDialect) startRebuild(ctx context.Context, tx bun.Tx, binary bool) (rebuildWriter, error) {
	// Into an empty index (the first rebuild after an import) there is
	// nothing to compare with.
	var rows bool
	if err := tx.NewRaw("SELECT EXISTS (SELECT 1 FROM search_documents)").Scan(ctx, &rows); err != nil {
		return nil, err
	}
	return &postgresWriter{empty: !rows, binary: binary, misstemmed: map[string]bool{}, inserts: map[int]*sql.Stmt{}}, nil
}

// postgresWriter writes the documents of a chunk that are not stored as
// they would be written. Before trusting the tsvectors expected in Go, it
// has PostgreSQL compute those of the whole first chunk: if one differs
// (another stemmer, another parser), every document is written, and with
// the tsvector PostgreSQL computes.
type postgresWriter struct {
	// empty is whether the index was empty at the start: then every
	// document is written, prepared in full, without comparing.
	empty bool
	// binary is whether tx's connection sends []byte parameters in
	// binary, so that the tsvectors written in Go go in their binary form.
	binary           bool
	checked, trusted bool
	written          int
	// distrusted is set once the first chunk's tsvectors differ, for
	// prepareInsert on the other goroutine.
	distrusted atomic.Bool
	// misstemmed holds the words PostgreSQL stems otherwise than Go.
	misstemmed map[string]bool
	// inserts are the statements that insert n documents into an empty
	// index, prepared once for each n.
	inserts map[int]*sql.Stmt
}

func (w *postgresWriter) write(ctx context.Context, tx bun.Tx, docs []*Document, prepared any) error {
	if w.empty {
		return w.insert(ctx, tx, docs, prepared.(postgresInsert))
	}
	c := prepared.(postgresChunk)
	if err := w.check(ctx, tx, docs); err != nil {
		return err
	}
	changed := docs
	if w.trusted {
		rows, err := tx.Tx.QueryContext(ctx, postgresUpToDate, c.ids, c.digests, c.created, c.updated)
		if err != nil {
			return err
		}
		same := map[int64]bool{}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			same[id] = true
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if len(same) > 0 {
			changed = make([]*Document, 0, len(docs)-len(same))
			for _, d := range docs {
				if !same[d.IssueID] {
					changed = append(changed, d)
				}
			}
		}
	}
	if len(changed) == 0 {
		return nil
	}
	w.written += len(changed)
	_, err := tx.Tx.ExecContext(ctx, postgresUpsertDocuments, postgresColumns(changed)...)
	return err
}

// check has PostgreSQL compute the tsvectors of the first chunk of a
// rebuild, to tell whether those written in Go can be trusted.
func (w *postgresWriter) check(ctx context.Context, tx bun.Tx, docs []*Document) error {
	if w.checked {
		return nil
	}
	w.checked = true
	var err error
	w.trusted, err = w.agrees(ctx, tx, docs)
	w.distrusted.Store(!w.trusted)
	return err
}

// agrees reports whether PostgreSQL computes the tsvectors expected in Go
// for every document of the chunk whose tsvector was told in advance.
func (w *postgresWriter) agrees(ctx context.Context, tx bun.Tx, docs []*Document) (bool, error) {
	ids := make(pq.Int64Array, 0, len(docs))
	var words [4]pq.StringArray
	expected := map[int64]string{}
	for _, d := range docs {
		a := d.analysis()
		tsv, ok := expectedTSVector(a)
		if !ok {
			continue
		}
		sum := md5.Sum([]byte(tsv)) //nolint:gosec // compared with PostgreSQL's md5(), it protects nothing
		expected[d.IssueID] = hex.EncodeToString(sum[:])
		ids = append(ids, d.IssueID)
		for j, field := range [][]string{a.title, a.summary, a.body, a.extra} {
			words[j] = append(words[j], strings.Join(field, " "))
		}
	}
	if len(ids) == 0 {
		return false, nil
	}
	rows, err := tx.Tx.QueryContext(ctx, postgresComputedDigests, ids, words[0], words[1], words[2], words[3])
	if err != nil {
		return false, err
	}
	defer rows.Close()
	agree := 0
	for rows.Next() {
		var id int64
		var digest string
		if err := rows.Scan(&id, &digest); err != nil {
			return false, err
		}
		if expected[id] != digest {
			return false, rows.Close()
		}
		agree++
	}
	return agree == len(ids), rows.Close()
}

// postgresColumns are the arguments of postgresUpsertDocuments: one array
// per column.
func postgresColumns(docs []*Document) []any {
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

// finish implements rebuildWriter: it removes the documents of issues that
// are no longer public.
func (w *postgresWriter) finish(ctx context.Context, tx bun.Tx, ids []int64) (int, error) {
	res, err := tx.Tx.ExecContext(ctx,
		"DELETE FROM search_documents WHERE issue_id NOT IN (SELECT unnest($1::bigint[]))", pq.Int64Array(ids))
	if err != nil {
		return 0, err
	}
	removed, err := res.RowsAffected()
	return w.written + int(removed), err
}
