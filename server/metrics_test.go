package server

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

func newMetricsServer(t *testing.T, token string) (*Server, *Metrics) {
	t.Helper()
	db := storetest.MustOpen(t, store.SQLite)
	tokens, err := auth.NewTokens([]byte("metrics-test-secret-metrics-test-secret"), "tanggap", "tanggap-api", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	metrics := NewMetrics()
	cfg := StoreConfig(db)
	cfg.Tokens, cfg.Frontend, cfg.Metrics, cfg.MetricsToken = tokens, testFrontend(), metrics, token
	return New(cfg), metrics
}

// httpSeries counts the label combinations of the request-duration series.
func httpSeries(t *testing.T, m *Metrics) map[string]bool {
	t.Helper()
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	series := map[string]bool{}
	for _, f := range families {
		if f.GetName() != "tanggap_http_request_duration_seconds" {
			continue
		}
		for _, metric := range f.GetMetric() {
			key := ""
			for _, l := range metric.GetLabel() {
				key += l.GetName() + "=" + l.GetValue() + ","
			}
			series[key] = true
		}
	}
	return series
}

func randomSegment() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// TestFaultMetricsCardinality sends 10,000 requests to made-up paths: the
// number of series must not grow with them, since every label value is
// kept for the life of the process.
func TestFaultMetricsCardinality(t *testing.T) {
	srv, metrics := newMetricsServer(t, "")
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	shapes := []func() string{
		func() string { return "/export/" + randomSegment() },
		func() string { return "/export/" + randomSegment() + ".csv" },
		func() string { return "/" + randomSegment() },
		func() string { return "/" + randomSegment() + ".png" },
		func() string { return "/isu/" + randomSegment() },
		func() string { return "/assets/" + randomSegment() + ".js" },
		func() string { return "/graphql/" + randomSegment() },
		func() string { return "/feed.xml/" + randomSegment() },
	}
	get := func(path string) {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body) //nolint:errcheck
		resp.Body.Close()
	}
	for _, shape := range shapes {
		get(shape())
	}
	before := httpSeries(t, metrics)
	for k := 0; k < 10_000; k++ {
		get(shapes[k%len(shapes)]())
	}
	after := httpSeries(t, metrics)
	if len(after) != len(before) {
		for s := range after {
			if !before[s] {
				t.Errorf("new series %s", s)
				break
			}
		}
		t.Fatalf("%d series after one request of each shape, %d after 10,000 more", len(before), len(after))
	}
	if len(after) > 20 {
		t.Fatalf("%d series for a handful of routes: %v", len(after), after)
	}
}

// TestFaultMetricsAccess checks who may read /metrics: loopback callers
// without forwarding headers, and anyone with the configured token.
func TestFaultMetricsAccess(t *testing.T) {
	const token = "metrics-token-0123456789"
	for _, tc := range []struct {
		name, token, remote, forwarded, auth string
		want                                 int
	}{
		{"Loopback", "", "127.0.0.1:5000", "", "", http.StatusOK},
		{"LoopbackIPv6", "", "[::1]:5000", "", "", http.StatusOK},
		{"Outside", "", "203.0.113.7:5000", "", "", http.StatusNotFound},
		{"ThroughLocalProxy", "", "127.0.0.1:5000", "203.0.113.7", "", http.StatusNotFound},
		{"OutsideWithToken", token, "203.0.113.7:5000", "", "Bearer " + token, http.StatusOK},
		{"ProxiedWithToken", token, "127.0.0.1:5000", "203.0.113.7", "Bearer " + token, http.StatusOK},
		{"OutsideWrongToken", token, "203.0.113.7:5000", "", "Bearer not-the-token-at-all", http.StatusNotFound},
		{"OutsideTokenNotConfigured", "", "203.0.113.7:5000", "", "Bearer " + token, http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := newMetricsServer(t, tc.token)
			r := httptest.NewRequest(http.MethodGet, "/metrics", nil)
			r.RemoteAddr = tc.remote
			if tc.forwarded != "" {
				r.Header.Set("X-Forwarded-For", tc.forwarded)
			}
			if tc.auth != "" {
				r.Header.Set("Authorization", tc.auth)
			}
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, r)
			if w.Code != tc.want {
				t.Fatalf("GET /metrics from %s: %d, want %d", tc.remote, w.Code, tc.want)
			}
		})
	}
}
