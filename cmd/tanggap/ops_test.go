package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// freshDatabase returns the environment of a database of the dialect that
// does not exist yet (SQLite) or is empty (PostgreSQL).
func freshDatabase(t *testing.T, dialect store.Dialect) []string {
	t.Helper()
	env := []string{"TANGGAP_JWT_SECRET=" + secret, "TANGGAP_DATA_DIR=" + t.TempDir()}
	if dialect == store.Postgres {
		return append(env, "TANGGAP_DATABASE_URL="+storetest.NewPostgresURL(t))
	}
	return append(env, "TANGGAP_DATABASE_URL=")
}

// eachDialect runs fn for SQLite, and for PostgreSQL when it is configured.
func eachDialect(t *testing.T, fn func(t *testing.T, dialect store.Dialect)) {
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) { fn(t, d) })
	}
}

// killDuringMigration starts the binary with slow migrations, waits until
// it says it is applying one (so it holds the migration lock inside a
// transaction), and kills it with SIGKILL.
func killDuringMigration(t *testing.T, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append(os.Environ(), env...), "TANGGAP_TEST_MIGRATION_DELAY=60s")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	applying := make(chan bool, 1)
	var log bytes.Buffer
	go func() {
		scanner := bufio.NewScanner(stderr)
		for scanner.Scan() {
			log.WriteString(scanner.Text() + "\n")
			if strings.Contains(scanner.Text(), "applying migration") {
				applying <- true
				return
			}
		}
		applying <- false
	}()
	select {
	case ok := <-applying:
		if !ok {
			cmd.Wait()
			t.Fatalf("%v ended before applying a migration:\n%s", args, log.String())
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("%v did not start a migration:\n%s", args, log.String())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// TestFaultMigrateKilled kills `migrate up` (and, on SQLite, `serve`, which
// migrates) in the middle of a migration: the next start must succeed
// without anyone touching the database by hand.
func TestFaultMigrateKilled(t *testing.T) {
	eachDialect(t, func(t *testing.T, dialect store.Dialect) {
		env := freshDatabase(t, dialect)
		killDuringMigration(t, env, "migrate", "up")
		if dialect == store.SQLite {
			killDuringMigration(t, env, "serve", "--addr", "127.0.0.1:0")
		}
		out, err := command(t, env, "", "migrate", "up")
		if err != nil || !strings.Contains(out, "Applied") {
			t.Fatalf("migrate up after the killed one: %v\n%s", err, out)
		}
		if out, err := command(t, env, "", "migrate", "status"); err != nil || strings.Contains(out, "pending") {
			t.Fatalf("migrate status: %v\n%s", err, out)
		}
		s := serve(t, env)
		query(t, s.url, firstQuery)
		s.stop(t)
		if out, err := command(t, env, "", "audit", "verify"); err != nil || !strings.HasPrefix(out, "intact") {
			t.Fatalf("audit verify: %v\n%s", err, out)
		}
	})
}

// TestFaultConcurrentMigrate starts several `migrate up` at once on a fresh
// database, with migrations slow enough that they overlap: every one exits
// successfully, the ones that waited say so, and the schema is complete.
func TestFaultConcurrentMigrate(t *testing.T) {
	const runs = 5
	eachDialect(t, func(t *testing.T, dialect store.Dialect) {
		env := freshDatabase(t, dialect)
		slow := append(append([]string{}, env...), "TANGGAP_TEST_MIGRATION_DELAY=1s")
		if dialect == store.SQLite {
			// Only `migrate up` creates the file: the racers all may.
			if out, err := command(t, env, "", "migrate", "status"); err == nil {
				t.Fatalf("migrate status created a database:\n%s", out)
			}
		}
		outs := make([]string, runs)
		errs := make([]error, runs)
		var wg sync.WaitGroup
		for k := 0; k < runs; k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[k], errs[k] = command(t, slow, "", "migrate", "up")
			}()
		}
		wg.Wait()
		applied, waited := 0, 0
		appliedLine := regexp.MustCompile(`Applied (\d+) migration`)
		for k := range outs {
			if errs[k] != nil {
				t.Errorf("migrate up %d: %v\n%s", k, errs[k], outs[k])
				continue
			}
			if m := appliedLine.FindStringSubmatch(outs[k]); m != nil {
				var n int
				fmt.Sscan(m[1], &n)
				applied += n
			}
			if strings.Contains(outs[k], "waiting for another migration") {
				waited++
			}
		}
		if t.Failed() {
			t.FailNow()
		}
		out, err := command(t, env, "", "migrate", "status")
		if err != nil || strings.Contains(out, "pending") {
			t.Fatalf("migrate status: %v\n%s", err, out)
		}
		if want := strings.Count(out, "applied"); applied != want {
			t.Fatalf("%d migrations applied altogether, want each of %d once:\n%s", applied, want, strings.Join(outs, "\n---\n"))
		}
		if waited == 0 {
			t.Fatalf("no run reported waiting for another:\n%s", strings.Join(outs, "\n---\n"))
		}
		s := serve(t, env, "--demo")
		query(t, s.url, firstQuery)
		s.stop(t)
	})
}

// TestFaultMissingDatabase points commands at a SQLite file that does not
// exist: they must fail, say so, and leave no empty database behind, where
// before `audit verify` reported "intact, 0 entries".
func TestFaultMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "tangap.db")
	env := []string{"TANGGAP_DATABASE_URL=sqlite:" + typo, "TANGGAP_JWT_SECRET=" + secret}
	csv := filepath.Join(dir, "issues.csv")
	if err := os.WriteFile(csv, []byte("external_ref,title,summary,kind,logged_at\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"audit", "verify"},
		{"migrate", "status"},
		{"migrate", "down"},
		{"reindex"},
		{"import", csv},
		{"user", "deactivate", "--email", "a@b.go.id"},
		{"backup", filepath.Join(dir, "cadangan.db")},
	} {
		out, err := command(t, env, "", args...)
		if err == nil || !strings.Contains(out, "there is no database at "+typo) {
			t.Errorf("%v on a missing file: %v\n%s", args, err, out)
		}
		if _, err := os.Stat(typo); err == nil {
			t.Fatalf("%v created %s", args, typo)
		}
	}
	if out, err := command(t, env, "", "migrate", "up"); err != nil {
		t.Fatalf("migrate up creates the database: %v\n%s", err, out)
	}
	if out, err := command(t, env, "", "audit", "verify"); err != nil || !strings.HasPrefix(out, "intact, 0 entries") {
		t.Fatalf("audit verify on the new database: %v\n%s", err, out)
	}
}

// writer keeps submitting public questions to a server until stopped.
type writer struct {
	stop chan struct{}
	done chan struct{}
	once sync.Once
	ok   atomic.Int64
}

func startWriter(t *testing.T, baseURL string) *writer {
	w := &writer{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for k := 0; ; k++ {
			select {
			case <-w.stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			body, _ := json.Marshal(map[string]any{
				"query":     `mutation($input: SubmitQuestionInput!) { submitQuestion(input: $input) { trackingCode } }`,
				"variables": map[string]any{"input": map[string]any{"body": fmt.Sprintf("Pertanyaan warga nomor %d tentang jalan rusak.", k)}},
			})
			resp, err := http.Post(baseURL+"/graphql", "application/json", bytes.NewReader(body))
			if err != nil {
				continue
			}
			var out struct{ Errors []json.RawMessage }
			json.NewDecoder(resp.Body).Decode(&out) //nolint:errcheck // counted below
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && len(out.Errors) == 0 {
				w.ok.Add(1)
			}
		}
	}()
	return w
}

// waitWrites waits until the writer has made n more successful writes.
func (w *writer) waitWrites(t *testing.T, n int64) {
	t.Helper()
	target := w.ok.Load() + n
	deadline := time.Now().Add(60 * time.Second)
	for w.ok.Load() < target {
		if time.Now().After(deadline) {
			t.Fatalf("the writer made only %d writes", w.ok.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (w *writer) end() {
	w.once.Do(func() { close(w.stop) })
	<-w.done
}

var verified = regexp.MustCompile(`audit chain intact, (\d+) entries, head hash ([0-9a-f]{64})`)

// TestFaultBackupRestore backs up while a server writes, restores the
// backup into a new location, and checks the restored chain verifies with
// the head the backup reported.
func TestFaultBackupRestore(t *testing.T) {
	eachDialect(t, func(t *testing.T, dialect store.Dialect) {
		env := append(freshDatabase(t, dialect), "TANGGAP_QUESTIONS_PER_HOUR=100000")
		if dialect == store.Postgres {
			if out, err := command(t, env, "", "migrate", "up"); err != nil {
				t.Fatalf("migrate up: %v\n%s", err, out)
			}
		}
		s := serve(t, env, "--demo")
		w := startWriter(t, s.url)
		defer w.end()
		w.waitWrites(t, 20)

		backup := filepath.Join(t.TempDir(), "cadangan.db")
		out, err := command(t, env, "", "backup", backup)
		m := verified.FindStringSubmatch(out)
		if err != nil || m == nil {
			t.Fatalf("backup while serving: %v\n%s", err, out)
		}
		entries, head := m[1], m[2]
		w.waitWrites(t, 10)

		if dialect == store.SQLite {
			out, err := command(t, env, "", "restore", "--replace", backup)
			if err == nil || !strings.Contains(out, "in use") {
				t.Fatalf("restore over the database of a running server: %v\n%s", err, out)
			}
		}
		w.end()
		s.stop(t)

		restored := freshDatabase(t, dialect)
		if dialect == store.Postgres {
			// pg_restore needs an empty database; migrating it first must
			// be refused rather than mixed with the backup.
			if out, err := command(t, restored, "", "migrate", "up"); err != nil {
				t.Fatal(out)
			}
			if out, err := command(t, restored, "", "restore", backup); err == nil || !strings.Contains(out, "not empty") {
				t.Fatalf("restore into a database that has tables: %v\n%s", err, out)
			}
			restored = freshDatabase(t, dialect)
		}
		out, err = command(t, restored, "", "restore", backup)
		if m := verified.FindStringSubmatch(out); err != nil || m == nil || m[1] != entries || m[2] != head {
			t.Fatalf("restore: %v\n%s\nwant %s entries, head %s", err, out, entries, head)
		}
		out, err = command(t, restored, "", "audit", "verify")
		if want := fmt.Sprintf("intact, %s entries, head hash %s", entries, head); err != nil || !strings.HasPrefix(out, want) {
			t.Fatalf("audit verify of the restored database: %v\n%s\nwant %s", err, out, want)
		}
		again := serve(t, restored)
		query(t, again.url, firstQuery)
		again.stop(t)
	})
}
