package search

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/models"
)

// ReindexBatchSize is how many issues `tanggap reindex` loads at a time.
const ReindexBatchSize = 1000

// Reindex rebuilds every engine from src. Index jobs enqueued while it runs
// may have reached only the old index, so their issues are queued again
// afterwards. The index jobs from before it started are settled by the
// rebuild, which reads their issues after their changes were committed and
// writes the current documents: the dead ones are deleted, and those
// available to run are claimed at the start and marked completed at the
// end (an import queues its whole archive, which the first server to start
// would otherwise index a second time). q may be nil (no queue to settle).
// It returns the number of documents each engine indexed.
func Reindex(ctx context.Context, src DocumentSource, q *jobs.Queue, batchSize int, engines ...Engine) (map[models.SearchEngine]int, error) {
	var (
		lastID  int64
		waiting []int64
	)
	if q != nil {
		var err error
		if lastID, err = q.LastID(ctx); err != nil {
			return nil, err
		}
		// Only jobs already committed are listed: a change whose job is
		// not yet visible may commit after the rebuild has read its issue.
		// Those waiting are claimed, so that a change coalescing with one of
		// them while the rebuild runs gets a job of its own.
		if waiting, err = q.Waiting(ctx, IndexKind, lastID); err != nil {
			return nil, err
		}
		if waiting, err = q.Claim(ctx, waiting); err != nil {
			return nil, err
		}
	}
	settled := false
	defer func() {
		if q != nil && !settled {
			// Not made up for: they run on their own.
			q.Settle(context.WithoutCancel(ctx), waiting, false) //nolint:errcheck // left running, the rescuer hands them back
		}
	}()
	counts := map[models.SearchEngine]int{}
	for _, e := range engines {
		n, err := e.Rebuild(ctx, AllDocuments(src, batchSize))
		if err != nil {
			return counts, fmt.Errorf("rebuild %s: %w", e.Name(), err)
		}
		counts[e.Name()] = n
	}
	if q == nil {
		return counts, nil
	}
	recent, err := q.Since(ctx, IndexKind, lastID)
	if err != nil {
		return counts, err
	}
	seen := map[int64]bool{}
	var again []int64
	for _, raw := range recent {
		var a IndexArgs
		if err := json.Unmarshal(raw, &a); err != nil {
			return counts, fmt.Errorf("read an index job: %w", err)
		}
		for _, id := range a.IssueIDs {
			if !seen[id] {
				seen[id] = true
				again = append(again, id)
			}
		}
	}
	for _, args := range Batches(again) {
		if err := q.Add(ctx, args); err != nil {
			return counts, fmt.Errorf("queue recent changes again: %w", err)
		}
	}
	if _, err := q.DeleteDead(ctx, IndexKind, lastID); err != nil {
		return counts, fmt.Errorf("settle earlier changes: %w", err)
	}
	settled = true
	if err := q.Settle(ctx, waiting, true); err != nil {
		return counts, fmt.Errorf("settle earlier changes: %w", err)
	}
	return counts, nil
}

// EnqueueAll queues every public issue of src for indexing, so that an
// engine that starts empty is brought up to date.
func EnqueueAll(ctx context.Context, src DocumentSource, q *jobs.Queue) error {
	var after int64
	for {
		ids, err := src.PublicIssueIDs(ctx, after, IndexBatch)
		if err != nil || len(ids) == 0 {
			return err
		}
		if err := q.Add(ctx, IndexArgs{IssueIDs: ids}); err != nil {
			return err
		}
		after = ids[len(ids)-1]
	}
}
