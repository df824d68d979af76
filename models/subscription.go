package models

import (
	"context"
	"io"
	"time"

	"github.com/uptrace/bun"
)

// FollowTarget is what a subscription follows.
type FollowTarget string

// The targets a citizen may follow.
const (
	FollowIssue  FollowTarget = "ISSUE"  // one issue, by its number
	FollowAgency FollowTarget = "AGENCY" // an agency's new answers, by its slug
	FollowSearch FollowTarget = "SEARCH" // new answered issues that a saved search finds
)

// FollowTargets lists every target, in the order reports show them.
var FollowTargets = []FollowTarget{FollowIssue, FollowAgency, FollowSearch}

// Valid reports whether t is a known target.
func (t FollowTarget) Valid() bool { return t == FollowIssue || t == FollowAgency || t == FollowSearch }

// MarshalGQL writes the target as a GraphQL enum value.
func (t FollowTarget) MarshalGQL(w io.Writer) { marshalEnum(w, t) }

// UnmarshalGQL reads and validates a target.
func (t *FollowTarget) UnmarshalGQL(v any) error { return unmarshalEnum(v, t) }

// Subscription is one address following one target. The address is
// personal data: no API response, page, feed or log line shows it; it is
// read only to send the subscription's mail, and deleted with the row when
// its owner stops.
type Subscription struct {
	bun.BaseModel `bun:"table:subscriptions"`

	ID    int64  `bun:"id,pk,autoincrement"`
	Email string `bun:"email,notnull"`
	// EmailHash keys the address with the deployment's secret: it groups
	// an address's subscriptions without naming the address.
	EmailHash   string       `bun:"email_hash,notnull"`
	TargetKind  FollowTarget `bun:"target_kind,notnull"`
	TargetValue string       `bun:"target_value,notnull"`
	// ConfirmTokenHash is the SHA-256 of the token of the confirmation
	// link; the token itself is only mailed.
	ConfirmTokenHash string `bun:"confirm_token_hash,notnull"`
	// StopToken is the token of the stop link every mail carries.
	StopToken      string     `bun:"stop_token,notnull"`
	CreatedAt      time.Time  `bun:"created_at,notnull"`
	ConfirmedAt    *time.Time `bun:"confirmed_at"`
	LastNotifiedAt *time.Time `bun:"last_notified_at"`
}

// Limits of a subscription's input and life.
const (
	// MaxFollowSearch bounds a saved search, in characters (as a search).
	MaxFollowSearch = MaxSearchQuery
	// MinFollowSearch is the shortest saved search worth following.
	MinFollowSearch = 3
	// SubscriptionConfirmWindow is how long a confirmation link works; an
	// unconfirmed subscription is deleted, address and all, after it.
	SubscriptionConfirmWindow = 7 * 24 * time.Hour
	// FollowMailInterval is the least time between two mails to one
	// follower's address: what happens in between is sent as a digest.
	FollowMailInterval = time.Hour
)

// NewSubscription is the input of Subscribe: an address and exactly one
// target.
type NewSubscription struct {
	Email       string
	IssueNumber *string
	AgencySlug  *string
	Search      *string
}

// SubscribeResult says what was followed, never by whom. The same answer
// is given whether the address was new, pending or already confirmed, so
// that nobody can learn who follows what.
type SubscribeResult struct {
	Target FollowTarget
	// Value is the issue number, the agency slug or the saved search as
	// stored.
	Value string
	// Label is how a citizen reads the target: the issue's title, the
	// agency's name or the search.
	Label string
}

// FollowStat counts the subscriptions of one target kind.
type FollowStat struct {
	Target    FollowTarget
	Pending   int
	Confirmed int
}

// SubscriptionService manages follows. Addresses never leave it.
type SubscriptionService interface {
	// Subscribe stores a pending subscription and sends its confirmation
	// mail. Anyone may call it. Subscribing again to the same target with
	// the same address adds no row: a pending one gets a fresh
	// confirmation mail, a confirmed one nothing. Errors: EINVALID naming
	// the field, ENOTFOUND for an unknown issue or agency, ERATELIMITED
	// when the address asked too often.
	Subscribe(ctx context.Context, in NewSubscription) (*SubscribeResult, error)
	// ConfirmSubscription activates the subscription of a confirmation
	// token (a second confirmation changes nothing). Anyone may call it.
	// Errors: ENOTFOUND for an unknown or expired token.
	ConfirmSubscription(ctx context.Context, token string) (*SubscribeResult, error)
	// Unsubscribe stops every subscription of the address a stop token was
	// mailed to and deletes the address; a token of a question's mail
	// stops that question's mail. It reports false for an unknown token.
	// Anyone may call it.
	Unsubscribe(ctx context.Context, token string) (bool, error)
	// SubscriptionStats counts subscriptions per target kind, pending and
	// confirmed. AUDITOR and ADMIN only (EFORBIDDEN, EUNAUTHENTICATED).
	SubscriptionStats(ctx context.Context) ([]FollowStat, error)
}
