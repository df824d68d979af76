package models

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// ResponseStatus says whether a response is a draft or published.
type ResponseStatus string

// The states of a response.
const (
	ResponseDraft     ResponseStatus = "DRAFT"
	ResponsePublished ResponseStatus = "PUBLISHED"
)

// Response is an agency's official answer to an issue. Once published it is
// never overwritten: every edit adds a Revision.
type Response struct {
	bun.BaseModel `bun:"table:responses"`

	ID       int64          `bun:"id,pk,autoincrement"`
	IssueID  int64          `bun:"issue_id,notnull"`
	AgencyID int64          `bun:"agency_id,notnull"`
	Status   ResponseStatus `bun:"status,notnull"`
	Body     string         `bun:"body,notnull"`
	// BodyHTML is Body rendered to sanitised HTML when it was written.
	BodyHTML    string     `bun:"body_html,notnull"`
	Verdict     *Verdict   `bun:"verdict"`
	AuthorID    *int64     `bun:"author_id"`
	Revision    int        `bun:"revision,notnull"`
	CreatedAt   time.Time  `bun:"created_at,notnull"`
	UpdatedAt   time.Time  `bun:"updated_at,notnull"`
	PublishedAt *time.Time `bun:"published_at"`
}

// ResponseRevision is one published version of a response. Revision 1 is the
// original publication; later ones carry the public reason for the change.
type ResponseRevision struct {
	bun.BaseModel `bun:"table:response_revisions"`

	ID         int64     `bun:"id,pk,autoincrement"`
	ResponseID int64     `bun:"response_id,notnull"`
	Number     int       `bun:"number,notnull"`
	Body       string    `bun:"body,notnull"`
	BodyHTML   string    `bun:"body_html,notnull"` // Body rendered when it was written
	Verdict    *Verdict  `bun:"verdict"`
	Reason     string    `bun:"reason,notnull"`
	AuthorID   *int64    `bun:"author_id"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// CanSeeDraft reports whether user may read the drafts of the issue's agency.
func CanSeeDraft(user *User, r *Response) bool {
	return user.IsStaffReader() || user.BelongsTo(&r.AgencyID)
}

// ResponseDraftInput carries the text of a draft or a publication.
type ResponseDraftInput struct {
	IssueNumber string
	Body        string
	Verdict     *Verdict
}

// Revise carries a correction to a published response.
type Revise struct {
	ResponseID int64
	Body       string
	Verdict    *Verdict
	Reason     string
}

// MaxResponseBody bounds a response's Markdown source, in characters.
const MaxResponseBody = 20000

// ResponseService writes official responses.
type ResponseService interface {
	// ResponsesByIssueIDs returns the responses the caller may see: published
	// ones for everyone, drafts for staff readers and the agency's PICs.
	ResponsesByIssueIDs(ctx context.Context, ids []int64) ([]*Response, error)
	// RevisionsByResponseIDs returns the revisions of the given responses, oldest first.
	RevisionsByResponseIDs(ctx context.Context, ids []int64) ([]*ResponseRevision, error)
	// ResponseByID returns a visible response or ENOTFOUND.
	ResponseByID(ctx context.Context, id int64) (*Response, error)

	// SaveDraft creates or replaces the agency's draft on an issue. PIC of the
	// assigned agency or TRC. Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID, ENOTFOUND, ECONFLICT.
	SaveDraft(ctx context.Context, in ResponseDraftInput) (*Response, error)
	// DiscardDraft deletes a draft that was never published.
	DiscardDraft(ctx context.Context, responseID int64) (*Response, error)
	// PublishDraft publishes an existing draft.
	PublishDraft(ctx context.Context, responseID int64) (*Response, error)
	// PublishResponse creates and publishes in one step.
	PublishResponse(ctx context.Context, in ResponseDraftInput) (*Response, error)
	// ReviseResponse adds a revision with a required public reason.
	ReviseResponse(ctx context.Context, in Revise) (*Response, error)
}
