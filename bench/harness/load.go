package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// call is one request of a workload.
type call struct {
	method string
	path   string
	body   []byte
	token  string // bearer token, for staff calls
}

// checkFunc judges the answer to the i-th request; an error counts the
// request as failed.
type checkFunc func(i int64, status int, body []byte) error

// closedLoop is a workload run by a fixed number of clients, each sending
// its next request as soon as the previous one is answered (like wrk -c).
type closedLoop struct {
	concurrency      int
	warmup, duration time.Duration
	// warmupCount, when positive, replaces the timed warm-up: the first
	// warmupCount requests are not measured, and measuring starts when the
	// next one is sent. The write workloads use it, as each request uses up
	// an open issue.
	warmupCount int64
	// next returns the i-th request, or false when there are no more
	// (the write workloads run out of open issues).
	next  func(i int64) (call, bool)
	check checkFunc
}

// loadResult is what a closed-loop run measured after its warm-up.
type loadResult struct {
	Requests   int           `json:"requests"`
	Errors     int           `json:"errors"`
	FirstError string        `json:"firstError,omitempty"`
	Seconds    float64       `json:"seconds"`
	RPS        float64       `json:"rps"`
	P50        time.Duration `json:"p50"`
	P95        time.Duration `json:"p95"`
	P99        time.Duration `json:"p99"`
	MaxRSSKiB  int64         `json:"maxRssKiB"`
	MaxAnonKiB int64         `json:"maxAnonKiB"`
	// IndexLag is how long a Tanggap server's search index took to catch
	// up after a write workload.
	IndexLag time.Duration `json:"indexLag,omitempty"`
	// Extra holds workload-specific observations, such as search hits.
	Extra string `json:"extra,omitempty"`
	// ClassP95 is the 95th percentile of each kind of search term
	// (selective, broad) in an open loop.
	ClassP95 map[string]time.Duration `json:"classP95,omitempty"`
}

// clientAddresses is how many client addresses the load generator claims
// in X-Forwarded-For, rotated per request: enough that Tanggap's limit of
// 600 calls a minute per address allows over 2,500 requests a second, few
// enough that its rate limiter's memory stays that of a busy day.
const clientAddresses = 16384

// forwardedFor returns the i-th request's client address, in the loopback
// range.
func forwardedFor(i int64) string {
	i %= clientAddresses
	return fmt.Sprintf("127.10.%d.%d", i/128, 1+i%128)
}

func newClient(concurrency int) *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        concurrency * 2,
			MaxIdleConnsPerHost: concurrency * 2,
			MaxConnsPerHost:     concurrency * 2,
			IdleConnTimeout:     30 * time.Second,
			// Raw JSON from every server: no one pays for compression.
			DisableCompression: true,
		},
	}
}

// run drives the workload against baseURL and returns its figures.
func (l closedLoop) run(ctx context.Context, baseURL string) loadResult {
	client := newClient(l.concurrency)
	defer client.CloseIdleConnections()
	var counter atomic.Int64
	start := time.Now()
	measureFrom := start.Add(l.warmup)
	end := measureFrom.Add(l.duration)
	var measureOnce sync.Once
	if l.warmupCount > 0 {
		// Until the first measured request, nothing counts and nothing ends.
		measureFrom, end = start.Add(time.Hour), start.Add(time.Hour)
	}
	var mu sync.Mutex // guards measureFrom and end once counting starts
	type worker struct {
		lat      []time.Duration
		errors   int
		firstErr string
	}
	workers := make([]worker, l.concurrency)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func(me *worker) {
			defer wg.Done()
			for ctx.Err() == nil {
				i := counter.Add(1) - 1
				c, ok := l.next(i)
				if !ok {
					return
				}
				t0 := time.Now()
				if l.warmupCount > 0 && i == l.warmupCount {
					measureOnce.Do(func() {
						mu.Lock()
						measureFrom, end = t0, t0.Add(l.duration)
						mu.Unlock()
					})
				}
				mu.Lock()
				from, until := measureFrom, end
				mu.Unlock()
				if t0.After(until) {
					return
				}
				status, body, err := send(ctx, client, baseURL, c, i)
				elapsed := time.Since(t0)
				if t0.Before(from) || (l.warmupCount > 0 && i < l.warmupCount) {
					continue
				}
				if err == nil {
					err = l.check(i, status, body)
				}
				if err != nil {
					me.errors++
					if me.firstErr == "" {
						me.firstErr = err.Error()
					}
				}
				me.lat = append(me.lat, elapsed)
			}
		}(&workers[w])
	}
	wg.Wait()
	finished := time.Now()
	var res loadResult
	var all []time.Duration
	for _, w := range workers {
		all = append(all, w.lat...)
		res.Errors += w.errors
		if res.FirstError == "" {
			res.FirstError = w.firstErr
		}
	}
	res.Requests = len(all)
	if finished.After(end) {
		finished = end
	}
	window := finished.Sub(measureFrom)
	if window <= 0 {
		window = time.Millisecond
	}
	res.Seconds = window.Seconds()
	res.RPS = float64(res.Requests-res.Errors) / res.Seconds
	res.P50, res.P95, res.P99 = percentiles(all)
	return res
}

func percentiles(all []time.Duration) (p50, p95, p99 time.Duration) {
	if len(all) == 0 {
		return 0, 0, 0
	}
	slices.Sort(all)
	at := func(q float64) time.Duration {
		// Nearest rank.
		k := int(q*float64(len(all))+0.999999) - 1
		return all[max(0, min(k, len(all)-1))]
	}
	return at(0.50), at(0.95), at(0.99)
}

func send(ctx context.Context, client *http.Client, baseURL string, c call, i int64) (int, []byte, error) {
	var body io.Reader
	if c.body != nil {
		body = bytes.NewReader(c.body)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, baseURL+c.path, body)
	if err != nil {
		return 0, nil, err
	}
	if c.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	req.Header.Set("X-Forwarded-For", forwardedFor(i))
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
}
