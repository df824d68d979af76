package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
)

// searchStack is the search of one process: the service the API calls, the
// engines, and the indexer that drains the outbox into all of them.
type searchStack struct {
	service  *search.Service
	indexer  *search.Indexer
	database search.Engine
	meili    *search.Meili // nil without TANGGAP_MEILI_URL
	db       *store.DB
}

// openSearch chooses the engines: Meilisearch when it is configured (the
// database's engine answering when it does not), else PostgreSQL's on
// PostgreSQL, else SQLite FTS5.
func openSearch(cfg Config, db *store.DB) *searchStack {
	synonyms := search.NewSynonymSource(db.Bun(), 30*time.Second)
	st := &searchStack{db: db, database: search.NewSQLite(db.Bun(), synonyms)}
	if db.Dialect() == store.Postgres {
		st.database = search.NewPostgres(db.Bun(), synonyms)
	}
	engines := []search.Engine{st.database}
	var primary, fallback search.Engine = st.database, nil
	if cfg.MeiliURL != "" {
		st.meili = search.NewMeili(cfg.MeiliURL, cfg.MeiliKey, cfg.MeiliIndex, synonyms)
		st.meili.OnCreated = func(ctx context.Context) error { return search.EnqueueAll(ctx, db.Bun(), time.Now()) }
		engines = append(engines, st.meili)
		primary, fallback = st.meili, st.database
	}
	st.service = search.NewService(db.Bun(), primary, fallback)
	st.indexer = search.NewIndexer(db.Bun(), engines...)
	st.indexer.OnIndexed = db.Changed
	if st.meili != nil {
		st.indexer.SyncSynonyms = st.meili.SyncSynonyms
	}
	if db.Dialect() == store.Postgres {
		st.indexer.Leader = search.PostgresLeader(db.Bun())
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

// start reports to metrics and runs the indexer until ctx ends; the channel
// closes once it has stopped.
func (st *searchStack) start(ctx context.Context, metrics *server.Metrics) <-chan struct{} {
	failures := metrics.SearchIndexerFailures
	st.indexer.OnEngineDown = func(error) { failures.WithLabelValues("engine_down").Inc() }
	st.indexer.OnRefused = func(int64, error) { failures.WithLabelValues("refused").Inc() }
	st.indexer.OnSetAside = func(*models.OutboxEntry) { failures.WithLabelValues("set_aside").Inc() }
	st.indexer.OnSynonymsError = func(err error) { slog.Warn("search synonyms not applied", "error", err) }
	done := make(chan struct{})
	go func() {
		defer close(done)
		if st.meili != nil {
			// The settings are applied on start; an unreachable Meilisearch
			// is set up by the indexer once it answers.
			sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			if err := st.meili.Setup(sctx); err != nil {
				slog.Warn("meilisearch not ready; searches are answered from the database until it is", "error", err)
			}
			cancel()
		}
		st.indexer.Run(ctx)
	}()
	return done
}

// reindex rebuilds every engine of st from the database.
func reindex(ctx context.Context, st *searchStack) (map[models.SearchEngine]int, error) {
	return search.Reindex(ctx, st.db.Bun(), search.ReindexBatchSize, st.engines()...)
}
