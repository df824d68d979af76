package models

import (
	"time"

	"github.com/uptrace/bun"
)

// QuestionStatus is the state of a citizen's question.
type QuestionStatus string

// The states of a question.
const (
	QuestionReceived QuestionStatus = "RECEIVED"
	QuestionLinked   QuestionStatus = "LINKED"
	QuestionRejected QuestionStatus = "REJECTED"
)

// Question is a citizen's question submitted without an account. Name and
// Contact are personal data (DESIGN §1).
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
}
