package search_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/demodata"
	"github.com/kotabaru/tanggap/store/storetest"
)

// benchIssues is the size of the benchmark corpus.
const benchIssues = 10000

// benchQueries are typical searches: words, an inflected form, an
// abbreviation, a typo, a phrase, an exclusion, a filter and newest-first.
var benchQueries = []struct {
	q      string
	filter models.SearchFilter
	order  models.SearchOrder
}{
	{q: "vaksin puskesmas"},
	{q: "kebanjiran"},
	{q: "dinkes hoaks"},
	{q: "jembatn rusak"},
	{q: `"air bersih"`},
	{q: "jalan -longsor"},
	{q: "pemadaman listrik", order: models.SearchByNewest},
	{q: "bantuan sosial", filter: models.SearchFilter{Kind: []models.IssueKind{models.KindMisinformation}}},
	{q: "sekolah"},
	{q: ""},
}

// BenchmarkEngines measures, per engine, the full rebuild of 10,000 issues
// with their responses (documents per second) and the latency of the search
// service over them. Run it with
//
//	go test ./search -run '^$' -bench 'BenchmarkEngines/.*/(rebuild|index-batch)' -benchtime 1x
//	go test ./search -run '^$' -bench 'BenchmarkEngines/.*/search' -benchtime 200x
//
// and TANGGAP_TEST_POSTGRES_URL for PostgreSQL; Meilisearch is measured on
// the in-process fake unless TANGGAP_TEST_MEILI_URL names a real server.
func BenchmarkEngines(b *testing.B) {
	cases := []engineCase{sqliteCase()}
	if os.Getenv(storetest.PostgresURLEnv) != "" {
		cases = append(cases, postgresCase())
	}
	if url := os.Getenv(meiliURLEnv); url != "" {
		cases = append(cases, liveMeiliCase(url))
	} else {
		cases = append(cases, fakeMeiliCase())
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			e := newEnv(b, c)
			storetest.MustLoadDemo(b, e.db, time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC))
			insertBenchIssues(b, e)
			if _, err := e.engine.Rebuild(ctx(), search.AllDocuments(e.db, 500)); err != nil {
				b.Fatal(err)
			}

			b.Run("rebuild", func(b *testing.B) {
				var docs int
				start := time.Now()
				for i := 0; i < b.N; i++ {
					n, err := e.engine.Rebuild(ctx(), search.AllDocuments(e.db, 500))
					if err != nil {
						b.Fatal(err)
					}
					docs += n
				}
				b.ReportMetric(float64(docs)/time.Since(start).Seconds(), "docs/s")
			})

			b.Run("index-batch", func(b *testing.B) {
				// The indexer's path: load 200 documents and index them.
				ids, err := e.db.PublicIssueIDs(ctx(), 0, 200)
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				for i := 0; i < b.N; i++ {
					docs, gone, err := e.db.SearchDocuments(ctx(), ids)
					if err != nil {
						b.Fatal(err)
					}
					if err := e.engine.Index(ctx(), docs, gone); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N*len(ids))/time.Since(start).Seconds(), "docs/s")
			})

			b.Run("search", func(b *testing.B) {
				latencies := make([]time.Duration, 0, b.N)
				for i := 0; i < b.N; i++ {
					bq := benchQueries[i%len(benchQueries)]
					start := time.Now()
					_, err := e.service.Search(ctx(), models.SearchRequest{Query: bq.q, Filter: bq.filter, Order: bq.order})
					latencies = append(latencies, time.Since(start))
					if err != nil {
						b.Fatal(err)
					}
				}
				sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
				b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(latencies[len(latencies)*95/100].Microseconds())/1000, "p95-ms")
			})
		})
	}
}

// insertBenchIssues adds benchIssues answered issues to the demo database,
// each a public demo issue with its response, varied by place and by words
// drawn from the whole demo corpus.
func insertBenchIssues(b *testing.B, e *env) {
	b.Helper()
	var agencies []*models.Agency
	var categories []*models.Category
	if err := e.db.Bun().NewSelect().Model(&agencies).Scan(ctx()); err != nil {
		b.Fatal(err)
	}
	if err := e.db.Bun().NewSelect().Model(&categories).Scan(ctx()); err != nil {
		b.Fatal(err)
	}
	agencyID, categoryID := map[string]int64{}, map[string]int64{}
	for _, a := range agencies {
		agencyID[a.Slug] = a.ID
	}
	for _, c := range categories {
		categoryID[c.Slug] = c.ID
	}
	var templates []demodata.Issue
	var pool []string
	for _, d := range demodata.Issues() {
		if d.Response != nil && !d.Internal {
			templates = append(templates, d)
			pool = append(pool, strings.Fields(d.Summary)...)
		}
	}
	places := []string{"Pulau Laut Utara", "Kelumpang Hulu", "Hampang", "Sungai Durian", "Pamukan Selatan", "Pulau Sebuku", "Kelumpang Selatan", "Tanjung Selayar"}
	rng := rand.New(rand.NewPCG(7, 11))
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	const batch = 500
	for start := 0; start < benchIssues; start += batch {
		var issues []*models.Issue
		for i := start; i < start+batch && i < benchIssues; i++ {
			d := templates[i%len(templates)]
			words := make([]string, 12)
			for w := range words {
				words[w] = pool[rng.IntN(len(pool))]
			}
			at := base.Add(time.Duration(i) * 37 * time.Minute)
			issue := &models.Issue{
				Number: fmt.Sprintf("BEN-2025-%06d", i+1), Title: d.Title + " di " + places[i%len(places)],
				Summary: d.Summary + " " + strings.Join(words, " "), Kind: models.IssueKind(d.Kind), Status: models.StatusAnswered,
				CreatedAt: at, UpdatedAt: at, AssignedAt: &at, AnsweredAt: &at,
			}
			if id, ok := agencyID[d.AgencySlug]; ok {
				issue.AgencyID = &id
			}
			if id, ok := categoryID[d.CategorySlug]; ok {
				issue.CategoryID = &id
			}
			if d.Response.Verdict != "" {
				v := models.Verdict(d.Response.Verdict)
				issue.Verdict = &v
			}
			issues = append(issues, issue)
		}
		if _, err := e.db.Bun().NewInsert().Model(&issues).Exec(ctx()); err != nil {
			b.Fatal(err)
		}
		responses := make([]*models.Response, 0, len(issues))
		for j, issue := range issues {
			d := templates[(start+j)%len(templates)]
			if issue.AgencyID == nil {
				continue
			}
			responses = append(responses, &models.Response{
				IssueID: issue.ID, AgencyID: *issue.AgencyID, Status: models.ResponsePublished, Body: d.Response.Body,
				Verdict: issue.Verdict, Revision: 1, CreatedAt: issue.CreatedAt, UpdatedAt: issue.CreatedAt, PublishedAt: issue.AnsweredAt,
			})
		}
		if _, err := e.db.Bun().NewInsert().Model(&responses).Exec(ctx()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchLarge measures the search service over 100,000 documents
// (see openLargeCorpus): the latency of selective queries (about 1.5 % of
// the documents match), broad ones (12–15 %), lists without words and
// informal questions that end in partial searches, one at a time, and the
// throughput of four clients searching back to back. Each class also runs
// as strict-<class>, with graceful matching off, to measure what it costs. The
// latency benchmarks report p50 and p95 in milliseconds, the processor time
// of a search (this process and, on PostgreSQL, the server's processes for
// the database), the mean number of matches and the SQL statements of a
// search.
// On PostgreSQL, ranking reports how much of the exact first page of 20 the
// bounded ranking keeps. Run it with
//
//	go test ./search -run '^$' -bench 'BenchmarkSearchLarge/.*/(strict-)?(selective|broad|list|informal)$' -benchtime 84x
//	go test ./search -run '^$' -bench 'BenchmarkSearchLarge/postgres/ranking' -benchtime 1x
//
// and TANGGAP_TEST_POSTGRES_URL for PostgreSQL. The first run builds the
// corpus of each engine (minutes); later runs reuse it.
func BenchmarkSearchLarge(b *testing.B) {
	cases := []engineCase{sqliteCase()}
	if os.Getenv(storetest.PostgresURLEnv) != "" {
		cases = append(cases, postgresCase())
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			db := openLargeCorpus(b, c)
			counter := &statementCounter{}
			db.AddQueryHook(counter)
			service := search.NewService(db, c.build(b, db, search.NewSynonymSource(db, 30*time.Second)), nil)
			for _, c := range []struct {
				name    string
				queries []largeQuery
			}{{"selective", selectiveQueries}, {"broad", broadQueries}, {"list", listQueries}, {"informal", informalQueries}} {
				// Each class runs as searches run (graceful matching) and, as
				// strict-…, with every free word required, as before it.
				for _, mode := range []string{"", "strict-"} {
					class := c
					class.name = mode + c.name
					strict := func(b *testing.B) {
						if mode != "" {
							b.Cleanup(search.SetGracefulBelow(0))
						}
					}
					run := func(b *testing.B, q largeQuery) *models.SearchConnection {
						return run(b, service, models.SearchRequest{Query: q.q, Filter: q.filter, Order: q.order})
					}
					b.Run(class.name, func(b *testing.B) {
						strict(b)
						// One untimed round warms the caches and reports the
						// matches of each query.
						for _, q := range class.queries {
							b.Logf("%-22q %s: %d matches", q.q, q.order, run(b, q).TotalCount)
						}
						latencies := make([]time.Duration, 0, b.N)
						hits := 0
						cpu := startCPU(b, db)
						counter.reset()
						b.ResetTimer()
						for i := 0; i < b.N; i++ {
							start := time.Now()
							conn := run(b, class.queries[i%len(class.queries)])
							latencies = append(latencies, time.Since(start))
							hits += conn.TotalCount
						}
						b.StopTimer()
						statements := counter.count()
						cpu.report(b)
						reportLatencies(b, latencies)
						b.ReportMetric(float64(hits)/float64(b.N), "matches")
						b.ReportMetric(float64(statements)/float64(b.N), "stmts/op")
					})
					b.Run(class.name+"-throughput", func(b *testing.B) {
						strict(b)
						const clients = 4
						var next atomic.Int64
						var wg sync.WaitGroup
						b.ResetTimer()
						start := time.Now()
						for range clients {
							wg.Add(1)
							go func() {
								defer wg.Done()
								for {
									i := next.Add(1) - 1
									if i >= int64(b.N) {
										return
									}
									q := class.queries[i%int64(len(class.queries))]
									if _, err := service.Search(ctx(), models.SearchRequest{Query: q.q, Filter: q.filter, Order: q.order}); err != nil {
										b.Error(err)
										return
									}
								}
							}()
						}
						wg.Wait()
						b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
					})
				}
			}
			if c.dialect != store.Postgres {
				return
			}
			b.Run("ranking", func(b *testing.B) {
				// How much of the exact first page the bounded ranking keeps,
				// over the benchmark's queries and those of the relevance set.
				queries := []models.SearchRequest{}
				for _, q := range append(append([]largeQuery{}, selectiveQueries...), broadQueries...) {
					if q.order != models.SearchByNewest {
						queries = append(queries, models.SearchRequest{Query: q.q, Filter: q.filter})
					}
				}
				for _, rq := range relevanceSet {
					queries = append(queries, models.SearchRequest{Query: rq.query})
				}
				var kept, of int
				for i := 0; i < b.N; i++ {
					kept, of = 0, 0
					for _, req := range queries {
						bounded := run(b, service, req)
						restore := search.SetRerankCandidates(1 << 30)
						exact := run(b, service, req)
						restore()
						set := map[string]bool{}
						for _, e := range exact.Edges {
							set[e.Node.Issue.Number] = true
						}
						for _, e := range bounded.Edges {
							if set[e.Node.Issue.Number] {
								kept++
							}
						}
						of += len(exact.Edges)
					}
				}
				b.ReportMetric(float64(kept)/float64(of), "top20-kept")
			})
		})
	}
}

func reportLatencies(b *testing.B, latencies []time.Duration) {
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(latencies[len(latencies)*95/100].Microseconds())/1000, "p95-ms")
}

func run(b *testing.B, service *search.Service, req models.SearchRequest) *models.SearchConnection {
	conn, err := service.Search(ctx(), req)
	if err != nil {
		b.Fatal(err)
	}
	return conn
}

// cpuMeter measures the processor time of a benchmark: this process's and,
// on PostgreSQL, that of the server processes serving its database, which
// the machine's other work does not inflate as it does the latencies.
type cpuMeter struct {
	db    *store.DB
	start time.Duration
	n     int
}

func startCPU(b *testing.B, db *store.DB) *cpuMeter {
	m := &cpuMeter{db: db}
	m.start = m.now(b)
	return m
}

func (m *cpuMeter) now(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	total := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	if m.db.Dialect() != store.Postgres {
		return total
	}
	var pids []int
	if err := m.db.Bun().NewRaw("SELECT pid FROM pg_stat_activity WHERE datname = current_database()").Scan(ctx(), &pids); err != nil {
		b.Fatal(err)
	}
	for _, pid := range pids {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue // a server on another machine, or a process that ended
		}
		// The fields after the command name: utime and stime are the 12th
		// and 13th, in clock ticks (100 a second on Linux).
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		var utime, stime int64
		fmt.Sscan(fields[11], &utime) //nolint:errcheck
		fmt.Sscan(fields[12], &stime) //nolint:errcheck
		total += time.Duration(utime+stime) * 10 * time.Millisecond
	}
	return total
}

func (m *cpuMeter) report(b *testing.B) {
	b.ReportMetric(float64((m.now(b)-m.start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
