package search_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/search/meilitest"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// The live Meilisearch the tests use when it is set.
const (
	meiliURLEnv = "TANGGAP_TEST_MEILI_URL"
	meiliKeyEnv = "TANGGAP_TEST_MEILI_KEY"
)

// engineCase is one engine the shared suites run against.
type engineCase struct {
	name    string
	dialect store.Dialect
	engine  models.SearchEngine
	build   func(tb testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine
}

func sqliteCase() engineCase {
	return engineCase{"sqlite", store.SQLite, models.EngineSQLite, func(_ testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine {
		return search.NewSQLite(db.Bun(), syn)
	}}
}

func postgresCase() engineCase {
	return engineCase{"postgres", store.Postgres, models.EnginePostgres, func(_ testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine {
		return search.NewPostgres(db.Bun(), syn, search.BinaryConnector(db.BinaryConnector()))
	}}
}

// postgresCorpus is the environment of a test of the PostgreSQL engine
// alone, with the corpus loaded. Without PostgreSQL the test is skipped,
// except under CI=true, where storetest.Dialects fails it.
func postgresCorpus(t *testing.T) *env {
	t.Helper()
	if !slices.Contains(storetest.Dialects(t), store.Postgres) {
		t.Skipf("%s is not set: this test needs PostgreSQL", storetest.PostgresURLEnv)
	}
	e := newEnv(t, postgresCase())
	e.loadCorpus()
	return e
}

// fakeMeiliCase runs the Meilisearch engine against the in-process fake.
func fakeMeiliCase() engineCase {
	return engineCase{"meilisearch-fake", store.SQLite, models.EngineMeilisearch, func(tb testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine {
		srv := meilitest.New("test-master-key")
		tb.Cleanup(srv.Close)
		return search.NewMeili(srv.URL, "test-master-key", "issues", syn)
	}}
}

// liveMeiliCase runs the Meilisearch engine against the server named by
// TANGGAP_TEST_MEILI_URL, in an index of its own that is deleted afterwards.
func liveMeiliCase(url string) engineCase {
	return engineCase{"meilisearch-live", store.SQLite, models.EngineMeilisearch, func(tb testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine {
		suffix := make([]byte, 4)
		rand.Read(suffix)
		uid := "tanggap_test_" + hex.EncodeToString(suffix)
		m := search.NewMeili(url, os.Getenv(meiliKeyEnv), uid, syn)
		tb.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			m.DeleteIndexes(ctx) //nolint:errcheck // best effort
		})
		return m
	}}
}

// engineCases are the engines of this run: SQLite and the Meilisearch fake
// always, PostgreSQL when the test server is set (and on CI).
func engineCases(t *testing.T) []engineCase {
	cases := []engineCase{sqliteCase()}
	for _, d := range storetest.Dialects(t) {
		if d == store.Postgres {
			cases = append(cases, postgresCase())
		}
	}
	return append(cases, fakeMeiliCase())
}

// eachDatabaseCorpus runs fn on each database engine (not Meilisearch),
// each with the test corpus loaded.
func eachDatabaseCorpus(t *testing.T, fn func(t *testing.T, e *env, c engineCase)) {
	for _, c := range engineCases(t) {
		if c.engine == models.EngineMeilisearch {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, c)
			e.loadCorpus()
			fn(t, e, c)
		})
	}
}

// clock is a settable clock for the store and the indexer.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock {
	return &clock{now: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// env is one database with one engine behind the search service.
type env struct {
	t       testing.TB
	db      *store.DB
	engine  search.Engine
	service *search.Service
	indexer *search.Indexer
	// jobs is the configuration the index jobs run with once the first
	// drain starts them; tests may change it before.
	jobs       jobs.Config
	running    bool
	registered bool
	clock      *clock
	trc        *models.User
	admin      *models.User
	// issues are the fixtures by key.
	issues map[string]*models.Issue
}

func newEnv(t testing.TB, c engineCase) *env {
	t.Helper()
	db := storetest.MustOpen(t, c.dialect)
	clk := newClock()
	db.Now = clk.Now
	syn := search.NewSynonymSource(db, 0)
	engine := c.build(t, db, syn)
	e := &env{t: t, db: db, engine: engine, clock: clk, issues: map[string]*models.Issue{},
		admin: &models.User{ID: 0, Role: models.RoleAdmin, Active: true}}
	e.service = search.NewService(db, engine, nil)
	e.service.Backlog = search.QueueBacklog(db.Jobs())
	e.indexer = search.NewIndexer(db, engine)
	e.indexer.Logger = quiet
	e.service.Logger = quiet
	e.jobs = jobs.Config{PollInterval: 5 * time.Millisecond, Logger: quiet,
		Backoff: func(n int) time.Duration { return time.Duration(n) * 10 * time.Millisecond }}
	return e
}

// start runs the index jobs with e.indexer (whichever it is when a job
// runs) until the test ends or pause.
func (e *env) start() {
	e.t.Helper()
	if e.running {
		return
	}
	q := e.db.Jobs()
	e.indexer.Queue = q
	if !e.registered {
		e.registered = true
		jobs.Register(q, func(ctx context.Context, job *jobs.Job[search.IndexArgs]) error { return e.indexer.Work(ctx, job) })
		e.t.Cleanup(func() { q.Stop(context.Background()) }) //nolint:errcheck // the test is over
	}
	if err := q.Start(ctx(), e.jobs); err != nil {
		e.t.Fatal(err)
	}
	e.running = true
}

// pause stops running index jobs; they wait in the queue until start.
func (e *env) pause() {
	e.t.Helper()
	if err := e.db.Jobs().Stop(ctx()); err != nil {
		e.t.Fatal(err)
	}
	e.running = false
}

// settle runs the index jobs until none is left to run.
func (e *env) settle() {
	e.t.Helper()
	e.start()
	wctx, cancel := context.WithTimeout(ctx(), 2*time.Minute)
	defer cancel()
	if err := e.db.Jobs().WaitDone(wctx, 5*time.Millisecond, search.IndexKind); err != nil {
		e.t.Fatalf("wait for the index jobs: %v", err)
	}
}

// quiet discards the logs of expected failures.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func first(n int) *int { return &n }

func ctx() context.Context { return context.Background() }

// drain runs every index job and fails when one was set aside.
func (e *env) drain() {
	e.t.Helper()
	e.settle()
	dead, err := e.db.Jobs().Dead(ctx(), search.IndexKind, 10)
	if err != nil || len(dead) > 0 {
		e.t.Fatalf("dead index jobs: %+v (%v)", dead, err)
	}
}

// backlog is the state of the index jobs.
func (e *env) backlog() search.Backlog {
	e.t.Helper()
	b, err := search.QueueBacklog(e.db.Jobs())(ctx())
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// search runs a search as an anonymous caller.
func (e *env) search(q string, mods ...func(*models.SearchRequest)) *models.SearchConnection {
	e.t.Helper()
	req := models.SearchRequest{Query: q, First: first(100)}
	for _, m := range mods {
		m(&req)
	}
	conn, err := e.service.Search(ctx(), req)
	if err != nil {
		e.t.Fatalf("search %q: %v", q, err)
	}
	return conn
}

// keys maps the results back to fixture keys, in order.
func (e *env) keys(conn *models.SearchConnection) []string {
	byNumber := map[string]string{}
	for k, i := range e.issues {
		byNumber[i.Number] = k
	}
	out := []string{}
	for _, edge := range conn.Edges {
		k, ok := byNumber[edge.Node.Issue.Number]
		if !ok {
			k = edge.Node.Issue.Number
		}
		out = append(out, k)
	}
	return out
}
