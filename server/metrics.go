package server

import (
	"crypto/subtle"
	"net"
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/kotabaru/tanggap/graph"
)

// Metrics are the Prometheus series the server exports at /metrics.
type Metrics struct {
	Registry         *prometheus.Registry
	HTTPDuration     *prometheus.HistogramVec
	OperationLatency *prometheus.HistogramVec
	Errors           *prometheus.CounterVec
	RateLimited      *prometheus.CounterVec
	// SearchQueries counts searches by the engine that answered and
	// whether it was the fallback.
	SearchQueries *prometheus.CounterVec
	// SearchIndexerFailures counts the indexer's failures by kind:
	// engine_down, refused (one document) and set_aside.
	SearchIndexerFailures *prometheus.CounterVec
}

// NewMetrics registers the series on a fresh registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		HTTPDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tanggap_http_request_duration_seconds", Help: "HTTP request latency by route and status.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "status"}),
		OperationLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tanggap_graphql_operation_duration_seconds", Help: "GraphQL operation latency by operation name.",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation"}),
		Errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tanggap_graphql_errors_total", Help: "GraphQL errors by code.",
		}, []string{"code"}),
		RateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tanggap_rate_limit_rejections_total", Help: "Operations refused by a rate limit, by field.",
		}, []string{"field"}),
		SearchQueries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tanggap_search_queries_total", Help: "Searches by the engine that answered and whether it was the fallback.",
		}, []string{"engine", "fallback"}),
		SearchIndexerFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tanggap_search_indexer_failures_total", Help: "Search indexer failures by kind (engine_down, refused, set_aside).",
		}, []string{"kind"}),
	}
	m.Registry.MustRegister(m.SearchQueries, m.SearchIndexerFailures)
	m.Registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "tanggap_graphql_in_order_operations_total",
		Help: "GraphQL operations run in order on the request's goroutine, every edge they select prefetched.",
	}, func() float64 { return float64(graph.InOrderOperations()) }))
	m.Registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "tanggap_graphql_direct_operations_total",
		Help: "GraphQL operations answered directly from their resolvers' values, without gqlgen's per-field execution.",
	}, func() float64 { return float64(graph.DirectOperations()) }))
	m.Registry.MustRegister(m.HTTPDuration, m.OperationLatency, m.Errors, m.RateLimited,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// metricsAccess lets a request read the metrics when it carries the
// configured bearer token, or, without one, when it comes straight from
// loopback: a request relayed by a proxy on the same machine carries
// forwarding headers and is treated as coming from outside. Everyone else
// gets 404, as if there were nothing here.
func metricsAccess(token string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token != "" {
			given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if ok && subtle.ConstantTimeCompare([]byte(given), []byte(token)) == 1 {
				next.ServeHTTP(w, r)
				return
			}
		}
		if directFromLoopback(r) {
			next.ServeHTTP(w, r)
			return
		}
		notFound(w, r)
	})
}

func directFromLoopback(r *http.Request) bool {
	if r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" || r.Header.Get("X-Real-IP") != "" {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
