package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// server is one process under test, started and stopped by the harness.
type server struct {
	name string // "tanggap-pg", "tanggap-sqlite", "postgraphile", "floor"
	kind string // "tanggap", "postgraphile", "floor"
	url  string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
	log  *os.File
	done chan struct{}
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// start runs the command with its output in logPath and waits until ready
// answers true, for at most a minute.
func startServer(ctx context.Context, name, kind string, port int, cmd *exec.Cmd, logPath string, ready func(url string) bool) (*server, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	s := &server{name: name, kind: kind, url: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, log: f, done: make(chan struct{})}
	go func() {
		cmd.Wait()
		close(s.done)
	}()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return nil, fmt.Errorf("%s exited during start; see %s", name, logPath)
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		if ready(s.url) {
			return s, nil
		}
	}
	s.stop()
	return nil, fmt.Errorf("%s was not ready within a minute; see %s", name, logPath)
}

// stop ends the process by its PID: SIGTERM, then SIGKILL after 10 s.
func (s *server) stop() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	select {
	case <-s.done:
	default:
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
		}
	}
	s.log.Close()
}

func (s *server) pid() int { return s.cmd.Process.Pid }

// memory reads the resident set (VmRSS) and its peak (VmHWM) in KiB.
func (s *server) memory() (rss, hwm int64) {
	rss, hwm, _ = s.memoryDetail()
	return rss, hwm
}

// memoryDetail also reads RssAnon: the process's private memory, without
// the pages of files it maps (SQLite maps its database; those pages are the
// operating system's file cache, shared and reclaimable).
func (s *server) memoryDetail() (rss, hwm, anon int64) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", s.pid()))
	if err != nil {
		return 0, 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		field := func(prefix string) (int64, bool) {
			if !strings.HasPrefix(line, prefix) {
				return 0, false
			}
			v, _ := strconv.ParseInt(strings.Fields(strings.TrimPrefix(line, prefix))[0], 10, 64)
			return v, true
		}
		if v, ok := field("VmRSS:"); ok {
			rss = v
		}
		if v, ok := field("VmHWM:"); ok {
			hwm = v
		}
		if v, ok := field("RssAnon:"); ok {
			anon = v
		}
	}
	return rss, hwm, anon
}

// rssSampler records the highest VmRSS of a server while a workload runs.
type rssSampler struct {
	stop    chan struct{}
	wg      sync.WaitGroup
	max     int64
	maxAnon int64
}

func sampleRSS(s *server) *rssSampler {
	r := &rssSampler{stop: make(chan struct{})}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			rss, _, anon := s.memoryDetail()
			r.max, r.maxAnon = max(r.max, rss), max(r.maxAnon, anon)
			select {
			case <-r.stop:
				return
			case <-t.C:
			}
		}
	}()
	return r
}

func (r *rssSampler) finish() int64 {
	close(r.stop)
	r.wg.Wait()
	return r.max
}

// anon is the highest RssAnon sampled; valid after finish.
func (r *rssSampler) anon() int64 { return r.maxAnon }

func httpOK(method, url, body string) bool {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return false
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	client := &http.Client{Timeout: 2 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func randomSecret() string {
	b := make([]byte, 48)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// startTanggap serves a database with the built binary: default settings,
// a fresh signing key, and TANGGAP_TRUST_PROXY so that the load generator
// can spread its requests over many client addresses (in X-Forwarded-For)
// and stay under the per-address rate limit, as real readers would.
func (e *env) startTanggap(ctx context.Context, name, dbURL string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(filepath.Join(e.bin, "tanggap"), "serve", "--addr", fmt.Sprintf("127.0.0.1:%d", port))
	cmd.Env = append(os.Environ(), "TANGGAP_DATABASE_URL="+dbURL, "TANGGAP_JWT_SECRET="+randomSecret(), "TANGGAP_TRUST_PROXY=true")
	return startServer(ctx, name, "tanggap", port, cmd, filepath.Join(e.work, "run", name+".log"),
		func(url string) bool { return httpOK("GET", url+"/readyz", "") })
}

// startPostGraphile runs PostGraphile's own CLI with Node 22 (installed by
// bench/run.sh under bench/postgraphile) as the read-only role.
func (e *env) startPostGraphile(ctx context.Context, dbName string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	node, err := filepath.EvalSymlinks(filepath.Join(e.pglDir, "node_modules", ".bin", "node"))
	if err != nil {
		return nil, fmt.Errorf("node 22 is not installed under %s (run bench/run.sh): %w", e.pglDir, err)
	}
	cmd := exec.Command(node, filepath.Join("node_modules", "postgraphile", "dist", "cli-run.js"), "-C", "graphile.config.mjs")
	cmd.Dir = e.pglDir
	pglURL := strings.Replace(pgURL(e.pgAdmin, dbName), "postgres://postgres@", "postgres://tanggap_bench_pgl@", 1)
	cmd.Env = append(os.Environ(), "BENCH_PGL_URL="+pglURL, "BENCH_PGL_PORT="+strconv.Itoa(port),
		"NODE_ENV=production", "GRAPHILE_ENV=production")
	return startServer(ctx, "postgraphile", "postgraphile", port, cmd, filepath.Join(e.work, "run", "postgraphile.log"),
		func(url string) bool { return httpOK("POST", url+"/graphql", `{"query":"{ __typename }"}`) })
}

func (e *env) startFloor(ctx context.Context, dbURL string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(filepath.Join(e.bin, "floor"), "--addr", fmt.Sprintf("127.0.0.1:%d", port), "--database-url", dbURL)
	return startServer(ctx, "floor", "floor", port, cmd, filepath.Join(e.work, "run", "floor.log"),
		func(url string) bool { return httpOK("GET", url+"/healthz", "") })
}
