package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
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
