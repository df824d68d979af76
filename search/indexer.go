package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// Indexer drains the search outbox into the engines, in the order the rows
// were written. A row is marked done only when every engine confirmed the
// change. When an engine cannot be reached the indexer waits and tries the
// same rows again, counting nothing against them; when an engine refuses a
// particular document, only that issue's rows are retried with a growing
// backoff, and after MaxAttempts they are set aside (failed_at) so that they
// never block the rest.
type Indexer struct {
	db      *bun.DB
	engines []Engine
	// BatchSize is how many outbox rows one round takes.
	BatchSize int
	// MaxAttempts is how often a refused row is tried before it is set aside.
	MaxAttempts int
	// Backoff returns the wait before attempt n+1 of a refused row.
	Backoff func(attempts int) time.Duration
	// PollInterval is the wait between rounds when the outbox is empty.
	PollInterval time.Duration
	// Retention is how long done rows are kept before they are deleted.
	Retention time.Duration
	// Now is the indexer's clock; tests replace it.
	Now func() time.Time
	// Hooks are told about failures; they may be nil.
	OnEngineDown    func(err error)
	OnRefused       func(issueID int64, err error)
	OnSetAside      func(row *models.OutboxEntry)
	OnSynonymsError func(err error)
	// OnIndexed is told after documents were written to the engines, so
	// caches of search answers can refresh.
	OnIndexed func()
	// SyncSynonyms, when set, is called every round; engines that apply
	// synonyms themselves push the current ones when they changed.
	SyncSynonyms func(ctx context.Context) error
	// Leader, when set, runs the loop only while it returns true, so that
	// one instance at a time drains the outbox.
	Leader func(ctx context.Context) (release func(), ok bool)
	// Logger receives the indexer's warnings and errors.
	Logger *slog.Logger
}

// NewIndexer returns an indexer writing to engines.
func NewIndexer(db *bun.DB, engines ...Engine) *Indexer {
	return &Indexer{
		db: db, engines: engines, BatchSize: 200, MaxAttempts: 5,
		Backoff:      func(n int) time.Duration { return min(time.Duration(1<<min(n, 10))*time.Second, 10*time.Minute) },
		PollInterval: time.Second, Retention: 7 * 24 * time.Hour, Now: time.Now, Logger: slog.Default(),
	}
}

// RoundResult says what one round did.
type RoundResult struct {
	Done     int // rows marked done
	Refused  int // rows that failed and will be retried
	SetAside int // rows set aside for good
}

// errEngineDown wraps the error of an engine that cannot be reached.
type errEngineDown struct{ err error }

func (e errEngineDown) Error() string { return "search engine unreachable: " + e.err.Error() }
func (e errEngineDown) Unwrap() error { return e.err }

// IsEngineDown reports whether err says an engine could not be reached.
func IsEngineDown(err error) bool {
	var down errEngineDown
	return errors.As(err, &down)
}

// Round takes one batch of due outbox rows and applies it. It returns zero
// rows done when nothing is due, and an error for which IsEngineDown is true
// when an engine is unreachable; those rows stay as they were.
func (ix *Indexer) Round(ctx context.Context) (RoundResult, error) {
	var res RoundResult
	now := ix.Now().UTC()
	var rows []*models.OutboxEntry
	err := ix.db.NewSelect().
		Model(&rows).
		Where("done_at IS NULL").
		Where("failed_at IS NULL").
		Where("next_attempt_at <= ?", now).
		OrderExpr("id ASC").
		Limit(int64(ix.BatchSize)).
		Scan(ctx)
	if err != nil || len(rows) == 0 {
		return res, err
	}
	byIssue := map[int64][]*models.OutboxEntry{}
	var issues []int64
	for _, r := range rows {
		if byIssue[r.IssueID] == nil {
			issues = append(issues, r.IssueID)
		}
		byIssue[r.IssueID] = append(byIssue[r.IssueID], r)
	}
	if err := ix.apply(ctx, issues); err == nil {
		ix.indexed()
		return RoundResult{Done: len(rows)}, ix.markDone(ctx, rows, now)
	}
	if err := ix.reachable(ctx); err != nil {
		ix.recordError(ctx, rows, err)
		return res, errEngineDown{err}
	}
	// Every engine answers, so some document was refused: find which by
	// trying each issue on its own.
	for _, id := range issues {
		own := byIssue[id]
		err := ix.apply(ctx, []int64{id})
		if err == nil {
			ix.indexed()
			if err := ix.markDone(ctx, own, now); err != nil {
				return res, err
			}
			res.Done += len(own)
			continue
		}
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		if ix.OnRefused != nil {
			ix.OnRefused(id, err)
		}
		setAside, err := ix.markRefused(ctx, own, now, err)
		if err != nil {
			return res, err
		}
		res.Refused += len(own) - setAside
		res.SetAside += setAside
	}
	return res, nil
}

func (ix *Indexer) indexed() {
	if ix.OnIndexed != nil {
		ix.OnIndexed()
	}
}

// apply loads the current documents of the issues and sends them to every
// engine.
func (ix *Indexer) apply(ctx context.Context, issues []int64) error {
	docs, gone, err := LoadDocuments(ctx, ix.db, issues)
	if err != nil {
		return err
	}
	for _, e := range ix.engines {
		if err := e.Index(ctx, docs, gone); err != nil {
			return fmt.Errorf("%s: %w", e.Name(), err)
		}
	}
	return nil
}

func (ix *Indexer) reachable(ctx context.Context) error {
	if err := ix.db.PingContext(ctx); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	for _, e := range ix.engines {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := e.Ping(pctx)
		cancel()
		if err != nil {
			return fmt.Errorf("%s: %w", e.Name(), err)
		}
	}
	return nil
}

func ids(rows []*models.OutboxEntry) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

func (ix *Indexer) markDone(ctx context.Context, rows []*models.OutboxEntry, now time.Time) error {
	_, err := ix.db.NewUpdate().
		Model((*models.OutboxEntry)(nil)).
		Set("done_at = ?", now).
		Set("attempts = attempts + 1").
		Set("last_error = ''").
		Where("id IN (?)", bun.In(ids(rows))).
		Exec(ctx)
	return err
}

// recordError notes why the rows wait, without counting an attempt.
func (ix *Indexer) recordError(ctx context.Context, rows []*models.OutboxEntry, cause error) {
	_, err := ix.db.NewUpdate().
		Model((*models.OutboxEntry)(nil)).
		Set("last_error = ?", truncate(cause.Error(), 1000)).
		Where("id IN (?)", bun.In(ids(rows))).
		Exec(ctx)
	if err != nil {
		ix.Logger.WarnContext(ctx, "record outbox error", "error", err)
	}
}

// markRefused counts a failed attempt on each row, schedules the next one
// and sets aside the rows that used up their attempts. It returns how many
// were set aside.
func (ix *Indexer) markRefused(ctx context.Context, rows []*models.OutboxEntry, now time.Time, cause error) (int, error) {
	setAside := 0
	for _, r := range rows {
		r.Attempts++
		r.LastError = truncate(cause.Error(), 1000)
		r.NextAttemptAt = now.Add(ix.Backoff(r.Attempts))
		if r.Attempts >= ix.MaxAttempts {
			at := now
			r.FailedAt = &at
			setAside++
		}
		_, err := ix.db.NewUpdate().
			Model(r).
			Column("attempts", "last_error", "next_attempt_at", "failed_at").
			WherePK().
			Exec(ctx)
		if err != nil {
			return setAside, err
		}
		if r.FailedAt != nil {
			ix.Logger.ErrorContext(ctx, "search outbox row set aside", "outbox_id", r.ID, "issue_id", r.IssueID, "attempts", r.Attempts, "error", r.LastError)
			if ix.OnSetAside != nil {
				ix.OnSetAside(r)
			}
		}
	}
	return setAside, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// Drain runs rounds until nothing is due. It stops at the first error,
// including an unreachable engine.
func (ix *Indexer) Drain(ctx context.Context) (RoundResult, error) {
	var total RoundResult
	for {
		res, err := ix.Round(ctx)
		total.Done += res.Done
		total.Refused += res.Refused
		total.SetAside += res.SetAside
		if err != nil || res.Done+res.Refused+res.SetAside == 0 {
			return total, err
		}
	}
}

// Run drains the outbox until ctx ends, waiting PollInterval when it is
// empty and backing off (up to a minute) while an engine is unreachable.
func (ix *Indexer) Run(ctx context.Context) {
	wait := time.Duration(0)
	down := time.Duration(0)
	lastPrune := time.Time{}
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		release := func() {}
		if ix.Leader != nil {
			var ok bool
			if release, ok = ix.Leader(ctx); !ok {
				wait = 5 * ix.PollInterval
				continue
			}
		}
		if ix.SyncSynonyms != nil {
			sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			if err := ix.SyncSynonyms(sctx); err != nil && ix.OnSynonymsError != nil && ctx.Err() == nil {
				ix.OnSynonymsError(err)
			}
			cancel()
		}
		res, err := ix.Drain(ctx)
		if time.Since(lastPrune) > time.Hour && err == nil {
			ix.prune(ctx)
			lastPrune = time.Now()
		}
		release()
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			down = min(max(2*down, time.Second), time.Minute)
			wait = down
			if ix.OnEngineDown != nil {
				ix.OnEngineDown(err)
			}
			ix.Logger.WarnContext(ctx, "search indexer waits", "error", err, "retry_in", down.String())
		default:
			down = 0
			wait = ix.PollInterval
			if res.Done > 0 {
				wait = 0
			}
		}
	}
}

// prune deletes done rows older than Retention.
func (ix *Indexer) prune(ctx context.Context) {
	_, err := ix.db.NewDelete().
		Model((*models.OutboxEntry)(nil)).
		Where("done_at IS NOT NULL").
		Where("done_at < ?", ix.Now().UTC().Add(-ix.Retention)).
		Exec(ctx)
	if err != nil {
		ix.Logger.WarnContext(ctx, "prune search outbox", "error", err)
	}
}

// Backlog is the state of the search outbox.
type Backlog struct {
	Pending   int
	Failed    int
	OldestAge time.Duration
}

// OutboxBacklog counts the rows waiting and set aside, and the age of the
// oldest waiting one.
func OutboxBacklog(ctx context.Context, db bun.IDB, now time.Time) (Backlog, error) {
	var b Backlog
	pending, err := db.NewSelect().Model((*models.OutboxEntry)(nil)).Where("done_at IS NULL").Where("failed_at IS NULL").Count(ctx)
	if err != nil {
		return b, err
	}
	failed, err := db.NewSelect().Model((*models.OutboxEntry)(nil)).Where("failed_at IS NOT NULL").Where("done_at IS NULL").Count(ctx)
	if err != nil {
		return b, err
	}
	b.Pending, b.Failed = int(pending), int(failed)
	if pending > 0 {
		oldest := new(models.OutboxEntry)
		err := db.NewSelect().Model(oldest).Where("done_at IS NULL").Where("failed_at IS NULL").OrderExpr("id ASC").Limit(1).Scan(ctx)
		if err != nil {
			return b, err
		}
		b.OldestAge = max(0, now.Sub(oldest.CreatedAt))
	}
	return b, nil
}
