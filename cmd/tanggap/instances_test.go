package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// postgresEnv migrates a fresh PostgreSQL database and returns the
// environment of instances that share it.
func postgresEnv(t *testing.T, extra ...string) []string {
	t.Helper()
	if !contains(storetest.Dialects(t), store.Postgres) {
		t.Skip("PostgreSQL not configured: set " + storetest.PostgresURLEnv) // CI fails in Dialects instead
	}
	env := append([]string{"TANGGAP_DATABASE_URL=" + storetest.NewPostgresURL(t), "TANGGAP_JWT_SECRET=" + secret}, extra...)
	if out, err := command(t, env, "", "migrate", "up"); err != nil {
		t.Fatalf("migrate up: %v\n%s", err, out)
	}
	return env
}

// graphqlResult is the outcome of one GraphQL request: the HTTP status and
// the code of the first error, empty when there is none.
type graphqlResult struct {
	status int
	code   string
	raw    []byte
}

func postGraphQL(client *http.Client, baseURL, query string, vars map[string]any) (graphqlResult, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := client.Post(baseURL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return graphqlResult{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return graphqlResult{}, err
	}
	var out struct {
		Errors []struct {
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return graphqlResult{}, fmt.Errorf("HTTP %d, not JSON: %.200s", resp.StatusCode, raw)
	}
	r := graphqlResult{status: resp.StatusCode, raw: raw}
	if len(out.Errors) > 0 {
		r.code = out.Errors[0].Extensions.Code
		if r.code == "" {
			r.code = "UNKNOWN"
		}
	}
	return r, nil
}

const submitQuestion = `mutation($in: SubmitQuestionInput!) { submitQuestion(input: $in) { trackingCode } }`

// TestFaultTwoInstancesShareQuestionLimit runs two server processes on one
// PostgreSQL database: an address sending its questions to both in turn gets
// the hourly five in total, not five from each.
func TestFaultTwoInstancesShareQuestionLimit(t *testing.T) {
	env := postgresEnv(t)
	instances := []*serving{serve(t, env), serve(t, env)}
	accepted := 0
	for i := range 10 {
		r, err := postGraphQL(http.DefaultClient, instances[i%2].url, submitQuestion, map[string]any{"in": map[string]any{
			"body": fmt.Sprintf("Pertanyaan nomor %d: kapan jadwal pelayanan keliling KTP elektronik di desa kami?", i)}})
		switch {
		case err != nil:
			t.Fatalf("submission %d: %v", i, err)
		case r.code == "":
			accepted++
		case r.code != "RATE_LIMITED" || r.status != http.StatusTooManyRequests:
			t.Fatalf("submission %d: HTTP %d %s", i, r.status, r.raw)
		}
	}
	if accepted != 5 {
		t.Errorf("%d questions accepted from one address across two instances; want 5", accepted)
	}
	for _, s := range instances {
		s.stop(t)
	}
}

// balancer is a client-side load balancer as a proxy in front of several
// instances would be: it takes turns, skips instances whose /readyz does not
// answer 200, and tries the next instance when one refuses the connection
// (a request that never reached a server is safe to send elsewhere). Any
// other failure is the request's.
type balancer struct {
	backends []*backend
	client   *http.Client
	next     atomic.Uint64
}

type backend struct {
	url    string
	ready  atomic.Bool
	served atomic.Int64
}

func newBalancer(urls ...string) *balancer {
	lb := &balancer{client: &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}}
	for _, u := range urls {
		b := &backend{url: u}
		b.ready.Store(true)
		lb.backends = append(lb.backends, b)
	}
	return lb
}

// check polls every instance's /readyz until stop closes.
func (lb *balancer) check(stop <-chan struct{}) {
	probe := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for {
		for _, b := range lb.backends {
			resp, err := probe.Get(b.url + "/readyz")
			b.ready.Store(err == nil && resp.StatusCode == http.StatusOK)
			if err == nil {
				resp.Body.Close()
			}
		}
		select {
		case <-stop:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// query sends one read to the instances in turn, ready ones first.
func (lb *balancer) query(q string) error {
	start := int(lb.next.Add(1))
	var order []*backend
	for pass := range 2 {
		for i := range lb.backends {
			b := lb.backends[(start+i)%len(lb.backends)]
			if b.ready.Load() == (pass == 0) {
				order = append(order, b)
			}
		}
	}
	for _, b := range order {
		r, err := postGraphQL(lb.client, b.url, q, nil)
		var opErr *net.OpError
		switch {
		case errors.As(err, &opErr) && opErr.Op == "dial":
			continue
		case err != nil:
			return fmt.Errorf("%s: %w", b.url, err)
		case r.status != http.StatusOK || r.code != "":
			return fmt.Errorf("%s: HTTP %d %.300s", b.url, r.status, r.raw)
		}
		b.served.Add(1)
		return nil
	}
	return errors.New("every instance refused the connection")
}

// waitServed waits until b has answered n more requests: the clients are
// reaching it.
func waitServed(t *testing.T, b *backend, n int64) {
	t.Helper()
	target := b.served.Load() + n
	deadline := time.Now().Add(60 * time.Second)
	for b.served.Load() < target {
		if time.Now().After(deadline) {
			t.Fatalf("%s answered no requests", b.url)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestFaultRollingRestart restarts two instances on one PostgreSQL database
// one after the other while clients keep reading through a load balancer:
// not one request fails. Each instance drains on SIGTERM (reports itself not
// ready and keeps answering) for a delay far longer than the balancer's
// health-check interval, then finishes the requests in flight.
func TestFaultRollingRestart(t *testing.T) {
	env := postgresEnv(t, "TANGGAP_SHUTDOWN_DELAY=2s", "TANGGAP_REQUESTS_PER_MINUTE=1000000")
	instances := []*serving{serve(t, env), serve(t, env)}
	lb := newBalancer(instances[0].url, instances[1].url)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { lb.check(stop) })
	var mu sync.Mutex
	var failures []string
	var requests atomic.Int64
	queries := []string{`{ agencies { slug name } }`, `{ issues(first: 5) { totalCount edges { node { number } } } }`}
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				requests.Add(1)
				if err := lb.query(queries[(w+i)%len(queries)]); err != nil {
					mu.Lock()
					failures = append(failures, err.Error())
					mu.Unlock()
				}
			}
		})
	}

	for i, b := range lb.backends {
		waitServed(t, b, 50)
		u, err := url.Parse(b.url)
		if err != nil {
			t.Fatal(err)
		}
		instances[i].stop(t)
		other := lb.backends[1-i]
		waitServed(t, other, 50) // the other instance carries the load alone
		instances[i] = serve(t, env, "--addr", u.Host)
		waitServed(t, b, 50) // the restarted instance is back in turn
	}
	close(stop)
	wg.Wait()
	for _, s := range instances {
		s.stop(t)
	}
	if len(failures) > 0 {
		t.Fatalf("%d of %d requests failed during the rolling restart; first: %s",
			len(failures), requests.Load(), strings.Join(failures[:min(5, len(failures))], "\n"))
	}
	t.Logf("%d requests, none failed", requests.Load())
}
