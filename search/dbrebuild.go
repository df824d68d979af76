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
// documents each. start prepares the tables; prepare turns up to
// rebuildChunk documents into the values of the statements, while the
// previous chunk is being written; write writes them; finish gets the ids
// of all the documents written.
type bulkRebuilder interface {
	startRebuild(ctx context.Context, tx bun.Tx) error
	prepareRebuild(docs []*Document) any
	writeRebuild(ctx context.Context, tx bun.Tx, docs []*Document, prepared any) error
	finishRebuild(ctx context.Context, tx bun.Tx, ids []int64) error
}

// rebuildChunkOf is a prepared chunk of a rebuild, or the error that ended
// the reading.
type rebuildChunkOf struct {
	docs     []*Document
	prepared any
	err      error
}

// Rebuild implements Engine: the old documents stay visible to searches
// until the transaction that replaces them all commits. Reading, analysing
// and preparing the documents runs ahead of writing them.
func (e *dbEngine) Rebuild(ctx context.Context, source DocumentStream) (int, error) {
	bulk, ok := e.dialect.(bulkRebuilder)
	if !ok {
		return 0, fmt.Errorf("%s cannot rebuild", e.dialect.name())
	}
	var ids []int64
	err := e.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		ids = ids[:0]
		if err := bulk.startRebuild(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.NewRaw("DELETE FROM search_vocabulary").Exec(ctx); err != nil {
			return err
		}
		chunks := prepareChunks(ctx, bulk, source)
		defer func() {
			// Stop the producer and wait for it, so that nothing reads on
			// behalf of a rebuild that has returned.
			chunks.cancel()
			for range chunks.out {
			}
		}()
		counts := map[string]int{}
		for c := range chunks.out {
			if c.err != nil {
				return c.err
			}
			for _, d := range c.docs {
				for _, t := range d.analysis().terms {
					counts[t]++
				}
				ids = append(ids, d.IssueID)
			}
			if err := bulk.writeRebuild(ctx, tx, c.docs, c.prepared); err != nil {
				return fmt.Errorf("write documents: %w", err)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := bulk.finishRebuild(ctx, tx, ids); err != nil {
			return err
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

// preparedChunks are the chunks of a rebuild as they are prepared; the
// channel closes after the last one or after an error.
type preparedChunks struct {
	out    chan rebuildChunkOf
	cancel context.CancelFunc
}

func prepareChunks(ctx context.Context, bulk bulkRebuilder, source DocumentStream) preparedChunks {
	ctx, cancel := context.WithCancel(ctx)
	out := make(chan rebuildChunkOf, 1)
	send := func(c rebuildChunkOf) error {
		select {
		case out <- c:
			return c.err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	go func() {
		defer close(out)
		err := source(ctx, func(docs []*Document) error {
			for start := 0; start < len(docs); start += rebuildChunk {
				part := docs[start:min(start+rebuildChunk, len(docs))]
				if err := send(rebuildChunkOf{docs: part, prepared: bulk.prepareRebuild(part)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil && ctx.Err() == nil {
			send(rebuildChunkOf{err: err}) //nolint:errcheck // the error is the one sent
		}
	}()
	return preparedChunks{out: out, cancel: cancel}
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
