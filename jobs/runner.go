package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Config sets how a process runs jobs. Zero fields take the defaults named.
type Config struct {
	// ID names this process among the workers; River makes one up when
	// empty.
	ID string
	// Workers is how many jobs this process runs at once: 4.
	Workers int
	// PollInterval is how often an idle process looks for due jobs: 1s.
	PollInterval time.Duration
	// Backoff is the wait after failed attempt n (1, 2, …) before the next:
	// 2^n seconds, at most an hour.
	Backoff func(attempt int) time.Duration
	// JobTimeout bounds one run: 1 minute.
	JobTimeout time.Duration
	// RescueAfter is how long a job may stay running before it is taken for
	// the job of a process that died and is run again: 10 minutes. It must
	// exceed JobTimeout.
	RescueAfter time.Duration
	// CompletedRetention is how long done jobs are kept: 24 hours.
	CompletedRetention time.Duration
	// DeadRetention is how long dead jobs are kept for inspection and
	// retry: 30 days.
	DeadRetention time.Duration
	// OnFailure is told about every failed attempt (dead when the job has
	// used up its attempts); it may be nil.
	OnFailure func(kind string, attempt int, dead bool, err error)
	// Logger receives River's warnings and errors.
	Logger *slog.Logger
}

// DefaultBackoff is Config.Backoff when none is set.
func DefaultBackoff(attempt int) time.Duration {
	return min(time.Duration(1<<min(attempt, 12))*time.Second, time.Hour)
}

// retryPolicy asks Config.Backoff.
type retryPolicy struct{ backoff func(int) time.Duration }

func (p retryPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	return time.Now().Add(p.backoff(max(job.Attempt, 1)))
}

// errorHandler reports failures to Config.OnFailure.
type errorHandler struct {
	onFailure func(kind string, attempt int, dead bool, err error)
}

func (h errorHandler) HandleError(_ context.Context, job *rivertype.JobRow, err error) *river.ErrorHandlerResult {
	if h.onFailure != nil {
		h.onFailure(job.Kind, job.Attempt, job.Attempt >= job.MaxAttempts, err)
	}
	return nil
}

func (h errorHandler) HandlePanic(_ context.Context, job *rivertype.JobRow, v any, _ string) *river.ErrorHandlerResult {
	if h.onFailure != nil {
		h.onFailure(job.Kind, job.Attempt, job.Attempt >= job.MaxAttempts, fmt.Errorf("panic: %v", v))
	}
	return nil
}

// Start runs the registered workers in the background until Stop. One
// process of several may be started on one database; River elects one of
// them to do the upkeep (rescuing jobs of dead processes, deleting old
// ones), and every one of them runs jobs.
func (q *Queue) Start(ctx context.Context, cfg Config) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.runner != nil {
		return errors.New("jobs: already started")
	}
	if len(q.kinds) == 0 {
		return errors.New("jobs: no worker registered")
	}
	cfg = withDefaults(cfg)
	runner, err := river.NewClient(q.driver, &river.Config{
		ID: cfg.ID,
		Queues: map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers},
			followUpQueue: {MaxWorkers: max(cfg.Workers/2, 1)}},
		Workers:                     q.workers,
		MaxAttempts:                 DefaultMaxAttempts,
		FetchPollInterval:           cfg.PollInterval,
		FetchCooldown:               min(cfg.PollInterval, 100*time.Millisecond),
		PollOnly:                    true,
		JobTimeout:                  cfg.JobTimeout,
		RescueStuckJobsAfter:        cfg.RescueAfter,
		CompletedJobRetentionPeriod: cfg.CompletedRetention,
		DiscardedJobRetentionPeriod: cfg.DeadRetention,
		CancelledJobRetentionPeriod: cfg.DeadRetention,
		RetryPolicy:                 retryPolicy{cfg.Backoff},
		ErrorHandler:                errorHandler{cfg.OnFailure},
		Logger:                      quiet(cfg.Logger),
	})
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	if err := runner.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	q.runner = runner
	return nil
}

func withDefaults(cfg Config) Config {
	if cfg.Workers <= 0 {
		cfg.Workers = 4
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = time.Second
	}
	if cfg.Backoff == nil {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = time.Minute
	}
	if cfg.RescueAfter <= 0 {
		cfg.RescueAfter = 10 * time.Minute
	}
	cfg.RescueAfter = max(cfg.RescueAfter, cfg.JobTimeout+time.Second)
	if cfg.CompletedRetention <= 0 {
		cfg.CompletedRetention = 24 * time.Hour
	}
	if cfg.DeadRetention <= 0 {
		cfg.DeadRetention = 30 * 24 * time.Hour
	}
	return cfg
}

// Stop lets running jobs finish (until ctx ends, then cancels them; they
// run again later) and stops fetching. It is a no-op when not started.
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	runner := q.runner
	q.runner = nil
	q.mu.Unlock()
	if runner == nil {
		return nil
	}
	err := runner.Stop(ctx)
	if err != nil && ctx.Err() != nil {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		err = runner.StopAndCancel(cctx)
	}
	return err
}

// WaitIdle waits until no job of kinds (every kind when none) is due or
// running, checking every interval; jobs scheduled for later do not count.
// Tests and tools use it to let the queue catch up.
func (q *Queue) WaitIdle(ctx context.Context, interval time.Duration, kinds ...string) error {
	for {
		busy, err := q.busy(ctx, kinds)
		if err != nil || !busy {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(interval):
		}
	}
}

// WaitDone waits until no job of kinds (every kind when none) is left to
// run at all, later retries and scheduled jobs included.
func (q *Queue) WaitDone(ctx context.Context, interval time.Duration, kinds ...string) error {
	for {
		params := river.NewJobListParams().First(1).States(rivertype.JobStateAvailable, rivertype.JobStateRunning,
			rivertype.JobStatePending, rivertype.JobStateRetryable, rivertype.JobStateScheduled)
		if len(kinds) > 0 {
			params = params.Kinds(kinds...)
		}
		res, err := q.inserter.JobList(ctx, params)
		if err != nil || len(res.Jobs) == 0 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(interval):
		}
	}
}

func (q *Queue) busy(ctx context.Context, kinds []string) (bool, error) {
	params := river.NewJobListParams().First(1).States(rivertype.JobStateAvailable, rivertype.JobStateRunning, rivertype.JobStatePending)
	if len(kinds) > 0 {
		params = params.Kinds(kinds...)
	}
	res, err := q.inserter.JobList(ctx, params)
	if err != nil {
		return false, err
	}
	if len(res.Jobs) > 0 {
		return true, nil
	}
	// A retry due now counts too.
	params = river.NewJobListParams().First(1).States(rivertype.JobStateRetryable, rivertype.JobStateScheduled).
		OrderBy(river.JobListOrderByScheduledAt, river.SortOrderAsc)
	if len(kinds) > 0 {
		params = params.Kinds(kinds...)
	}
	if res, err = q.inserter.JobList(ctx, params); err != nil {
		return false, err
	}
	return len(res.Jobs) > 0 && !res.Jobs[0].ScheduledAt.After(time.Now()), nil
}
