package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"

	"github.com/kotabaru/tanggap/models"
)

// The rows every public page reads — a page of issues, one issue, their
// responses and their sources — are scanned by the column lists below
// rather than by bun. bun finds each column's field by reflection and
// converts its value through reflect.Value, row after row; at a page of
// twenty issues with their responses that was 7 % of the server's processor
// time, beyond the driver's own decoding (docs/performance.md, "Rows scanned
// by hand"). Here each column is one small function that assigns the
// driver's value to its field. The values are read as bun reads them — a
// NULL as the zero value, a time the driver could not read
// (models.UnreadableTime) clamped by the model's AfterScanRow — and
// TestScanColumns compares both readings of every column, bad times
// included, on both databases.

// scanColumn assigns the driver's value of one column to its field of row.
type scanColumn[T any] func(row *T, src any) error

// scanColumns are the columns of a model, by name.
type scanColumns[T any] map[string]scanColumn[T]

// cell is the sql.Scanner of one column: it assigns to the row being
// scanned, which *row names.
type cell[T any] struct {
	row  **T
	scan scanColumn[T]
}

func (c *cell[T]) Scan(src any) error { return c.scan(*c.row, src) }

// scanRows reads every row of rows into a new T, in order, and closes rows.
// A column the list does not know is an error, not a silent zero.
func scanRows[T any](ctx context.Context, rows *sql.Rows, columns scanColumns[T]) ([]*T, error) {
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var row *T
	cells := make([]cell[T], len(names))
	dest := make([]any, len(names))
	for i, name := range names {
		scan, ok := columns[name]
		if !ok {
			return nil, fmt.Errorf("store: no column %q in %T", name, row)
		}
		cells[i] = cell[T]{row: &row, scan: scan}
		dest[i] = &cells[i]
	}
	var out []*T
	for rows.Next() {
		row = new(T)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if h, ok := any(row).(bun.AfterScanRowHook); ok {
			if err := h.AfterScanRow(ctx); err != nil {
				return nil, err
			}
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

var issueScanColumns = scanColumns[models.Issue]{
	"id":                 func(i *models.Issue, v any) error { return scanInt64(&i.ID, v) },
	"number":             func(i *models.Issue, v any) error { return scanString(&i.Number, v) },
	"title":              func(i *models.Issue, v any) error { return scanString(&i.Title, v) },
	"summary":            func(i *models.Issue, v any) error { return scanString(&i.Summary, v) },
	"kind":               func(i *models.Issue, v any) error { return scanString(&i.Kind, v) },
	"status":             func(i *models.Issue, v any) error { return scanString(&i.Status, v) },
	"priority":           func(i *models.Issue, v any) error { return scanOptString(&i.Priority, v) },
	"verdict":            func(i *models.Issue, v any) error { return scanOptString(&i.Verdict, v) },
	"category_id":        func(i *models.Issue, v any) error { return scanOptInt64(&i.CategoryID, v) },
	"agency_id":          func(i *models.Issue, v any) error { return scanOptInt64(&i.AgencyID, v) },
	"internal":           func(i *models.Issue, v any) error { return scanBool(&i.Internal, v) },
	"internal_reason":    func(i *models.Issue, v any) error { return scanString(&i.InternalReason, v) },
	"duplicate_of_id":    func(i *models.Issue, v any) error { return scanOptInt64(&i.DuplicateOfID, v) },
	"reject_reason":      func(i *models.Issue, v any) error { return scanString(&i.RejectReason, v) },
	"external_ref":       func(i *models.Issue, v any) error { return scanOptString(&i.ExternalRef, v) },
	"created_by_id":      func(i *models.Issue, v any) error { return scanOptInt64(&i.CreatedByID, v) },
	"created_at":         func(i *models.Issue, v any) error { return scanTime(&i.CreatedAt, v) },
	"updated_at":         func(i *models.Issue, v any) error { return scanTime(&i.UpdatedAt, v) },
	"assigned_at":        func(i *models.Issue, v any) error { return scanOptTime(&i.AssignedAt, v) },
	"acknowledged_at":    func(i *models.Issue, v any) error { return scanOptTime(&i.AcknowledgedAt, v) },
	"answered_at":        func(i *models.Issue, v any) error { return scanOptTime(&i.AnsweredAt, v) },
	"closed_at":          func(i *models.Issue, v any) error { return scanOptTime(&i.ClosedAt, v) },
	"acknowledge_due_at": func(i *models.Issue, v any) error { return scanOptTime(&i.AcknowledgeDueAt, v) },
	"answer_due_at":      func(i *models.Issue, v any) error { return scanOptTime(&i.AnswerDueAt, v) },
}

var responseScanColumns = scanColumns[models.Response]{
	"id":           func(r *models.Response, v any) error { return scanInt64(&r.ID, v) },
	"issue_id":     func(r *models.Response, v any) error { return scanInt64(&r.IssueID, v) },
	"agency_id":    func(r *models.Response, v any) error { return scanInt64(&r.AgencyID, v) },
	"status":       func(r *models.Response, v any) error { return scanString(&r.Status, v) },
	"body":         func(r *models.Response, v any) error { return scanString(&r.Body, v) },
	"body_html":    func(r *models.Response, v any) error { return scanString(&r.BodyHTML, v) },
	"verdict":      func(r *models.Response, v any) error { return scanOptString(&r.Verdict, v) },
	"author_id":    func(r *models.Response, v any) error { return scanOptInt64(&r.AuthorID, v) },
	"revision":     func(r *models.Response, v any) error { return scanInt(&r.Revision, v) },
	"created_at":   func(r *models.Response, v any) error { return scanTime(&r.CreatedAt, v) },
	"updated_at":   func(r *models.Response, v any) error { return scanTime(&r.UpdatedAt, v) },
	"published_at": func(r *models.Response, v any) error { return scanOptTime(&r.PublishedAt, v) },
}

var sourceScanColumns = scanColumns[models.IssueSource]{
	"id":             func(s *models.IssueSource, v any) error { return scanInt64(&s.ID, v) },
	"issue_id":       func(s *models.IssueSource, v any) error { return scanInt64(&s.IssueID, v) },
	"platform":       func(s *models.IssueSource, v any) error { return scanString(&s.Platform, v) },
	"url":            func(s *models.IssueSource, v any) error { return scanString(&s.URL, v) },
	"claim_text":     func(s *models.IssueSource, v any) error { return scanString(&s.ClaimText, v) },
	"account_handle": func(s *models.IssueSource, v any) error { return scanString(&s.AccountHandle, v) },
	"detected_at":    func(s *models.IssueSource, v any) error { return scanTime(&s.DetectedAt, v) },
	"created_at":     func(s *models.IssueSource, v any) error { return scanTime(&s.CreatedAt, v) },
}

// The scanners of single values. The drivers hand over int64, bool,
// float64, string, []byte, time.Time or nil; a NULL is read as the zero
// value, as bun reads it.

func scanInt64(p *int64, v any) error {
	switch x := v.(type) {
	case int64:
		*p = x
	case nil:
		*p = 0
	case bool:
		*p = 0
		if x {
			*p = 1
		}
	case []byte:
		return parseInt(p, string(x))
	case string:
		return parseInt(p, x)
	default:
		return fmt.Errorf("store: cannot read %T as an integer", v)
	}
	return nil
}

func parseInt(p *int64, s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("store: cannot read %q as an integer", s)
	}
	*p = n
	return nil
}

func scanInt(p *int, v any) error {
	var n int64
	if err := scanInt64(&n, v); err != nil {
		return err
	}
	*p = int(n)
	return nil
}

func scanOptInt64(p **int64, v any) error {
	if v == nil {
		*p = nil
		return nil
	}
	n := new(int64)
	*p = n
	return scanInt64(n, v)
}

func scanBool(p *bool, v any) error {
	switch x := v.(type) {
	case bool:
		*p = x
	case int64:
		*p = x != 0
	case nil:
		*p = false
	case []byte:
		return parseBool(p, string(x))
	case string:
		return parseBool(p, x)
	default:
		return fmt.Errorf("store: cannot read %T as a boolean", v)
	}
	return nil
}

func parseBool(p *bool, s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("store: cannot read %q as a boolean", s)
	}
	*p = b
	return nil
}

func scanString[S ~string](p *S, v any) error {
	switch x := v.(type) {
	case string:
		*p = S(x)
	case []byte:
		*p = S(x)
	case nil:
		*p = ""
	default:
		return fmt.Errorf("store: cannot read %T as text", v)
	}
	return nil
}

func scanOptString[S ~string](p **S, v any) error {
	if v == nil {
		*p = nil
		return nil
	}
	s := new(S)
	*p = s
	return scanString(s, v)
}

// timeScanner is bun's reading of a time from text, for the rare time a
// driver hands over as text (SQLite, in a column not declared as a time).
var timeScanner = schema.Scanner(reflect.TypeFor[time.Time]())

func scanTime(p *time.Time, v any) error {
	switch x := v.(type) {
	case time.Time:
		*p = x
		return nil
	case nil:
		*p = time.Time{}
		return nil
	}
	return timeScanner(reflect.ValueOf(p).Elem(), v)
}

func scanOptTime(p **time.Time, v any) error {
	if v == nil {
		*p = nil
		return nil
	}
	t := new(time.Time)
	*p = t
	return scanTime(t, v)
}
