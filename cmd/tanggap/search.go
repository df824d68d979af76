package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
)

// searchStack is the search of one process: the service the API calls, the
// engines, and the indexer, the worker of the index jobs.
type searchStack struct {
	service  *search.Service
	indexer  *search.Indexer
	database search.Engine
	meili    *search.Meili // nil without TANGGAP_MEILI_URL
	db       *store.DB
	// workers and rescueAfter tune the job queue (TANGGAP_JOB_WORKERS,
	// TANGGAP_JOB_RESCUE_AFTER); zero keeps its defaults.
	workers     int
	rescueAfter time.Duration
}

// openSearch chooses the engines: Meilisearch when it is configured (the
// database's engine answering when it does not), else PostgreSQL's on
// PostgreSQL, else SQLite FTS5.
func openSearch(cfg Config, db *store.DB) *searchStack {
	synonyms := search.NewSynonymSource(db, 30*time.Second)
	st := &searchStack{db: db, database: search.NewDatabaseEngine(db.Bun(), synonyms, search.BinaryConnector(db.BinaryConnector())), workers: cfg.JobWorkers, rescueAfter: cfg.JobRescueAfter}
	engines := []search.Engine{st.database}
	var primary, fallback search.Engine = st.database, nil
	if cfg.MeiliURL != "" {
		st.meili = search.NewMeili(cfg.MeiliURL, cfg.MeiliKey, cfg.MeiliIndex, synonyms)
		st.meili.OnCreated = func(ctx context.Context) error { return search.EnqueueAll(ctx, db, db.Jobs()) }
		engines = append(engines, st.meili)
		primary, fallback = st.meili, st.database
	}
	st.service = search.NewService(db, primary, fallback)
	st.service.Backlog = search.QueueBacklog(db.Jobs())
	st.indexer = search.NewIndexer(db, engines...)
	st.indexer.Serialize = db.LockIndexWrites
	st.indexer.OnIndexed = db.Changed
	if st.meili != nil {
		st.indexer.SyncSynonyms = st.meili.SyncSynonyms
	}
	return st
}

// engines lists the engines in the order a rebuild visits them.
func (st *searchStack) engines() []search.Engine {
	if st.meili != nil {
		return []search.Engine{st.database, st.meili}
	}
	return []search.Engine{st.database}
}

// startJobs registers the workers of every job kind (search indexing
// today), reports to metrics and runs the job queue until ctx ends; the
// channel closes once it has stopped, running jobs finished or put back.
func (st *searchStack) startJobs(ctx context.Context, metrics *server.Metrics) (<-chan struct{}, error) {
	failures := metrics.SearchIndexerFailures
	st.indexer.OnEngineDown = func(error) { failures.WithLabelValues("engine_down").Inc() }
	st.indexer.OnRefused = func(int64, error) { failures.WithLabelValues("refused").Inc() }
	st.indexer.OnSynonymsError = func(err error) { slog.Warn("search synonyms not applied", "error", err) }
	queue := st.db.Jobs()
	st.indexer.Register(queue)
	if st.meili != nil {
		// The settings are applied on start; an unreachable Meilisearch
		// is set up by the indexer once it answers.
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		if err := st.meili.Setup(sctx); err != nil {
			slog.Warn("meilisearch not ready; searches are answered from the database until it is", "error", err)
		}
		cancel()
	}
	cfg := jobs.Config{
		OnFailure: func(kind string, attempt int, dead bool, err error) {
			if dead {
				slog.Error("job set aside after its last attempt", "kind", kind, "attempts", attempt, "error", err)
				if kind == search.IndexKind {
					failures.WithLabelValues("set_aside").Inc()
				}
			}
		},
	}
	cfg.Workers, cfg.RescueAfter = st.workers, st.rescueAfter
	if err := queue.Start(ctx, cfg); err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
		defer cancel()
		if err := queue.Stop(sctx); err != nil {
			slog.Warn("job queue stopped with an error", "error", err)
		}
	}()
	return done, nil
}

// reindex rebuilds every engine of st from the database.
func reindex(ctx context.Context, st *searchStack) (map[models.SearchEngine]int, error) {
	return search.Reindex(ctx, st.db, st.db.Jobs(), search.ReindexBatchSize, st.engines()...)
}
