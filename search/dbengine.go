package search

import (
	"context"
	"database/sql"
	"errors"
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
}

// dbDialect is the part of a database engine that differs by database.
type dbDialect interface {
	name() models.SearchEngine
	// writeDocument inserts or replaces the document row and its index entry.
	writeDocument(ctx context.Context, tx bun.Tx, d *Document, a analysed, terms []string) error
	// removeDocument deletes the index entry and the row.
	removeDocument(ctx context.Context, tx bun.Tx, issueID int64) error
	// clear empties the documents and the index.
	clear(ctx context.Context, tx bun.Tx) error
	// match returns the FROM clause, the conditions and the score of a plan
	// (nil for a query without words), with the arguments of each in order.
	match(p *plan) (from string, fromArgs []any, score string, scoreArgs []any, conds []string, condArgs []any)
}

// Name implements Engine.
func (e *dbEngine) Name() models.SearchEngine { return e.dialect.name() }

// Ping implements Engine.
func (e *dbEngine) Ping(ctx context.Context) error { return e.db.PingContext(ctx) }

// Index implements Engine: it writes in one transaction, so the change is
// confirmed when it commits.
func (e *dbEngine) Index(ctx context.Context, docs []*Document, removed []int64) error {
	return e.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, id := range removed {
			old, err := storedTerms(ctx, tx, id)
			if err != nil {
				return err
			}
			if old == nil {
				continue // nothing indexed
			}
			if err := e.dialect.removeDocument(ctx, tx, id); err != nil {
				return fmt.Errorf("remove document %d: %w", id, err)
			}
			if err := adjustVocabulary(ctx, tx, nil, old); err != nil {
				return err
			}
		}
		for _, d := range docs {
			old, err := storedTerms(ctx, tx, d.IssueID)
			if err != nil {
				return err
			}
			a := d.analyse()
			terms := a.terms()
			if err := e.dialect.writeDocument(ctx, tx, d, a, terms); err != nil {
				return fmt.Errorf("write document %d: %w", d.IssueID, err)
			}
			added, gone := diffTerms(old, terms)
			if err := adjustVocabulary(ctx, tx, added, gone); err != nil {
				return err
			}
		}
		return nil
	})
}

// analyzer is a dialect whose planner needs fresh statistics after a rebuild.
type analyzer interface {
	analyze(ctx context.Context, db *bun.DB) error
}

// storedTerms returns the terms of the stored document, or nil if there is none.
func storedTerms(ctx context.Context, tx bun.Tx, issueID int64) ([]string, error) {
	var terms string
	err := tx.NewRaw("SELECT terms FROM search_documents WHERE issue_id = ?", issueID).Scan(ctx, &terms)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read stored terms: %w", err)
	}
	return strings.Fields(terms), nil
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

// adjustVocabulary counts one more document for each added term and one
// fewer for each gone term, forgetting terms no document holds any more.
func adjustVocabulary(ctx context.Context, tx bun.Tx, added, gone []string) error {
	counts := map[string]int{}
	for _, t := range added {
		counts[t] = 1
	}
	if err := insertVocabulary(ctx, tx, counts); err != nil {
		return err
	}
	for start := 0; start < len(gone); start += vocabularyChunk {
		chunk := gone[start:min(start+vocabularyChunk, len(gone))]
		if _, err := tx.NewRaw("UPDATE search_vocabulary SET docs = docs - 1 WHERE term IN (?)", bun.In(chunk)).Exec(ctx); err != nil {
			return fmt.Errorf("count vocabulary: %w", err)
		}
		if _, err := tx.NewRaw("DELETE FROM search_vocabulary WHERE docs <= 0 AND term IN (?)", bun.In(chunk)).Exec(ctx); err != nil {
			return fmt.Errorf("prune vocabulary: %w", err)
		}
	}
	return nil
}

// insertVocabulary adds counts to the vocabulary.
func insertVocabulary(ctx context.Context, tx bun.Tx, counts map[string]int) error {
	terms := make([]string, 0, len(counts))
	for t := range counts {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	for start := 0; start < len(terms); start += vocabularyChunk {
		chunk := terms[start:min(start+vocabularyChunk, len(terms))]
		values := make([]string, len(chunk))
		args := make([]any, 0, 2*len(chunk))
		for i, t := range chunk {
			values[i] = "(?, ?)"
			args = append(args, t, counts[t])
		}
		q := "INSERT INTO search_vocabulary (term, docs) VALUES " + strings.Join(values, ", ") +
			" ON CONFLICT (term) DO UPDATE SET docs = search_vocabulary.docs + excluded.docs"
		if _, err := tx.NewRaw(q, args...).Exec(ctx); err != nil {
			return fmt.Errorf("add vocabulary: %w", err)
		}
	}
	return nil
}

// dbVocabulary implements vocabulary on the search_vocabulary table.
type dbVocabulary struct{ db bun.IDB }

func (v dbVocabulary) known(ctx context.Context, terms []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(terms) == 0 {
		return out, nil
	}
	var found []string
	if err := v.db.NewRaw("SELECT term FROM search_vocabulary WHERE term IN (?)", bun.In(terms)).Scan(ctx, &found); err != nil {
		return nil, err
	}
	for _, t := range found {
		out[t] = true
	}
	return out, nil
}

// prefixEnd is the first string after every string that starts with prefix,
// in byte order.
func prefixEnd(prefix string) string { return prefix + "\U0010FFFF" }

func (v dbVocabulary) withPrefix(ctx context.Context, prefix string, limit int) ([]string, error) {
	var found []string
	err := v.db.NewRaw("SELECT term FROM search_vocabulary WHERE term >= ? AND term < ? ORDER BY docs DESC, term ASC LIMIT ?",
		prefix, prefixEnd(prefix), limit).Scan(ctx, &found)
	return found, err
}

func (v dbVocabulary) close(ctx context.Context, word string) ([]string, error) {
	runes := []rune(word)
	budget := TypoBudget(len(runes))
	if budget == 0 {
		return nil, nil
	}
	// A wrong first letter counts as two typos, so close words share it.
	first := string(runes[0])
	var candidates []string
	err := v.db.NewRaw("SELECT term FROM search_vocabulary WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?",
		first, prefixEnd(first), len(runes)-budget, len(runes)+budget).Scan(ctx, &candidates)
	if err != nil {
		return nil, err
	}
	return closest(word, candidates, maxTypoExpansions), nil
}
