package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store/storetest"
)

// benchAPI serves the demo data from a fresh database of each dialect.
func benchEachDB(b *testing.B, fn func(b *testing.B, api *testAPI)) {
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			db := storetest.MustOpen(b, d)
			storetest.MustLoadDemo(b, db, time.Now())
			fn(b, newTestAPI(b, db))
		})
	}
}

func benchPost(b *testing.B, api *testAPI, query string) {
	body, _ := json.Marshal(map[string]string{"query": query})
	b.ReportAllocs()
	for b.Loop() {
		resp, err := http.Post(api.srv.URL+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// BenchmarkIssuesPage measures the query a newcomer tries first: a page of
// 20 issues with agencies and rendered responses, over real HTTP.
func BenchmarkIssuesPage(b *testing.B) {
	benchEachDB(b, func(b *testing.B, api *testAPI) {
		benchPost(b, api, `{ issues(first: 20) { totalCount edges { node { number title status agency { name } responses { bodyHTML } } } } }`)
	})
}

// BenchmarkIssueDetail measures one issue page's data: sources, responses
// with revisions and the public timeline.
func BenchmarkIssueDetail(b *testing.B) {
	benchEachDB(b, func(b *testing.B, api *testAPI) {
		page, err := api.db.FindIssues(b.Context(), models.IssueFilter{Statuses: []models.IssueStatus{models.StatusAnswered}})
		if err != nil || len(page.Issues) == 0 {
			b.Fatalf("no answered issue: %v", err)
		}
		benchPost(b, api, `{ issue(number: "`+page.Issues[0].Number+`") { title summary sources { platform claimText } responses { bodyHTML revisions { number reason createdAt } } timeline { type at } } }`)
	})
}

// BenchmarkResponseTimeReport measures the public report over the demo data.
func BenchmarkResponseTimeReport(b *testing.B) {
	benchEachDB(b, func(b *testing.B, api *testAPI) {
		benchPost(b, api, `{ responseTimeReport(from: "2026-01-01T00:00:00Z") { total { assigned answeredOnTime { ratio } timeToAnswer { workingMedian { seconds } } } agencies { agency { slug } assigned } } }`)
	})
}

// BenchmarkPublishResponse measures publishResponse from ten concurrent
// writers, each publishing an official answer to its own issue: the whole
// write path with the row locks, the audit chain and the search outbox.
// It reports the 50th and 99th percentile latencies. Run it with a fixed
// count, e.g. -benchtime 400x: the issues are prepared before the clock
// starts.
func BenchmarkPublishResponse(b *testing.B) {
	benchEachDB(b, func(b *testing.B, api *testAPI) {
		db := api.db
		storetest.MustAgency(b, db, "bench-agency", "Instansi Uji")
		trc := storetest.As(storetest.MustUser(b, db, "trc.bench@example.go.id", models.RoleTRC, ""))
		pic := storetest.MustUser(b, db, "pic.bench@example.go.id", models.RolePIC, "bench-agency")
		token := api.login(pic.Email, storetest.Password)
		numbers := make(chan string, b.N)
		for i := 0; i < b.N; i++ {
			issue, err := db.CreateIssue(trc, models.NewIssue{Title: fmt.Sprintf("Keluhan uji kinerja %d", i),
				Summary: "Ringkasan keluhan untuk mengukur penerbitan jawaban.", Kind: models.KindComplaint})
			if err == nil {
				_, err = db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "bench-agency", Priority: models.PriorityNormal})
			}
			if err != nil {
				b.Fatal(err)
			}
			numbers <- issue.Number
		}
		close(numbers)
		const query = `mutation($n: String!) { publishResponse(input: {issueNumber: $n, body: "Keluhan sudah **ditindaklanjuti** oleh petugas hari ini."}) { response { id } } }`
		var (
			mu        sync.Mutex
			latencies []time.Duration
		)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 10}}
		b.ResetTimer()
		var wg sync.WaitGroup
		for w := 0; w < 10; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := range numbers {
					body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]string{"n": n}})
					req, _ := http.NewRequest(http.MethodPost, api.srv.URL+"/graphql", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Authorization", "Bearer "+token)
					start := time.Now()
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					out, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					took := time.Since(start)
					if resp.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"errors"`)) {
						b.Errorf("status %d: %s", resp.StatusCode, out)
						return
					}
					mu.Lock()
					latencies = append(latencies, took)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		b.StopTimer()
		slices.Sort(latencies)
		if len(latencies) > 0 {
			b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
		}
	})
}

// BenchmarkIssuesPageNoTotal is BenchmarkIssuesPage without totalCount,
// the list a portal draws when it pages with cursors only.
func BenchmarkIssuesPageNoTotal(b *testing.B) {
	benchEachDB(b, func(b *testing.B, api *testAPI) {
		benchPost(b, api, `{ issues(first: 20) { edges { node { number title status agency { name } responses { bodyHTML } } } } }`)
	})
}

// BenchmarkIssuesPageCached is BenchmarkIssuesPageNoTotal with the response
// cache on, as tanggap serve runs by default: repeated anonymous queries
// are answered from memory until the next write.
func BenchmarkIssuesPageCached(b *testing.B) {
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			db := storetest.MustOpen(b, d)
			storetest.MustLoadDemo(b, db, time.Now())
			api := newTestAPI(b, db, func(_ *graph.Limits, cfg *server.Config) { cfg.ResponseCacheTTL = 5 * time.Second })
			benchPost(b, api, `{ issues(first: 20) { edges { node { number title status agency { name } responses { bodyHTML } } } } }`)
		})
	}
}

// The queries of the archive-scale benchmark's list (a) and issue (c)
// workloads (bench/harness/workloads.go), asked by ten clients at once
// without compression, as that harness asks them; see docs/performance.md.
const (
	harnessList = `query List { issues(first: 20) { edges { node { number title summary kind status verdict createdAt
  agency { slug name } responses { body verdict publishedAt } } } } }`
	harnessIssue = `query Issue($n: String!) { issue(number: $n) { number title summary kind status verdict createdAt
  agency { slug name } sources { platform url claimText detectedAt } responses { body verdict publishedAt agency { name } } } }`
)

func BenchmarkHarnessList(b *testing.B) {
	benchEachDB(b, func(b *testing.B, api *testAPI) {
		benchParallel(b, api, func(int) []byte { return harnessBody(harnessList, nil) })
	})
}

func BenchmarkHarnessIssue(b *testing.B) {
	benchEachDB(b, func(b *testing.B, api *testAPI) {
		page, err := api.db.FindIssues(b.Context(), models.IssueFilter{First: 100})
		if err != nil || len(page.Issues) == 0 {
			b.Fatalf("no issues: %v", err)
		}
		bodies := make([][]byte, len(page.Issues))
		for i, issue := range page.Issues {
			bodies[i] = harnessBody(harnessIssue, map[string]any{"n": issue.Number})
		}
		benchParallel(b, api, func(i int) []byte { return bodies[i%len(bodies)] })
	})
}

func harnessBody(query string, vars map[string]any) []byte {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return body
}

// benchParallel posts the body of each call from ten clients at once.
func benchParallel(b *testing.B, api *testAPI, body func(i int) []byte) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16, DisableCompression: true}}
	var n sync.Mutex
	next := 0
	b.ReportAllocs()
	b.SetParallelism(5)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n.Lock()
			i := next
			next++
			n.Unlock()
			resp, err := client.Post(api.srv.URL+"/graphql", "application/json", bytes.NewReader(body(i)))
			if err != nil {
				b.Fatal(err)
			}
			out, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"errors"`)) {
				b.Fatalf("status %d: %.200s", resp.StatusCode, out)
			}
		}
	})
}
