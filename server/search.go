package server

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
)

// countedSearch counts every search by the engine that answered it.
type countedSearch struct {
	models.SearchService
	queries *prometheus.CounterVec
}

func (c countedSearch) Search(ctx context.Context, req models.SearchRequest) (*models.SearchConnection, error) {
	conn, err := c.SearchService.Search(ctx, req)
	if err == nil {
		c.queries.WithLabelValues(string(conn.Engine), strconv.FormatBool(conn.Fallback)).Inc()
	}
	return conn, err
}

// jobsCollector reports the job queue (search indexing among its kinds) at
// every scrape.
type jobsCollector struct {
	queue        *jobs.Queue
	count, delay *prometheus.Desc
}

func newJobsCollector(q *jobs.Queue) *jobsCollector {
	return &jobsCollector{
		queue: q,
		count: prometheus.NewDesc("tanggap_jobs",
			"Jobs by kind and state; discarded jobs are dead and need an operator (retry them, or `tanggap reindex` for search.index).",
			[]string{"kind", "state"}, nil),
		delay: prometheus.NewDesc("tanggap_jobs_oldest_pending_seconds",
			"Age of the oldest job of a kind still to run (for search.index: how far search lags behind).", []string{"kind"}, nil),
	}
}

func (c *jobsCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.count
	ch <- c.delay
}

func (c *jobsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := c.queue.Counts(ctx, time.Now())
	if err != nil {
		return
	}
	// Every known kind reports every state, zeros included, so that alerts
	// see a series before its first job.
	byKind := map[string]map[jobs.State]jobs.Count{search.IndexKind: {}}
	for _, n := range counts {
		if byKind[n.Kind] == nil {
			byKind[n.Kind] = map[jobs.State]jobs.Count{}
		}
		byKind[n.Kind][n.State] = n
	}
	for kind, states := range byKind {
		var oldest time.Duration
		for _, state := range jobs.States {
			n := states[state]
			ch <- prometheus.MustNewConstMetric(c.count, prometheus.GaugeValue, float64(n.Jobs), kind, string(state))
			oldest = max(oldest, n.Oldest)
		}
		ch <- prometheus.MustNewConstMetric(c.delay, prometheus.GaugeValue, oldest.Seconds(), kind)
	}
}

// wireSearch puts the search service, counted, behind the API and the job
// queue's backlog on /metrics.
func (s *Server) wireSearch(cfg *Config) models.SearchService {
	if cfg.Jobs == nil {
		return countedSearch{SearchService: cfg.Search, queries: cfg.Metrics.SearchQueries}
	}
	err := cfg.Metrics.Registry.Register(newJobsCollector(cfg.Jobs))
	var already prometheus.AlreadyRegisteredError
	if err != nil && !errors.As(err, &already) {
		panic(err) // the descriptors are constant: this is a programming error
	}
	return countedSearch{SearchService: cfg.Search, queries: cfg.Metrics.SearchQueries}
}

// searchReadiness describes the search engine and its backlog of index jobs
// for /readyz. It never makes the instance unready: a lagging index still
// answers.
func (s *Server) searchReadiness(ctx context.Context) map[string]any {
	st, err := s.cfg.Search.Status(ctx)
	if err != nil {
		return map[string]any{"status": "unknown"}
	}
	out := map[string]any{
		"engine":                       st.Engine,
		"index_pending":                st.IndexPending,
		"index_dead":                   st.IndexDead,
		"index_oldest_pending_seconds": int(st.OldestPending.Seconds()),
	}
	if st.FallbackTo != "" {
		out["fallback_engine"] = st.FallbackTo
	}
	return out
}

// jobsReadiness counts the job queue by kind and state for /readyz. Like
// search, it never makes the instance unready.
func (s *Server) jobsReadiness(ctx context.Context) map[string]any {
	if s.cfg.Jobs == nil {
		return map[string]any{}
	}
	counts, err := s.cfg.Jobs.Counts(ctx, s.cfg.Now())
	if err != nil {
		return map[string]any{"status": "unknown"}
	}
	out := map[string]any{}
	for _, c := range counts {
		kind, _ := out[c.Kind].(map[string]int)
		if kind == nil {
			kind = map[string]int{}
			out[c.Kind] = kind
		}
		kind[string(c.State)] = c.Jobs
	}
	return out
}
