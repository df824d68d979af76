package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/jobs"
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

// outboxCases are the engines the index jobs are tested with: the database engine
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

// waitFor polls cond until it holds, failing the test after two minutes.
func (e *env) waitFor(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// indexJobs lists the index jobs in the given states.
// mustBeCompleted checks that each of the jobs want is now completed.
func mustBeCompleted(t *testing.T, e *env, want []jobs.Info) {
	t.Helper()
	done := map[int64]bool{}
	for _, j := range e.indexJobs(jobs.StateCompleted) {
		done[j.ID] = true
	}
	for _, j := range want {
		if !done[j.ID] {
			t.Errorf("index job %d is not completed; completed: %v", j.ID, done)
		}
	}
}

func (e *env) indexJobs(states ...jobs.State) []jobs.Info {
	e.t.Helper()
	list, err := e.db.Jobs().List(ctx(), search.IndexKind, 1000, states...)
	if err != nil {
		e.t.Fatal(err)
	}
	return list
}

// TestIndexEngineDownThenBack: while the engine is away nothing is lost, no
// job is done and none counts an attempt; once it is back, every published
// response is searchable exactly once, with its latest revision.
func TestIndexEngineDownThenBack(t *testing.T) {
	for _, c := range outboxCases(t) {
		t.Run(c.name, func(t *testing.T) {
			e, out, srv := c.setup(t)
			e.loadCorpus()
			var downs atomic.Int64
			e.indexer.OnEngineDown = func(error) { downs.Add(1) }
			e.indexer.DownRetry = func(time.Duration) time.Duration { return 10 * time.Millisecond }
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

			// Every job meets the outage many times over …
			e.waitFor("the jobs to meet the outage", func() bool { return downs.Load() >= int64(10*len(words)) })
			b := e.backlog()
			if b.Pending < len(words) || b.Dead != 0 {
				t.Errorf("backlog while down = %+v, want ≥%d pending, none dead", b, len(words))
			}
			// … and counts no attempt for it.
			for _, j := range e.indexJobs(jobs.StateRetryable, jobs.StateDead) {
				t.Errorf("job %d failed during the outage: %+v", j.ID, j)
			}
			if srv == nil {
				if got := e.keys(e.search("pohon tumbang")); len(got) != 0 {
					t.Errorf("found %v before the engine came back", got)
				}
			}

			out.set(false)
			e.drain()
			if b := e.backlog(); b.Pending != 0 || b.Dead != 0 {
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

// TestIndexPoisonedJob: a document the engine keeps refusing is retried
// with backoff, then set aside as a dead job and reported, and never holds
// up the jobs behind it; once the cause is gone, retrying the dead job
// indexes the document.
func TestIndexPoisonedJob(t *testing.T) {
	restore := search.IndexAttempts
	search.IndexAttempts = 3
	t.Cleanup(func() { search.IndexAttempts = restore })
	for _, c := range outboxCases(t) {
		t.Run(c.name, func(t *testing.T) {
			e, out, _ := c.setup(t)
			// One job at a time: Meilisearch fails a whole batch of tasks
			// when one document is refused, which would refuse the healthy
			// issue's job once too when both run together.
			e.jobs.Workers = 1
			var mu sync.Mutex
			var deadKinds []string
			var refused []int64
			e.jobs.OnFailure = func(kind string, _ int, dead bool, _ error) {
				if dead {
					mu.Lock()
					deadKinds = append(deadKinds, kind)
					mu.Unlock()
				}
			}
			e.indexer.OnRefused = func(id int64, _ error) {
				mu.Lock()
				refused = append(refused, id)
				mu.Unlock()
			}
			e.loadCorpus()

			e.pause()
			poison := e.publishNew("Keluhan pohon beringin tumbang", "Pohon beringin segera dipotong.")
			e.publishNew("Keluhan pohon mahoni tumbang", "Pohon mahoni segera dipotong.")
			out.set(false, poison.ID)
			e.start()
			e.settle()

			dead := e.indexJobs(jobs.StateDead)
			if len(dead) != 1 {
				t.Fatalf("dead jobs = %+v, want the poisoned issue's", dead)
			}
			if d := dead[0]; d.Attempt != 3 || len(d.Errors) != 3 || d.Errors[2].Error == "" ||
				!strings.Contains(string(d.Args), fmt.Sprint(poison.ID)) {
				t.Errorf("dead job = %+v, want the poisoned issue's after 3 attempts with their errors", d)
			}
			// The backoff was waited: each attempt failed no sooner than the
			// backoff (10ms × attempt) after the one before.
			for i := 1; i < len(dead[0].Errors); i++ {
				if gap := dead[0].Errors[i].At.Sub(dead[0].Errors[i-1].At); gap < time.Duration(i)*10*time.Millisecond {
					t.Errorf("attempt %d failed %s after attempt %d, before its backoff", i+1, gap, i)
				}
			}
			mu.Lock()
			if len(deadKinds) != 1 || deadKinds[0] != search.IndexKind {
				t.Errorf("reported dead: %v", deadKinds)
			}
			for _, id := range refused {
				if id != poison.ID {
					t.Errorf("issue %d was refused too", id)
				}
			}
			mu.Unlock()
			if b := e.backlog(); b.Dead != 1 || b.Pending != 0 {
				t.Errorf("backlog = %+v, want one dead job and nothing pending", b)
			}
			if got := e.keys(e.search("mahoni")); len(got) != 1 {
				t.Errorf("the healthy issue waits behind the poisoned one: %v", got)
			}
			// The rest flows past the dead job.
			for i := 1; i <= 2; i++ {
				e.publishNew(fmt.Sprintf("Keluhan pohon jati %d tumbang", i), "Pohon jati segera dipotong.")
			}
			e.settle()
			if got := e.keys(e.search("jati")); len(got) != 2 {
				t.Errorf("jobs behind the poisoned one: jati found %v, want 2 issues", got)
			}
			if got := e.keys(e.search("beringin")); len(got) != 0 {
				t.Errorf("the refused document is searchable: %v", got)
			}

			out.set(false)
			if err := e.db.Jobs().Retry(ctx(), dead[0].ID); err != nil {
				t.Fatal(err)
			}
			e.drain()
			if got := e.keys(e.search("beringin")); len(got) != 1 {
				t.Errorf("after the retry beringin found %v", got)
			}
		})
	}
}

// TestIndexWaitsForMeilisearchTask: a job is done only once Meilisearch
// reports its task succeeded, not when it accepted it.
func TestIndexWaitsForMeilisearchTask(t *testing.T) {
	srv := meilitest.New("")
	t.Cleanup(srv.Close)
	e := newEnv(t, engineCase{"meilisearch-fake", store.SQLite, models.EngineMeilisearch,
		func(_ testing.TB, db *store.DB, syn *search.SynonymSource) search.Engine {
			return search.NewMeili(srv.URL, "", "issues", syn)
		}})
	e.loadCorpus()
	calls := srv.Calls("POST /indexes/{uid}/documents")
	completed := len(e.indexJobs(jobs.StateCompleted))
	srv.Pause()
	e.publishNew("Keluhan pohon sengon tumbang", "Pohon sengon segera dipotong.")
	e.waitFor("the documents to reach Meilisearch", func() bool { return srv.Calls("POST /indexes/{uid}/documents") > calls })
	if b := e.backlog(); b.Pending == 0 {
		t.Error("the job was done while its task was still enqueued")
	}
	// The job that sent the documents runs until the task succeeds. A later
	// step of the same issue may have a follow-up job running too, waiting
	// for the index lock (jobs.Enqueue); neither may finish meanwhile.
	if running := e.indexJobs(jobs.StateRunning); len(running) == 0 {
		t.Error("no index job runs while the task waits")
	}
	if n := len(e.indexJobs(jobs.StateCompleted)); n != completed {
		t.Errorf("%d index jobs completed while the task waits", n-completed)
	}
	srv.Resume()
	e.drain()
	if b := e.backlog(); b.Pending != 0 {
		t.Errorf("backlog after the task succeeded = %+v", b)
	}
	if got := e.keys(e.search("sengon")); len(got) != 1 {
		t.Errorf("sengon found %v", got)
	}
}

// TestReindexSettlesWaitingJobs: a rebuild makes up for the index jobs that
// were waiting when it started (an import queues its whole archive): they
// are marked completed rather than run again by the next server, while a
// change made after the rebuild keeps its job.
func TestReindexSettlesWaitingJobs(t *testing.T) {
	for _, c := range engineCases(t) {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, c)
			e.loadCorpus()
			e.pause()
			e.publishNew("Keluhan pohon ketapang tumbang", "Pohon ketapang segera dipotong.")
			e.publishNew("Keluhan pohon akasia tumbang", "Pohon akasia segera dipotong.")
			before := e.indexJobs(jobs.StateAvailable)
			if len(before) == 0 {
				t.Fatal("no index job waits after two publications")
			}
			if _, err := search.Reindex(ctx(), e.db, e.db.Jobs(), search.ReindexBatchSize, e.engine); err != nil {
				t.Fatal(err)
			}
			if waiting := e.indexJobs(jobs.StateAvailable, jobs.StateScheduled, jobs.StateRetryable); len(waiting) != 0 {
				t.Errorf("index jobs still waiting after the rebuild: %+v", waiting)
			}
			mustBeCompleted(t, e, before)
			for _, word := range []string{"ketapang", "akasia"} {
				if got := e.keys(e.search(word)); len(got) != 1 {
					t.Errorf("after the rebuild %q found %v, want its issue", word, got)
				}
			}
			later := e.publishNew("Keluhan pohon trembesi tumbang", "Pohon trembesi segera dipotong.")
			waiting := e.indexJobs(jobs.StateAvailable)
			if len(waiting) != 1 || !strings.Contains(string(waiting[0].Args), fmt.Sprint(later.ID)) {
				t.Fatalf("waiting after a later change: %+v, want its job", waiting)
			}
			e.settle()
			if got := e.keys(e.search("trembesi")); len(got) != 1 {
				t.Errorf("the later change is not searchable: %v", got)
			}
		})
	}
}

// TestIndexTakesAlongWaitingJobs: a job takes along the index jobs waiting
// behind it, writes all their documents at once and marks those jobs
// completed (counted as every completed job is); what
// it writes (documents, full-text entries, vocabulary counts, a revised
// answer's words gone) is what a rebuild writes.
func TestIndexTakesAlongWaitingJobs(t *testing.T) {
	for _, c := range engineCases(t) {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, c)
			e.loadCorpus()
			revised := e.publishNew("Keluhan pohon beringin tumbang", "Pohon beringin segera dipotong regu Serongga.")
			e.settle()
			e.pause()
			words := []string{"anggrek", "kenari", "merbau", "ulin", "meranti"}
			for _, w := range words {
				e.publishNew("Keluhan pohon "+w+" tumbang", "Pohon "+w+" segera dipotong petugas.")
			}
			trc := storetest.As(e.trc)
			responses, err := e.db.ResponsesByIssueIDs(trc, []int64{revised.ID})
			if err != nil || len(responses) != 1 {
				t.Fatal(responses, err)
			}
			e.clock.Advance(time.Minute)
			if _, err := e.db.ReviseResponse(trc, models.Revise{ResponseID: responses[0].ID,
				Body: "Pohon itu sudah ditebang.", Reason: "Tindak lanjut selesai."}); err != nil {
				t.Fatal(err)
			}
			waiting := e.indexJobs(jobs.StateAvailable)
			if len(waiting) < len(words)+1 {
				t.Fatalf("%d index jobs wait, want at least %d", len(waiting), len(words)+1)
			}
			last := waiting[len(waiting)-1]
			var args search.IndexArgs
			if err := json.Unmarshal(last.Args, &args); err != nil {
				t.Fatal(err)
			}
			e.indexer.Queue = e.db.Jobs()
			if err := e.indexer.Work(ctx(), &jobs.Job[search.IndexArgs]{ID: last.ID, Args: args, CreatedAt: time.Now()}); err != nil {
				t.Fatal(err)
			}
			if left := e.indexJobs(jobs.StateAvailable, jobs.StateRunning, jobs.StateRetryable); len(left) != 0 {
				t.Errorf("index jobs left after one took the others along: %+v", left)
			}
			mustBeCompleted(t, e, waiting[:len(waiting)-1])
			for _, w := range words {
				if got := e.keys(e.search(w)); len(got) != 1 {
					t.Errorf("%q found %v, want its issue", w, got)
				}
			}
			if got := e.keys(e.search("serongga")); len(got) != 0 {
				t.Errorf("a word the revision removed still finds %v", got)
			}
			if c.engine == models.EngineMeilisearch {
				return
			}
			queries := indexQueries(c.dialect)
			indexed := snapshot(t, e.db, queries)
			if _, err := e.engine.Rebuild(ctx(), search.AllDocuments(e.db, 4)); err != nil {
				t.Fatal(err)
			}
			rebuilt := snapshot(t, e.db, queries)
			for i, q := range queries {
				if !slices.Equal(indexed[i], rebuilt[i]) {
					t.Errorf("%s\nfirst difference: %s", q, firstDifference(indexed[i], rebuilt[i]))
				}
			}
		})
	}
}
