package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
)

// enqueueSearch asks the search indexer to refresh an issue's document; the
// job is enqueued in the same transaction as the change, and coalesces with
// one for the same issue still waiting.
func enqueueSearch(ctx context.Context, tx bun.Tx, issueID int64, _ time.Time) error {
	if err := jobs.Enqueue(ctx, tx, search.IndexArgs{IssueIDs: []int64{issueID}}); err != nil {
		return fmt.Errorf("enqueue search: %w", err)
	}
	return nil
}

// enqueueSearchBatch asks the indexer to refresh the documents of many
// issues, in jobs of search.IndexBatch issues.
func enqueueSearchBatch(ctx context.Context, tx bun.Tx, issueIDs []int64) error {
	for _, args := range search.Batches(issueIDs) {
		if err := jobs.Enqueue(ctx, tx, args); err != nil {
			return fmt.Errorf("enqueue search: %w", err)
		}
	}
	return nil
}

// enqueueSearchOfIssues asks the indexer to refresh the documents of every
// public issue whose column (agency_id or category_id) is id: their search
// documents carry the agency's or category's name and slug.
func enqueueSearchOfIssues(ctx context.Context, tx bun.Tx, column string, id int64, _ time.Time) error {
	if column != "agency_id" && column != "category_id" {
		return fmt.Errorf("enqueue search by %q: unknown column", column)
	}
	var ids []int64
	err := tx.NewSelect().Table("issues").Column("id").
		Where("? = ?", bun.Ident(column), id).
		Where(models.PublicIssueCondition("")).
		OrderExpr("id ASC").
		Scan(ctx, &ids)
	if err != nil {
		return fmt.Errorf("enqueue search of issues: %w", err)
	}
	return enqueueSearchBatch(ctx, tx, ids)
}

// outboxToQueue is the Go part of the migration that replaces the search
// outbox by the job queue: the changes still waiting in the outbox (and
// those set aside there) become index jobs, before the outbox is dropped.
func (db *DB) outboxToQueue(ctx context.Context, tx bun.Tx) error {
	var ids []int64
	err := tx.NewSelect().Table("search_outbox").ColumnExpr("DISTINCT issue_id").
		Where("done_at IS NULL").
		OrderExpr("issue_id ASC").
		Scan(ctx, &ids)
	if err != nil {
		return fmt.Errorf("read the search outbox: %w", err)
	}
	return enqueueSearchBatch(ctx, tx, ids)
}
