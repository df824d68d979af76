package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/lib/pq"
)

// runOptions are the flags of `harness run`.
type runOptions struct {
	issues       int
	rounds       int
	concurrency  int
	warmup       time.Duration
	duration     time.Duration
	openDuration time.Duration
	only         map[string]bool
	rebuild      bool
	results      string
}

// measurement is one workload on one server in one round.
type measurement struct {
	Round    int        `json:"round"`
	Workload string     `json:"workload"`
	Server   string     `json:"server"`
	Result   loadResult `json:"result"`
}

// runState is everything a run has measured, for the report.
type runState struct {
	opts    runOptions
	ds      *dataset
	started time.Time
	// measureStart is when the data set was ready and measuring began.
	measureStart time.Time
	finished     time.Time
	commit       string
	servers      []*server
	memory       map[string][2]int64 // idle VmRSS after start, VmHWM at the end
	results      []measurement
	notes        []string // from the equivalence check
}

func runCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var o runOptions
	fs.IntVar(&o.issues, "issues", 100000, "issues in the generated archive (cached per size)")
	fs.IntVar(&o.rounds, "rounds", 2, "passes over every workload; ratios are computed within a round")
	fs.IntVar(&o.concurrency, "concurrency", 10, "clients of the closed-loop workloads")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured start of each closed-loop run")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "measured time of each closed-loop run")
	fs.DurationVar(&o.openDuration, "open-duration", 30*time.Second, "time of each open-loop run")
	only := fs.String("only", "", "comma-separated workload keys to run (a,b,c,d,e,f2,f20,g,j); default all")
	fs.BoolVar(&o.rebuild, "rebuild", false, "build the databases again even if cached")
	work := fs.String("work", filepath.Join("bench", ".work"), "cache and run folder")
	pgAdmin := fs.String("postgres", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL superuser URL (database postgres)")
	fs.StringVar(&o.results, "results", "", "results file (Markdown); default WORK/results-ISSUES-TIME.md")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *only != "" {
		o.only = map[string]bool{}
		for _, k := range strings.Split(*only, ",") {
			o.only[strings.TrimSpace(k)] = true
		}
	}
	absWork, err := filepath.Abs(*work)
	if err != nil {
		return err
	}
	e := &env{work: absWork, bin: filepath.Join(absWork, "bin"), pgAdmin: *pgAdmin,
		pglDir: filepath.Join(filepath.Dir(absWork), "postgraphile"), log: os.Stderr, commit: gitCommit()}
	if o.results == "" {
		o.results = filepath.Join(absWork, fmt.Sprintf("results-%d-%s.md", o.issues, time.Now().Format("20060102-150405")))
	}
	for _, tool := range []string{filepath.Join(e.bin, "tanggap"), filepath.Join(e.bin, "floor")} {
		if _, err := os.Stat(tool); err != nil {
			return fmt.Errorf("%s is missing: run bench/run.sh, which builds it", tool)
		}
	}
	if _, err := exec.LookPath("vegeta"); err != nil {
		return errors.New("vegeta is not on PATH: go install github.com/tsenart/vegeta/v12@v12.13.0")
	}
	if err := os.MkdirAll(filepath.Join(absWork, "run"), 0o755); err != nil {
		return err
	}

	st := &runState{opts: o, started: time.Now(), commit: e.commit, memory: map[string][2]int64{}}
	if st.ds, err = e.loadDataset(ctx, o.issues, o.rebuild); err != nil {
		return err
	}
	st.measureStart = time.Now()
	defer func() {
		for _, s := range st.servers {
			s.stop()
		}
		e.dropWorkingCopies()
	}()
	if err := e.measure(ctx, st); err != nil {
		return err
	}
	st.finished = time.Now()
	report := st.report()
	fmt.Print(report)
	if err := os.WriteFile(o.results, []byte(report), 0o644); err != nil {
		return err
	}
	e.logf("results written to %s", o.results)
	return nil
}

func gitCommit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	commit := strings.TrimSpace(string(out))
	if status, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(status) > 0 {
		commit += "+changes"
	}
	return commit
}

const runDatabase = "tanggap_bench_run"

// prepare makes fresh working copies of both databases (the cached ones
// stay untouched by the write workload) and installs PostGraphile's views.
func (e *env) prepare(ctx context.Context, ds *dataset) (pgRun, sqliteRun string, err error) {
	start := time.Now()
	if err := pgExec(ctx, e.pgAdmin, "DROP DATABASE IF EXISTS "+runDatabase+" WITH (FORCE)"); err != nil {
		return "", "", err
	}
	if err := pgExec(ctx, e.pgAdmin, "CREATE DATABASE "+runDatabase+" TEMPLATE "+pq.QuoteIdentifier(ds.pgTemplate)); err != nil {
		return "", "", err
	}
	pgRun = pgURL(e.pgAdmin, runDatabase)
	// The cached archive may predate the binary's latest migrations; the
	// server refuses a stale PostgreSQL schema (SQLite migrates on start).
	migrate := exec.CommandContext(ctx, filepath.Join(e.bin, "tanggap"), "migrate", "up")
	migrate.Env = append(os.Environ(), "TANGGAP_DATABASE_URL="+pgRun, "TANGGAP_LOG_LEVEL=warn")
	if out, err := migrate.CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("migrate the working copy: %w\n%s", err, out)
	}
	schema, err := os.ReadFile(filepath.Join(e.pglDir, "schema.sql"))
	if err != nil {
		return "", "", err
	}
	if err := pgExec(ctx, pgRun, string(schema)); err != nil {
		return "", "", fmt.Errorf("PostGraphile schema: %w", err)
	}
	if err := pgExec(ctx, pgRun, "ANALYZE"); err != nil {
		return "", "", err
	}
	dst := filepath.Join(e.work, "run", "tanggap.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(dst + suffix)
	}
	if err := copyFile(ds.sqlitePath, dst); err != nil {
		return "", "", err
	}
	e.logf("working copies ready in %.1f s", time.Since(start).Seconds())
	return pgRun, "sqlite:" + dst, nil
}

// dropWorkingCopies removes the run's copies of the databases once the
// servers have stopped; the cached data set stays.
func (e *env) dropWorkingCopies() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := pgExec(ctx, e.pgAdmin, "DROP DATABASE IF EXISTS "+runDatabase+" WITH (FORCE)"); err != nil {
		e.logf("drop %s: %v", runDatabase, err)
	}
	dst := filepath.Join(e.work, "run", "tanggap.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(dst + suffix)
	}
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// readTargets reads, from one database, up to 1,000 public issue numbers
// spread over the archive and every open issue.
func readTargets(ctx context.Context, url string) (numbers []string, open []openIssue, err error) {
	db, err := openBun(url)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	var all []string
	rows, err := db.QueryContext(ctx, "SELECT number FROM issues WHERE status NOT IN ('NEW', 'REJECTED') AND NOT internal ORDER BY id")
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, nil, err
		}
		all = append(all, n)
	}
	rows.Close()
	step := max(1, len(all)/1000)
	for i := 0; i < len(all); i += step {
		numbers = append(numbers, all[i])
	}
	rows, err = db.QueryContext(ctx, "SELECT number, id, agency_id, kind FROM issues WHERE status IN ('ASSIGNED', 'IN_PROGRESS') AND NOT internal ORDER BY id")
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var oi openIssue
		if err := rows.Scan(&oi.number, &oi.id, &oi.agencyID, &oi.kind); err != nil {
			return nil, nil, err
		}
		open = append(open, oi)
	}
	return numbers, open, rows.Err()
}

// halves splits the open issues of the PostgreSQL database between Tanggap
// and PostGraphile, which answer them in the same tables.
func halves(open []openIssue) (even, odd []openIssue) {
	for i, oi := range open {
		if i%2 == 0 {
			even = append(even, oi)
		} else {
			odd = append(odd, oi)
		}
	}
	return even, odd
}

func (e *env) measure(ctx context.Context, st *runState) error {
	pgRun, sqliteRun, err := e.prepare(ctx, st.ds)
	if err != nil {
		return err
	}
	pgNumbers, pgOpen, err := readTargets(ctx, pgRun)
	if err != nil {
		return err
	}
	sqliteNumbers, sqliteOpen, err := readTargets(ctx, sqliteRun)
	if err != nil {
		return err
	}
	tanggapOpen, pglOpen := halves(pgOpen)
	sqliteOpen, _ = halves(sqliteOpen)
	data := map[string]*targetData{
		"tanggap-pg":     {numbers: pgNumbers, open: tanggapOpen},
		"tanggap-sqlite": {numbers: sqliteNumbers, open: sqliteOpen},
		"postgraphile":   {numbers: pgNumbers, open: pglOpen},
		"floor":          {numbers: pgNumbers},
	}

	starts := []func() (*server, error){
		func() (*server, error) { return e.startTanggap(ctx, "tanggap-pg", pgRun) },
		func() (*server, error) { return e.startTanggap(ctx, "tanggap-sqlite", sqliteRun) },
		func() (*server, error) { return e.startPostGraphile(ctx, runDatabase) },
		func() (*server, error) { return e.startFloor(ctx, pgRun) },
	}
	for _, start := range starts {
		s, err := start()
		if err != nil {
			return err
		}
		st.servers = append(st.servers, s)
		e.logf("%s is up at %s (pid %d)", s.name, s.url, s.pid())
	}
	for _, s := range st.servers {
		rss, _ := s.memory()
		st.memory[s.name] = [2]int64{rss, 0}
		if s.kind == "tanggap" {
			if data[s.name].tokens, err = login(ctx, s); err != nil {
				return err
			}
		}
	}

	if st.notes, err = e.verifyEquivalence(ctx, st.servers, data, st.ds.Terms); err != nil {
		return err
	}

	for round := 1; round <= st.opts.rounds; round++ {
		for _, w := range workloads {
			if st.opts.only != nil && !st.opts.only[w.key] {
				continue
			}
			for _, s := range st.servers {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				d := data[s.name]
				var hits hitCounter
				perRun := len(d.open) / st.opts.rounds
				next, check, ok := plan(w, s, d, st.ds.Terms, &hits, perRun)
				if !ok {
					continue
				}
				sampler := sampleRSS(s)
				var res loadResult
				if w.open {
					rate := map[string]int{"f2": 2, "f20": 20}[w.key]
					count := len(st.ds.Terms.Selective) + len(st.ds.Terms.Broad)
					res, err = openLoop{rate: rate, duration: st.opts.openDuration, calls: next, count: count, check: check,
						selective: len(st.ds.Terms.Selective)}.run(ctx, s, filepath.Join(e.work, "run"))
					if err != nil {
						sampler.finish()
						return err
					}
				} else {
					loop := closedLoop{concurrency: st.opts.concurrency, warmup: st.opts.warmup, duration: st.opts.duration, next: next, check: check}
					if w.write {
						// A tenth of the open issues warms up; the run ends
						// when the rest are answered or the time is up.
						loop.warmupCount = int64(max(perRun/10, 1))
					}
					res = loop.run(ctx, s.url)
					if w.write {
						res.Extra = fmt.Sprintf("%d open issues for this run, %d of them to warm up", perRun, loop.warmupCount)
					}
					if w.write && s.kind == "tanggap" {
						// The search index of what was published is written
						// by the server's job queue after the answers; the
						// next server is measured once it has caught up, and
						// the rate counting that time is reported too.
						caught, err := waitIndexed(ctx, s.url)
						if err != nil {
							sampler.finish()
							return err
						}
						res.IndexLag = caught
						res.Extra += fmt.Sprintf("; search index caught up %.1f s after the run: %.0f publications/s counting it",
							caught.Seconds(), float64(res.Requests)/(res.Seconds+caught.Seconds()))
					}
				}
				res.MaxRSSKiB = sampler.finish()
				res.MaxAnonKiB = sampler.anon()
				if summary := hits.summary(st.ds.Terms.Documents); summary != "" {
					res.Extra = summary
				}
				for _, class := range []string{"selective", "broad"} {
					if p95, ok := res.ClassP95[class]; ok {
						res.Extra += fmt.Sprintf("; p95 %s %.1f ms", class, ms(p95))
					}
				}
				st.results = append(st.results, measurement{Round: round, Workload: w.key, Server: s.name, Result: res})
				e.logf("round %d  %-4s %-15s %8.1f req/s  p50 %6.1f ms  p99 %7.1f ms  errors %d/%d  rss %d MiB %s",
					round, w.key, s.name, res.RPS, ms(res.P50), ms(res.P99), res.Errors, res.Requests, res.MaxRSSKiB/1024, res.Extra)
				if res.FirstError != "" {
					e.logf("  first error: %.300s", res.FirstError)
				}
			}
		}
	}
	for _, s := range st.servers {
		_, hwm := s.memory()
		m := st.memory[s.name]
		m[1] = hwm
		st.memory[s.name] = m
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// waitIndexed waits until the Tanggap server at url has no index job left
// (its /readyz reports the backlog), for at most ten minutes, and returns
// how long that took.
func waitIndexed(ctx context.Context, url string) (time.Duration, error) {
	start := time.Now()
	client := &http.Client{Timeout: 10 * time.Second}
	for time.Since(start) < 10*time.Minute {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/readyz", nil)
		if err != nil {
			return 0, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		var ready struct {
			Search struct {
				Pending *int `json:"index_pending"`
			} `json:"search"`
		}
		err = json.NewDecoder(resp.Body).Decode(&ready)
		resp.Body.Close()
		if err != nil || ready.Search.Pending == nil {
			return 0, fmt.Errorf("%s/readyz: no index backlog in the answer (%v)", url, err)
		}
		if *ready.Search.Pending == 0 {
			return time.Since(start), nil
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return 0, fmt.Errorf("%s: the search index did not catch up within ten minutes", url)
}
