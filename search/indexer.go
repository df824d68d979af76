package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/kotabaru/tanggap/jobs"
)

// IndexKind is the job kind of search indexing.
const IndexKind = "search.index"

// IndexAttempts is how often an index job whose document an engine refuses
// is tried before it is set aside as dead; an engine that cannot be reached
// costs no attempt. Tests lower it.
var IndexAttempts = 20

// IndexArgs asks for the documents of issues to be brought up to date in
// every engine: written when the issue is public, removed when it is not.
// A job of one issue coalesces with an equal one still waiting, so that the
// several changes of one request, or of a burst, index the issue once.
type IndexArgs struct {
	IssueIDs []int64 `json:"issue_ids"`
}

// Kind implements jobs.Args.
func (IndexArgs) Kind() string { return IndexKind }

// JobOptions implements jobs.OptionsArgs.
func (a IndexArgs) JobOptions() jobs.Options {
	return jobs.Options{MaxAttempts: IndexAttempts, Coalesce: len(a.IssueIDs) == 1}
}

// IndexBatch is the most issues one index job of a bulk change holds.
const IndexBatch = 1000

// Batches splits ids into the arguments of index jobs of at most IndexBatch
// issues each.
func Batches(ids []int64) []jobs.Args {
	var out []jobs.Args
	for start := 0; start < len(ids); start += IndexBatch {
		out = append(out, IndexArgs{IssueIDs: ids[start:min(start+IndexBatch, len(ids))]})
	}
	return out
}

// Indexer is the worker of index jobs: it loads the current documents of a
// job's issues and writes them to every engine. When an engine cannot be
// reached the job is tried again later without counting an attempt; when an
// engine refuses a particular document, the job's other issues are still
// indexed and the job fails, to be retried with backoff by the queue and set
// aside as dead after IndexAttempts.
type Indexer struct {
	source  DocumentSource
	engines []Engine
	// DownRetry is the wait before a job that found an engine unreachable
	// runs again, given how long the job has been waiting: a quarter of
	// that, between a second and a minute.
	DownRetry func(waited time.Duration) time.Duration
	// Hooks are told about failures; they may be nil.
	OnEngineDown    func(err error)
	OnRefused       func(issueID int64, err error)
	OnSynonymsError func(err error)
	// OnIndexed is told after documents were written to the engines, so
	// caches of search answers can refresh.
	OnIndexed func()
	// SyncSynonyms, when set, is called before a job at most every
	// SyncInterval; engines that apply synonyms themselves push the current
	// ones when they changed.
	SyncSynonyms func(ctx context.Context) error
	SyncInterval time.Duration
	// Logger receives the indexer's warnings.
	Logger *slog.Logger
	// Serialize, when set, is held around reading and writing documents
	// across processes (the store's advisory lock on PostgreSQL); within a
	// process the indexer serialises its writes itself. Without it two jobs
	// of one issue could interleave — the older read, the newer written,
	// then the older written over it — and leave a stale document.
	Serialize func(ctx context.Context) (release func(), err error)

	// Queue holds the waiting index jobs a running job takes along (see
	// Work); Register sets it. Without it every job is indexed alone.
	Queue *jobs.Queue

	mu       sync.Mutex
	lastSync time.Time
	// writing serialises apply within this process.
	writing sync.Mutex
}

// NewIndexer returns an indexer writing the documents of source to engines.
func NewIndexer(source DocumentSource, engines ...Engine) *Indexer {
	return &Indexer{
		source: source, engines: engines, SyncInterval: 10 * time.Second, Logger: slog.Default(),
		DownRetry: func(waited time.Duration) time.Duration { return min(max(waited/4, time.Second), time.Minute) },
	}
}

// Register makes ix the worker of index jobs on q.
func (ix *Indexer) Register(q *jobs.Queue) {
	ix.Queue = q
	jobs.Register(q, ix.Work)
}

// alongIssues bounds the issues of a job with those it takes along: the
// write holds SQLite's one write lock, which staff writes wait for, so a
// backlog is worked off in writes of about this size.
const alongIssues = 25

// Work runs one index job. It takes along the other index jobs that are
// waiting, up to alongIssues issues in all, and writes every one of their
// documents at once: while changes arrive faster than documents are
// written one job at a time (a burst of publications, each group commit
// queueing a job), the statements and the transaction of a write are
// shared by all of them instead of the backlog growing. The jobs taken
// along are marked completed once their documents are written; if the write
// fails, they stay to run on their own and this job is indexed alone.
func (ix *Indexer) Work(ctx context.Context, job *jobs.Job[IndexArgs]) error {
	ix.syncSynonyms(ctx)
	if ids, along := ix.takeAlong(ctx, job.Args.IssueIDs); len(along) > 0 {
		err := ix.apply(ctx, ids)
		if err == nil {
			ix.indexed()
		}
		if serr := ix.Queue.Settle(context.WithoutCancel(ctx), along, err == nil); serr != nil {
			// Left running, the river's rescuer hands them back later.
			ix.Logger.WarnContext(ctx, "search index jobs taken along stay claimed", "error", serr)
		}
		if err == nil {
			return nil
		}
	}
	err := ix.Index(ctx, job.Args.IssueIDs)
	if IsEngineDown(err) {
		wait := ix.DownRetry(time.Since(job.CreatedAt))
		ix.Logger.WarnContext(ctx, "search index waits for an engine", "error", err, "retry_in", wait.String())
		return jobs.RetryLater(wait)
	}
	return err
}

// takeAlong returns the issues of own and of the index jobs waiting to run,
// each once, and the ids of those jobs, which it has claimed (jobs.Claim);
// none when there are none or they cannot be read. Every job it returns was
// committed with its change before the documents are read, so the
// documents written include that change; a change committed later queues a
// job of its own, even one equal to a job taken along, which is not among
// them.
func (ix *Indexer) takeAlong(ctx context.Context, own []int64) ([]int64, []int64) {
	if ix.Queue == nil || len(own) >= alongIssues {
		return nil, nil
	}
	available, err := ix.Queue.Available(ctx, IndexKind, alongIssues)
	if err != nil {
		ix.Logger.WarnContext(ctx, "search index jobs waiting unread", "error", err)
		return nil, nil
	}
	var waiting []jobs.Pending
	if len(available) > 0 {
		ids := make([]int64, len(available))
		for i, p := range available {
			ids[i] = p.ID
		}
		claimed, err := ix.Queue.Claim(ctx, ids)
		if err != nil {
			ix.Logger.WarnContext(ctx, "search index jobs waiting unclaimed", "error", err)
			return nil, nil
		}
		for _, p := range available {
			if slices.Contains(claimed, p.ID) {
				waiting = append(waiting, p)
			}
		}
	}
	seen := make(map[int64]bool, len(own))
	ids := make([]int64, 0, len(own))
	for _, id := range own {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	var along, left []int64
	for _, w := range waiting {
		var args IndexArgs
		if json.Unmarshal(w.Args, &args) != nil || len(ids)+len(args.IssueIDs) > alongIssues {
			left = append(left, w.ID)
			continue
		}
		for _, id := range args.IssueIDs {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		along = append(along, w.ID)
	}
	if len(left) > 0 {
		// Claimed but not taken along: they run on their own.
		if err := ix.Queue.Settle(ctx, left, false); err != nil {
			ix.Logger.WarnContext(ctx, "search index jobs not taken along stay claimed", "error", err)
		}
	}
	return ids, along
}

func (ix *Indexer) syncSynonyms(ctx context.Context) {
	if ix.SyncSynonyms == nil {
		return
	}
	ix.mu.Lock()
	due := time.Since(ix.lastSync) >= ix.SyncInterval
	if due {
		ix.lastSync = time.Now()
	}
	ix.mu.Unlock()
	if !due {
		return
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := ix.SyncSynonyms(sctx); err != nil && ix.OnSynonymsError != nil && ctx.Err() == nil {
		ix.OnSynonymsError(err)
	}
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

// Index brings the documents of issues up to date in every engine. It
// returns an error for which IsEngineDown is true when an engine (or the
// database) cannot be reached; when engines answer but refuse documents,
// every other issue is indexed and the error names the refused ones.
func (ix *Indexer) Index(ctx context.Context, issues []int64) error {
	err := ix.apply(ctx, issues)
	if err == nil {
		ix.indexed()
		return nil
	}
	if err := ix.reachable(ctx); err != nil {
		if ix.OnEngineDown != nil {
			ix.OnEngineDown(err)
		}
		return errEngineDown{err}
	}
	if len(issues) == 1 {
		if ix.OnRefused != nil {
			ix.OnRefused(issues[0], err)
		}
		return fmt.Errorf("issue %d refused: %w", issues[0], err)
	}
	// Every engine answers, so some document was refused: find which by
	// trying each issue on its own.
	var refused []int64
	var first error
	for _, id := range issues {
		err := ix.apply(ctx, []int64{id})
		if err == nil {
			ix.indexed()
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if ix.OnRefused != nil {
			ix.OnRefused(id, err)
		}
		refused = append(refused, id)
		if first == nil {
			first = err
		}
	}
	if len(refused) > 0 {
		return fmt.Errorf("issues %v refused: %w", refused, first)
	}
	return nil
}

func (ix *Indexer) indexed() {
	if ix.OnIndexed != nil {
		ix.OnIndexed()
	}
}

// apply loads the current documents of the issues and sends them to every
// engine.
func (ix *Indexer) apply(ctx context.Context, issues []int64) error {
	ix.writing.Lock()
	defer ix.writing.Unlock()
	if ix.Serialize != nil {
		release, err := ix.Serialize(ctx)
		if err != nil {
			return err
		}
		defer release()
	}
	docs, gone, err := ix.source.SearchDocuments(ctx, issues)
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

// pinger is a source that can say whether it is reachable.
type pinger interface {
	Ping(ctx context.Context) error
}

func (ix *Indexer) reachable(ctx context.Context) error {
	if p, ok := ix.source.(pinger); ok {
		if err := p.Ping(ctx); err != nil {
			return fmt.Errorf("database: %w", err)
		}
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

// Backlog is the state of the index jobs.
type Backlog struct {
	// Pending counts the jobs still to run, Dead those set aside.
	Pending   int
	Dead      int
	OldestAge time.Duration
}

// QueueBacklog returns the Service.Backlog of the index jobs of q.
func QueueBacklog(q *jobs.Queue) func(ctx context.Context) (Backlog, error) {
	return func(ctx context.Context) (Backlog, error) {
		counts, err := q.Counts(ctx, time.Now())
		if err != nil {
			return Backlog{}, err
		}
		var b Backlog
		for _, c := range counts {
			if c.Kind != IndexKind {
				continue
			}
			switch c.State {
			case jobs.StateDead:
				b.Dead += c.Jobs
			case jobs.StateCompleted, jobs.StateCancelled:
			default:
				b.Pending += c.Jobs
				b.OldestAge = max(b.OldestAge, c.Oldest)
			}
		}
		return b, nil
	}
}
