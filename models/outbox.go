package models

import (
	"time"

	"github.com/uptrace/bun"
)

// OutboxEntry asks the search indexer to refresh the document of one issue.
// It is written in the same transaction as the change that caused it.
type OutboxEntry struct {
	bun.BaseModel `bun:"table:search_outbox"`

	ID            int64      `bun:"id,pk,autoincrement"`
	IssueID       int64      `bun:"issue_id,notnull"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	Attempts      int        `bun:"attempts,notnull"`
	LastError     string     `bun:"last_error,notnull"`
	NextAttemptAt time.Time  `bun:"next_attempt_at,notnull"`
	DoneAt        *time.Time `bun:"done_at"`
	FailedAt      *time.Time `bun:"failed_at"`
}
