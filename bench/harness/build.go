package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
)

// datasetVersion changes when the generator or the build steps change, so
// that an older cache is not reused.
const datasetVersion = 3

// writerAccounts are the TRC accounts the write workload signs in with; the
// per-account rate limit (1,200 a minute) is shared among them.
const writerAccounts = 40

const writerPassword = "bench-password-2026"

// env is what the harness needs to know about this machine.
type env struct {
	work      string // cache and run folder
	bin       string // folder of the built tanggap and floor binaries
	pgAdmin   string // postgres:// URL of a superuser, database postgres
	pglDir    string // bench/postgraphile
	log       io.Writer
	commit    string
	writersTo int
}

// dataset is a generated and loaded archive of one size, cached on disk and
// in a PostgreSQL template database.
type dataset struct {
	Version   int            `json:"version"`
	Issues    int            `json:"issues"`
	Commit    string         `json:"commit"`
	BuiltAt   time.Time      `json:"builtAt"`
	Generated generateResult `json:"generated"`
	Postgres  buildFigures   `json:"postgres"`
	SQLite    buildFigures   `json:"sqlite"`
	Terms     searchTerms    `json:"terms"`

	dir        string
	pgTemplate string
	sqlitePath string
}

// buildFigures are the timings of loading one database.
type buildFigures struct {
	ImportSeconds  float64 `json:"importSeconds"`
	Imported       int     `json:"imported"`
	ExtraSeconds   float64 `json:"extraSeconds"`
	Extra          int     `json:"extra"`
	ReindexSeconds float64 `json:"reindexSeconds"`
	Indexed        int     `json:"indexed"`
	Responses      int     `json:"responses"`
	Issues         int     `json:"issues"`
	Bytes          int64   `json:"bytes"`
}

// searchTerms are the query words of the search workloads, with the share
// of search documents that hold each (PostgreSQL's plainto_tsquery).
type searchTerms struct {
	Documents int                `json:"documents"`
	Selective []string           `json:"selective"`
	Broad     []string           `json:"broad"`
	Share     map[string]float64 `json:"share"`
}

func (e *env) logf(format string, args ...any) {
	fmt.Fprintf(e.log, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func pgURL(admin, dbname string) string {
	return strings.Replace(admin, "/postgres?", "/"+dbname+"?", 1)
}

func pgExec(ctx context.Context, url, query string, args ...any) error {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, query, args...)
	return err
}

func pgDatabaseExists(ctx context.Context, admin, name string) (bool, error) {
	db, err := sql.Open("postgres", admin)
	if err != nil {
		return false, err
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n)
	return n > 0, err
}

// loadDataset returns the cached data set of n issues, building it first
// when it is missing, incomplete or older than this harness.
func (e *env) loadDataset(ctx context.Context, n int, rebuild bool) (*dataset, error) {
	ds := &dataset{dir: filepath.Join(e.work, fmt.Sprintf("data-%d", n)), pgTemplate: fmt.Sprintf("tanggap_bench_tpl_%d", n)}
	ds.sqlitePath = filepath.Join(ds.dir, "tanggap.db")
	metaPath := filepath.Join(ds.dir, "dataset.json")
	if !rebuild {
		if raw, err := os.ReadFile(metaPath); err == nil {
			var cached dataset
			exists, err := pgDatabaseExists(ctx, e.pgAdmin, ds.pgTemplate)
			if err != nil {
				return nil, err
			}
			_, statErr := os.Stat(ds.sqlitePath)
			if json.Unmarshal(raw, &cached) == nil && cached.Version == datasetVersion && exists && statErr == nil {
				cached.dir, cached.pgTemplate, cached.sqlitePath = ds.dir, ds.pgTemplate, ds.sqlitePath
				e.logf("reusing the data set of %d issues built %s (commit %s)", n, cached.BuiltAt.Format(time.DateTime), cached.Commit)
				return &cached, nil
			}
		}
	}
	e.logf("building the data set of %d issues in %s", n, ds.dir)
	os.Remove(metaPath)
	ds.Version, ds.Issues, ds.Commit = datasetVersion, n, e.commit
	gen, err := generate(filepath.Join(ds.dir, "csv"), n, 20261126)
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	ds.Generated = *gen
	e.logf("generated %d issues, %d responses to import and %d further responses, %d open issues", gen.Issues, gen.Responses, gen.Further, gen.Open)

	build := fmt.Sprintf("tanggap_bench_build_%d", n)
	if err := pgExec(ctx, e.pgAdmin, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(build)+" WITH (FORCE)"); err != nil {
		return nil, err
	}
	if err := pgExec(ctx, e.pgAdmin, "CREATE DATABASE "+pq.QuoteIdentifier(build)); err != nil {
		return nil, err
	}
	buildURL := pgURL(e.pgAdmin, build)
	if ds.Postgres, err = e.load(ctx, ds, buildURL, "Postgres"); err != nil {
		return nil, fmt.Errorf("load PostgreSQL: %w", err)
	}
	if err := pgExec(ctx, buildURL, "VACUUM ANALYZE"); err != nil {
		return nil, err
	}
	if ds.Terms, err = chooseTerms(ctx, buildURL); err != nil {
		return nil, err
	}
	if err := pgExec(ctx, e.pgAdmin, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(ds.pgTemplate)+" WITH (FORCE)"); err != nil {
		return nil, err
	}
	if err := pgExec(ctx, e.pgAdmin, "ALTER DATABASE "+pq.QuoteIdentifier(build)+" RENAME TO "+pq.QuoteIdentifier(ds.pgTemplate)); err != nil {
		return nil, err
	}

	buildPath := filepath.Join(ds.dir, "build.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(buildPath + suffix)
	}
	if ds.SQLite, err = e.load(ctx, ds, "sqlite:"+buildPath, "SQLite"); err != nil {
		return nil, fmt.Errorf("load SQLite: %w", err)
	}
	if err := sqliteCheckpoint(buildPath); err != nil {
		return nil, err
	}
	if st, err := os.Stat(buildPath); err == nil {
		ds.SQLite.Bytes = st.Size()
	}
	if err := os.Rename(buildPath, ds.sqlitePath); err != nil {
		return nil, err
	}
	ds.BuiltAt = time.Now().UTC()
	raw, _ := json.MarshalIndent(ds, "", "  ")
	if err := os.WriteFile(metaPath, raw, 0o644); err != nil {
		return nil, err
	}
	e.logf("data set ready: %s", metaPath)
	return ds, nil
}

// load fills one empty database through the product's own commands:
// migrate, seed (the demo's agencies, categories, staff and 100 issues),
// the writers' accounts, every import file, the further responses, reindex.
func (e *env) load(ctx context.Context, ds *dataset, url, label string) (buildFigures, error) {
	var fig buildFigures
	run := func(stdin string, args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, filepath.Join(e.bin, "tanggap"), args...)
		cmd.Env = append(os.Environ(), "TANGGAP_DATABASE_URL="+url, "TANGGAP_LOG_LEVEL=warn")
		cmd.Stdin = strings.NewReader(stdin)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		if err != nil {
			return out.String(), fmt.Errorf("tanggap %s: %w\n%s", strings.Join(args, " "), err, tail(out.String(), 2000))
		}
		return out.String(), nil
	}
	if strings.HasPrefix(url, "postgres://") {
		if _, err := run("", "migrate", "up"); err != nil {
			return fig, err
		}
	}
	if _, err := run("", "seed"); err != nil {
		return fig, err
	}
	for i := 1; i <= writerAccounts; i++ {
		if _, err := run(writerPassword+"\n", "user", "add", "--email", writerEmail(i), "--name", fmt.Sprintf("Petugas TRC Uji %02d", i), "--role", "TRC"); err != nil {
			return fig, err
		}
	}
	imported := regexp.MustCompile(`Imported (\d+) issue`)
	start := time.Now()
	for i, f := range ds.Generated.Files {
		out, err := run("", "import", f)
		if err != nil {
			return fig, err
		}
		m := imported.FindStringSubmatch(out)
		if m == nil {
			return fig, fmt.Errorf("import %s: unexpected output %q", f, tail(out, 300))
		}
		k, _ := strconv.Atoi(m[1])
		fig.Imported += k
		elapsed := time.Since(start).Seconds()
		e.logf("%s: imported file %d/%d, %d issues so far, %.0f issues/s", label, i+1, len(ds.Generated.Files), fig.Imported, float64(fig.Imported)/elapsed)
	}
	fig.ImportSeconds = time.Since(start).Seconds()

	start = time.Now()
	n, err := loadExtra(ctx, url, ds.Generated.Extra)
	if err != nil {
		return fig, fmt.Errorf("further responses: %w", err)
	}
	fig.Extra, fig.ExtraSeconds = n, time.Since(start).Seconds()
	e.logf("%s: added %d further responses in %.1f s", label, n, fig.ExtraSeconds)

	start = time.Now()
	out, err := run("", "reindex")
	if err != nil {
		return fig, err
	}
	fig.ReindexSeconds = time.Since(start).Seconds()
	if m := regexp.MustCompile(`: (\d+) documents`).FindStringSubmatch(out); m != nil {
		fig.Indexed, _ = strconv.Atoi(m[1])
	}
	e.logf("%s: reindexed %d documents in %.1f s (%.0f docs/s)", label, fig.Indexed, fig.ReindexSeconds, float64(fig.Indexed)/fig.ReindexSeconds)

	db, err := openBun(url)
	if err != nil {
		return fig, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM issues").Scan(&fig.Issues); err != nil {
		return fig, err
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM responses").Scan(&fig.Responses); err != nil {
		return fig, err
	}
	if strings.HasPrefix(url, "postgres://") {
		db.QueryRowContext(ctx, "SELECT pg_database_size(current_database())").Scan(&fig.Bytes)
	}
	return fig, nil
}

func writerEmail(i int) string { return fmt.Sprintf("trc.uji%02d@bench.tanggap.id", i) }

// sqliteCheckpoint folds the write-ahead log into the database file, so
// that the file alone can be copied.
func sqliteCheckpoint(path string) error {
	db, err := openBun("sqlite:" + path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return err
	}
	_, err = db.Exec("PRAGMA journal_mode=DELETE")
	return err
}

// chooseTerms measures, on the loaded PostgreSQL database, the share of
// search documents that hold each candidate word, and keeps as selective
// terms the 60 closest to 1.5 % (village names) and as broad terms those
// closest to 13.5 % (the topics' words).
func chooseTerms(ctx context.Context, url string) (searchTerms, error) {
	t := searchTerms{Share: map[string]float64{}}
	db, err := sql.Open("postgres", url)
	if err != nil {
		return t, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM search_documents").Scan(&t.Documents); err != nil {
		return t, err
	}
	if t.Documents == 0 {
		return t, errors.New("no search documents")
	}
	share := func(term string) (float64, error) {
		var n int
		err := db.QueryRowContext(ctx, "SELECT count(*) FROM search_documents WHERE tsv @@ plainto_tsquery('indonesian', $1)", term).Scan(&n)
		return float64(n) / float64(t.Documents), err
	}
	closest := func(candidates []string, target, lo, hi float64, want int) ([]string, error) {
		type c struct {
			term  string
			share float64
		}
		var in []c
		for _, term := range candidates {
			s, err := share(term)
			if err != nil {
				return nil, err
			}
			if s >= lo && s <= hi {
				in = append(in, c{term, s})
			}
		}
		slices.SortStableFunc(in, func(a, b c) int {
			return compareFloat(math.Abs(a.share-target), math.Abs(b.share-target))
		})
		var out []string
		for _, x := range in[:min(want, len(in))] {
			out = append(out, x.term)
			t.Share[x.term] = x.share
		}
		return out, nil
	}
	if t.Selective, err = closest(villages, 0.015, 0.008, 0.025, 60); err != nil {
		return t, err
	}
	var broad []string
	for _, tp := range topics {
		broad = append(broad, tp.broad...)
	}
	if t.Broad, err = closest(broad, 0.135, 0.10, 0.18, 15); err != nil {
		return t, err
	}
	if len(t.Selective) < 20 || len(t.Broad) < 5 {
		return t, fmt.Errorf("too few search terms in band: %d selective, %d broad", len(t.Selective), len(t.Broad))
	}
	return t, nil
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
