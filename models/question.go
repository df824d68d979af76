package models

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// QuestionStatus is the state of a citizen's question.
type QuestionStatus string

// The stored states of a question. ANSWERED is derived for the public view:
// a linked question whose issue has a published answer.
const (
	QuestionReceived QuestionStatus = "RECEIVED"
	QuestionLinked   QuestionStatus = "LINKED"
	QuestionAnswered QuestionStatus = "ANSWERED"
	QuestionRejected QuestionStatus = "REJECTED"
)

// QuestionStatuses lists every status.
var QuestionStatuses = []QuestionStatus{QuestionReceived, QuestionLinked, QuestionAnswered, QuestionRejected}

// Valid reports whether s is a known status.
func (s QuestionStatus) Valid() bool { return oneOf(s, QuestionStatuses) }

// Question is a citizen's question submitted without an account. Name and
// Contact are personal data (docs/architecture.md, “Where each rule lives”): only TRC, ADMIN, AUDITOR and the
// PICs of the agency of the linked issue may read them.
type Question struct {
	bun.BaseModel `bun:"table:questions"`

	ID            int64          `bun:"id,pk,autoincrement"`
	TrackingCode  string         `bun:"tracking_code,notnull"`
	Body          string         `bun:"body,notnull"`
	BodyHash      string         `bun:"body_hash,notnull"`
	SubmitterHash string         `bun:"submitter_hash,notnull"`
	Name          string         `bun:"name,notnull"`
	Contact       string         `bun:"contact,notnull"`
	AgencyID      *int64         `bun:"agency_id"`
	CategoryID    *int64         `bun:"category_id"`
	Status        QuestionStatus `bun:"status,notnull"`
	IssueID       *int64         `bun:"issue_id"`
	RejectReason  string         `bun:"reject_reason,notnull"`
	CreatedAt     time.Time      `bun:"created_at,notnull"`
	UpdatedAt     time.Time      `bun:"updated_at,notnull"`
	LinkedAt      *time.Time     `bun:"linked_at"`
	RejectedAt    *time.Time     `bun:"rejected_at"`
}

// AnsweredAt says when q counts as answered: a linked question whose issue
// has a published answer, from that answer, though never before the
// question was linked. issue is the linked issue as the reader may see it
// (nil when they may not see it or there is none); the result is nil while
// the question is unanswered.
func (q *Question) AnsweredAt(issue *Issue) *time.Time {
	if q.Status != QuestionLinked || issue == nil || issue.AnsweredAt == nil {
		return nil
	}
	at := *issue.AnsweredAt
	if q.LinkedAt != nil && at.Before(*q.LinkedAt) {
		at = *q.LinkedAt
	}
	return &at
}

// ShownStatus is the status q shows to a reader: ANSWERED once it counts
// as answered (see AnsweredAt), its stored status otherwise.
func (q *Question) ShownStatus(issue *Issue) QuestionStatus {
	if q.AnsweredAt(issue) != nil {
		return QuestionAnswered
	}
	return q.Status
}

// Redact blanks the personal data of q.
func (q *Question) Redact() {
	q.Name, q.Contact = "", ""
}

// The bounds of a question's text.
const (
	MinQuestionBody = 20
	MaxQuestionBody = 4000
)

// NewQuestion is what a citizen submits.
type NewQuestion struct {
	Body         string
	Name         string
	Contact      string
	AgencySlug   string
	CategorySlug string
}

var (
	phonePattern      = regexp.MustCompile(`^(\+62|62|0)8[0-9]{7,12}$`)
	phoneSeparators   = strings.NewReplacer(" ", "", "-", "", ".", "", "(", "", ")", "")
	whitespacePattern = regexp.MustCompile(`\s+`)
)

// NormalizeContact checks an optional contact: an e-mail address or an
// Indonesian mobile number (08…, 628… or +628…), and returns it tidied.
func NormalizeContact(field, contact string) (string, error) {
	contact = strings.TrimSpace(contact)
	if contact == "" {
		return "", nil
	}
	if strings.Contains(contact, "@") {
		return NormalizeEmail(field, contact)
	}
	phone := phoneSeparators.Replace(contact)
	if !phonePattern.MatchString(phone) {
		return contact, Invalid(field, "isi alamat e-mail atau nomor ponsel Indonesia (mis. 0812-3456-7890)")
	}
	return phone, nil
}

// NormalizeQuestionText folds case and white space, so that the same
// question typed twice is recognised.
func NormalizeQuestionText(body string) string {
	return strings.ToLower(whitespacePattern.ReplaceAllString(strings.TrimSpace(body), " "))
}

// QuestionFilter selects questions for triage. Zero fields do not filter.
type QuestionFilter struct {
	Statuses   []QuestionStatus
	AgencySlug string
	First      int
	After      string
}

// QuestionPage is one page of questions, newest first.
type QuestionPage struct {
	Questions   []*Question
	Cursors     []string
	TotalCount  int
	HasNextPage bool
}

// OpenIssue carries the fields of an issue opened from a question.
type OpenIssue struct {
	QuestionID   int64
	Title        string
	Summary      string
	Kind         IssueKind
	CategorySlug string
}

// QuestionService takes citizens' questions and lets TRC triage them.
type QuestionService interface {
	// SubmitQuestion needs no account. The same text from the same address
	// within a day returns the first question (existing is true). Errors:
	// EINVALID.
	SubmitQuestion(ctx context.Context, in NewQuestion) (q *Question, existing bool, err error)
	// QuestionByTrackingCode returns the question of a code, with personal
	// data only for callers allowed to see it, or ENOTFOUND.
	QuestionByTrackingCode(ctx context.Context, code string) (*Question, error)
	// QuestionByID is for staff: TRC, ADMIN, AUDITOR, or a PIC of the
	// linked issue's agency. Errors: EUNAUTHENTICATED, ENOTFOUND.
	QuestionByID(ctx context.Context, id int64) (*Question, error)
	// FindQuestions lists questions for triage, newest first. TRC, ADMIN,
	// AUDITOR; a PIC sees the questions linked to their agency's issues.
	FindQuestions(ctx context.Context, filter QuestionFilter) (*QuestionPage, error)
	// QuestionsByIssueIDs returns the questions linked to the given issues,
	// for staff; personal data follows the same rules.
	QuestionsByIssueIDs(ctx context.Context, ids []int64) ([]*Question, error)
	// LinkQuestion attaches a question to an existing issue. TRC only.
	// Errors add ECONFLICT (already triaged).
	LinkQuestion(ctx context.Context, questionID int64, issueNumber string) (*Question, error)
	// OpenIssueFromQuestion logs a new issue whose source is the question
	// text, and links the question to it. TRC only.
	OpenIssueFromQuestion(ctx context.Context, in OpenIssue) (*Question, *Issue, error)
	// RejectQuestion rejects a question with a reason the asker can read.
	// TRC only.
	RejectQuestion(ctx context.Context, questionID int64, reason string) (*Question, error)
}
