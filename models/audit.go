package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// AuditEntry is one append-only record of a change. Hash is the SHA-256 of
// PrevHash and the entry's canonical content, so altering or deleting any
// entry breaks the chain at a findable place.
type AuditEntry struct {
	bun.BaseModel `bun:"table:audit_log"`

	ID        int64     `bun:"id,pk,autoincrement"`
	At        time.Time `bun:"at,notnull"`
	ActorID   *int64    `bun:"actor_id"`
	ActorRole string    `bun:"actor_role,notnull"`
	Action    string    `bun:"action,notnull"`
	Subject   string    `bun:"subject,notnull"`
	Changes   string    `bun:"changes,notnull"`
	PrevHash  string    `bun:"prev_hash,notnull"`
	Hash      string    `bun:"hash,notnull"`
}

// GenesisHash is the PrevHash of the first entry.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// ComputeHash returns the chained hash of the entry from its PrevHash and its
// canonical content: the id, the time in UTC with nanoseconds, the actor, the
// role, the action, the subject and the changes, joined unambiguously.
func (e *AuditEntry) ComputeHash() string {
	actor := ""
	if e.ActorID != nil {
		actor = strconv.FormatInt(*e.ActorID, 10)
	}
	content, _ := json.Marshal([]string{
		strconv.FormatInt(e.ID, 10),
		e.At.UTC().Format(time.RFC3339Nano),
		actor,
		e.ActorRole,
		e.Action,
		e.Subject,
		e.Changes,
	})
	sum := sha256.New()
	sum.Write([]byte(e.PrevHash))
	sum.Write(content)
	return hex.EncodeToString(sum.Sum(nil))
}

// AuditRecord is what a write method hands to the audit log: the action and
// subject, and what changed as a JSON-encodable value.
type AuditRecord struct {
	Action  string
	Subject string
	Changes any
}

// AuditFilter selects audit entries. Zero fields do not filter.
type AuditFilter struct {
	ActorID  *int64
	Action   string
	Subject  string
	From, To *time.Time
	First    int
	After    string
}

// AuditPage is one page of the audit log, newest first.
type AuditPage struct {
	Entries     []*AuditEntry
	Cursors     []string
	TotalCount  int
	HasNextPage bool
}

// AuditVerification is the result of re-computing the hash chain.
type AuditVerification struct {
	Intact bool
	// Entries is how many entries the chain holds up to where the check
	// stopped: the head when intact, the broken entry otherwise.
	Entries    int
	HeadHash   string
	BrokenAtID *int64
	Problem    string
	VerifiedAt time.Time
	// Full is true when every entry was re-computed, false when only those
	// after the last verified checkpoint were.
	Full bool
	// Recomputed is how many entries this check re-computed.
	Recomputed int
}

// AuditService reads and verifies the audit log. Entries are written by the
// other services inside their own transactions.
type AuditService interface {
	// AuditLog lists entries, newest first. AUDITOR and ADMIN only.
	AuditLog(ctx context.Context, filter AuditFilter) (*AuditPage, error)
	// VerifyAudit checks the chain. Anyone may ask for the incremental
	// check, which re-computes the entries after the last verified
	// checkpoint and checks the checkpoint's entry still carries the hash it
	// had; full re-computes every entry, which only AUDITOR (and the command
	// line) may ask for: EUNAUTHENTICATED, EFORBIDDEN.
	VerifyAudit(ctx context.Context, full bool) (*AuditVerification, error)
	// AuditHead returns the current head hash and entry count. Anyone may call it.
	AuditHead(ctx context.Context) (hash string, entries int, err error)
	// AuditEntriesByIDs returns the entries with the given ids, in any
	// order. AUDITOR and ADMIN only: EUNAUTHENTICATED, EFORBIDDEN.
	AuditEntriesByIDs(ctx context.Context, ids []int64) ([]*AuditEntry, error)
}
