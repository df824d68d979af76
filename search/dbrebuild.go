package search

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
)

// rebuildChunk is how many documents one statement of a rebuild writes.
// Fewer statements cost less to prepare, and FTS5 writes its pending
// entries as a new segment, to be merged later, at every statement.
const rebuildChunk = 500

// bulkRebuilder is a dialect that rebuilds with statements of many
// documents each: startRebuild opens the writer of one rebuild, in its
// transaction, binary telling whether tx's connection sends []byte
// parameters in PostgreSQL's binary format.
type bulkRebuilder interface {
	startRebuild(ctx context.Context, tx bun.Tx, binary bool) (rebuildWriter, error)
}

// rebuildWriter writes the chunks of one rebuild. prepare turns up to
// rebuildChunk documents into what write needs, on another goroutine while
// the previous chunk is being written: it reads only what startRebuild
// set. A rebuild compares each document with the stored one and writes
// only those that differ, so that rebuilding an index that is up to date
// costs reading it, not writing it again: what it leaves in place is
// exactly what it would have written. finish removes the documents of
// issues that are not in ids and returns how many documents were written.
type rebuildWriter interface {
	prepare(docs []*Document) any
	write(ctx context.Context, tx bun.Tx, docs []*Document, prepared any) error
	finish(ctx context.Context, tx bun.Tx, ids []int64) (written int, err error)
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
	n, _, err := e.rebuild(ctx, source)
	return n, err
}

// rebuild is Rebuild, also returning how many documents were written
// rather than found up to date.
func (e *dbEngine) rebuild(ctx context.Context, source DocumentStream) (n, written int, err error) {
	bulk, ok := e.dialect.(bulkRebuilder)
	if !ok {
		return 0, 0, fmt.Errorf("%s cannot rebuild", e.dialect.name())
	}
	db, binary := e.db, e.binary != nil
	if binary {
		// A connection of its own, for the rebuild's transaction alone
		// (postgres_fill.go).
		sqldb := sql.OpenDB(e.binary)
		sqldb.SetMaxOpenConns(1)
		defer sqldb.Close()
		db = bun.NewDB(sqldb, e.db.Dialect())
	}
	var ids []int64
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		ids, written = ids[:0], 0
		w, err := bulk.startRebuild(ctx, tx, binary)
		if err != nil {
			return err
		}
		chunks := prepareChunks(ctx, w, source)
		defer func() {
			// Stop the producer and wait for it, so that nothing reads on
			// behalf of a rebuild that has returned.
			chunks.cancel()
			for range chunks.out {
			}
		}()
		for c := range chunks.out {
			if c.err != nil {
				return c.err
			}
			for _, d := range c.docs {
				ids = append(ids, d.IssueID)
			}
			if err := w.write(ctx, tx, c.docs, c.prepared); err != nil {
				return fmt.Errorf("write documents: %w", err)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if written, err = w.finish(ctx, tx, ids); err != nil {
			return err
		}
		// The producer counted the terms of every document it prepared;
		// it has closed the channel, so the counts are complete.
		if _, err := tx.NewRaw("DELETE FROM search_vocabulary").Exec(ctx); err != nil {
			return err
		}
		return adjustVocabulary(ctx, tx, *chunks.counts)
	})
	if err == nil && written > 0 {
		if a, ok := e.dialect.(analyzer); ok {
			err = a.analyze(ctx, e.db)
		}
	}
	return len(ids), written, err
}

// preparedChunks are the chunks of a rebuild as they are prepared; the
// channel closes after the last one or after an error. counts holds the
// number of documents of every term once the channel is closed.
type preparedChunks struct {
	out    chan rebuildChunkOf
	cancel context.CancelFunc
	counts *map[string]int
}

func prepareChunks(ctx context.Context, w rebuildWriter, source DocumentStream) preparedChunks {
	ctx, cancel := context.WithCancel(ctx)
	out := make(chan rebuildChunkOf, 1)
	counts := map[string]int{}
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
			for _, d := range docs {
				for _, t := range d.analysis().terms {
					counts[t]++
				}
			}
			for start := 0; start < len(docs); start += rebuildChunk {
				part := docs[start:min(start+rebuildChunk, len(docs))]
				if err := send(rebuildChunkOf{docs: part, prepared: w.prepare(part)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil && ctx.Err() == nil {
			send(rebuildChunkOf{err: err}) //nolint:errcheck // the error is the one sent
		}
	}()
	return preparedChunks{out: out, cancel: cancel, counts: &counts}
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
