package models

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// UnreadableTime stands in for a stored time the database driver could not
// read at all (text that is no time, such as a negative year written to
// SQLite). It lies outside ReadableTime, so the rows' AfterScanRow hooks
// treat it like any other time out of range.
var UnreadableTime = time.Date(1, time.January, 1, 0, 0, 0, 1, time.UTC)

// timeField is one time column of a row as read.
type timeField struct {
	column string
	t      *time.Time
}

// repairTimes keeps a row readable when a time of it is not: a stored time
// outside EarliestTime and LatestTime, or one the driver could not read
// (UnreadableTime), would fail every reader of the row (GraphQL cannot
// present year 1 as a non-null time, CSV and Atom need four-digit years,
// working-time sums would run for centuries). Such a time is read as the
// nearest bound, 1900-01-01T00:00:00Z or 2200-01-01T00:00:00Z (an
// unreadable one as the earlier), and logged once per process as a warning
// naming the table, the row id and the column. Writes refuse such times, so
// only rows written around the application hold them; a later edit of the
// row writes the clamped value back. It returns the columns it clamped.
func repairTimes(ctx context.Context, table string, id int64, fields ...timeField) []string {
	var repaired []string
	for _, f := range fields {
		if f.t == nil || ReadableTime(*f.t) {
			continue
		}
		warnUnreadableTime(ctx, table, id, f.column, *f.t)
		*f.t = ClampTime(*f.t)
		repaired = append(repaired, f.column)
	}
	return repaired
}

// warned remembers the cells already logged, so a bad row read on every
// request does not flood the log; it is emptied when it grows large.
var warned struct {
	sync.Mutex
	cells map[string]bool
}

func warnUnreadableTime(ctx context.Context, table string, id int64, column string, t time.Time) {
	key := fmt.Sprintf("%s/%d/%s", table, id, column)
	warned.Lock()
	if warned.cells == nil || len(warned.cells) > 10000 {
		warned.cells = map[string]bool{}
	}
	seen := warned.cells[key]
	warned.cells[key] = true
	warned.Unlock()
	if seen {
		return
	}
	value := t.UTC().Format(time.RFC3339Nano)
	if t.Equal(UnreadableTime) {
		value = "unreadable"
	}
	attrs := []any{"table", table, "id", id, "column", column, "value", value}
	if requestID := RequestIDFromContext(ctx); requestID != "" {
		attrs = append(attrs, "request_id", requestID)
	}
	slog.WarnContext(ctx, "stored time out of range; read as the nearest bound", attrs...)
}

var (
	_ bun.AfterScanRowHook = (*Issue)(nil)
	_ bun.AfterScanRowHook = (*IssueSource)(nil)
	_ bun.AfterScanRowHook = (*IssueEvent)(nil)
	_ bun.AfterScanRowHook = (*Response)(nil)
	_ bun.AfterScanRowHook = (*ResponseRevision)(nil)
	_ bun.AfterScanRowHook = (*Question)(nil)
)

// AfterScanRow clamps the issue's unreadable times (see UnreadableTime).
func (i *Issue) AfterScanRow(ctx context.Context) error {
	i.repairedTimes = repairTimes(ctx, "issues", i.ID,
		timeField{"created_at", &i.CreatedAt}, timeField{"updated_at", &i.UpdatedAt},
		timeField{"assigned_at", i.AssignedAt}, timeField{"acknowledged_at", i.AcknowledgedAt},
		timeField{"answered_at", i.AnsweredAt}, timeField{"closed_at", i.ClosedAt},
		timeField{"acknowledge_due_at", i.AcknowledgeDueAt}, timeField{"answer_due_at", i.AnswerDueAt})
	return nil
}

// TimeRepaired reports whether the stored value of the column could not be
// used as read and was clamped: a list cursor must then not trust it.
func (i *Issue) TimeRepaired(column string) bool {
	for _, c := range i.repairedTimes {
		if c == column {
			return true
		}
	}
	return false
}

// AfterScanRow clamps the source's unreadable times.
func (s *IssueSource) AfterScanRow(ctx context.Context) error {
	repairTimes(ctx, "issue_sources", s.ID, timeField{"detected_at", &s.DetectedAt}, timeField{"created_at", &s.CreatedAt})
	return nil
}

// AfterScanRow clamps the event's unreadable time.
func (e *IssueEvent) AfterScanRow(ctx context.Context) error {
	repairTimes(ctx, "issue_events", e.ID, timeField{"created_at", &e.CreatedAt})
	return nil
}

// AfterScanRow clamps the response's unreadable times.
func (r *Response) AfterScanRow(ctx context.Context) error {
	repairTimes(ctx, "responses", r.ID, timeField{"created_at", &r.CreatedAt}, timeField{"updated_at", &r.UpdatedAt},
		timeField{"published_at", r.PublishedAt})
	return nil
}

// AfterScanRow clamps the revision's unreadable time.
func (r *ResponseRevision) AfterScanRow(ctx context.Context) error {
	repairTimes(ctx, "response_revisions", r.ID, timeField{"created_at", &r.CreatedAt})
	return nil
}

// AfterScanRow clamps the question's unreadable times.
func (q *Question) AfterScanRow(ctx context.Context) error {
	repairTimes(ctx, "questions", q.ID, timeField{"created_at", &q.CreatedAt}, timeField{"updated_at", &q.UpdatedAt},
		timeField{"linked_at", q.LinkedAt}, timeField{"rejected_at", q.RejectedAt})
	return nil
}
