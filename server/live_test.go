package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/live"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// liveAPI is a server answering on a real listener through Serve, so that
// its shutdown can be tested, with live updates wired as cmd/tanggap does.
type liveAPI struct {
	*testAPI
	broker *live.Broker
	url    string
	cancel context.CancelFunc
	served chan error
}

func newLiveAPI(t *testing.T, db *store.DB, configure func(*server.Config)) *liveAPI {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	broker := live.NewBroker()
	if err := db.StartLive(ctx, broker); err != nil {
		t.Fatal(err)
	}
	tokens, err := auth.NewTokens([]byte("test-secret-test-secret-test-secret!"), "tanggap", "tanggap-api", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.StoreConfig(db)
	cfg.Tokens, cfg.PublicURL, cfg.Live = tokens, testPublicURL, broker
	if configure != nil {
		configure(&cfg)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := &liveAPI{broker: broker, url: "http://" + ln.Addr().String(), cancel: cancel, served: make(chan error, 1)}
	a.testAPI = &testAPI{t: t, db: db, srv: &httptest.Server{URL: a.url}, tokens: tokens, statements: &statementCounter{}}
	go func() { a.served <- server.New(cfg).Serve(ctx, ln) }()
	t.Cleanup(func() { a.stop(); broker.Close() })
	return a
}

// stop ends Serve and returns its error.
func (a *liveAPI) stop() error {
	a.cancel()
	err, ok := <-a.served
	if ok {
		close(a.served)
	}
	return err
}

// waitSubscribers waits until n subscriptions listen: only then can they
// hear of a change. The test's deadline bounds the wait.
func (a *liveAPI) waitSubscribers(n int) {
	for a.broker.Subscribers() < n {
		time.Sleep(5 * time.Millisecond)
	}
}

// sseStream reads a text/event-stream response.
type sseStream struct {
	t    *testing.T
	resp *http.Response
	r    *bufio.Reader
}

// sseEvent is one event of a stream, or a comment (a heartbeat).
type sseEvent struct {
	Event, Data, Comment string
}

// openStream posts query with Accept: text/event-stream; token may be empty.
func openStream(t *testing.T, url, token, query string, vars map[string]any, header http.Header) *sseStream {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Accept", "text/event-stream")
	for k, v := range header {
		req.Header[k] = v
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	// DisableCompression: the transport would otherwise ask for gzip on
	// its own and hide what the server sent.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	s := &sseStream{t: t, resp: resp, r: bufio.NewReader(resp.Body)}
	t.Cleanup(func() { resp.Body.Close() })
	return s
}

// read returns the next event or comment block; io.EOF when the stream
// ended.
func (s *sseStream) read() (sseEvent, error) {
	var e sseEvent
	seen := false
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			if seen && errors.Is(err, io.EOF) {
				return e, nil
			}
			return e, err
		}
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "":
			if seen {
				return e, nil
			}
		case strings.HasPrefix(line, ":"):
			e.Comment, seen = strings.TrimSpace(strings.TrimPrefix(line, ":")), true
		default:
			field, value, _ := strings.Cut(line, ":")
			value = strings.TrimPrefix(value, " ")
			switch field {
			case "event":
				e.Event = value
			case "data":
				e.Data += value
			}
			seen = true
		}
	}
}

// next returns the data of the next "next" event, skipping heartbeats; it
// fails the test when the stream completes or ends first.
func (s *sseStream) next(v any) {
	s.t.Helper()
	for {
		e, err := s.read()
		if err != nil {
			s.t.Fatalf("stream ended: %v", err)
		}
		switch e.Event {
		case "":
			continue
		case "next":
			var resp struct {
				Data   json.RawMessage `json:"data"`
				Errors []gqlError      `json:"errors"`
			}
			if err := json.Unmarshal([]byte(e.Data), &resp); err != nil || len(resp.Errors) > 0 {
				s.t.Fatalf("event %s: %v", e.Data, err)
			}
			if err := json.Unmarshal(resp.Data, v); err != nil {
				s.t.Fatalf("decode %s: %v", resp.Data, err)
			}
			return
		default:
			s.t.Fatalf("unexpected event %q %s", e.Event, e.Data)
		}
	}
}

// untilComplete reads to the end of the stream and returns the "next"
// events it carried, failing unless it ends with "complete".
func (s *sseStream) untilComplete() []string {
	s.t.Helper()
	var data []string
	for {
		e, err := s.read()
		if err != nil {
			s.t.Fatalf("stream ended without complete: %v (after %q)", err, data)
		}
		switch e.Event {
		case "next":
			data = append(data, e.Data)
		case "complete":
			if _, err := s.read(); !errors.Is(err, io.EOF) {
				s.t.Fatalf("after complete: %v, want the end of the stream", err)
			}
			return data
		}
	}
}

type liveResponse struct {
	Body     string `json:"body"`
	Revision int    `json:"revision"`
	Issue    struct {
		Number string `json:"number"`
		Status string `json:"status"`
	} `json:"issue"`
	Agency struct {
		Slug string `json:"slug"`
	} `json:"agency"`
}

const responsePublishedQuery = `subscription($agency: String) { responsePublished(agencySlug: $agency) {
	body revision issue { number status } agency { slug } } }`

const issueUpdatedQuery = `subscription($number: String!) { issueUpdated(number: $number) { number title status internal } }`

type liveIssue struct {
	Number, Title, Status string
	Internal              bool
}

// TestLiveUpdates subscribes over real HTTP, publishes and corrects an
// answer through the API, and receives each change: through the response
// cache, compression and a request deadline shorter than the stream's life
// (logins need the deadline to be above a password hash's time).
func TestLiveUpdates(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newLiveAPI(t, db, func(c *server.Config) {
			c.ResponseCacheTTL = time.Minute
			c.RequestTimeout = 3 * time.Second
			c.LiveLimits.Heartbeat = 100 * time.Millisecond
		})
		st := mustStaff(t, api.testAPI)
		issue := st.mustInProgress(t, db, models.KindComplaint)
		other := st.mustNewIssue(t, db, models.KindComplaint)
		if _, err := db.AssignIssue(storetest.As(st.trc), models.Assignment{IssueNumber: other.Number, AgencySlug: agencyB, Priority: models.PriorityNormal}); err != nil {
			t.Fatal(err)
		}

		gzip := http.Header{"Accept-Encoding": {"gzip, br"}}
		ofA := openStream(t, api.url+"/graphql", "", responsePublishedQuery, map[string]any{"agency": agencyA}, gzip)
		ofB := openStream(t, api.url+"/graphql", "", responsePublishedQuery, map[string]any{"agency": agencyB}, nil)
		updates := openStream(t, api.url+"/graphql/stream", "", issueUpdatedQuery, map[string]any{"number": issue.Number}, gzip)
		for _, s := range []*sseStream{ofA, ofB, updates} {
			if s.resp.StatusCode != http.StatusOK || !strings.HasPrefix(s.resp.Header.Get("Content-Type"), "text/event-stream") ||
				s.resp.Header.Get("Content-Encoding") != "" {
				t.Fatalf("stream answered %d, %q, encoding %q", s.resp.StatusCode, s.resp.Header.Get("Content-Type"), s.resp.Header.Get("Content-Encoding"))
			}
		}
		api.waitSubscribers(3)
		// Heartbeats keep coming past the request deadline (3 s): the
		// stream is not cut by it.
		for pings := 0; pings < 35; {
			e, err := updates.read()
			if err != nil {
				t.Fatalf("stream ended while idle: %v", err)
			}
			if e.Comment == "ping" {
				pings++
			}
		}

		body := "Jawaban resmi atas keluhan " + issue.Number + " untuk uji pembaruan langsung."
		var published struct {
			PublishResponse struct {
				Response struct {
					ID string `json:"id"`
				} `json:"response"`
			} `json:"publishResponse"`
		}
		mutate(t, api.testAPI, st.tokenOf(st.picA), `mutation($n: String!, $b: String!) { publishResponse(input: {issueNumber: $n, body: $b}) { response { id } } }`,
			map[string]any{"n": issue.Number, "b": body}, "").decode(t, &published)

		var got struct {
			ResponsePublished liveResponse `json:"responsePublished"`
		}
		ofA.next(&got)
		if r := got.ResponsePublished; r.Body != body || r.Revision != 1 || r.Issue.Number != issue.Number || r.Issue.Status != "ANSWERED" || r.Agency.Slug != agencyA {
			t.Fatalf("responsePublished = %+v", r)
		}
		var updated struct {
			IssueUpdated liveIssue `json:"issueUpdated"`
		}
		updates.next(&updated)
		if u := updated.IssueUpdated; u.Number != issue.Number || u.Status != "ANSWERED" {
			t.Fatalf("issueUpdated = %+v", u)
		}

		corrected := "Jawaban resmi yang diralat atas keluhan " + issue.Number + "."
		mutate(t, api.testAPI, st.tokenOf(st.picA), `mutation($id: ID!, $b: String!) { reviseResponse(input: {responseId: $id, body: $b, reason: "Memperbaiki angka yang keliru."}) { response { id } } }`,
			map[string]any{"id": published.PublishResponse.Response.ID, "b": corrected}, "")
		ofA.next(&got)
		if r := got.ResponsePublished; r.Body != corrected || r.Revision != 2 || r.Issue.Number != issue.Number {
			t.Fatalf("after the correction, responsePublished = %+v", r)
		}
		updates.next(&updated)
		if updated.IssueUpdated.Number != issue.Number {
			t.Fatalf("after the correction, issueUpdated = %+v", updated.IssueUpdated)
		}

		// The stream of agency B heard nothing of agency A: its first
		// event is B's own answer.
		if _, err := db.PublishResponse(storetest.As(st.picB), models.ResponseDraftInput{
			IssueNumber: other.Number, Body: "Jawaban resmi dinas sosial atas keluhan " + other.Number + ".",
		}); err != nil {
			t.Fatal(err)
		}
		ofB.next(&got)
		if r := got.ResponsePublished; r.Issue.Number != other.Number || r.Agency.Slug != agencyB {
			t.Fatalf("agency B's stream got %+v, want the answer to %s", r, other.Number)
		}
	})
}

// TestLiveInternalIssue checks that updates are read with the caller's
// rights: an internal issue's changes reach staff, and anonymous callers
// hear nothing of it.
func TestLiveInternalIssue(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newLiveAPI(t, db, nil)
		st := mustStaff(t, api.testAPI)
		hidden := st.mustInProgress(t, db, models.KindComplaint)
		if _, err := db.SetInternal(storetest.As(st.trc), hidden.Number, true, "Masih diverifikasi bersama kepolisian."); err != nil {
			t.Fatal(err)
		}
		public := st.mustInProgress(t, db, models.KindComplaint)

		anonIssue := openStream(t, api.url+"/graphql", "", issueUpdatedQuery, map[string]any{"number": hidden.Number}, nil)
		anonResponses := openStream(t, api.url+"/graphql", "", responsePublishedQuery, nil, nil)
		staffIssue := openStream(t, api.url+"/graphql", st.tokenOf(st.trc), issueUpdatedQuery, map[string]any{"number": hidden.Number}, nil)
		api.waitSubscribers(3)

		title := "Judul baru isu internal " + hidden.Number
		if _, err := db.UpdateIssue(storetest.As(st.trc), hidden.Number, models.IssueUpdate{Title: &title}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.PublishResponse(storetest.As(st.picA), models.ResponseDraftInput{
			IssueNumber: hidden.Number, Body: "Jawaban resmi atas isu internal " + hidden.Number + ".",
		}); err != nil {
			t.Fatal(err)
		}
		var updated struct {
			IssueUpdated liveIssue `json:"issueUpdated"`
		}
		// On PostgreSQL the notification of the SetInternal step above may
		// reach the listener after the streams opened: its event carries
		// the state of its moment, before the new title. Skip at most it.
		for range 2 {
			staffIssue.next(&updated)
			if updated.IssueUpdated.Title == title {
				break
			}
		}
		if u := updated.IssueUpdated; u.Title != title || !u.Internal {
			t.Fatalf("staff got %+v, want the internal issue with its new title", u)
		}
		for range 2 {
			staffIssue.next(&updated)
			if updated.IssueUpdated.Status == "ANSWERED" {
				break
			}
		}
		if u := updated.IssueUpdated; u.Status != "ANSWERED" {
			t.Fatalf("staff got %+v, want the answered issue", u)
		}

		// The anonymous stream of all responses skips the internal
		// issue's answer: its first event is the public issue's.
		if _, err := db.PublishResponse(storetest.As(st.picA), models.ResponseDraftInput{
			IssueNumber: public.Number, Body: "Jawaban resmi atas isu publik " + public.Number + ".",
		}); err != nil {
			t.Fatal(err)
		}
		var got struct {
			ResponsePublished liveResponse `json:"responsePublished"`
		}
		anonResponses.next(&got)
		if got.ResponsePublished.Issue.Number != public.Number {
			t.Fatalf("anonymous responsePublished = %+v, want the public issue %s", got.ResponsePublished, public.Number)
		}

		// At shutdown the anonymous stream of the internal issue ends with
		// nothing sent.
		if err := api.stop(); err != nil {
			t.Fatal(err)
		}
		if data := anonIssue.untilComplete(); len(data) != 0 {
			t.Fatalf("anonymous issueUpdated of an internal issue sent %q", data)
		}
	})
}

// TestLiveLimits refuses a stream beyond the per-address cap with 429 and
// counts the open streams in /metrics.
func TestLiveLimits(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newLiveAPI(t, db, func(c *server.Config) { c.LiveLimits.MaxPerAddress = 2 })
		storetest.MustAgency(t, db, agencyA, "Dinas Kesehatan")
		for range 2 {
			if s := openStream(t, api.url+"/graphql", "", responsePublishedQuery, nil, nil); s.resp.StatusCode != http.StatusOK {
				t.Fatalf("stream answered %d", s.resp.StatusCode)
			}
		}
		api.waitSubscribers(2)
		refused := openStream(t, api.url+"/graphql/stream", "", responsePublishedQuery, nil, nil)
		raw, _ := io.ReadAll(refused.resp.Body)
		var envelope struct {
			Errors []gqlError `json:"errors"`
		}
		json.Unmarshal(raw, &envelope) //nolint:errcheck // checked below
		if refused.resp.StatusCode != http.StatusTooManyRequests || refused.resp.Header.Get("Retry-After") == "" ||
			len(envelope.Errors) != 1 || envelope.Errors[0].Extensions["code"] != models.ERATELIMITED ||
			!strings.Contains(envelope.Errors[0].Message, "paling banyak 2") {
			t.Fatalf("third stream: %d %s", refused.resp.StatusCode, raw)
		}
		resp, err := http.Get(api.url + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		metrics, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, want := range []string{"tanggap_live_streams_open 2", "tanggap_live_subscriptions 2", `tanggap_live_streams_refused_total{reason="per_address"} 1`} {
			if !bytes.Contains(metrics, []byte(want)) {
				t.Errorf("/metrics lacks %q", want)
			}
		}
	})
}

// TestLiveShutdown ends open streams with "complete" when the server's
// context ends, and Serve returns.
func TestLiveShutdown(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newLiveAPI(t, db, nil)
		storetest.MustAgency(t, db, agencyA, "Dinas Kesehatan")
		streams := []*sseStream{
			openStream(t, api.url+"/graphql", "", responsePublishedQuery, nil, nil),
			openStream(t, api.url+"/graphql/stream", "", issueUpdatedQuery, map[string]any{"number": "KTB-2026-000001"}, nil),
		}
		api.waitSubscribers(2)
		// A subscription refused by its resolver (an unknown agency) is
		// a GraphQL error on the stream, which then completes.
		bad := openStream(t, api.url+"/graphql", "", responsePublishedQuery, map[string]any{"agency": "tidak-ada"}, nil)
		if data := bad.untilComplete(); len(data) != 1 || !strings.Contains(data[0], `"code":"NOT_FOUND"`) {
			t.Fatalf("unknown agency: %q", data)
		}
		if err := api.stop(); err != nil {
			t.Fatalf("Serve: %v", err)
		}
		for _, s := range streams {
			if data := s.untilComplete(); len(data) != 0 {
				t.Fatalf("sent %q before completing", data)
			}
		}
	})
}

// TestLiveAcrossProcesses runs two servers, each with its own store and
// broker, on one PostgreSQL database: an answer published through one
// reaches a subscriber of the other by NOTIFY.
func TestLiveAcrossProcesses(t *testing.T) {
	var postgres bool
	for _, d := range storetest.Dialects(t) {
		postgres = postgres || d == store.Postgres
	}
	if !postgres {
		t.Skip("needs PostgreSQL (" + storetest.PostgresURLEnv + ")")
	}
	url := storetest.NewPostgresURL(t)
	open := func() *store.DB {
		db, err := store.Open(url, store.Options{Hasher: auth.Argon2id{}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return db
	}
	dbA, dbB := open(), open()
	apiA, apiB := newLiveAPI(t, dbA, nil), newLiveAPI(t, dbB, nil)
	st := mustStaff(t, apiB.testAPI)
	issue := st.mustInProgress(t, dbB, models.KindComplaint)

	stream := openStream(t, apiA.url+"/graphql", "", responsePublishedQuery, map[string]any{"agency": agencyA}, nil)
	apiA.waitSubscribers(1)
	body := "Jawaban resmi lewat proses kedua atas " + issue.Number + "."
	mutate(t, apiB.testAPI, st.tokenOf(st.picA), `mutation($n: String!, $b: String!) { publishResponse(input: {issueNumber: $n, body: $b}) { response { id } } }`,
		map[string]any{"n": issue.Number, "b": body}, "")
	var got struct {
		ResponsePublished liveResponse `json:"responsePublished"`
	}
	stream.next(&got)
	if r := got.ResponsePublished; r.Body != body || r.Issue.Number != issue.Number {
		t.Fatalf("responsePublished on A = %+v", r)
	}
}
