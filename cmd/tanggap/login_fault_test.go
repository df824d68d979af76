package main_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store"
)

// loginAnswer is what one login request got back.
type loginAnswer struct {
	status     int
	retryAfter string
	code       string
	message    string
	token      string
}

// clientFrom returns an HTTP client whose connections leave from the given
// loopback address, so the server sees each client at its own address
// without trusting any forwarding header.
func clientFrom(addr string) *http.Client {
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(addr)}, Timeout: 10 * time.Second}
	return &http.Client{
		Timeout:   60 * time.Second,
		Transport: &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: 64},
	}
}

// postLogin sends one login mutation.
func postLogin(client *http.Client, baseURL, email, password string) (loginAnswer, error) {
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }`,
		"variables": map[string]string{"e": email, "p": password},
	})
	resp, err := client.Post(baseURL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return loginAnswer{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return loginAnswer{}, err
	}
	var out struct {
		Data struct {
			Login struct{ Token string }
		}
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return loginAnswer{}, fmt.Errorf("decode %d %q: %w", resp.StatusCode, raw, err)
	}
	a := loginAnswer{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), token: out.Data.Login.Token}
	if len(out.Errors) > 0 {
		a.code, a.message = out.Errors[0].Extensions.Code, out.Errors[0].Message
	}
	return a, nil
}

// peakRSSKiB reads the peak resident set size of a process (VmHWM).
func peakRSSKiB(t *testing.T, pid int) int {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("read process status: %v", err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				t.Fatalf("parse %q: %v", line, err)
			}
			return kib
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}

// demoServer starts the binary in demo mode on a fresh data folder.
func demoServer(t *testing.T, extraEnv ...string) *serving {
	t.Helper()
	env := append([]string{"TANGGAP_DATA_DIR=" + t.TempDir(), "TANGGAP_DATABASE_URL=", "TANGGAP_JWT_SECRET=", "TANGGAP_LOG_LEVEL=warn"}, extraEnv...)
	return serve(t, env, "--demo")
}

// TestFaultLoginBurst fires 200 logins at once from 10 addresses, every one
// with a correct password so that every one costs a full Argon2id hash. Each
// must be answered (200, 429 or 503), and the server's peak memory must stay
// far below what 200 simultaneous hashes of 19 MiB would take.
func TestFaultLoginBurst(t *testing.T) {
	const logins, addresses, limitMiB = 200, 10, 300
	s := demoServer(t, "TANGGAP_PASSWORD_HASH_CONCURRENCY=4")
	staff := store.DemoStaff()
	baseline := peakRSSKiB(t, s.cmd.Process.Pid)

	clients := make([]*http.Client, addresses)
	for i := range clients {
		clients[i] = clientFrom(fmt.Sprintf("127.0.0.%d", i+2))
	}
	answers := make([]loginAnswer, logins)
	errs := make([]error, logins)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range logins {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			answers[i], errs[i] = postLogin(clients[i%addresses], s.url, staff[i%len(staff)].Email, store.DemoPassword)
		}()
	}
	start.Done()
	done.Wait()

	counts := map[int]int{}
	for i, a := range answers {
		if errs[i] != nil {
			t.Errorf("login %d got no answer: %v", i, errs[i])
			continue
		}
		counts[a.status]++
		switch a.status {
		case http.StatusOK:
			if a.token == "" {
				t.Errorf("login %d: 200 without a token (%s %s)", i, a.code, a.message)
			}
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			if n, err := strconv.Atoi(a.retryAfter); err != nil || n < 1 {
				t.Errorf("login %d: %d with Retry-After %q", i, a.status, a.retryAfter)
			}
		default:
			t.Errorf("login %d: status %d (%s: %s)", i, a.status, a.code, a.message)
		}
	}
	peak := peakRSSKiB(t, s.cmd.Process.Pid)
	t.Logf("answers by status: %v; peak RSS %d MiB (%d MiB before the burst)", counts, peak/1024, baseline/1024)
	if counts[http.StatusOK] == 0 {
		t.Error("no login of the burst succeeded")
	}
	if peak >= limitMiB*1024 {
		t.Errorf("peak RSS %d MiB during 200 concurrent logins; want < %d MiB", peak/1024, limitMiB)
	}
	s.stop(t)
}

// TestFaultLoginOfficeSuccesses signs in 25 times from one address within a
// few seconds, as an office behind one public address does in the morning:
// successful logins are never throttled.
func TestFaultLoginOfficeSuccesses(t *testing.T) {
	s := demoServer(t)
	staff := store.DemoStaff()
	client := clientFrom("127.0.0.1")
	for i := range 25 {
		email := staff[i%len(staff)].Email
		a, err := postLogin(client, s.url, email, store.DemoPassword)
		if err != nil {
			t.Fatal(err)
		}
		if a.status != http.StatusOK || a.token == "" {
			t.Fatalf("login %d (%s) from the office address: %d %s %q", i+1, email, a.status, a.code, a.message)
		}
	}
	s.stop(t)
}

// TestFaultLoginLockout has an attacker guess one account's password from
// one address. Ten wrong guesses are throttled; the account's owner, who
// has signed in from the office before, still gets in at once; a first
// sign-in from yet another address waits a couple of minutes at most.
func TestFaultLoginLockout(t *testing.T) {
	s := demoServer(t)
	victim := store.DemoStaff()[1].Email
	office, attacker, elsewhere := clientFrom("127.0.0.3"), clientFrom("127.0.0.2"), clientFrom("127.0.0.4")

	if a, err := postLogin(office, s.url, victim, store.DemoPassword); err != nil || a.status != http.StatusOK {
		t.Fatalf("first login from the office: %+v %v", a, err)
	}

	limited := 0
	for i := range 20 {
		a, err := postLogin(attacker, s.url, victim, fmt.Sprintf("tebakan-salah-%d", i))
		if err != nil {
			t.Fatal(err)
		}
		switch a.code {
		case "UNAUTHENTICATED":
		case "RATE_LIMITED":
			if i < 10 {
				limited++
			}
			seconds, err := strconv.Atoi(a.retryAfter)
			if a.status != http.StatusTooManyRequests || err != nil || seconds < 1 {
				t.Errorf("throttled guess %d: status %d, Retry-After %q", i+1, a.status, a.retryAfter)
			}
			if !strings.Contains(a.message, "Coba lagi dalam") {
				t.Errorf("throttled guess %d: message %q does not say when to try again", i+1, a.message)
			}
		default:
			t.Fatalf("guess %d: %d %s %q", i+1, a.status, a.code, a.message)
		}
	}
	if limited == 0 {
		t.Error("ten wrong passwords in a row on one account were not throttled")
	}

	a, err := postLogin(office, s.url, victim, store.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	if a.status != http.StatusOK || a.token == "" {
		t.Errorf("the account's owner at the office was locked out by the attacker: %d %s %q (Retry-After %s)",
			a.status, a.code, a.message, a.retryAfter)
	}

	a, err = postLogin(elsewhere, s.url, victim, store.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	if a.status != http.StatusOK {
		seconds, err := strconv.Atoi(a.retryAfter)
		if a.code != "RATE_LIMITED" || err != nil || seconds > 120 {
			t.Errorf("a first login from another address: %d %s, Retry-After %q; want success or a wait of 2 minutes at most",
				a.status, a.code, a.retryAfter)
		}
	}
	s.stop(t)
}
