package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// enqueueSearchOfIssues asks the indexer to refresh the documents of every
// public issue whose column (agency_id or category_id) is id: their search
// documents carry the agency's or category's name and slug.
func enqueueSearchOfIssues(ctx context.Context, tx bun.Tx, column string, id int64, now time.Time) error {
	if column != "agency_id" && column != "category_id" {
		return fmt.Errorf("enqueue search by %q: unknown column", column)
	}
	_, err := tx.NewRaw(
		"INSERT INTO search_outbox (issue_id, created_at, attempts, last_error, next_attempt_at) "+
			"SELECT id, ?, 0, '', ? FROM issues WHERE "+column+" = ? AND status NOT IN (?) AND internal = ? ORDER BY id",
		now, now, id, bun.In([]models.IssueStatus{models.StatusNew, models.StatusRejected}), false).Exec(ctx)
	if err != nil {
		return fmt.Errorf("enqueue search of issues: %w", err)
	}
	return nil
}
