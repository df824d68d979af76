package server

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kotabaru/tanggap/models"
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

// searchCollector reports the search outbox's backlog at every scrape.
type searchCollector struct {
	search                  models.SearchService
	pending, failed, oldest *prometheus.Desc
}

func newSearchCollector(s models.SearchService) *searchCollector {
	return &searchCollector{
		search: s,
		pending: prometheus.NewDesc("tanggap_search_outbox_pending",
			"Changes waiting to reach the search engine.", []string{"engine"}, nil),
		failed: prometheus.NewDesc("tanggap_search_outbox_failed",
			"Changes set aside after failing too often; they need an operator (tanggap reindex).", []string{"engine"}, nil),
		oldest: prometheus.NewDesc("tanggap_search_outbox_lag_seconds",
			"Age of the oldest change not yet searchable.", []string{"engine"}, nil),
	}
}

func (c *searchCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.pending
	ch <- c.failed
	ch <- c.oldest
}

func (c *searchCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := c.search.Status(ctx)
	if err != nil {
		return
	}
	engine := string(st.Engine)
	ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(st.OutboxPending), engine)
	ch <- prometheus.MustNewConstMetric(c.failed, prometheus.GaugeValue, float64(st.OutboxFailed), engine)
	ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, st.OldestPending.Seconds(), engine)
}

// wireSearch puts the search service, counted, behind the API and its
// backlog on /metrics.
func (s *Server) wireSearch(cfg *Config) models.SearchService {
	err := cfg.Metrics.Registry.Register(newSearchCollector(cfg.Search))
	var already prometheus.AlreadyRegisteredError
	if err != nil && !errors.As(err, &already) {
		panic(err) // the descriptors are constant: this is a programming error
	}
	return countedSearch{SearchService: cfg.Search, queries: cfg.Metrics.SearchQueries}
}

// searchReadiness describes the search engine and its backlog for /readyz.
// It never makes the instance unready: a lagging index still answers.
func (s *Server) searchReadiness(ctx context.Context) map[string]any {
	st, err := s.cfg.Search.Status(ctx)
	if err != nil {
		return map[string]any{"status": "unknown"}
	}
	out := map[string]any{
		"engine":                        st.Engine,
		"outbox_pending":                st.OutboxPending,
		"outbox_failed":                 st.OutboxFailed,
		"outbox_oldest_pending_seconds": int(st.OldestPending.Seconds()),
	}
	if st.FallbackTo != "" {
		out["fallback_engine"] = st.FallbackTo
	}
	return out
}
