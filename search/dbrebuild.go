package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
)

// rebuildChunk is how many documents one statement of a rebuild writes.
// Fewer statements cost less to prepare, and FTS5 writes its pending
// entries as a new segment, to be merged later, at every statement.
const rebuildChunk = 500

// bulkRebuilder is a dialect that rebuilds with statements of many
// documents each: start prepares the tables, write takes up to rebuildChunk
// documents, finish gets the ids of all the documents written.
type bulkRebuilder interface {
	startRebuild(ctx context.Context, tx bun.Tx) error
	writeRebuild(ctx context.Context, tx bun.Tx, docs []*Document) error
	finishRebuild(ctx context.Context, tx bun.Tx, ids []int64) error
}

// Rebuild implements Engine: the old documents stay visible to searches
// until the transaction that replaces them all commits.
func (e *dbEngine) Rebuild(ctx context.Context, source DocumentSource) (int, error) {
	bulk, _ := e.dialect.(bulkRebuilder)
	var ids []int64
	err := e.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		ids = ids[:0]
		var err error
		if bulk != nil {
			err = bulk.startRebuild(ctx, tx)
		} else {
			err = e.dialect.clear(ctx, tx)
		}
		if err != nil {
			return err
		}
		if _, err := tx.NewRaw("DELETE FROM search_vocabulary").Exec(ctx); err != nil {
			return err
		}
		counts := map[string]int{}
		err = source(ctx, func(docs []*Document) error {
			for _, d := range docs {
				for _, t := range d.analysis().terms {
					counts[t]++
				}
				ids = append(ids, d.IssueID)
			}
			if bulk != nil {
				for start := 0; start < len(docs); start += rebuildChunk {
					if err := bulk.writeRebuild(ctx, tx, docs[start:min(start+rebuildChunk, len(docs))]); err != nil {
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
		if bulk != nil {
			if err := bulk.finishRebuild(ctx, tx, ids); err != nil {
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
	return len(ids), err
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
