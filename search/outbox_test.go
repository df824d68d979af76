package search_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/search/meilitest"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// faultyEngine wraps an engine with an outage switch and documents it
// refuses, standing in for a remote engine on the database engines.
type faultyEngine struct {
	search.Engine
	mu     sync.Mutex
	down   bool
	refuse map[int64]bool
}

func (f *faultyEngine) set(down bool, refuse ...int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down, f.refuse = down, map[int64]bool{}
	for _, id := range refuse {
		f.refuse[id] = true
	}
}

func (f *faultyEngine) Index(ctx context.Context, docs []*search.Document, removed []int64) error {
	f.mu.Lock()
	down, refuse := f.down, f.refuse
	f.mu.Unlock()
	if down {
		return search.ErrUnavailable
	}
	for _, d := range docs {
		if refuse[d.IssueID] {
			return fmt.Errorf("document %d refused", d.IssueID)
		}
	}
	return f.Engine.Index(ctx, docs, removed)
}

func (f *faultyEngine) Ping(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return search.ErrUnavailable
	}
	return f.Engine.Ping(ctx)
}

// outage switches an engine's availability and refused documents.
type outage interface {
	set(down bool, refuse ...int64)
}

// meiliOutage drives the fake server.
type meiliOutage struct {
	srv     *meilitest.Server
	refused []int64
}

func (m *meiliOutage) set(down bool, refuse ...int64) {
	m.srv.SetDown(down)
	for _, id := range m.refused {
		m.srv.Refuse(fmt.Sprint(id), false)
	}
	for _, id := range refuse {
		m.srv.Refuse(fmt.Sprint(id), true)
	}
	m.refused = refuse
}

// outboxCases are the engines the outbox is tested with: the database engine
// behind a switch, and Meilisearch through the fake server.
func outboxCases(t *testing.T) []struct {
	name  string
	setup func(t *testing.T) (*env, outage, *meilitest.Server)
} {
	type c = struct {
		name  string
		setup func(t *testing.T) (*env, outage, *meilitest.Server)
	}
	return []c{
		{"sqlite", func(t *testing.T) (*env, outage, *meilitest.Server) {
			f := &faultyEngine{}
			e := newEnv(t, engineCase{"sqlite", store.SQLite, models.EngineSQLite,
				func(_ testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine {
					f.Engine = search.NewSQLite(db.Bun(), syn)
					return f
				}})
			return e, f, nil
		}},
		{"meilisearch-fake", func(t *testing.T) (*env, outage, *meilitest.Server) {
			srv := meilitest.New("")
			t.Cleanup(srv.Close)
			e := newEnv(t, engineCase{"meilisearch-fake", store.SQLite, models.EngineMeilisearch,
				func(_ testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine {
					return search.NewMeili(srv.URL, "", "issues", syn)
				}})
			return e, &meiliOutage{srv: srv}, srv
		}},
	}
}

// publishNew logs, assigns and answers a new issue.
func (e *env) publishNew(title, body string) *models.Issue {
	e.t.Helper()
	e.clock.Advance(time.Minute)
	issue := e.addFixture(fixture{key: title, title: title, summary: "Ringkasan isu " + title + " untuk warga.",
		kind: models.KindComplaint, agency: "pupr", response: body})
	e.issues[title] = issue
	return issue
}

func (e *env) backlog() search.Backlog {
	e.t.Helper()
	b, err := search.OutboxBacklog(ctx(), e.db.Bun(), e.clock.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// TestOutboxEngineDownThenBack: while the engine is away nothing is lost and
// nothing is marked done; once it is back, every published response is
// searchable exactly once, with its latest revision.
func TestOutboxEngineDownThenBack(t *testing.T) {
	for _, c := range outboxCases(t) {
		t.Run(c.name, func(t *testing.T) {
			e, out, srv := c.setup(t)
			e.loadCorpus()
			out.set(true)

			words := []string{"anggrek", "kenari", "merbau", "ulin", "meranti"}
			var issues []*models.Issue
			for _, w := range words {
				issues = append(issues, e.publishNew("Keluhan pohon "+w+" tumbang", "Pohon "+w+" segera dipotong petugas."))
			}
			trc := storetest.As(e.trc)
			responses, err := e.db.ResponsesByIssueIDs(trc, []int64{issues[0].ID})
			if err != nil || len(responses) != 1 {
				t.Fatal(responses, err)
			}
			e.clock.Advance(time.Minute)
			if _, err := e.db.ReviseResponse(trc, models.Revise{ResponseID: responses[0].ID,
				Body: "Pohon itu ternyata cemara dan sudah dipotong petugas.", Reason: "Jenis pohon salah ditulis."}); err != nil {
				t.Fatal(err)
			}

			_, err = e.indexer.Drain(ctx())
			if !search.IsEngineDown(err) {
				t.Fatalf("drain while the engine is down: %v, want an engine-down error", err)
			}
			e.clock.Advance(10 * time.Minute)
			b := e.backlog()
			if b.Pending < len(words)+1 || b.Failed != 0 || b.OldestAge < 10*time.Minute {
				t.Errorf("backlog while down = %+v, want ≥%d pending for ≥10m, none failed", b, len(words)+1)
			}
			if srv == nil {
				if got := e.keys(e.search("pohon tumbang")); len(got) != 0 {
					t.Errorf("found %v before the engine came back", got)
				}
			}
			// Rounds while down count no attempts: the rows are never set aside.
			for i := 0; i < 10; i++ {
				e.indexer.Drain(ctx()) //nolint:errcheck // still down
			}
			if b := e.backlog(); b.Failed != 0 {
				t.Errorf("an outage set %d rows aside", b.Failed)
			}

			out.set(false)
			if _, err := e.indexer.Drain(ctx()); err != nil {
				t.Fatalf("drain after the outage: %v", err)
			}
			if b := e.backlog(); b.Pending != 0 || b.Failed != 0 {
				t.Errorf("backlog after the outage = %+v, want empty", b)
			}
			for i, w := range words {
				if i == 0 {
					continue
				}
				if got := e.keys(e.search(w)); len(got) != 1 || got[0] != "Keluhan pohon "+w+" tumbang" {
					t.Errorf("search %s = %v, want exactly its issue", w, got)
				}
			}
			if got := e.keys(e.search("ternyata cemara")); len(got) != 1 || got[0] != "Keluhan pohon anggrek tumbang" {
				t.Errorf("the revision is not searchable: %v", got)
			}
			// The issue still holds anggrek, so it may come as a partial
			// match, but nothing holds the revised-away words.
			if whole := wholeMatches(t, e.search("segera dipotong anggrek")); len(whole) != 0 {
				t.Errorf("the revised-away text is still found: %v", e.keys(&models.SearchConnection{Edges: whole}))
			}
			if conn := e.search(""); conn.TotalCount != len(publicKeys)+len(words) {
				t.Errorf("%d documents, want %d", conn.TotalCount, len(publicKeys)+len(words))
			}
			if srv != nil && srv.Documents("issues") != len(publicKeys)+len(words) {
				t.Errorf("Meilisearch holds %d documents, want %d", srv.Documents("issues"), len(publicKeys)+len(words))
			}
		})
	}
}

// TestOutboxPoisonedRow: a document the engine keeps refusing is retried
// with backoff, then set aside and reported, and never holds up the rows
// behind it.
func TestOutboxPoisonedRow(t *testing.T) {
	for _, c := range outboxCases(t) {
		t.Run(c.name, func(t *testing.T) {
			e, out, _ := c.setup(t)
			e.loadCorpus()
			e.indexer.MaxAttempts = 3
			var setAside []*models.OutboxEntry
			var refused []int64
			e.indexer.OnSetAside = func(r *models.OutboxEntry) { setAside = append(setAside, r) }
			e.indexer.OnRefused = func(id int64, _ error) { refused = append(refused, id) }

			poison := e.publishNew("Keluhan pohon beringin tumbang", "Pohon beringin segera dipotong.")
			e.publishNew("Keluhan pohon mahoni tumbang", "Pohon mahoni segera dipotong.")
			out.set(false, poison.ID)

			res, err := e.indexer.Drain(ctx())
			if err != nil {
				t.Fatal(err)
			}
			if res.Refused == 0 || res.SetAside != 0 {
				t.Errorf("first round = %+v, want refused rows, none set aside yet", res)
			}
			if got := e.keys(e.search("mahoni")); len(got) != 1 {
				t.Errorf("the healthy issue waits behind the poisoned one: %v", got)
			}
			for attempt := 2; attempt <= 3; attempt++ {
				// Not due before its backoff ends …
				if res, _ := e.indexer.Drain(ctx()); res.Refused+res.SetAside != 0 {
					t.Errorf("attempt %d ran before its backoff: %+v", attempt, res)
				}
				e.clock.Advance(time.Hour)
				// … and meanwhile the rest flows.
				e.publishNew(fmt.Sprintf("Keluhan pohon jati %d tumbang", attempt), "Pohon jati segera dipotong.")
				if _, err := e.indexer.Drain(ctx()); err != nil {
					t.Fatal(err)
				}
			}
			b := e.backlog()
			if b.Failed == 0 || b.Pending != 0 {
				t.Errorf("backlog = %+v, want the poisoned rows set aside and nothing pending", b)
			}
			if len(setAside) == 0 || setAside[0].IssueID != poison.ID || setAside[0].Attempts != 3 || setAside[0].LastError == "" {
				t.Errorf("set aside = %+v, want the poisoned issue's rows after 3 attempts with their error", setAside)
			}
			for _, id := range refused {
				if id != poison.ID {
					t.Errorf("issue %d was refused too", id)
				}
			}
			if got := e.keys(e.search("jati")); len(got) != 2 {
				t.Errorf("rows behind the poisoned one: jati found %v, want 2 issues", got)
			}
			if got := e.keys(e.search("beringin")); len(got) != 0 {
				t.Errorf("the refused document is searchable: %v", got)
			}
		})
	}
}

// TestOutboxWaitsForMeilisearchTask: rows are marked done only once
// Meilisearch reports the task succeeded, not when it accepted it.
func TestOutboxWaitsForMeilisearchTask(t *testing.T) {
	srv := meilitest.New("")
	t.Cleanup(srv.Close)
	e := newEnv(t, engineCase{"meilisearch-fake", store.SQLite, models.EngineMeilisearch,
		func(_ testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine {
			return search.NewMeili(srv.URL, "", "issues", syn)
		}})
	e.loadCorpus()
	e.publishNew("Keluhan pohon sengon tumbang", "Pohon sengon segera dipotong.")
	srv.Pause()
	done := make(chan error, 1)
	go func() {
		_, err := e.indexer.Round(ctx())
		done <- err
	}()
	for srv.Calls("POST /indexes/{uid}/documents") == 0 {
		select {
		case err := <-done:
			t.Fatalf("the round ended before its task was processed: %v", err)
		case <-time.After(5 * time.Millisecond):
		}
	}
	if b := e.backlog(); b.Pending == 0 {
		t.Error("rows were marked done while their task was still enqueued")
	}
	srv.Resume()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if b := e.backlog(); b.Pending != 0 {
		t.Errorf("backlog after the task succeeded = %+v", b)
	}
	if got := e.keys(e.search("sengon")); len(got) != 1 {
		t.Errorf("sengon found %v", got)
	}
}

// TestPostgresLeader: one instance at a time drains the outbox. It runs
// where the PostgreSQL tests run (always on CI).
func TestPostgresLeader(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		if d != store.Postgres {
			continue
		}
		db := storetest.MustOpen(t, store.Postgres)
		leader := search.PostgresLeader(db.Bun())
		release, ok := leader(ctx())
		if !ok {
			t.Fatal("the first instance did not become leader")
		}
		if _, ok := leader(ctx()); ok {
			t.Fatal("a second instance became leader while the first held the lock")
		}
		release()
		release2, ok := leader(ctx())
		if !ok {
			t.Fatal("no instance became leader after the first released the lock")
		}
		release2()
	}
}
