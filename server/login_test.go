package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// testClock is a clock tests move by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// withThrottle gives the API a login throttle with default settings whose
// clock the test moves.
func withThrottle(t testing.TB, clock *testClock) apiOption {
	throttle, err := auth.NewLoginThrottle(auth.DefaultLoginThrottleConfig())
	if err != nil {
		t.Fatal(err)
	}
	throttle.SetClock(clock.Now)
	return func(_ *graph.Limits, c *server.Config) { c.LoginThrottle = throttle }
}

// postFrom sends one operation from the given loopback address, with an
// optional bearer token and User-Agent.
func postFrom(t *testing.T, api *testAPI, addr, token, userAgent, query string, vars map[string]any) *gqlResponse {
	t.Helper()
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(addr)}}
	client := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
	defer client.CloseIdleConnections()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, api.srv.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if userAgent != "" {
		req.Header.Set("User-Agent", userAgent)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := &gqlResponse{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("decode %d %q: %v", resp.StatusCode, raw, err)
	}
	return out
}

// loginFrom signs in from addr and returns the response.
func loginFrom(t *testing.T, api *testAPI, addr, email, password string) *gqlResponse {
	t.Helper()
	return postFrom(t, api, addr, "", "", loginMutation, loginVars(email, password))
}

// wantThrottled asserts a 429 RATE_LIMITED whose Retry-After is seconds
// and whose message says the same wait in words.
func wantThrottled(t *testing.T, r *gqlResponse, seconds int, words string) {
	t.Helper()
	wantRateLimited(t, r)
	if got := r.Header.Get("Retry-After"); got != strconv.Itoa(seconds) {
		t.Errorf("Retry-After %q, want %d", got, seconds)
	}
	if len(r.Errors) > 0 && !strings.Contains(r.Errors[0].Message, "Coba lagi dalam "+words+".") {
		t.Errorf("message %q does not say %q", r.Errors[0].Message, words)
	}
}

// TestFaultLoginThrottle checks the waits failed logins impose, on a clock
// the test moves: five free failures, then waits that double; the real wait
// in Retry-After and in words; the account's owner never locked out for
// long by failures from elsewhere, and not at all where they signed in
// before.
func TestFaultLoginThrottle(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		clock := &testClock{now: time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)}
		api := newTestAPI(t, db, withThrottle(t, clock))
		victim := storetest.MustUser(t, db, "korban@kotabaru.test", models.RoleTRC, "")
		const office, attacker, home, elsewhere = "127.0.0.3", "127.0.0.2", "127.0.0.4", "127.0.0.5"

		t.Run("successes are never counted", func(t *testing.T) {
			for i := range 25 {
				if r := loginFrom(t, api, office, victim.Email, storetest.Password); r.code() != "" {
					t.Fatalf("login %d from the office: %s", i+1, r.Raw)
				}
			}
		})

		t.Run("failures slow the guesser down", func(t *testing.T) {
			for i := range 5 {
				if r := loginFrom(t, api, attacker, victim.Email, "tebakan-salah-"+strconv.Itoa(i)); r.code() != models.EUNAUTHENTICATED {
					t.Fatalf("guess %d: %s", i+1, r.Raw)
				}
			}
			entries, _ := auditCount(t, db)
			// Even the right password waits: the check is not made at all.
			wantThrottled(t, loginFrom(t, api, attacker, victim.Email, storetest.Password), 30, "30 detik")
			clock.Advance(20 * time.Second)
			wantThrottled(t, loginFrom(t, api, attacker, victim.Email, "tebakan-salah-x"), 10, "10 detik")
			for _, want := range []struct {
				seconds int
				words   string
			}{{60, "1 menit"}, {120, "2 menit"}, {240, "4 menit"}, {480, "8 menit"}} {
				clock.Advance(time.Hour)
				if r := loginFrom(t, api, attacker, victim.Email, "tebakan-salah-y"); r.code() != models.EUNAUTHENTICATED {
					t.Fatalf("a guess after the wait: %s", r.Raw)
				}
				wantThrottled(t, loginFrom(t, api, attacker, victim.Email, "tebakan-salah-z"), want.seconds, want.words)
			}
			if after, _ := auditCount(t, db); after != entries {
				t.Errorf("throttled attempts wrote %d audit entries", after-entries)
			}
		})

		t.Run("the owner where they signed in before gets in at once", func(t *testing.T) {
			if r := loginFrom(t, api, office, victim.Email, storetest.Password); r.code() != "" {
				t.Fatalf("the owner at the office: %s", r.Raw)
			}
		})

		t.Run("the owner at a new address waits two minutes at most", func(t *testing.T) {
			// The attacker is allowed another guess an hour later and uses it.
			clock.Advance(time.Hour)
			if r := loginFrom(t, api, attacker, victim.Email, "tebakan-salah-lagi"); r.code() != models.EUNAUTHENTICATED {
				t.Fatalf("guess: %s", r.Raw)
			}
			r := loginFrom(t, api, home, victim.Email, storetest.Password)
			if r.code() == models.ERATELIMITED {
				wait, err := strconv.Atoi(r.Header.Get("Retry-After"))
				if err != nil || wait > 120 {
					t.Fatalf("the owner at a new address must wait %q s; want 2 minutes at most", r.Header.Get("Retry-After"))
				}
				clock.Advance(time.Duration(wait) * time.Second)
				r = loginFrom(t, api, home, victim.Email, storetest.Password)
			}
			if r.code() != "" {
				t.Fatalf("the owner at a new address after the wait: %s", r.Raw)
			}
			// The owner's success does not clear the guesser's own record.
			if r := loginFrom(t, api, attacker, victim.Email, "tebakan-salah-lagi"); r.code() != models.ERATELIMITED {
				t.Errorf("the guesser after the owner's login: %s", r.Raw)
			}
		})

		t.Run("one address guessing many accounts", func(t *testing.T) {
			clock.Advance(25 * time.Hour)
			for i := range 20 {
				email := fmt.Sprintf("tidak.ada.%d@kotabaru.test", i)
				if r := loginFrom(t, api, elsewhere, email, "tebakan-salah"); r.code() != models.EUNAUTHENTICATED {
					t.Fatalf("guess %d: %s", i+1, r.Raw)
				}
			}
			wantThrottled(t, loginFrom(t, api, elsewhere, victim.Email, storetest.Password), 30, "30 detik")
		})

		t.Run("aliases count one attempt each", func(t *testing.T) {
			clock.Advance(25 * time.Hour)
			entries, _ := auditCount(t, db)
			r := postFrom(t, api, attacker, "", "", aliasedLogins(12), map[string]any{"e": victim.Email, "p": "tebakan-salah"})
			checked := 0
			for _, e := range r.Errors {
				if e.Extensions["code"] == models.EUNAUTHENTICATED {
					checked++
				}
			}
			if checked != 5 {
				t.Errorf("%d of 12 aliased guesses were checked; want the 5 free ones: %s", checked, r.Raw)
			}
			if r.Status != http.StatusTooManyRequests {
				t.Errorf("status %d, want 429", r.Status)
			}
			if after, _ := auditCount(t, db); after != entries {
				t.Errorf("wrong guesses wrote %d audit entries", after-entries)
			}
		})
	})
}

// TestFaultLoginBusy fills the password-hashing gate: a login that finds no
// free slot within the queue timeout answers 503 UNAVAILABLE with
// Retry-After, and counts as no failure.
func TestFaultLoginBusy(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		gate := auth.NewHashGate(1, 50*time.Millisecond)
		hasher, err := auth.NewArgon2id(auth.Argon2idConfig{Gate: gate})
		if err != nil {
			t.Fatal(err)
		}
		u := storetest.MustUser(t, db, "sibuk@kotabaru.test", models.RoleTRC, "")
		db.Hasher = hasher
		clock := &testClock{now: time.Now()}
		api := newTestAPI(t, db, withThrottle(t, clock))

		release, held := make(chan struct{}), make(chan struct{})
		go gate.Do(context.Background(), func() { close(held); <-release }) //nolint:errcheck
		<-held
		for range 6 {
			r := loginFrom(t, api, "127.0.0.6", u.Email, storetest.Password)
			if r.Status != http.StatusServiceUnavailable || r.code() != models.EUNAVAILABLE {
				t.Fatalf("login while hashing is busy: %d %s, want 503 UNAVAILABLE", r.Status, r.Raw)
			}
			if seconds, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || seconds < 1 {
				t.Fatalf("Retry-After %q", r.Header.Get("Retry-After"))
			}
			if !strings.Contains(r.Errors[0].Message, "sibuk") {
				t.Errorf("message %q", r.Errors[0].Message)
			}
		}
		close(release)
		if r := loginFrom(t, api, "127.0.0.6", u.Email, storetest.Password); r.code() != "" {
			t.Fatalf("login once hashing is free again (busy answers must not count as failures): %s", r.Raw)
		}
	})
}
