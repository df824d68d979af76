package search

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/uptrace/bun"
)

// A rebuild into an empty index (the first one after an import) writes
// every document, in the one backend of the rebuild's transaction.
// Computing four weighted tsvectors per document was most of that
// backend's work, and reading one given as text costs a fraction of it. So
// the tsvectors are written in Go (expectedTSVector) once PostgreSQL is
// shown to compute the same ones: the whole of the first chunk is computed
// by both (postgresWriter.check), which tells that the fields are weighted
// and their positions counted alike; and every word is stemmed by
// PostgreSQL alone, in the chunk of the first document that holds it,
// which tells that its parser reads it as one word and gives it the stem
// Go gives it (the words are runs of letters and digits passed one space
// apart, so what the parser makes of each does not depend on the others).
// A document holding a word stemmed otherwise has its tsvector computed by
// PostgreSQL, as has every document when the first chunk differs. What is
// stored is then what the indexer writes, tsvector for tsvector
// (TestRebuildPaths).
//
// Parsing a tsvector's text was then a fifth of the backend's work, so
// where the engine has a connector that sends []byte parameters in binary
// (BinaryConnector, lib/pq's binary_parameters) the rebuild runs on a
// connection of its own and passes each tsvector in PostgreSQL's binary
// form (expectedTSVectorBinary), which it reads without parsing. Only the
// tsvectors are []byte: every other value still travels as text.
//
// The documents are passed one parameter per value rather than one array
// per column: reading the arrays' text back cost PostgreSQL a tenth of its
// time, a parameter only its copy. Nothing here is DDL: the inserts take
// row locks only, and searches read the old rows until the rebuild's
// transaction commits.

// postgresMisstemmed returns the words whose tsvector, each alone, is not
// the one expected: a single lexeme, the stem Go gives the word, at
// position 1. The configuration is tsvectorSQL's.
const postgresMisstemmed = "SELECT word FROM unnest($1::text[], $2::text[]) AS w (word, expected) " +
	"WHERE to_tsvector('indonesian', word)::text <> expected"

// insertParams is the number of parameters of a document in
// postgresInsertDocuments: the values of documentColumns, the tsvector
// (NULL to have PostgreSQL compute it) and the words of the four fields.
const insertParams = 19

// postgresInsertDocuments is the statement that inserts n documents.
func postgresInsertDocuments(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO search_documents (" + documentColumns + ", tsv) " +
		"SELECT issue_id, number, title, summary, body, extra, kind, status, verdict, agency_slug, category_slug, created_at, updated_at, terms, " +
		"coalesce(tsv, " + fmt.Sprintf(strings.ReplaceAll(tsvectorSQL, "?", "%s"), "title_words", "summary_words", "body_words", "extra_words") +
		") FROM (VALUES ")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		for j := 1; j <= insertParams; j++ {
			switch j {
			case 1:
				b.WriteByte('(')
			default:
				b.WriteString(", ")
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(i*insertParams + j))
			switch j {
			case 1:
				b.WriteString("::bigint")
			case 12, 13:
				b.WriteString("::timestamptz")
			case 15:
				b.WriteString("::tsvector")
			}
		}
		b.WriteByte(')')
	}
	b.WriteString(") AS d (issue_id, number, title, summary, body, extra, kind, status, verdict, agency_slug, category_slug, created_at, updated_at, terms, " +
		"tsv, title_words, summary_words, body_words, extra_words) " +
		"ON CONFLICT (issue_id) DO UPDATE SET " + documentUpdates + ", tsv = excluded.tsv")
	return b.String()
}

// postgresInsert is a chunk of a rebuild into an empty index: the
// parameters of postgresInsertDocuments, with the tsvectors written in Go
// if inGo; and the words met for the first time in it, with the tsvector
// expected of each alone.
type postgresInsert struct {
	args            []any
	inGo            bool
	words, expected pq.StringArray
}

// prepareInsert prepares a chunk of a rebuild into an empty index, on the
// goroutine that prepares every chunk in turn.
func (w *postgresWriter) prepareInsert(docs []*Document) postgresInsert {
	if w.distrusted.Load() {
		return postgresInsert{args: insertArgs(docs, nil)}
	}
	p := postgresInsert{args: insertArgs(docs, w.tsvectorInGo), inGo: true}
	// The documents come in the order they were analysed in, so a word is
	// checked in the chunk of the first document that holds it, before any
	// document that holds it is written.
	for _, d := range docs {
		a := d.analysis()
		for _, word := range a.newWords {
			stem := a.stemOf[word]
			if stem == "" || strings.ContainsAny(stem, `'\`) {
				continue // never in a tsvector written in Go
			}
			p.words = append(p.words, word)
			p.expected = append(p.expected, "'"+stem+"':1")
		}
	}
	return p
}

// insertArgs are the parameters of postgresInsertDocuments for docs: with
// the tsvector inGo tells, else the words for PostgreSQL to compute it
// from.
func insertArgs(docs []*Document, inGo func(*Document) (any, bool)) []any {
	args := make([]any, 0, len(docs)*insertParams)
	optional := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	for _, d := range docs {
		a := d.analysis()
		var verdict any
		if d.Verdict != nil {
			verdict = string(*d.Verdict)
		}
		args = append(args, d.IssueID, d.Number, d.Title, d.Summary, d.Body, d.Extra, string(d.Kind), string(d.Status),
			verdict, optional(d.AgencySlug), optional(d.CategorySlug),
			d.CreatedAt.UTC().Format(time.RFC3339Nano), d.UpdatedAt.UTC().Format(time.RFC3339Nano), strings.Join(a.terms, " "))
		if inGo != nil {
			if tsv, ok := inGo(d); ok {
				args = append(args, tsv, "", "", "", "")
				continue
			}
		}
		args = append(args, nil,
			strings.Join(a.title, " "), strings.Join(a.summary, " "), strings.Join(a.body, " "), strings.Join(a.extra, " "))
	}
	return args
}

// tsvectorInGo is the tsvector of a document written in Go, if it can be
// told in advance: in PostgreSQL's binary form when the rebuild's
// connection sends []byte parameters as binary, else as text.
func (w *postgresWriter) tsvectorInGo(d *Document) (any, bool) {
	if w.binary {
		return expectedTSVectorBinary(d.analysis())
	}
	return expectedTSVector(d.analysis())
}

// insert writes a chunk into an empty index: with the tsvectors written in
// Go once the first chunk agrees and the chunk's new words are stemmed as
// expected; those of the documents holding a word stemmed otherwise, or
// every one if the first chunk differs, computed by PostgreSQL.
func (w *postgresWriter) insert(ctx context.Context, tx bun.Tx, docs []*Document, p postgresInsert) error {
	args := p.args
	if p.inGo {
		if err := w.check(ctx, tx, docs); err != nil {
			return err
		}
		if !w.trusted {
			args = insertArgs(docs, nil)
		} else {
			if err := w.checkWords(ctx, tx, p.words, p.expected); err != nil {
				return err
			}
			if len(w.misstemmed) > 0 {
				args = insertArgs(docs, w.tsvectorChecked)
			}
		}
	}
	stmt, ok := w.inserts[len(docs)]
	if !ok {
		var err error
		if stmt, err = tx.Tx.PrepareContext(ctx, postgresInsertDocuments(len(docs))); err != nil {
			return err
		}
		w.inserts[len(docs)] = stmt
	}
	w.written += len(docs)
	_, err := stmt.ExecContext(ctx, args...)
	return err
}

// checkWords adds to misstemmed the words that PostgreSQL does not stem as
// expected.
func (w *postgresWriter) checkWords(ctx context.Context, tx bun.Tx, words, expected pq.StringArray) error {
	if len(words) == 0 {
		return nil
	}
	rows, err := tx.Tx.QueryContext(ctx, postgresMisstemmed, words, expected)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var word string
		if err := rows.Scan(&word); err != nil {
			return err
		}
		w.misstemmed[word] = true
	}
	return rows.Close()
}

// tsvectorChecked is tsvectorInGo for the documents that hold no word
// PostgreSQL stems otherwise.
func (w *postgresWriter) tsvectorChecked(d *Document) (any, bool) {
	a := d.analysis()
	for word := range w.misstemmed {
		if _, ok := a.stemOf[word]; ok {
			return nil, false
		}
	}
	return w.tsvectorInGo(d)
}
