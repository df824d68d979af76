// Package jobs runs work that must happen after a change is committed:
// search indexing today, e-mail, webhooks and share images next. A job is
// enqueued in the same transaction as the change that calls for it, so a
// change is never committed without its job and a rolled-back change leaves
// none; workers run it afterwards, with retries and backoff, and set it
// aside as dead (River's "discarded" state) once it used up its attempts.
//
// The queue is River (github.com/riverqueue/river) over database/sql: lib/pq
// on PostgreSQL, modernc.org/sqlite on SQLite. Its tables (river_job,
// river_leader, river_queue, …) belong to this package; they are created by
// River's own migrations, which store runs as one of its migrations. A job
// is locked by the worker that fetched it (FOR UPDATE SKIP LOCKED on
// PostgreSQL, SQLite's single writer), so any number of processes may run
// workers and each job runs in one of them at a time; a job whose process
// died while running it is put back after Config.RescueAfter.
//
// See docs/architecture.md for adding a kind.
package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

// Dialect names the database behind a queue.
type Dialect string

// The supported databases.
const (
	Postgres Dialect = "postgres"
	SQLite   Dialect = "sqlite"
)

// Args is the payload of a job, stored as JSON. Kind names the worker that
// runs it; it must stay stable once jobs of it were enqueued.
type Args interface {
	Kind() string
}

// Options tune how the jobs of one kind are enqueued. An Args type declares
// them by implementing OptionsArgs.
type Options struct {
	// MaxAttempts is how often a failing job is tried before it is set
	// aside as dead; the queue's default (DefaultMaxAttempts) when zero.
	MaxAttempts int
	// Coalesce folds a job into an equal one (same kind and arguments)
	// still waiting to run: many changes to one thing in a short time run
	// once. A change made while the equal job is already running gets a job
	// of its own, since the running one may have read the old state.
	Coalesce bool
}

// OptionsArgs is Args with options of their kind.
type OptionsArgs interface {
	Args
	JobOptions() Options
}

// DefaultMaxAttempts is the attempts of a kind that does not set its own.
const DefaultMaxAttempts = 10

// Job is one run of a job handed to its worker.
type Job[T Args] struct {
	ID int64
	// Attempt counts the runs, this one included.
	Attempt     int
	MaxAttempts int
	Args        T
	CreatedAt   time.Time

	row *river.Job[T]
}

// Worker runs the jobs of one kind. It returns nil when the job is done; an
// error schedules another attempt after the backoff, or sets the job aside
// once its attempts are used up. RetryLater asks for another run without
// counting an attempt.
type Worker[T Args] func(ctx context.Context, job *Job[T]) error

// RetryLater is returned by a worker whose job cannot run now for a reason
// that is not the job's fault (a service it needs is down): the job runs
// again after d and the attempt is not counted against MaxAttempts.
func RetryLater(d time.Duration) error { return river.JobSnooze(max(d, 0)) }

// Queue enqueues jobs and, once started, runs them.
type Queue struct {
	dialect  Dialect
	pool     *sql.DB
	driver   riverdriver.Driver[*sql.Tx]
	inserter *river.Client[*sql.Tx]
	workers  *river.Workers

	mu     sync.Mutex
	kinds  []string
	runner *river.Client[*sql.Tx]
}

// New returns the queue of the database behind pool. It neither reads nor
// writes until used. On SQLite pool should hold a single connection: River's
// own work then queues up in this process instead of contending for the
// write lock with itself (writes of other connections wait for it through
// SQLite's busy timeout).
func New(d Dialect, pool *sql.DB) (*Queue, error) {
	q := &Queue{dialect: d, pool: pool, workers: river.NewWorkers()}
	var err error
	if q.driver, err = newDriver(d, pool); err != nil {
		return nil, err
	}
	if q.inserter, err = newInserter(d, pool); err != nil {
		return nil, err
	}
	return q, nil
}

// Register makes w the worker of the kind of T. Register every kind before
// Start; a kind's jobs wait in the queue while no running process has it.
func Register[T Args](q *Queue, w Worker[T]) {
	var zero T
	q.mu.Lock()
	q.kinds = append(q.kinds, zero.Kind())
	q.mu.Unlock()
	river.AddWorker(q.workers, river.WorkFunc(func(ctx context.Context, row *river.Job[T]) error {
		return w(ctx, &Job[T]{ID: row.ID, Attempt: row.Attempt, MaxAttempts: row.MaxAttempts, Args: row.Args,
			CreatedAt: row.CreatedAt, row: row})
	}))
}

// inserters are the clients that insert jobs in a caller's transaction,
// one per database; they need no pool of their own.
var inserters struct {
	sync.Mutex
	byDialect map[Dialect]*river.Client[*sql.Tx]
}

func inserterFor(tx bun.Tx) (*river.Client[*sql.Tx], error) {
	d := SQLite
	if tx.Dialect().Name() == dialect.PG {
		d = Postgres
	}
	inserters.Lock()
	defer inserters.Unlock()
	if c := inserters.byDialect[d]; c != nil {
		return c, nil
	}
	c, err := newInserter(d, nil)
	if err != nil {
		return nil, err
	}
	if inserters.byDialect == nil {
		inserters.byDialect = map[Dialect]*river.Client[*sql.Tx]{}
	}
	inserters.byDialect[d] = c
	return c, nil
}

func newDriver(d Dialect, pool *sql.DB) (riverdriver.Driver[*sql.Tx], error) {
	switch d {
	case Postgres:
		return riverdatabasesql.New(pool), nil
	case SQLite:
		return riversqlite.New(pool), nil
	}
	return nil, fmt.Errorf("jobs: unknown dialect %q", d)
}

func newInserter(d Dialect, pool *sql.DB) (*river.Client[*sql.Tx], error) {
	driver, err := newDriver(d, pool)
	if err != nil {
		return nil, err
	}
	c, err := river.NewClient(driver, &river.Config{MaxAttempts: DefaultMaxAttempts, Logger: quiet(nil)})
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return c, nil
}

// insertOpts turns the options of args into River's.
func insertOpts(args Args) *river.InsertOpts {
	var o Options
	if oa, ok := args.(OptionsArgs); ok {
		o = oa.JobOptions()
	}
	out := &river.InsertOpts{MaxAttempts: o.MaxAttempts}
	if o.Coalesce {
		// Completed jobs must not block new ones, so the states are
		// those of a job still to run; River requires running among them
		// (see insert for what is done about it).
		out.UniqueOpts = river.UniqueOpts{ByArgs: true, ByQueue: true, ByState: []rivertype.JobState{
			rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
			rivertype.JobStateRunning, rivertype.JobStateScheduled,
		}}
	}
	return out
}

// Enqueue adds a job in tx, the transaction of the change the job follows
// from: the job becomes visible to workers when tx commits and disappears
// with it when it rolls back.
func Enqueue(ctx context.Context, tx bun.Tx, args Args) error {
	c, err := inserterFor(tx)
	if err != nil {
		return err
	}
	return insert(ctx, args, func(opts *river.InsertOpts) (*rivertype.JobInsertResult, error) {
		return c.InsertTx(ctx, tx.Tx, args, opts)
	})
}

// Add adds a job on its own, for work that follows no change of the
// database (an engine that came up empty).
func (q *Queue) Add(ctx context.Context, args Args) error {
	return insert(ctx, args, func(opts *river.InsertOpts) (*rivertype.JobInsertResult, error) {
		return q.inserter.Insert(ctx, args, opts)
	})
}

// followUpQueue holds the jobs of changes made while an equal coalescing
// job was running: they coalesce among themselves there, apart from the
// running one.
const followUpQueue = "follow_up"

func insert(ctx context.Context, args Args, do func(*river.InsertOpts) (*rivertype.JobInsertResult, error)) error {
	opts := insertOpts(args)
	res, err := do(opts)
	if err != nil {
		return fmt.Errorf("enqueue %s: %w", args.Kind(), err)
	}
	// A coalesced job that is already running may have read the state
	// before this change, so the change needs a job of its own: one in the
	// follow-up queue, itself coalescing, or when an equal one runs there
	// too, one that does not coalesce. The equal jobs found cannot start
	// meanwhile: PostgreSQL keeps their rows locked by the insert until this
	// transaction ends, and SQLite has one writer.
	if res.UniqueSkippedAsDuplicate && res.Job != nil && res.Job.State == rivertype.JobStateRunning {
		opts.Queue = followUpQueue
		if res, err = do(opts); err != nil {
			return fmt.Errorf("enqueue %s: %w", args.Kind(), err)
		}
		if res.UniqueSkippedAsDuplicate && res.Job != nil && res.Job.State == rivertype.JobStateRunning {
			opts.Queue, opts.UniqueOpts = "", river.UniqueOpts{}
			if _, err := do(opts); err != nil {
				return fmt.Errorf("enqueue %s: %w", args.Kind(), err)
			}
		}
	}
	return nil
}

// EnqueueMany adds many jobs in tx, as Enqueue, without coalescing them.
func EnqueueMany(ctx context.Context, tx bun.Tx, args []Args) error {
	if len(args) == 0 {
		return nil
	}
	c, err := inserterFor(tx)
	if err != nil {
		return err
	}
	params := make([]river.InsertManyParams, len(args))
	for i, a := range args {
		opts := insertOpts(a)
		opts.UniqueOpts = river.UniqueOpts{}
		params[i] = river.InsertManyParams{Args: a, InsertOpts: opts}
	}
	if _, err := c.InsertManyFastTx(ctx, tx.Tx, params); err != nil {
		return fmt.Errorf("enqueue %d jobs: %w", len(args), err)
	}
	return nil
}

// Complete marks job done inside tx, so that what the worker wrote in tx
// and the job's completion commit together: a worker that dies before the
// commit leaves neither, and the job's next run writes its effect once.
func Complete[T Args](ctx context.Context, tx bun.Tx, job *Job[T]) error {
	var err error
	switch river.ClientFromContext[*sql.Tx](ctx).Driver().(type) {
	case *riversqlite.Driver:
		_, err = river.JobCompleteTx[*riversqlite.Driver](ctx, tx.Tx, job.row)
	case *riverdatabasesql.Driver:
		_, err = river.JobCompleteTx[*riverdatabasesql.Driver](ctx, tx.Tx, job.row)
	default:
		err = errors.New("unknown driver")
	}
	if err != nil {
		return fmt.Errorf("complete job %d: %w", job.ID, err)
	}
	return nil
}

// SchemaVersion is the version of River's schema this version of tanggap
// runs on; a River upgrade that brings new migrations adds migrations of
// ours that raise it.
const SchemaVersion = 8

// Migrate moves the queue's tables inside tx, a transaction of store's
// migration runner: up to version to (including it), or down to it
// (excluding it; -1 removes them all). On PostgreSQL a version that uses an
// enum value added by an earlier one needs a transaction after the one
// that added it; store splits River's versions accordingly.
func (q *Queue) Migrate(ctx context.Context, tx *sql.Tx, up bool, to int) error {
	m, err := rivermigrate.New(q.driver, &rivermigrate.Config{Logger: quiet(nil)})
	if err != nil {
		return err
	}
	if up {
		_, err = m.MigrateTx(ctx, tx, rivermigrate.DirectionUp, &rivermigrate.MigrateOpts{TargetVersion: to})
	} else {
		_, err = m.MigrateTx(ctx, tx, rivermigrate.DirectionDown, &rivermigrate.MigrateOpts{TargetVersion: to})
	}
	if err != nil {
		return fmt.Errorf("job queue schema: %w", err)
	}
	return nil
}

// Info describes one job, for inspection.
type Info struct {
	ID          int64
	Kind        string
	State       State
	Attempt     int
	MaxAttempts int
	Args        json.RawMessage
	// Errors are the errors of the failed attempts, oldest first.
	Errors      []AttemptError
	CreatedAt   time.Time
	ScheduledAt time.Time
	AttemptedAt *time.Time
	FinalizedAt *time.Time
}

// AttemptError is the error of one failed attempt.
type AttemptError struct {
	Attempt int
	At      time.Time
	Error   string
}

// State is where a job is in its life. Dead jobs are in StateDead.
type State string

// The states of a job, River's names.
const (
	StateAvailable State = "available" // due, waiting for a worker
	StateScheduled State = "scheduled" // due later (RetryLater, or scheduled)
	StateRetryable State = "retryable" // failed, waiting for its backoff
	StateRunning   State = "running"
	StateCompleted State = "completed"
	StateDead      State = "discarded" // used up its attempts: the dead letters
	StateCancelled State = "cancelled"
	StatePending   State = "pending"
)

// States lists every state, in the order metrics report them.
var States = []State{StateAvailable, StateScheduled, StateRetryable, StateRunning, StateCompleted, StateDead, StateCancelled, StatePending}

func infoOf(r *rivertype.JobRow) Info {
	out := Info{ID: r.ID, Kind: r.Kind, State: State(r.State), Attempt: r.Attempt, MaxAttempts: r.MaxAttempts,
		Args: json.RawMessage(r.EncodedArgs), CreatedAt: r.CreatedAt, ScheduledAt: r.ScheduledAt,
		AttemptedAt: r.AttemptedAt, FinalizedAt: r.FinalizedAt}
	for _, e := range r.Errors {
		out.Errors = append(out.Errors, AttemptError{Attempt: e.Attempt, At: e.At, Error: e.Error})
	}
	return out
}

// List returns up to limit (at most 10,000) jobs of kind ("" for every kind) in the given
// states (every state when none), oldest first.
func (q *Queue) List(ctx context.Context, kind string, limit int, states ...State) ([]Info, error) {
	params := river.NewJobListParams().First(min(max(limit, 1), 10_000)).OrderBy(river.JobListOrderByID, river.SortOrderAsc)
	if kind != "" {
		params = params.Kinds(kind)
	}
	if len(states) > 0 {
		rs := make([]rivertype.JobState, len(states))
		for i, s := range states {
			rs[i] = rivertype.JobState(s)
		}
		params = params.States(rs...)
	}
	res, err := q.inserter.JobList(ctx, params)
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	out := make([]Info, len(res.Jobs))
	for i, r := range res.Jobs {
		out[i] = infoOf(r)
	}
	return out, nil
}

// Dead lists up to limit dead jobs of kind ("" for every kind).
func (q *Queue) Dead(ctx context.Context, kind string, limit int) ([]Info, error) {
	return q.List(ctx, kind, limit, StateDead)
}

// Retry makes a dead (or cancelled, or waiting) job due now, with its
// attempts counted afresh.
func (q *Queue) Retry(ctx context.Context, id int64) error {
	if _, err := q.inserter.JobRetry(ctx, id); err != nil {
		return fmt.Errorf("retry job %d: %w", id, err)
	}
	return nil
}

// Count is how many jobs of one kind are in one state, with the age of the
// oldest of them for the states of jobs still to run.
type Count struct {
	Kind   string
	State  State
	Jobs   int
	Oldest time.Duration
}

// Counts counts the jobs by kind and state, for /readyz and /metrics.
func (q *Queue) Counts(ctx context.Context, now time.Time) ([]Count, error) {
	rows, err := q.pool.QueryContext(ctx,
		"SELECT kind, state, count(*), min(created_at) FROM river_job GROUP BY kind, state ORDER BY kind, state")
	if err != nil {
		return nil, fmt.Errorf("count jobs: %w", err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		var oldest timestamp
		if err := rows.Scan(&c.Kind, &c.State, &c.Jobs, &oldest); err != nil {
			return nil, fmt.Errorf("count jobs: %w", err)
		}
		switch c.State {
		case StateAvailable, StateScheduled, StateRetryable, StateRunning, StatePending:
			if !oldest.t.IsZero() {
				c.Oldest = max(0, now.Sub(oldest.t))
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// timestamp scans a time that SQLite returns as text from an aggregate.
type timestamp struct{ t time.Time }

func (ts *timestamp) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		ts.t = time.Time{}
	case time.Time:
		ts.t = x
	case string:
		return ts.parse(x)
	case []byte:
		return ts.parse(string(x))
	default:
		return fmt.Errorf("timestamp of type %T", v)
	}
	return nil
}

func (ts *timestamp) parse(s string) error {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			ts.t = t
			return nil
		}
	}
	return fmt.Errorf("timestamp %q", s)
}

// quiet passes River's warnings and errors on and drops its chatter.
func quiet(l *slog.Logger) *slog.Logger {
	if l == nil {
		l = slog.Default()
	}
	return slog.New(levelHandler{Handler: l.Handler(), min: slog.LevelWarn})
}

type levelHandler struct {
	slog.Handler
	min slog.Level
}

func (h levelHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h levelHandler) WithAttrs(a []slog.Attr) slog.Handler {
	return levelHandler{Handler: h.Handler.WithAttrs(a), min: h.min}
}

func (h levelHandler) WithGroup(name string) slog.Handler {
	return levelHandler{Handler: h.Handler.WithGroup(name), min: h.min}
}

// LastID returns the id of the newest job, 0 when there is none; with
// Since it finds the jobs added while something ran.
func (q *Queue) LastID(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	if err := q.pool.QueryRowContext(ctx, "SELECT max(id) FROM river_job").Scan(&id); err != nil {
		return 0, fmt.Errorf("last job: %w", err)
	}
	return id.Int64, nil
}

// argsJSON selects a job's arguments as JSON text: River keeps them as
// SQLite's binary JSON there.
func (q *Queue) argsJSON() string {
	if q.dialect == SQLite {
		return "json(args)"
	}
	return "args"
}

// Since returns the arguments, as JSON, of the jobs of kind added after
// the job afterID, in order.
func (q *Queue) Since(ctx context.Context, kind string, afterID int64) ([]json.RawMessage, error) {
	rows, err := q.pool.QueryContext(ctx, q.rebind("SELECT "+q.argsJSON()+" FROM river_job WHERE kind = ? AND id > ? ORDER BY id"), kind, afterID)
	if err != nil {
		return nil, fmt.Errorf("jobs since %d: %w", afterID, err)
	}
	defer rows.Close()
	var out []json.RawMessage
	for rows.Next() {
		var args []byte
		if err := rows.Scan(&args); err != nil {
			return nil, err
		}
		out = append(out, json.RawMessage(args))
	}
	return out, rows.Err()
}

// DeleteDead deletes the dead jobs of kind up to the job upToID: work that
// something else has made up for (a full rebuild of what they would have
// updated).
func (q *Queue) DeleteDead(ctx context.Context, kind string, upToID int64) (int, error) {
	res, err := q.pool.ExecContext(ctx, q.rebind("DELETE FROM river_job WHERE kind = ? AND state = 'discarded' AND id <= ?"), kind, upToID)
	if err != nil {
		return 0, fmt.Errorf("delete dead jobs: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Pending is a job that waits to run, with its arguments as JSON.
type Pending struct {
	ID   int64
	Args json.RawMessage
}

// Available returns up to limit jobs of kind that are ready to run and not
// taken by a worker, oldest first: with Claim and Settle, a worker may do
// their work along with its own job's.
func (q *Queue) Available(ctx context.Context, kind string, limit int) ([]Pending, error) {
	rows, err := q.pool.QueryContext(ctx, q.rebind("SELECT id, "+q.argsJSON()+" FROM river_job WHERE kind = ? AND state = 'available' ORDER BY id LIMIT ?"), kind, limit)
	if err != nil {
		return nil, fmt.Errorf("available jobs: %w", err)
	}
	defer rows.Close()
	var out []Pending
	for rows.Next() {
		var p Pending
		var raw []byte
		if err := rows.Scan(&p.ID, &raw); err != nil {
			return nil, err
		}
		p.Args = json.RawMessage(raw)
		out = append(out, p)
	}
	return out, rows.Err()
}

// Waiting returns the ids of the jobs of kind, up to the job upToID, that
// wait to run (available, scheduled or retryable): work that something
// about to run will make up for, once Claim has taken those available.
func (q *Queue) Waiting(ctx context.Context, kind string, upToID int64) ([]int64, error) {
	rows, err := q.pool.QueryContext(ctx, q.rebind("SELECT id FROM river_job WHERE kind = ? AND id <= ? AND state IN ('available', 'scheduled', 'retryable') ORDER BY id"), kind, upToID)
	if err != nil {
		return nil, fmt.Errorf("waiting jobs: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Claim takes the jobs of ids that are still available for a worker that
// does their work along with its own, or a rebuild that makes up for them:
// it marks them running, so that no worker runs them meanwhile and an equal
// change that would coalesce with them gets a job of its own instead (see
// insert) — a change folded into a job whose work has already read the old
// state would otherwise be lost. It returns the ids it claimed; each must
// then be settled with Settle.
func (q *Queue) Claim(ctx context.Context, ids []int64) ([]int64, error) {
	var claimed []int64
	err := q.eachPart(ids, func(part []any, in string) error {
		rows, err := q.pool.QueryContext(ctx, q.rebind("UPDATE river_job SET state = 'running', attempted_at = "+q.now()+
			" WHERE state = 'available' AND id IN ("+in+") RETURNING id"), part...)
		if err != nil {
			return fmt.Errorf("claim jobs: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			claimed = append(claimed, id)
		}
		return rows.Err()
	})
	return claimed, err
}

// Settle finishes the jobs Claim took: completed when their work was done
// (they are then counted, and cleaned away, as every completed job is), or
// available again, to run on their own, when it was not.
func (q *Queue) Settle(ctx context.Context, ids []int64, done bool) error {
	set := "state = 'completed', finalized_at = " + q.now()
	if !done {
		set = "state = 'available', attempted_at = NULL"
	}
	return q.eachPart(ids, func(part []any, in string) error {
		if _, err := q.pool.ExecContext(ctx, q.rebind("UPDATE river_job SET "+set+" WHERE state = 'running' AND id IN ("+in+")"), part...); err != nil {
			return fmt.Errorf("settle claimed jobs: %w", err)
		}
		return nil
	})
}

// eachPart calls fn with the ids in parts of at most 500, as arguments and
// the placeholders of an IN list.
func (q *Queue) eachPart(ids []int64, fn func(part []any, in string) error) error {
	for start := 0; start < len(ids); start += 500 {
		part := ids[start:min(start+500, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		if err := fn(args, "?"+strings.Repeat(", ?", len(part)-1)); err != nil {
			return err
		}
	}
	return nil
}

// now is the database's current time, as River writes its times.
func (q *Queue) now() string {
	if q.dialect == SQLite {
		return "datetime('now', 'subsec')"
	}
	return "now()"
}

// rebind turns ? placeholders into PostgreSQL's $n.
func (q *Queue) rebind(query string) string {
	if q.dialect != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
