package jobs_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/jobs"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// effectArgs is the job of the process tests: it records its effect, one
// row of job_effects, in the transaction that completes it.
type effectArgs struct {
	N int `json:"n"`
}

func (effectArgs) Kind() string { return "test.effect" }

// flakyArgs is the job of the retry test.
type flakyArgs struct {
	N int `json:"n"`
}

func (flakyArgs) Kind() string { return "test.flaky" }

func (flakyArgs) JobOptions() jobs.Options { return jobs.Options{MaxAttempts: 3} }

// coalescedArgs coalesces with an equal job still waiting.
type coalescedArgs struct {
	Key string `json:"key"`
}

func (coalescedArgs) Kind() string { return "test.coalesced" }

func (coalescedArgs) JobOptions() jobs.Options { return jobs.Options{Coalesce: true} }

// The child process: TestMain runs it when the test binary is started again
// by a test with JOBS_CHILD set.
const (
	envChild = "JOBS_CHILD"
	envDB    = "JOBS_DB"    // database URL
	envRuns  = "JOBS_RUNS"  // file every run start is appended to
	envHang  = "JOBS_HANG"  // "1": a job hangs until the process is killed
	envAfter = "JOBS_AFTER" // RescueAfter
)

func TestMain(m *testing.M) {
	if os.Getenv(envChild) == "1" {
		os.Exit(childMain())
	}
	os.Exit(m.Run())
}

// childMain runs the effect jobs of the database in JOBS_DB until SIGTERM,
// printing READY once it runs and RUNNING <id> when a job starts.
func childMain() int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	db, err := store.Open(os.Getenv(envDB), store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	runs, err := os.OpenFile(os.Getenv(envRuns), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer runs.Close()
	var mu sync.Mutex
	hang := os.Getenv(envHang) == "1"
	jobs.Register(db.Jobs(), func(ctx context.Context, job *jobs.Job[effectArgs]) error {
		mu.Lock()
		fmt.Fprintf(runs, "%d %d\n", job.ID, os.Getpid())
		mu.Unlock()
		if hang {
			fmt.Printf("RUNNING %d\n", job.ID)
			select {} // until SIGKILL
		}
		time.Sleep(2 * time.Millisecond) // a little work, so that both processes get some
		return db.Bun().RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.ExecContext(ctx, "INSERT INTO job_effects (job_id, pid) VALUES (?, ?)", job.ID, os.Getpid()); err != nil {
				return err
			}
			return jobs.Complete(ctx, tx, job)
		})
	})
	after, _ := time.ParseDuration(os.Getenv(envAfter))
	err = db.Jobs().Start(ctx, jobs.Config{ID: "child-" + strconv.Itoa(os.Getpid()), PollInterval: 20 * time.Millisecond,
		JobTimeout: time.Second, RescueAfter: after, Backoff: func(int) time.Duration { return 10 * time.Millisecond }})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("READY")
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.Jobs().Stop(sctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// child is a worker process started by a test.
type child struct {
	cmd   *exec.Cmd
	lines chan string
}

func startChild(t *testing.T, dbURL, runs string, hang bool, rescueAfter time.Duration) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChild+"=1", envDB+"="+dbURL, envRuns+"="+runs,
		envHang+"="+map[bool]string{true: "1", false: "0"}[hang], envAfter+"="+rescueAfter.String())
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 100)}
	go func() {
		defer close(c.lines)
		s := bufio.NewScanner(out)
		for s.Scan() {
			c.lines <- s.Text()
		}
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill() //nolint:errcheck // it may be gone
			cmd.Wait()         //nolint:errcheck // killed
		}
	})
	c.expect(t, "READY")
	return c
}

// expect waits for a line starting with prefix and returns it.
func (c *child) expect(t *testing.T, prefix string) string {
	t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				t.Fatalf("the child ended before printing %s", prefix)
			}
			if strings.HasPrefix(line, prefix) {
				return line
			}
		case <-timeout:
			t.Fatalf("the child did not print %s", prefix)
		}
	}
}

// stop ends the child gracefully and checks it exited cleanly.
func (c *child) stop(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("the child exited with %v", err)
	}
}

// openDB returns the URL of a fresh, migrated database of the dialect, with
// the effect table, and the store on it.
func openDB(t *testing.T, dialect store.Dialect) (string, *store.DB) {
	t.Helper()
	url := "sqlite:" + filepath.Join(t.TempDir(), "jobs.db")
	if dialect == store.Postgres {
		url = storetest.NewPostgresURL(t)
	}
	db, err := store.Open(url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Bun().Exec("CREATE TABLE job_effects (job_id BIGINT NOT NULL, pid INTEGER NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	return url, db
}

func enqueue(t *testing.T, db *store.DB, args ...jobs.Args) {
	t.Helper()
	err := db.Bun().RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
		if len(args) == 1 {
			return jobs.Enqueue(ctx, tx, args[0])
		}
		return jobs.EnqueueMany(ctx, tx, args)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// effects counts the effect rows by job and by process.
func effects(t *testing.T, db *store.DB) (byJob map[int64]int, byPid map[int]int) {
	t.Helper()
	rows, err := db.Bun().Query("SELECT job_id, pid FROM job_effects")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byJob, byPid = map[int64]int{}, map[int]int{}
	for rows.Next() {
		var id int64
		var pid int
		if err := rows.Scan(&id, &pid); err != nil {
			t.Fatal(err)
		}
		byJob[id]++
		byPid[pid]++
	}
	return byJob, byPid
}

// runsOf counts the run starts the children logged, by job.
func runsOf(t *testing.T, path string) map[int64]int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		id, err := strconv.ParseInt(strings.Fields(line)[0], 10, 64)
		if err != nil {
			t.Fatalf("runs line %q: %v", line, err)
		}
		out[id]++
	}
	return out
}

// sameJSON reports whether raw holds the value of want (PostgreSQL's jsonb
// spaces it its own way).
func sameJSON(raw []byte, want string) bool {
	var a, b any
	return json.Unmarshal(raw, &a) == nil && json.Unmarshal([]byte(want), &b) == nil && fmt.Sprint(a) == fmt.Sprint(b)
}

func waitDone(t *testing.T, db *store.DB, kinds ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := db.Jobs().WaitDone(ctx, 20*time.Millisecond, kinds...); err != nil {
		t.Fatal(err)
	}
}

// TestKilledWorker: a worker process killed (SIGKILL) in the middle of a
// job leaves the job running; a process started afterwards takes it for
// the job of a dead process and runs it to completion, and its effect is
// recorded exactly once.
func TestKilledWorker(t *testing.T) {
	for _, dialect := range storetest.Dialects(t) {
		t.Run(string(dialect), func(t *testing.T) {
			url, db := openDB(t, dialect)
			runs := filepath.Join(t.TempDir(), "runs")
			first := startChild(t, url, runs, true, 2*time.Second)
			enqueue(t, db, effectArgs{N: 1})
			line := first.expect(t, "RUNNING ")
			id, err := strconv.ParseInt(strings.TrimPrefix(line, "RUNNING "), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			if err := first.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			first.cmd.Wait() //nolint:errcheck // killed on purpose
			running, err := db.Jobs().List(context.Background(), "test.effect", 10, jobs.StateRunning)
			if err != nil || len(running) != 1 || running[0].ID != id {
				t.Fatalf("after the kill running jobs = %+v (%v), want job %d", running, err, id)
			}
			if byJob, _ := effects(t, db); len(byJob) != 0 {
				t.Fatalf("the killed run recorded an effect: %v", byJob)
			}

			second := startChild(t, url, runs, false, 2*time.Second)
			waitDone(t, db, "test.effect")
			second.stop(t)

			done, err := db.Jobs().List(context.Background(), "test.effect", 10)
			if err != nil || len(done) != 1 || done[0].State != jobs.StateCompleted || done[0].Attempt != 2 {
				t.Fatalf("jobs = %+v (%v), want job %d completed on its second attempt", done, err, id)
			}
			byJob, byPid := effects(t, db)
			if len(byJob) != 1 || byJob[id] != 1 {
				t.Errorf("effects = %v, want job %d once", byJob, id)
			}
			if byPid[second.cmd.Process.Pid] != 1 {
				t.Errorf("effects by process = %v, want the second process's", byPid)
			}
			if r := runsOf(t, runs); r[id] != 2 {
				t.Errorf("job %d started %d times, want 2 (killed, then done)", id, r[id])
			}
		})
	}
}

// TestTwoProcessesRunEachJobOnce: two worker processes on one database
// share the jobs; every job runs, no job is taken by both processes at
// once, and every job's effect is recorded once. A run is an attempt: a
// job runs again only after an attempt that failed and was recorded as
// failed (on a loaded machine a write can outlast the job's timeout), and
// the effect of the failed attempt was rolled back with it.
func TestTwoProcessesRunEachJobOnce(t *testing.T) {
	for _, dialect := range storetest.Dialects(t) {
		t.Run(string(dialect), func(t *testing.T) {
			url, db := openDB(t, dialect)
			runs := filepath.Join(t.TempDir(), "runs")
			a := startChild(t, url, runs, false, time.Minute)
			b := startChild(t, url, runs, false, time.Minute)
			const n = 300
			args := make([]jobs.Args, n)
			for i := range args {
				args[i] = effectArgs{N: i}
			}
			enqueue(t, db, args...)
			waitDone(t, db, "test.effect")
			a.stop(t)
			b.stop(t)

			list, err := db.Jobs().List(context.Background(), "test.effect", 2*n, jobs.StateCompleted)
			if err != nil || len(list) != n {
				t.Fatalf("%d completed jobs (%v), want %d", len(list), err, n)
			}
			byJob, byPid := effects(t, db)
			started := runsOf(t, runs)
			retried := 0
			for _, j := range list {
				if byJob[j.ID] != 1 || started[j.ID] != j.Attempt || len(j.Errors) != j.Attempt-1 {
					t.Errorf("job %d: %d effects, %d runs, attempt %d with %d errors; want one effect and a run per attempt, every attempt but the last failed",
						j.ID, byJob[j.ID], started[j.ID], j.Attempt, len(j.Errors))
				}
				if j.Attempt > 1 {
					retried++
					t.Logf("job %d ran %d times: %+v", j.ID, j.Attempt, j.Errors)
				}
			}
			if retried > n/10 {
				t.Errorf("%d of %d jobs needed more than one attempt", retried, n)
			}
			if len(byJob) != n || len(started) != n {
				t.Errorf("effects of %d jobs, runs of %d, want %d", len(byJob), len(started), n)
			}
			if byPid[a.cmd.Process.Pid] == 0 || byPid[b.cmd.Process.Pid] == 0 {
				t.Errorf("jobs by process = %v, want both processes to have run some", byPid)
			}
			t.Logf("jobs by process: %v", byPid)
		})
	}
}

// TestRetryBackoffDeadAndRetry: a failing job is retried after its backoff,
// set aside as dead after its last attempt with every error kept, and runs
// again when retried.
func TestRetryBackoffDeadAndRetry(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		q := db.Jobs()
		var failing atomic.Bool
		failing.Store(true)
		var mu sync.Mutex
		var backoffs []int
		var reported []string
		var done atomic.Int64
		jobs.Register(q, func(ctx context.Context, job *jobs.Job[flakyArgs]) error {
			if failing.Load() {
				return fmt.Errorf("attempt %d of job %d failed", job.Attempt, job.ID)
			}
			done.Add(1)
			return nil
		})
		err := q.Start(context.Background(), jobs.Config{PollInterval: 10 * time.Millisecond,
			Backoff: func(n int) time.Duration {
				mu.Lock()
				backoffs = append(backoffs, n)
				mu.Unlock()
				return time.Duration(n) * 50 * time.Millisecond
			},
			OnFailure: func(kind string, attempt int, dead bool, err error) {
				mu.Lock()
				reported = append(reported, fmt.Sprintf("%s/%d/%v", kind, attempt, dead))
				mu.Unlock()
			}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { q.Stop(context.Background()) }) //nolint:errcheck // test over
		enqueue(t, db, flakyArgs{N: 7})
		waitDone(t, db, "test.flaky")

		dead, err := q.Dead(context.Background(), "test.flaky", 10)
		if err != nil || len(dead) != 1 {
			t.Fatalf("dead jobs = %+v (%v), want one", dead, err)
		}
		d := dead[0]
		if d.Attempt != 3 || d.MaxAttempts != 3 || len(d.Errors) != 3 || !sameJSON(d.Args, `{"n":7}`) {
			t.Errorf("dead job = %+v, want 3 attempts with 3 errors and its args", d)
		}
		for i, e := range d.Errors {
			if want := fmt.Sprintf("attempt %d of job %d failed", i+1, d.ID); e.Error != want || e.Attempt != i+1 {
				t.Errorf("error %d = %+v, want %q", i, e, want)
			}
			if i > 0 {
				if gap := e.At.Sub(d.Errors[i-1].At); gap < time.Duration(i)*50*time.Millisecond {
					t.Errorf("attempt %d failed %s after attempt %d, before its backoff of %s", i+1, gap, i, time.Duration(i)*50*time.Millisecond)
				}
			}
		}
		mu.Lock()
		if fmt.Sprint(backoffs) != "[1 2]" {
			t.Errorf("backoffs asked for attempts %v, want [1 2]", backoffs)
		}
		if want := "[test.flaky/1/false test.flaky/2/false test.flaky/3/true]"; fmt.Sprint(reported) != want {
			t.Errorf("failures reported %v, want %s", reported, want)
		}
		mu.Unlock()
		if done.Load() != 0 {
			t.Fatal("the failing job ran to the end")
		}

		failing.Store(false)
		if err := q.Retry(context.Background(), d.ID); err != nil {
			t.Fatal(err)
		}
		waitDone(t, db, "test.flaky")
		list, err := q.List(context.Background(), "test.flaky", 10)
		if err != nil || len(list) != 1 || list[0].State != jobs.StateCompleted || done.Load() != 1 {
			t.Errorf("after the retry jobs = %+v (%v), ran %d times; want it completed once", list, err, done.Load())
		}
		if dead, _ := q.Dead(context.Background(), "", 10); len(dead) != 0 {
			t.Errorf("dead jobs after the retry: %+v", dead)
		}
	})
}

// TestEnqueueIsAtomic: a job enqueued in a transaction that rolls back is
// gone with it; one in a transaction that commits is there.
func TestEnqueueIsAtomic(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		agency := storetest.MustAgency(t, db, "dishub", "Dinas Perhubungan")
		errRollback := errors.New("roll back")
		err := db.Bun().RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.ExecContext(ctx, "UPDATE agencies SET name = ? WHERE id = ?", "Diubah", agency.ID); err != nil {
				return err
			}
			if err := jobs.Enqueue(ctx, tx, effectArgs{N: 1}); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatal(err)
		}
		if list, err := db.Jobs().List(ctx, "", 10); err != nil || len(list) != 0 {
			t.Fatalf("after the rollback jobs = %+v (%v)", list, err)
		}
		var name string
		if err := db.Bun().QueryRowContext(ctx, "SELECT name FROM agencies WHERE id = ?", agency.ID).Scan(&name); err != nil || name != agency.Name {
			t.Fatalf("agency name %q (%v) after the rollback", name, err)
		}

		enqueue(t, db, effectArgs{N: 2})
		list, err := db.Jobs().List(ctx, "", 10)
		if err != nil || len(list) != 1 || !sameJSON(list[0].Args, `{"n":2}`) || list[0].State != jobs.StateAvailable {
			t.Fatalf("after the commit jobs = %+v (%v)", list, err)
		}
	})
}

// TestCoalesce: equal jobs enqueued while one waits become one; a job equal
// to one that is running is enqueued anew, since the running one may have
// read the state before the change. (Follow-ups coalesce among themselves
// the same way while they wait; when could not be pinned here without
// timing.)
func TestCoalesce(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i := 0; i < 5; i++ {
			enqueue(t, db, coalescedArgs{Key: "a"})
		}
		enqueue(t, db, coalescedArgs{Key: "b"})
		list, err := db.Jobs().List(ctx, "test.coalesced", 10)
		if err != nil || len(list) != 2 {
			t.Fatalf("jobs = %+v (%v), want one per key", list, err)
		}

		q := db.Jobs()
		started, release := make(chan int64, 10), make(chan struct{})
		var runs atomic.Int64
		jobs.Register(q, func(ctx context.Context, job *jobs.Job[coalescedArgs]) error {
			runs.Add(1)
			if job.Args.Key == "a" {
				started <- job.ID
				<-release
			}
			return nil
		})
		if err := q.Start(ctx, jobs.Config{PollInterval: 10 * time.Millisecond}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { q.Stop(context.Background()) }) //nolint:errcheck // test over
		first := <-started
		enqueue(t, db, coalescedArgs{Key: "a"}) // while the first runs
		close(release)
		waitDone(t, db, "test.coalesced")
		list, err = db.Jobs().List(ctx, "test.coalesced", 10)
		if err != nil || len(list) != 3 {
			t.Fatalf("jobs = %+v (%v), want the two first and one follow-up", list, err)
		}
		for _, j := range list {
			if j.State != jobs.StateCompleted {
				t.Errorf("job %d is %s", j.ID, j.State)
			}
		}
		if list[0].ID != first && list[1].ID != first {
			t.Errorf("the first job %d is not among %+v", first, list)
		}
		if runs.Load() != 3 {
			t.Errorf("%d runs, want 3", runs.Load())
		}
	})
}

// TestWaitingArguments: the arguments of waiting jobs read back as the JSON
// they were enqueued with, on both databases (River keeps SQLite's binary
// JSON), through Since and Available.
func TestWaitingArguments(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		enqueue(t, db, effectArgs{N: 7}, effectArgs{N: 8})
		since, err := db.Jobs().Since(context.Background(), effectArgs{}.Kind(), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(since) != 2 || !sameJSON(since[0], `{"n": 7}`) || !sameJSON(since[1], `{"n": 8}`) {
			t.Errorf("Since: %q", since)
		}
		available, err := db.Jobs().Available(context.Background(), effectArgs{}.Kind(), 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(available) != 2 || !sameJSON(available[0].Args, `{"n": 7}`) || !sameJSON(available[1].Args, `{"n": 8}`) {
			t.Errorf("Available: %+v", available)
		}
	})
}

// TestClaim: a job claimed for work done along with another's is not run
// by a worker, and an equal change enqueued while it is claimed gets a job
// of its own — folded into the claimed job, whose work may have read the
// state before the change, it would be lost when that job is completed.
// Settled as done, the claimed job is completed; settled as not done, it is
// available again; a job already running is not claimed.
func TestClaim(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		q := db.Jobs()
		enqueue(t, db, coalescedArgs{Key: "a"}, coalescedArgs{Key: "b"})
		list, err := q.List(ctx, "test.coalesced", 10)
		if err != nil || len(list) != 2 {
			t.Fatalf("jobs = %+v (%v)", list, err)
		}
		a, b := list[0].ID, list[1].ID
		claimed, err := q.Claim(ctx, []int64{a, b, a + b + 100})
		if err != nil || !slices.Equal(claimed, []int64{a, b}) {
			t.Fatalf("claimed %v (%v), want %v", claimed, err, []int64{a, b})
		}
		if again, err := q.Claim(ctx, []int64{a}); err != nil || len(again) != 0 {
			t.Errorf("a claimed job was claimed again: %v (%v)", again, err)
		}
		enqueue(t, db, coalescedArgs{Key: "a"}) // a change while a is claimed
		if err := q.Settle(ctx, []int64{a}, true); err != nil {
			t.Fatal(err)
		}
		if err := q.Settle(ctx, []int64{b}, false); err != nil {
			t.Fatal(err)
		}
		list, err = q.List(ctx, "test.coalesced", 10)
		if err != nil || len(list) != 3 {
			t.Fatalf("jobs = %+v (%v), want the two claimed and one for the change", list, err)
		}
		states := map[int64]jobs.State{}
		for _, j := range list {
			states[j.ID] = j.State
		}
		if states[a] != jobs.StateCompleted || states[b] != jobs.StateAvailable {
			t.Errorf("claimed jobs settled as %s and %s, want completed and available", states[a], states[b])
		}
		for _, j := range list {
			if j.ID != a && j.ID != b && j.State != jobs.StateAvailable {
				t.Errorf("the change's job is %s, want available", j.State)
			}
		}
	})
}
