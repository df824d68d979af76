package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// auditLockKey serialises appends to the audit chain on PostgreSQL; SQLite's
// immediate transactions already serialise every writer.
const auditLockKey = 7_262_021_508

// appendAudit adds one entry to the chain inside tx. The chain head is read
// under a lock held until tx ends, so concurrent writers produce one
// unbroken chain. Inside a group commit (auditedTx) the entry is only
// noted, and appended with the group's other entries just before the
// group's commit, so that the lock is held as briefly as possible.
func (db *DB) appendAudit(ctx context.Context, tx bun.Tx, actor *models.User, now time.Time, rec models.AuditRecord) error {
	if op := groupOf(ctx, tx); op != nil {
		op.records = append(op.records, pendingAudit{actor: actor, now: now, rec: rec})
		if len(db.changeHooks) == 0 {
			return nil
		}
		// The hooks that need no id run now, outside the chain's lock.
		entry, err := newAuditEntry(models.AuditEntry{}, actor, now, rec)
		if err != nil {
			return err
		}
		entry.ID, entry.PrevHash, entry.Hash = 0, "", ""
		return runHooks(ctx, tx, db.changeHooks, entry)
	}
	head, err := db.lockChainHead(ctx, tx)
	if err != nil {
		return err
	}
	entry, err := newAuditEntry(head, actor, now, rec)
	if err != nil {
		return err
	}
	if _, err := tx.NewInsert().Model(entry).Exec(ctx); err != nil {
		return fmt.Errorf("append audit entry: %w", err)
	}
	return db.runAuditHooks(ctx, tx, entry)
}

// lockChainHead takes the chain's lock (on PostgreSQL an advisory lock
// held until tx ends; SQLite's immediate transactions already serialise
// every writer) and reads the head: the id and hash of the newest entry.
func (db *DB) lockChainHead(ctx context.Context, tx bun.Tx) (models.AuditEntry, error) {
	if db.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", auditLockKey); err != nil {
			return models.AuditEntry{}, fmt.Errorf("lock audit chain: %w", err)
		}
	}
	return readChainHead(ctx, tx)
}

// readChainHead reads the id and hash of the newest entry; the caller holds
// the chain's lock.
func readChainHead(ctx context.Context, tx bun.Tx) (models.AuditEntry, error) {
	var head models.AuditEntry
	err := tx.NewSelect().
		Model(&head).
		Column("id", "hash").
		OrderExpr("id DESC").
		Limit(1).
		Scan(ctx)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		head.Hash = models.GenesisHash
	case err != nil:
		return head, fmt.Errorf("read audit head: %w", err)
	}
	return head, nil
}

// groupQuestion is a yes-or-no question of the hooks: whether the rows of
// its query exist. The answer must hold for a whole group's transaction.
type groupQuestion struct {
	key    string
	exists string // the query as an EXISTS expression
}

// askPerGroup registers a question that audit hooks ask with askOnce under
// key: a group of audited changes reads its answer in the statement that
// reads the chain's head instead of a statement of its own. Call it while
// wiring.
func (db *DB) askPerGroup(key string, query func(idb bun.IDB) *bun.SelectQuery) {
	db.groupQuestions = append(db.groupQuestions, groupQuestion{key: key, exists: "EXISTS (" + query(db.bun).String() + ")"})
}

// readChainHeadWith reads the chain's head like readChainHead and, in the
// same statement, the answers of the registered group questions into memo
// and the calls of notify (PostgreSQL's pg_notify, written out in full),
// whose notifications the commit delivers.
func (db *DB) readChainHeadWith(ctx context.Context, tx bun.Tx, memo *hookMemo, notify []string) (models.AuditEntry, error) {
	if len(db.groupQuestions) == 0 && len(notify) == 0 {
		return readChainHead(ctx, tx)
	}
	columns := "h.id, h.hash"
	for _, q := range db.groupQuestions {
		columns += ", " + q.exists
	}
	for _, call := range notify {
		columns += ", " + call
	}
	var id sql.NullInt64
	var hash sql.NullString
	answers := make([]bool, len(db.groupQuestions))
	dest := []any{&id, &hash}
	for i := range answers {
		dest = append(dest, &answers[i])
	}
	for range notify {
		dest = append(dest, new(any))
	}
	// One row whether or not the chain has entries.
	err := tx.QueryRowContext(ctx, "SELECT "+columns+" FROM (SELECT 1 AS one) AS one "+
		"LEFT JOIN (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) AS h ON 1 = 1").Scan(dest...)
	if err != nil {
		return models.AuditEntry{}, fmt.Errorf("read audit head: %w", err)
	}
	if memo.answers == nil {
		memo.answers = map[string]bool{}
	}
	for i, q := range db.groupQuestions {
		memo.answers[q.key] = answers[i]
	}
	head := models.AuditEntry{ID: id.Int64, Hash: hash.String}
	if !id.Valid {
		head.Hash = models.GenesisHash
	}
	return head, nil
}

// newAuditEntry builds the entry that follows head, with its hash.
func newAuditEntry(head models.AuditEntry, actor *models.User, now time.Time, rec models.AuditRecord) (*models.AuditEntry, error) {
	changes, err := json.Marshal(rec.Changes)
	if err != nil {
		return nil, fmt.Errorf("encode audit changes: %w", err)
	}
	entry := &models.AuditEntry{
		ID:       head.ID + 1,
		At:       now,
		Action:   rec.Action,
		Subject:  rec.Subject,
		Changes:  string(changes),
		PrevHash: head.Hash,
	}
	if actor != nil {
		entry.ActorRole = string(actor.Role)
		if !actor.IsSystem() {
			entry.ActorID = &actor.ID
		} else {
			entry.ActorRole = "SYSTEM"
		}
	} else {
		entry.ActorRole = "ANONYMOUS"
	}
	entry.Hash = entry.ComputeHash()
	return entry, nil
}

// runAuditHooks tells every hook of entry, inside tx.
func (db *DB) runAuditHooks(ctx context.Context, tx bun.Tx, entry *models.AuditEntry) error {
	if err := runHooks(ctx, tx, db.changeHooks, entry); err != nil {
		return err
	}
	return runHooks(ctx, tx, db.auditHooks, entry)
}

func runHooks(ctx context.Context, tx bun.Tx, hooks []AuditHook, entry *models.AuditEntry) error {
	for _, hook := range hooks {
		if err := hook(ctx, tx, entry); err != nil {
			return fmt.Errorf("after audit entry %s: %w", entry.Action, err)
		}
	}
	return nil
}

// hookMemo keeps, for the entries a group appends together, the answers of
// questions whose answer cannot change within the group's transaction,
// such as whether any webhook is enabled: the hooks run under the audit
// chain's lock, so a question asked once per group instead of once per
// entry shortens the serialised part (docs/performance.md, "Writes").
type hookMemo struct{ answers map[string]bool }

type hookMemoKey struct{}

// withHookMemo gives the hooks of one group's entries a memo to share.
func withHookMemo(ctx context.Context, m *hookMemo) context.Context {
	return context.WithValue(ctx, hookMemoKey{}, m)
}

// askOnce returns the answer of ask, asked at most once per group: the
// question named key must have one answer for the whole transaction.
// Outside a group it asks every time.
func askOnce(ctx context.Context, key string, ask func() (bool, error)) (bool, error) {
	m, _ := ctx.Value(hookMemoKey{}).(*hookMemo)
	if m == nil {
		return ask()
	}
	if answer, ok := m.answers[key]; ok {
		return answer, nil
	}
	answer, err := ask()
	if err == nil {
		if m.answers == nil {
			m.answers = map[string]bool{}
		}
		m.answers[key] = answer
	}
	return answer, err
}

// AuditHook is told of an audit entry inside the transaction that appends
// it, so that work following a change (a notification, a webhook, a live
// update) is enqueued atomically with the change: if the transaction rolls
// back, so does whatever the hook wrote. A hook must be quick and must not
// call the network; an error aborts the change.
type AuditHook func(ctx context.Context, tx bun.Tx, entry *models.AuditEntry) error

// OnAudit registers hook for every audit entry appended from now on. Call it
// while wiring, before the store serves requests; docs/architecture.md
// lists the actions.
func (db *DB) OnAudit(hook AuditHook) {
	db.auditHooks = append(db.auditHooks, hook)
}

// OnAuditChange registers a hook like OnAudit, for a hook that reads only
// the entry's action, subject, changes, time and actor, never its id or
// hashes. Inside a group commit (auditedTx) such a hook runs when the
// change notes its entry, before the chain's lock is taken, with the id
// and hashes not yet set, so that it adds nothing to the serialised part;
// an error then fails that change alone.
func (db *DB) OnAuditChange(hook AuditHook) {
	db.changeHooks = append(db.changeHooks, hook)
}

// AuditLog lists entries, newest first. AUDITOR and ADMIN only.
func (db *DB) AuditLog(ctx context.Context, filter models.AuditFilter) (*models.AuditPage, error) {
	if _, err := requireRole(ctx, models.RoleAuditor, models.RoleAdmin); err != nil {
		return nil, err
	}
	first, err := pageSize(filter.First)
	if err != nil {
		return nil, err
	}
	apply := func(q *bun.SelectQuery) *bun.SelectQuery {
		if filter.ActorID != nil {
			q = q.Where("actor_id = ?", *filter.ActorID)
		}
		if filter.Action != "" {
			q = q.Where("action = ?", filter.Action)
		}
		if filter.Subject != "" {
			q = q.Where("subject = ?", filter.Subject)
		}
		if filter.From != nil {
			q = q.Where("at >= ?", filter.From.UTC())
		}
		if filter.To != nil {
			q = q.Where("at < ?", filter.To.UTC())
		}
		return q
	}
	total, err := apply(db.bun.NewSelect().Model((*models.AuditEntry)(nil))).Count(ctx)
	if err != nil {
		return nil, wrapErr(err)
	}
	q := apply(db.bun.NewSelect().Model((*models.AuditEntry)(nil))).
		OrderExpr("id DESC").
		Limit(int64(first + 1))
	if filter.After != "" {
		c, err := decodeCursor(filter.After, listAudit)
		if err != nil {
			return nil, err
		}
		q = q.Where("id < ?", c.ID)
	}
	var entries []*models.AuditEntry
	if err := q.Scan(ctx, &entries); err != nil {
		return nil, wrapErr(err)
	}
	page := &models.AuditPage{TotalCount: int(total)}
	if len(entries) > first {
		entries, page.HasNextPage = entries[:first], true
	}
	page.Entries = entries
	for _, e := range entries {
		page.Cursors = append(page.Cursors, encodeCursor(cursor{List: listAudit, ID: e.ID}))
	}
	return page, nil
}

// AuditHead returns the current head hash and the number of entries.
func (db *DB) AuditHead(ctx context.Context) (string, int, error) {
	var head models.AuditEntry
	err := db.bun.NewSelect().Model(&head).Column("id", "hash").OrderExpr("id DESC").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return models.GenesisHash, 0, nil
	} else if err != nil {
		return "", 0, wrapErr(err)
	}
	return head.Hash, int(head.ID), nil
}
