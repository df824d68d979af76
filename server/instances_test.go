package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/ratelimit"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestFaultSharedQuestionLimitAcrossServers runs two servers on one
// database, each with its own limiters counting in the database: one address
// alternating between them gets the hourly submissions once, not twice.
func TestFaultSharedQuestionLimitAcrossServers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		shared := withLimits(func(l *graph.Limits) {
			l.FieldRateLimits = graph.FieldLimits{PerAddress: map[string]*ratelimit.Limiter{
				"submitQuestion": ratelimit.New(5, time.Hour, ratelimit.WithStore(db, 1)),
				"*":              ratelimit.New(600, time.Minute, ratelimit.WithStore(db, 30)),
			}}
		})
		apis := []*testAPI{newTestAPI(t, db, shared), newTestAPI(t, db, shared)}
		accepted := 0
		for i := range 10 {
			r := apis[i%2].post("", submitMutation, map[string]any{"in": map[string]any{
				"body": fmt.Sprintf("Pertanyaan nomor %d tentang jam buka kantor kecamatan pada hari Sabtu.", i)}})
			switch {
			case len(r.Errors) == 0:
				accepted++
			case r.code() != "RATE_LIMITED":
				t.Fatalf("submission %d: %s", i, r.Raw)
			}
		}
		if accepted != 5 {
			t.Errorf("%d submissions accepted across two servers; want 5", accepted)
		}
		assertRateLimited(t, apis[0].post("", submitMutation, map[string]any{"in": map[string]any{
			"body": "Satu pertanyaan lagi dari alamat yang sama setelah batasnya habis."}}))
	})
}

// TestFaultDrainingServer: after its context ends a server reports itself
// draining on /readyz, still answers, and asks every client to close its
// connection, until the delay is over.
func TestFaultDrainingServer(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	tokens, err := auth.NewTokens([]byte("test-secret-test-secret-test-secret!"), "tanggap", "tanggap-api", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.StoreConfig(db)
	cfg.Tokens, cfg.ShutdownDelay = tokens, time.Hour
	srv := server.New(cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(t.Context())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String()

	ready := func() (int, string) {
		t.Helper()
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct{ Status string }
		json.NewDecoder(resp.Body).Decode(&body) //nolint:errcheck // checked through Status
		return resp.StatusCode, body.Status
	}
	if code, status := ready(); code != http.StatusOK {
		t.Fatalf("/readyz before shutdown: %d %s", code, status)
	}
	stop()
	for {
		code, status := ready()
		if code == http.StatusServiceUnavailable && status == "draining" {
			break
		}
		if code != http.StatusOK {
			t.Fatalf("/readyz while stopping: %d %q; want 200, then 503 draining", code, status)
		}
	}
	resp, err := http.Get(base + "/graphql?query=" + "%7B%20agencies%20%7B%20slug%20%7D%20%7D")
	if err != nil {
		t.Fatalf("a draining server refused a request: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !resp.Close {
		t.Errorf("request while draining: %d, Connection: close %v; want 200 and the connection closed", resp.StatusCode, resp.Close)
	}

	// Closing the listener ends the drain early, as a server failing would.
	ln.Close()
	if err := <-served; !errors.Is(err, net.ErrClosed) {
		t.Errorf("Serve = %v; want the listener's error", err)
	}
}
