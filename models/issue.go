package models

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Issue is a public issue logged by the Rapid Reaction Team: a claim, a
// complaint or a question, and the state of its official answer.
type Issue struct {
	bun.BaseModel `bun:"table:issues"`

	ID             int64       `bun:"id,pk,autoincrement"`
	Number         string      `bun:"number,notnull"`
	Title          string      `bun:"title,notnull"`
	Summary        string      `bun:"summary,notnull"`
	Kind           IssueKind   `bun:"kind,notnull"`
	Status         IssueStatus `bun:"status,notnull"`
	Priority       *Priority   `bun:"priority"`
	Verdict        *Verdict    `bun:"verdict"`
	CategoryID     *int64      `bun:"category_id"`
	AgencyID       *int64      `bun:"agency_id"`
	Internal       bool        `bun:"internal,notnull"`
	InternalReason string      `bun:"internal_reason,notnull"`
	DuplicateOfID  *int64      `bun:"duplicate_of_id"`
	RejectReason   string      `bun:"reject_reason,notnull"`
	ExternalRef    *string     `bun:"external_ref"`
	CreatedByID    *int64      `bun:"created_by_id"`

	CreatedAt        time.Time  `bun:"created_at,notnull"`
	UpdatedAt        time.Time  `bun:"updated_at,notnull"`
	AssignedAt       *time.Time `bun:"assigned_at"`
	AcknowledgedAt   *time.Time `bun:"acknowledged_at"`
	AnsweredAt       *time.Time `bun:"answered_at"`
	ClosedAt         *time.Time `bun:"closed_at"`
	AcknowledgeDueAt *time.Time `bun:"acknowledge_due_at"`
	AnswerDueAt      *time.Time `bun:"answer_due_at"`

	// repairedTimes names the columns whose stored times were out of
	// range when read (see AfterScanRow).
	repairedTimes []string
}

// CanRead reports whether user may see the issue at all.
func CanRead(user *User, i *Issue) bool {
	if i.IsPublic() || user.IsStaffReader() {
		return true
	}
	return user.BelongsTo(i.AgencyID) && i.Status.Public()
}

// IssueSource is one place where the claim was seen ("also circulated as").
type IssueSource struct {
	bun.BaseModel `bun:"table:issue_sources"`

	ID            int64     `bun:"id,pk,autoincrement"`
	IssueID       int64     `bun:"issue_id,notnull"`
	Platform      Platform  `bun:"platform,notnull"`
	URL           string    `bun:"url,notnull"`
	ClaimText     string    `bun:"claim_text,notnull"`
	AccountHandle string    `bun:"account_handle,notnull"`
	DetectedAt    time.Time `bun:"detected_at,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
}

// EventType names a recorded transition of an issue.
type EventType string

// The recorded transitions. The public timeline is derived from them.
const (
	EventCreated        EventType = "CREATED"
	EventAssigned       EventType = "ASSIGNED"
	EventReassigned     EventType = "REASSIGNED"
	EventAcknowledged   EventType = "ACKNOWLEDGED"
	EventDeclined       EventType = "DECLINED"
	EventAnswered       EventType = "ANSWERED"
	EventRevised        EventType = "REVISED"
	EventClosed         EventType = "CLOSED"
	EventReopened       EventType = "REOPENED"
	EventRejected       EventType = "REJECTED"
	EventDuplicate      EventType = "MARKED_DUPLICATE"
	EventMadeInternal   EventType = "MADE_INTERNAL"
	EventMadePublic     EventType = "MADE_PUBLIC"
	EventQuestionLinked EventType = "QUESTION_LINKED"
	EventSourceAdded    EventType = "SOURCE_ADDED"
	EventSourceUpdated  EventType = "SOURCE_UPDATED"
	EventSourceRemoved  EventType = "SOURCE_REMOVED"
	EventEdited         EventType = "EDITED"
)

// EventTypes lists every event type.
var EventTypes = []EventType{
	EventCreated, EventAssigned, EventReassigned, EventAcknowledged, EventDeclined, EventAnswered,
	EventRevised, EventClosed, EventReopened, EventRejected, EventDuplicate, EventMadeInternal,
	EventMadePublic, EventQuestionLinked, EventSourceAdded, EventSourceUpdated, EventSourceRemoved, EventEdited,
}

// IssueEvent records one transition of an issue: who, when, and why.
type IssueEvent struct {
	bun.BaseModel `bun:"table:issue_events"`

	ID       int64     `bun:"id,pk,autoincrement"`
	IssueID  int64     `bun:"issue_id,notnull"`
	Type     EventType `bun:"type,notnull"`
	ActorID  *int64    `bun:"actor_id"`
	AgencyID *int64    `bun:"agency_id"`
	// Reason is shown publicly only for public event types; reasons of
	// declines, rejections and internal marks stay with staff.
	Reason    string    `bun:"reason,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// IsPublicEvent reports whether the event belongs on the public timeline.
func (e *IssueEvent) IsPublicEvent() bool {
	switch e.Type {
	case EventDeclined, EventRejected, EventMadeInternal, EventMadePublic, EventQuestionLinked:
		return false
	}
	return true
}

// PublicReason reports whether the event's reason may be shown publicly.
func (e *IssueEvent) PublicReason() bool {
	return e.Type == EventRevised || e.Type == EventReopened || e.Type == EventDuplicate
}

// IssueNumber formats the stable public number of an issue, e.g. KTB-2026-000123.
func IssueNumber(prefix string, year, seq int) string {
	return fmt.Sprintf("%s-%04d-%06d", prefix, year, seq)
}

// IssueOrder is the order of an issue list.
type IssueOrder string

// The orders of an issue list.
const (
	OrderNewest          IssueOrder = "NEWEST"
	OrderOldest          IssueOrder = "OLDEST"
	OrderRecentlyUpdated IssueOrder = "RECENTLY_UPDATED"
)

// Valid reports whether o is a known order.
func (o IssueOrder) Valid() bool {
	return o == OrderNewest || o == OrderOldest || o == OrderRecentlyUpdated
}

// IssueFilter selects issues. Zero fields do not filter.
type IssueFilter struct {
	Statuses     []IssueStatus
	Kinds        []IssueKind
	CategorySlug string
	AgencySlug   string
	Verdicts     []Verdict
	Priorities   []Priority
	From, To     *time.Time // on CreatedAt, To exclusive
	Internal     *bool      // staff readers only
	Overdue      *bool      // open issues past a due time (or not)
	MineOnly     bool       // a PIC's queue: issues of their agency

	Order IssueOrder
	First int
	After string
	// CountTotal asks for IssuePage.TotalCount; counting every match costs
	// more than the page itself on a large archive, so it is opt-in.
	CountTotal bool
	// NoCursors says the caller reads no cursor, so IssuePage.Cursors is
	// left empty rather than encoded for every issue of the page.
	NoCursors bool
}

// IssuePage is one page of an issue list.
type IssuePage struct {
	Issues      []*Issue
	Cursors     []string // one per issue, none if the filter asked for NoCursors
	TotalCount  int      // zero unless the filter asked for CountTotal
	HasNextPage bool
}

// IssueSourceInput is a source given when logging an issue.
type IssueSourceInput struct {
	Platform      Platform
	URL           string
	ClaimText     string
	AccountHandle string
	DetectedAt    *time.Time
}

// IssueSourceUpdate corrects a recorded source; nil fields are unchanged,
// and an empty URL, claim or handle clears it.
type IssueSourceUpdate struct {
	ID            int64
	Platform      *Platform
	URL           *string
	ClaimText     *string
	AccountHandle *string
	DetectedAt    *time.Time
}

// NewIssue carries the fields of an issue logged by TRC.
type NewIssue struct {
	Title        string
	Summary      string
	Kind         IssueKind
	CategorySlug string
	Sources      []IssueSourceInput
}

// IssueUpdate edits the text of an issue; nil fields are unchanged.
type IssueUpdate struct {
	Title        *string
	Summary      *string
	Kind         *IssueKind
	CategorySlug *string
}

// Assignment hands an issue to an agency with a priority.
type Assignment struct {
	IssueNumber string
	AgencySlug  string
	Priority    Priority
}

// IssueWith names the rows read with one issue.
type IssueWith struct {
	Sources   bool
	Responses bool
}

// IssueRows is one issue with the rows IssueWith asked for: its sources,
// and its responses the caller may see (nil when not asked for).
type IssueRows struct {
	Issue     *Issue
	Sources   []*IssueSource
	Responses []*Response
}

// IssueService reads issues and moves them through their lifecycle. Every
// write method checks the caller's permission inside its transaction, records
// an issue event and an audit entry, and enqueues a search index job.
type IssueService interface {
	// FindIssues lists the issues the caller may see. Errors: EINVALID (filter), EFORBIDDEN (staff-only filter).
	FindIssues(ctx context.Context, filter IssueFilter) (*IssuePage, error)
	// IssueByNumber returns a visible issue or ENOTFOUND.
	IssueByNumber(ctx context.Context, number string) (*Issue, error)
	// IssueByNumberWith is IssueByNumber reading, with the issue, the rows
	// of it that with names: those a page of one issue shows.
	IssueByNumberWith(ctx context.Context, number string, with IssueWith) (*IssueRows, error)
	// IssuesByIDs returns the visible issues with the given ids, in any order.
	IssuesByIDs(ctx context.Context, ids []int64) ([]*Issue, error)
	// SourcesByIssueIDs returns the sources of the given issues.
	SourcesByIssueIDs(ctx context.Context, ids []int64) ([]*IssueSource, error)
	// EventsByIssueIDs returns the events the caller may see, oldest first.
	EventsByIssueIDs(ctx context.Context, ids []int64) ([]*IssueEvent, error)

	// CreateIssue is for TRC. Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID.
	CreateIssue(ctx context.Context, in NewIssue) (*Issue, error)
	// UpdateIssue is for TRC. Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID, ENOTFOUND.
	UpdateIssue(ctx context.Context, number string, in IssueUpdate) (*Issue, error)
	// AddIssueSource records another place where the claim circulates; TRC only.
	AddIssueSource(ctx context.Context, number string, in IssueSourceInput) (*Issue, error)
	// UpdateIssueSource corrects a recorded source; TRC only. Errors:
	// EUNAUTHENTICATED, EFORBIDDEN, EINVALID, ENOTFOUND.
	UpdateIssueSource(ctx context.Context, in IssueSourceUpdate) (*Issue, error)
	// RemoveIssueSource deletes a recorded source with a reason that stays
	// with staff; TRC only. Errors as UpdateIssueSource.
	RemoveIssueSource(ctx context.Context, id int64, reason string) (*Issue, error)
	// AssignIssue assigns or reassigns; TRC only. Errors add ECONFLICT.
	AssignIssue(ctx context.Context, in Assignment) (*Issue, error)
	// AcknowledgeIssue is for the PIC of the assigned agency (or TRC). ECONFLICT unless ASSIGNED.
	AcknowledgeIssue(ctx context.Context, number string) (*Issue, error)
	// DeclineIssue returns an assigned issue to TRC with a reason; PIC of the agency only.
	DeclineIssue(ctx context.Context, number, reason string) (*Issue, error)
	// CloseIssue closes an answered issue; TRC only.
	CloseIssue(ctx context.Context, number string) (*Issue, error)
	// ReopenIssue reopens a closed issue with a public reason; TRC only.
	ReopenIssue(ctx context.Context, number, reason string) (*Issue, error)
	// RejectIssue rejects a new issue with a reason; TRC only.
	RejectIssue(ctx context.Context, number, reason string) (*Issue, error)
	// MarkDuplicate points an issue at the one that carries the answer; TRC only.
	MarkDuplicate(ctx context.Context, number, originalNumber string) (*Issue, error)
	// SetInternal hides or shows an issue to the public, with a reason; TRC only.
	SetInternal(ctx context.Context, number string, internal bool, reason string) (*Issue, error)
}
