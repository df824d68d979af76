package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
)

// rebuildChunk is how many documents one INSERT of a rebuild writes. Fewer
// statements cost less to prepare, and FTS5 writes its pending entries as a
// new segment, to be merged later, at every statement.
const rebuildChunk = 500

// bulkInserter is a dialect that writes many documents in one statement
// into the emptied tables of a rebuild.
type bulkInserter interface {
	insertDocuments(ctx context.Context, tx bun.Tx, docs []*Document) error
}

// rebuildEmptier is a dialect with a faster way than clear to empty its
// tables before a rebuild.
type rebuildEmptier interface {
	emptyForRebuild(ctx context.Context, tx bun.Tx) error
}

// rebuildFinisher is a dialect with work to do after the last document of a
// rebuild, before it commits.
type rebuildFinisher interface {
	finishRebuild(ctx context.Context, tx bun.Tx) error
}

// Rebuild implements Engine: the old documents stay visible to searches
// until the transaction that replaces them all commits.
func (e *dbEngine) Rebuild(ctx context.Context, source DocumentSource) (int, error) {
	n := 0
	err := e.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		n = 0
		empty := e.dialect.clear
		if emptier, ok := e.dialect.(rebuildEmptier); ok {
			empty = emptier.emptyForRebuild
		}
		if err := empty(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.NewRaw("DELETE FROM search_vocabulary").Exec(ctx); err != nil {
			return err
		}
		counts := map[string]int{}
		bulk, _ := e.dialect.(bulkInserter)
		err := source(ctx, func(docs []*Document) error {
			for _, d := range docs {
				for _, t := range d.analysis().terms {
					counts[t]++
				}
			}
			n += len(docs)
			if bulk != nil {
				for start := 0; start < len(docs); start += rebuildChunk {
					if err := bulk.insertDocuments(ctx, tx, docs[start:min(start+rebuildChunk, len(docs))]); err != nil {
						return fmt.Errorf("write documents: %w", err)
					}
				}
				return nil
			}
			for _, d := range docs {
				a := d.analysis()
				if err := e.dialect.writeDocument(ctx, tx, d, a.analysed, a.terms); err != nil {
					return fmt.Errorf("write document %d: %w", d.IssueID, err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if finisher, ok := e.dialect.(rebuildFinisher); ok {
			if err := finisher.finishRebuild(ctx, tx); err != nil {
				return err
			}
		}
		return insertVocabulary(ctx, tx, counts)
	})
	if err == nil {
		if a, ok := e.dialect.(analyzer); ok {
			err = a.analyze(ctx, e.db)
		}
	}
	return n, err
}

// valuesList writes n rows of the same VALUES tuple, separated by commas.
func valuesList(n int, tuple string) string {
	var b strings.Builder
	b.Grow(n * (len(tuple) + 2))
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tuple)
	}
	return b.String()
}
