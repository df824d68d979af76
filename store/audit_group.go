package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// Group commit of audited changes (docs/performance.md, "Writes").
//
// Every audited change appends to one hash chain, so appends are serialised
// and the chain's lock is held until the change commits: one writer after
// the other waits for the previous one's commit, which on PostgreSQL is a
// flush of the log to disk. auditedTx lets several concurrent changes share
// one transaction instead: each runs in a savepoint of its own, its audit
// entries are noted rather than appended, and once all have run the entries
// are appended together under one lock hold and committed with one flush.
// The chain keeps the order of commits, and a change is all there or not at
// all: a change that fails is rolled back to its savepoint and gets its own
// error, and if the shared transaction fails as a whole, each change runs
// again in a transaction of its own (writeTx), as if it had never been
// grouped.

const (
	// groupCommitMax bounds the changes of one group: each is a
	// subtransaction, and PostgreSQL keeps up to 64 of them per transaction
	// in shared memory before it slows every snapshot down.
	groupCommitMax = 16
	// groupCommitTimeout bounds one group's transaction.
	groupCommitTimeout = 15 * time.Second
	// groupLanesPostgres is how many groups run at once on PostgreSQL:
	// while one holds the chain's lock and commits, the others run their
	// changes and take in new ones. SQLite has one writer, so one group.
	groupLanesPostgres = 4
)

// errRunAlone tells a grouped change to run in a transaction of its own.
var errRunAlone = errors.New("run the change in a transaction of its own")

// groupCommit queues the audited changes of this process.
type groupCommit struct {
	queue chan *groupOp
	lanes chan struct{}
}

// groupOp is one change waiting for, or running in, a group.
type groupOp struct {
	ctx  context.Context
	fn   func(ctx context.Context, tx bun.Tx, now time.Time) error
	done chan error

	// Set while the group runs.
	tx      *sql.Tx
	hookCtx context.Context
	records []pendingAudit
	index   []int64 // issues to index once the group's changes ran
	// notify holds the pg_notify calls of the change, sent with the
	// statement that reads the chain's head (readChainHeadWith).
	notify    []string
	committed func()
	cancel    context.CancelFunc
	result    error
}

// pendingAudit is an audit entry noted by a grouped change.
type pendingAudit struct {
	actor *models.User
	now   time.Time
	rec   models.AuditRecord
}

type groupOpKey struct{}

// groupOf returns the grouped change running in tx, or nil.
func groupOf(ctx context.Context, tx bun.Tx) *groupOp {
	if op, ok := ctx.Value(groupOpKey{}).(*groupOp); ok && op.tx == tx.Tx {
		return op
	}
	return nil
}

// indexLater asks for the issue's search document to be refreshed: inside
// a group, by the group's one index job; otherwise by a job of its own.
func (db *DB) indexLater(ctx context.Context, tx bun.Tx, issueID int64, now time.Time) error {
	if op := groupOf(ctx, tx); op != nil {
		op.index = append(op.index, issueID)
		return nil
	}
	return enqueueSearch(ctx, tx, issueID, now)
}

func newGroupCommit(lanes int) *groupCommit {
	return &groupCommit{queue: make(chan *groupOp, 1024), lanes: make(chan struct{}, lanes)}
}

// auditedTx runs fn like writeTx, possibly in one transaction together with
// other concurrent audited changes (see above). fn must leave its audit
// entries to appendAudit, must not rely on them being in the database
// before it returns, and, as for writeTx, must be free of side effects
// outside tx: it may run twice.
func (db *DB) auditedTx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx, now time.Time) error) error {
	g := db.group
	if g == nil {
		return db.writeTx(ctx, fn)
	}
	op := &groupOp{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case g.queue <- op:
	default:
		return db.writeTx(ctx, fn) // a very long queue: do not wait behind it
	}
	var err error
	for waiting := true; waiting; {
		select {
		case err = <-op.done:
			waiting = false
			continue
		default:
		}
		select {
		case err = <-op.done:
			waiting = false
		case g.lanes <- struct{}{}:
			// A free lane: lead a group of whatever waits, which
			// usually includes this change.
			if batch := g.take(nil); len(batch) > 0 {
				db.runGroup(batch)
				<-g.lanes
				continue
			}
			<-g.lanes
			// Nothing waited, so another group has taken this change.
			err = <-op.done
			waiting = false
		}
	}
	if errors.Is(err, errRunAlone) {
		return db.writeTx(ctx, fn)
	}
	return err
}

// take adds to batch what waits, up to groupCommitMax changes.
func (g *groupCommit) take(batch []*groupOp) []*groupOp {
	for len(batch) < groupCommitMax {
		select {
		case o := <-g.queue:
			batch = append(batch, o)
		default:
			return batch
		}
	}
	return batch
}

// runGroup runs batch in one transaction and tells each change its outcome.
func (db *DB) runGroup(batch []*groupOp) {
	deadline := time.Now().Add(groupCommitTimeout)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	var err error
	if db.writeSlot != nil {
		select {
		case db.writeSlot <- struct{}{}:
			defer func() { <-db.writeSlot }()
		case <-ctx.Done():
			err = ctx.Err()
		}
	}
	if err == nil {
		batch, err = db.runGroupTxSafely(ctx, deadline, batch)
	}
	for _, op := range batch {
		if op.cancel != nil {
			op.cancel()
		}
	}
	db.counts.invalidate()
	for _, op := range batch {
		switch {
		case err != nil:
			// The group failed as a whole: whatever each change saw
			// is gone with it, so each runs again on its own.
			op.done <- errRunAlone
		case op.result != nil:
			op.done <- op.result
		default:
			op.committed()
			op.done <- nil
		}
	}
}

// runGroupTxSafely is runGroupTx turning a panic into the group's failure:
// the changes then run again on their own, where a panic reaches the
// caller's own recovery, and no change of the group is left waiting.
func (db *DB) runGroupTxSafely(ctx context.Context, deadline time.Time, batch []*groupOp) (out []*groupOp, err error) {
	defer func() {
		out = batch // with the changes taken in meanwhile
		if r := recover(); r != nil {
			err = fmt.Errorf("grouped change panicked: %v", r)
		}
	}()
	return nil, db.runGroupTx(ctx, deadline, &batch)
}

// runGroupTx runs each change of batch in a savepoint of one transaction,
// appends their audit entries together and commits. While another group
// holds the chain's lock (PostgreSQL, where several groups run at once),
// it takes in the changes that arrived meanwhile instead of waiting idle,
// so that groups grow with the contention; those are added to *batch.
func (db *DB) runGroupTx(ctx context.Context, deadline time.Time, batch *[]*groupOp) error {
	tx, err := db.bun.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { tx.Rollback() }() //nolint:errcheck // a no-op after Commit
	var ok []*groupOp
	ran := 0 // changes run in tx, failed ones too
	run := func(ops []*groupOp) error {
		for _, op := range ops {
			if err := op.ctx.Err(); err != nil {
				op.result = wrapErr(err) // the caller gave up before its turn
				continue
			}
			// The first change of the transaction needs no savepoint: if
			// it fails, the transaction is begun again. Savepoints are not
			// released, which would cost a round trip each: they nest, and
			// the commit ends them all.
			first := ran == 0
			ran++
			if !first {
				if _, err := tx.ExecContext(ctx, "SAVEPOINT grouped_change"); err != nil {
					return err
				}
			}
			// The change runs under the group's deadline, not its
			// caller's: a caller that gives up midway must not abort
			// the others.
			opCtx, committed := withCommitHooks(context.WithoutCancel(op.ctx))
			opCtx, op.cancel = context.WithDeadline(opCtx, deadline)
			op.tx, op.hookCtx, op.committed = tx.Tx, opCtx, committed
			err := op.fn(context.WithValue(opCtx, groupOpKey{}, op), tx, db.now())
			if err == nil {
				ok = append(ok, op)
				continue
			}
			op.records, op.index, op.notify = nil, nil, nil
			if first {
				if rerr := tx.Rollback(); rerr != nil {
					return rerr
				}
				var berr error
				if tx, berr = db.bun.BeginTx(ctx, nil); berr != nil {
					return berr
				}
				ran = 0
			} else if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT grouped_change"); rerr != nil {
				return rerr
			}
			var domain *models.Error
			if errors.As(err, &domain) {
				op.result = err
			} else {
				op.result = errRunAlone // e.g. a deadlock: writeTx retries it
			}
		}
		return nil
	}
	flushed := 0
	flush := func() error {
		// One index job for the issues of all the group's changes so far,
		// enqueued before the chain's lock is taken.
		var ids []int64
		for _, op := range ok[flushed:] {
			for _, id := range op.index {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
		flushed = len(ok)
		return enqueueSearchBatch(ctx, tx, ids)
	}
	if err := run(*batch); err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	if db.dialect == Postgres {
		for {
			var locked bool
			if err := tx.QueryRowContext(ctx, "SELECT pg_try_advisory_xact_lock(?)", auditLockKey).Scan(&locked); err != nil {
				return fmt.Errorf("lock audit chain: %w", err)
			}
			if locked {
				break
			}
			n := len(*batch)
			if *batch = db.group.take(*batch); len(*batch) == n {
				if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", auditLockKey); err != nil {
					return fmt.Errorf("lock audit chain: %w", err)
				}
				break
			}
			if err := run((*batch)[n:]); err != nil {
				return err
			}
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := db.appendGrouped(ctx, tx, ok); err != nil {
		return err
	}
	return tx.Commit()
}

// appendGrouped appends the noted audit entries of ops, in order, under one
// hold of the chain's lock, and tells the hooks of each.
func (db *DB) appendGrouped(ctx context.Context, tx bun.Tx, ops []*groupOp) error {
	n := 0
	for _, op := range ops {
		n += len(op.records)
	}
	if n == 0 {
		return nil
	}
	var notify []string
	for _, op := range ops {
		notify = append(notify, op.notify...)
	}
	memo := &hookMemo{}
	head, err := db.readChainHeadWith(ctx, tx, memo, notify) // locked by runGroupTx
	if err != nil {
		return err
	}
	entries := make([]*models.AuditEntry, 0, n)
	for _, op := range ops {
		for _, r := range op.records {
			entry, err := newAuditEntry(head, r.actor, r.now, r.rec)
			if err != nil {
				return err
			}
			entries = append(entries, entry)
			head = *entry
		}
	}
	if _, err := tx.NewInsert().Model(&entries).Exec(ctx); err != nil {
		return fmt.Errorf("append audit entries: %w", err)
	}
	i := 0
	for _, op := range ops {
		for range op.records {
			// The hooks that need no id ran when the change noted it.
			if err := runHooks(withHookMemo(op.hookCtx, memo), tx, db.auditHooks, entries[i]); err != nil {
				return err
			}
			i++
		}
	}
	return nil
}
