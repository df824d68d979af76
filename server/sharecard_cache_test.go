package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// cardServer serves the demo data of a fresh SQLite database; its share
// cards keep at most entries cards and draw at most slots at once.
// responseCacheTTL is Config.ResponseCacheTTL (cmd/tanggap's default is 5 s).
func cardServer(tb testing.TB, entries, slots int, requestTimeout, responseCacheTTL time.Duration) (*Server, *httptest.Server) {
	tb.Helper()
	db := storetest.MustOpen(tb, store.SQLite)
	storetest.MustLoadDemo(tb, db, time.Now())
	tokens, err := auth.NewTokens([]byte("cards-test-secret-cards-test-secret!"), "tanggap", "tanggap-api", time.Hour)
	if err != nil {
		tb.Fatal(err)
	}
	cfg := StoreConfig(db)
	cfg.Tokens, cfg.RequestTimeout, cfg.ResponseCacheTTL = tokens, requestTimeout, responseCacheTTL
	s := New(cfg)
	// The route's handler, with the bounds under test.
	s.shareCards.cache.Resize(entries)
	s.shareCards.slots = semaphore.NewWeighted(int64(slots))
	srv := httptest.NewServer(s)
	tb.Cleanup(srv.Close)
	return s, srv
}

// publicIssueNumbers asks the public API for n answered issues.
func publicIssueNumbers(tb testing.TB, srv *httptest.Server, n int) []string {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": `query($n: Int!) { issues(first: $n, filter: {status: [ANSWERED, CLOSED]}) { edges { node { number } } } }`,
		"variables": map[string]any{"n": n}})
	res, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Data struct {
			Issues struct {
				Edges []struct{ Node struct{ Number string } }
			}
		}
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || len(out.Data.Issues.Edges) != n {
		tb.Fatalf("want %d public issues: %v %+v", n, err, out)
	}
	numbers := make([]string, n)
	for i, e := range out.Data.Issues.Edges {
		numbers[i] = e.Node.Number
	}
	return numbers
}

func cardStatus(tb testing.TB, srv *httptest.Server, number string) (int, http.Header, []byte) {
	tb.Helper()
	res, err := http.Get(srv.URL + "/isu/" + number + "/kartu.png")
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res.StatusCode, res.Header, body
}

// TestShareCardCache: a card is drawn once and then served from memory,
// also to many requests at once; the cache holds at most its bound of
// cards, and the least recently used one is drawn again when asked for.
func TestShareCardCache(t *testing.T) {
	s, srv := cardServer(t, 2, 1, 15*time.Second, 0)
	numbers := publicIssueNumbers(t, srv, 3)
	cards := s.shareCards

	var wg sync.WaitGroup
	statuses := make([]int, 8)
	bodies := make([][]byte, 8)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := http.Get(srv.URL + "/isu/" + numbers[0] + "/kartu.png")
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			statuses[i] = res.StatusCode
			bodies[i], _ = io.ReadAll(res.Body)
		}()
	}
	wg.Wait()
	for i := range statuses {
		if statuses[i] != http.StatusOK || !bytes.Equal(bodies[i], bodies[0]) || len(bodies[0]) == 0 {
			t.Fatalf("request %d: status %d, %d bytes", i, statuses[i], len(bodies[i]))
		}
	}
	if n := cards.rendered.Load(); n != 1 {
		t.Fatalf("8 requests for one card drew it %d times, want 1", n)
	}

	for _, number := range numbers[1:] {
		if status, _, _ := cardStatus(t, srv, number); status != http.StatusOK {
			t.Fatalf("%s: status %d", number, status)
		}
	}
	if n, l := cards.rendered.Load(), cards.cache.Len(); n != 3 || l != 2 {
		t.Fatalf("after 3 cards: %d drawn, %d kept; want 3 and 2", n, l)
	}
	// The newest card is still kept; the first one was dropped.
	cardStatus(t, srv, numbers[2])
	if n := cards.rendered.Load(); n != 3 {
		t.Errorf("a kept card was drawn again (%d drawn)", n)
	}
	if status, _, body := cardStatus(t, srv, numbers[0]); status != http.StatusOK || !bytes.Equal(body, bodies[0]) {
		t.Fatalf("the dropped card: status %d, same bytes %v", status, bytes.Equal(body, bodies[0]))
	}
	if n := cards.rendered.Load(); n != 4 {
		t.Errorf("the dropped card was not drawn again (%d drawn)", n)
	}
}

// TestShareCardBusy: while every drawing slot is taken, a card that is not
// in the cache waits until the request's time runs out and is refused with
// 503 and Retry-After; cached cards are still served, and once a slot is
// free the card is drawn.
func TestShareCardBusy(t *testing.T) {
	s, srv := cardServer(t, 8, 1, 2*time.Second, 0)
	numbers := publicIssueNumbers(t, srv, 2)
	if status, _, _ := cardStatus(t, srv, numbers[0]); status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	if err := s.shareCards.slots.Acquire(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	status, header, body := cardStatus(t, srv, numbers[1])
	var envelope struct {
		Errors []struct{ Extensions struct{ Code string } }
	}
	json.Unmarshal(body, &envelope) //nolint:errcheck // checked below
	if status != http.StatusServiceUnavailable || header.Get("Retry-After") == "" || header.Get("ETag") != "" ||
		len(envelope.Errors) != 1 || envelope.Errors[0].Extensions.Code != models.EUNAVAILABLE {
		t.Errorf("busy: status %d, headers %v, body %s", status, header, body)
	}
	if status, _, _ := cardStatus(t, srv, numbers[0]); status != http.StatusOK {
		t.Errorf("a cached card while busy: status %d", status)
	}
	s.shareCards.slots.Release(1)
	if status, _, _ := cardStatus(t, srv, numbers[1]); status != http.StatusOK {
		t.Errorf("after the slot is free: status %d", status)
	}
}

// BenchmarkShareCard measures one card request over HTTP: answered from
// the cache, answered 304 by ETag, and drawn anew (the cache emptied before
// every request). Each includes the anonymous API read of the issue, which
// the response cache answers with cmd/tanggap's default TTL of 5 s.
//
//	go test ./server -run XXX -bench ShareCard -benchmem
func BenchmarkShareCard(b *testing.B) {
	previous := slog.Default()
	slog.SetDefault(slog.New(slog.DiscardHandler))
	b.Cleanup(func() { slog.SetDefault(previous) })
	s, srv := cardServer(b, shareCardCacheEntries, shareCardRenderSlots, 15*time.Second, 5*time.Second)
	number := publicIssueNumbers(b, srv, 1)[0]
	path := srv.URL + "/isu/" + number + "/kartu.png"
	status, header, _ := cardStatus(b, srv, number)
	if status != http.StatusOK {
		b.Fatalf("status %d", status)
	}
	etag := header.Get("ETag")
	get := func(b *testing.B, ifNoneMatch string, want int) {
		req, _ := http.NewRequest(http.MethodGet, path, nil)
		if ifNoneMatch != "" {
			req.Header.Set("If-None-Match", ifNoneMatch)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body) //nolint:errcheck // drained for reuse
		res.Body.Close()
		if res.StatusCode != want {
			b.Fatalf("status %d, want %d", res.StatusCode, want)
		}
	}
	b.Run("Cached", func(b *testing.B) {
		for b.Loop() {
			get(b, "", http.StatusOK)
		}
	})
	b.Run("NotModified", func(b *testing.B) {
		for b.Loop() {
			get(b, etag, http.StatusNotModified)
		}
	})
	b.Run("Rendered", func(b *testing.B) {
		before := s.shareCards.rendered.Load()
		for b.Loop() {
			s.shareCards.cache.Purge()
			get(b, "", http.StatusOK)
		}
		if s.shareCards.rendered.Load() == before {
			b.Fatal("nothing was drawn")
		}
	})
}
