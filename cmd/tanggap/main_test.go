package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

var binary string

// TestMain builds the real binary once; the tests run it as a newcomer would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tanggap-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "tanggap")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		panic("build tanggap: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const secret = "integration-secret-integration-secret"

// command runs the binary to completion with the given environment.
func command(t *testing.T, env []string, stdin string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// serving is a running `tanggap serve`.
type serving struct {
	cmd    *exec.Cmd
	url    string
	stdout *bytes.Buffer
	stderr *bytes.Buffer
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// serve starts the binary on a free loopback port and waits until it says
// where it listens.
func serve(t *testing.T, env []string, args ...string) *serving {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &serving{cmd: cmd, stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	found := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			line := scanner.Text()
			s.stdout.WriteString(line + "\n")
			if m := listening.FindStringSubmatch(line); m != nil {
				found <- m[1]
			}
		}
		close(found)
	}()
	select {
	case url, ok := <-found:
		if !ok {
			cmd.Wait()
			t.Fatalf("serve exited before listening:\n%s\n%s", s.stdout, s.stderr)
		}
		s.url = url
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start:\n%s\n%s", s.stdout, s.stderr)
	}
	return s
}

// stop sends SIGTERM and expects a clean, graceful exit.
func (s *serving) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited with %v:\n%s", err, s.stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after SIGTERM")
	}
}

const firstQuery = `{ issues(first: 20) { totalCount edges { node { number title status agency { name } responses { bodyHTML } } } } }`

type issuesPage struct {
	Data struct {
		Issues struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Number, Title, Status string
					Agency                *struct{ Name string }
					Responses             []struct{ BodyHTML string }
				}
			}
		}
	}
	Errors []json.RawMessage
}

func query(t *testing.T, baseURL, q string) issuesPage {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": q})
	resp, err := http.Post(baseURL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var page issuesPage
	if err := json.Unmarshal(raw, &page); err != nil || len(page.Errors) > 0 || resp.StatusCode != http.StatusOK {
		t.Fatalf("query failed (%d): %s", resp.StatusCode, raw)
	}
	return page
}

// TestServeDemoOnSQLite is the README's run command on a fresh data folder:
// no other service, demo data loaded, the first query answered.
func TestServeDemoOnSQLite(t *testing.T) {
	dir := t.TempDir()
	env := []string{"TANGGAP_DATA_DIR=" + dir, "TANGGAP_DATABASE_URL=", "TANGGAP_JWT_SECRET="}
	s := serve(t, env, "--demo")
	if !strings.Contains(s.stdout.String(), "admin@demo.tanggap.id") {
		t.Errorf("demo logins not printed:\n%s", s.stdout)
	}
	page := query(t, s.url, firstQuery)
	if page.Data.Issues.TotalCount < 40 || len(page.Data.Issues.Edges) != 20 {
		t.Fatalf("want demo issues, got %+v", page.Data.Issues)
	}
	token := demoLogin(t, s.url)
	withAnswer := 0
	for _, e := range page.Data.Issues.Edges {
		if len(e.Node.Responses) > 0 && strings.Contains(e.Node.Responses[0].BodyHTML, "<") {
			withAnswer++
		}
	}
	if withAnswer == 0 {
		t.Error("no issue on the first page carries an HTML response")
	}
	for _, path := range []string{"/healthz", "/readyz", "/"} {
		resp, err := http.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
	}
	s.stop(t)
	if _, err := os.Stat(filepath.Join(dir, "tanggap.db")); err != nil {
		t.Errorf("the SQLite file is not in the data folder: %v", err)
	}
	if !strings.Contains(s.stderr.String(), `"msg":"request"`) || !strings.Contains(s.stderr.String(), `"request_id"`) {
		t.Errorf("no structured request log with request ids:\n%s", s.stderr)
	}

	// A second start keeps the data and does not load it twice.
	again := serve(t, env, "--demo")
	if !strings.Contains(again.stdout.String(), "already has data") {
		t.Errorf("second demo start should keep the data:\n%s", again.stdout)
	}
	if n := query(t, again.url, firstQuery).Data.Issues.TotalCount; n != page.Data.Issues.TotalCount {
		t.Errorf("issue count changed across restarts: %d then %d", page.Data.Issues.TotalCount, n)
	}
	// The signing key stayed in the data folder, readable by its owner
	// only, so the token of the first run still works.
	if info, err := os.Stat(filepath.Join(dir, "demo-signing-key")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("demo signing key: %v, %v; want a file with mode 0600", info, err)
	}
	if me := demoMe(t, again.url, token); me != "admin@demo.tanggap.id" {
		t.Errorf("after a restart the demo token reads me as %q; want the admin still signed in", me)
	}
	again.stop(t)

	out, err := command(t, env, "", "audit", "verify")
	if err != nil || !regexp.MustCompile(`^intact, \d+ entries, head hash [0-9a-f]{64}`).MatchString(out) {
		t.Errorf("audit verify: %v\n%s", err, out)
	}
}

// demoLogin signs in as the demo admin and returns the bearer token.
func demoLogin(t *testing.T, baseURL string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($in: LoginInput!) { login(input: $in) { token } }`,
		"variables": map[string]any{"in": map[string]string{"email": "admin@demo.tanggap.id", "password": store.DemoPassword}},
	})
	resp, err := http.Post(baseURL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data struct{ Login struct{ Token string } }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Data.Login.Token == "" {
		t.Fatalf("demo login failed: %v", err)
	}
	return out.Data.Login.Token
}

// demoMe returns the e-mail `me` answers for a token, or the error code.
func demoMe(t *testing.T, baseURL, token string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, baseURL+"/graphql", strings.NewReader(`{"query":"{ me { email } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data   struct{ Me *struct{ Email string } }
		Errors []struct{ Extensions struct{ Code string } }
	}
	json.NewDecoder(resp.Body).Decode(&out) //nolint:errcheck // an empty answer fails below
	if len(out.Errors) > 0 {
		return out.Errors[0].Extensions.Code
	}
	if out.Data.Me == nil {
		return ""
	}
	return out.Data.Me.Email
}

// TestServeRefusesWithoutSecret checks that only demo mode may run without
// a signing key.
func TestServeRefusesWithoutSecret(t *testing.T) {
	out, err := command(t, []string{"TANGGAP_DATA_DIR=" + t.TempDir(), "TANGGAP_JWT_SECRET=", "TANGGAP_DATABASE_URL="}, "", "serve", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(out, "TANGGAP_JWT_SECRET") {
		t.Fatalf("serve without a secret should refuse, got %v:\n%s", err, out)
	}
	out, err = command(t, []string{"TANGGAP_DATA_DIR=" + t.TempDir(), "TANGGAP_JWT_SECRET=short", "TANGGAP_DATABASE_URL="}, "", "serve", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(out, "32") {
		t.Fatalf("serve with a short secret should refuse, got %v:\n%s", err, out)
	}
}

// TestPostgresMigrateThenServe runs the same binary on PostgreSQL: serve
// refuses a stale schema and names the fix; after migrate up and seed it
// serves the same demo data the same way.
func TestPostgresMigrateThenServe(t *testing.T) {
	if !contains(storetest.Dialects(t), store.Postgres) {
		t.Skip("PostgreSQL not configured: set " + storetest.PostgresURLEnv) // CI fails in Dialects instead
	}
	env := []string{"TANGGAP_DATABASE_URL=" + storetest.NewPostgresURL(t), "TANGGAP_JWT_SECRET=" + secret}

	out, err := command(t, env, "", "serve", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(out, "tanggap migrate up") {
		t.Fatalf("serve on a stale PostgreSQL schema should refuse and name the fix, got %v:\n%s", err, out)
	}
	if out, err = command(t, env, "", "migrate", "up"); err != nil || !strings.Contains(out, "Applied") {
		t.Fatalf("migrate up: %v\n%s", err, out)
	}
	if out, err = command(t, env, "", "migrate", "status"); err != nil || strings.Contains(out, "pending") {
		t.Fatalf("migrate status after up: %v\n%s", err, out)
	}
	if out, err = command(t, env, "", "seed"); err != nil || !strings.Contains(out, "Loaded demo data") {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	if out, err = command(t, env, "", "seed"); err == nil {
		t.Fatalf("a second seed should refuse a database with data:\n%s", out)
	}
	if out, err = command(t, env, "kata-sandi-admin-1\n", "user", "add", "--email", "admin@kotabarukab.go.id", "--name", "Admin Satu", "--role", "admin"); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	if out, err = command(t, env, "", "user", "add", "--email", "x@kotabarukab.go.id", "--name", "X", "--role", "TRC"); err == nil {
		t.Fatalf("user add without a password on stdin should fail:\n%s", out)
	}

	s := serve(t, env)
	page := query(t, s.url, firstQuery)
	if page.Data.Issues.TotalCount < 40 || len(page.Data.Issues.Edges) != 20 {
		t.Fatalf("want demo issues on PostgreSQL, got %+v", page.Data.Issues)
	}
	s.stop(t)

	if out, err = command(t, env, "", "audit", "verify"); err != nil || !strings.HasPrefix(out, "intact") {
		t.Fatalf("audit verify: %v\n%s", err, out)
	}
	if out, err = command(t, env, "", "migrate", "down"); err != nil || !strings.Contains(out, "Rolled back") {
		t.Fatalf("migrate down: %v\n%s", err, out)
	}
}

func contains[T comparable](all []T, v T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}
