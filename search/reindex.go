package search

import (
	"context"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// ReindexBatchSize is how many issues `tanggap reindex` loads at a time.
const ReindexBatchSize = 1000

// Reindex rebuilds every engine from the database. Changes that reach the
// outbox while it runs are queued again afterwards, so none is lost to the
// swap; rows set aside before it started are settled by the rebuild, which
// wrote their issues' current documents. It returns the number of documents
// each engine indexed.
func Reindex(ctx context.Context, db *bun.DB, batchSize int, engines ...Engine) (map[models.SearchEngine]int, error) {
	var lastID int64
	err := db.NewSelect().Model((*models.OutboxEntry)(nil)).ColumnExpr("COALESCE(MAX(id), 0)").Scan(ctx, &lastID)
	if err != nil {
		return nil, fmt.Errorf("read the outbox: %w", err)
	}
	counts := map[models.SearchEngine]int{}
	for _, e := range engines {
		n, err := e.Rebuild(ctx, AllDocuments(db, batchSize))
		if err != nil {
			return counts, fmt.Errorf("rebuild %s: %w", e.Name(), err)
		}
		counts[e.Name()] = n
	}
	now := time.Now().UTC()
	// Rows written during the rebuild may have reached only the old index.
	_, err = db.NewUpdate().
		Model((*models.OutboxEntry)(nil)).
		Set("done_at = NULL").
		Set("failed_at = NULL").
		Set("attempts = 0").
		Set("next_attempt_at = ?", now).
		Where("id > ?", lastID).
		Exec(ctx)
	if err != nil {
		return counts, fmt.Errorf("queue recent changes again: %w", err)
	}
	_, err = db.NewUpdate().
		Model((*models.OutboxEntry)(nil)).
		Set("done_at = ?", now).
		Where("id <= ?", lastID).
		Where("done_at IS NULL").
		Exec(ctx)
	if err != nil {
		return counts, fmt.Errorf("settle earlier changes: %w", err)
	}
	return counts, nil
}

// advisoryLockKey names the PostgreSQL advisory lock of the indexer.
const advisoryLockKey = 73351410

// PostgresLeader returns an Indexer.Leader that lets one instance at a time
// drain the outbox, with a PostgreSQL session advisory lock held on a
// connection of its own for the duration of a round.
func PostgresLeader(db *bun.DB) func(ctx context.Context) (func(), bool) {
	return func(ctx context.Context) (func(), bool) {
		conn, err := db.Conn(ctx)
		if err != nil {
			return nil, false
		}
		var ok bool
		if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(?)", advisoryLockKey).Scan(&ok); err != nil || !ok {
			conn.Close()
			return nil, false
		}
		return func() {
			uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			if _, err := conn.ExecContext(uctx, "SELECT pg_advisory_unlock(?)", advisoryLockKey); err != nil {
				// Discard the session rather than return it to the pool
				// still holding the lock: ending a session releases it.
				conn.Raw(func(any) error { return driver.ErrBadConn }) //nolint:errcheck // the point is the error
			}
			conn.Close()
		}, true
	}
}

// EnqueueAll writes an outbox row for every public issue, so that the
// indexer brings an engine that starts empty up to date.
func EnqueueAll(ctx context.Context, db bun.IDB, now time.Time) error {
	now = now.UTC()
	_, err := db.NewRaw(
		"INSERT INTO search_outbox (issue_id, created_at, attempts, last_error, next_attempt_at) "+
			"SELECT id, ?, 0, '', ? FROM issues WHERE status NOT IN (?) AND internal = ? ORDER BY id",
		now, now, bun.In([]models.IssueStatus{models.StatusNew, models.StatusRejected}), false).Exec(ctx)
	return err
}
