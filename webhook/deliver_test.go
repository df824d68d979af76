package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/webhook"
)

// received is one request as the loopback receiver saw it.
type received struct {
	header http.Header
	body   []byte
}

// receiver is a real HTTP server on loopback that records every request and
// answers with the handler's status and body.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	requests []received
}

func newReceiver(t *testing.T, answer func(n int, w http.ResponseWriter, r *http.Request)) *receiver {
	t.Helper()
	rc := &receiver{}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.requests = append(rc.requests, received{r.Header.Clone(), body})
		n := len(rc.requests)
		rc.mu.Unlock()
		answer(n, w, r)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) got() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.requests...)
}

func status(code int, body string) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

func testEvent() webhook.Event {
	return webhook.Event{
		ID:        "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
		Type:      "response.published",
		Timestamp: time.Date(2026, 11, 29, 9, 30, 0, 0, time.UTC),
		Data:      map[string]any{"issueNumber": "KTB-2026-000123", "verdict": "FALSE", "agency": "diskominfo"},
	}
}

func TestDeliverOK(t *testing.T) {
	rc := newReceiver(t, status(http.StatusAccepted, "terima kasih"))
	secret, _ := webhook.NewSecret()
	client := webhook.NewClient(webhook.Options{AllowPrivate: true, UserAgent: "Tanggap-Webhooks/1.0 (+https://tanggap.example)"})
	res, err := client.Deliver(context.Background(), webhook.Endpoint{URL: rc.URL + "/hook", Secret: secret}, testEvent())
	if err != nil {
		t.Fatalf("Deliver: %v (%+v)", err, res)
	}
	if res.Outcome != webhook.Delivered || res.StatusCode != http.StatusAccepted || res.Excerpt != "terima kasih" {
		t.Fatalf("result %+v, want delivered 202 'terima kasih'", res)
	}
	reqs := rc.got()
	if len(reqs) != 1 {
		t.Fatalf("receiver got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if err := specVerify(t, secret, r.header, r.body); err != nil {
		t.Fatalf("signature does not verify by the specification: %v", err)
	}
	if err := webhook.Verify(secret, r.header, r.body, time.Now()); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if got := r.header.Get("webhook-id"); got != testEvent().ID {
		t.Errorf("webhook-id = %q", got)
	}
	if stamp, err := strconv.ParseInt(r.header.Get("webhook-timestamp"), 10, 64); err != nil || stamp != res.AttemptAt.Unix() {
		t.Errorf("webhook-timestamp = %q, want the attempt time %d", r.header.Get("webhook-timestamp"), res.AttemptAt.Unix())
	}
	if ua := r.header.Get("User-Agent"); ua != "Tanggap-Webhooks/1.0 (+https://tanggap.example)" {
		t.Errorf("User-Agent = %q", ua)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	var payload struct {
		Type      string         `json:"type"`
		Timestamp string         `json:"timestamp"`
		Data      map[string]any `json:"data"`
	}
	if err := json.Unmarshal(r.body, &payload); err != nil {
		t.Fatalf("body %s: %v", r.body, err)
	}
	if payload.Type != "response.published" || payload.Timestamp != "2026-11-29T09:30:00Z" || payload.Data["issueNumber"] != "KTB-2026-000123" {
		t.Errorf("payload %+v", payload)
	}
}

// TestDeliverDuringRotation: both the new and the previous secret verify.
func TestDeliverDuringRotation(t *testing.T) {
	rc := newReceiver(t, status(http.StatusOK, ""))
	current, _ := webhook.NewSecret()
	previous, _ := webhook.NewSecret()
	client := webhook.NewClient(webhook.Options{AllowPrivate: true})
	if _, err := client.Deliver(context.Background(), webhook.Endpoint{URL: rc.URL, Secret: current, PreviousSecret: previous}, testEvent()); err != nil {
		t.Fatal(err)
	}
	r := rc.got()[0]
	for _, s := range []string{current, previous} {
		if err := specVerify(t, s, r.header, r.body); err != nil {
			t.Errorf("secret %d: %v", len(s), err)
		}
	}
	if n := len(strings.Fields(r.header.Get("webhook-signature"))); n != 2 {
		t.Errorf("webhook-signature has %d signatures, want 2", n)
	}
}

func TestDeliverClassifies(t *testing.T) {
	long := strings.Repeat("galat ", 1000)
	cases := []struct {
		name       string
		answer     func(int, http.ResponseWriter, *http.Request)
		outcome    webhook.Outcome
		code       int
		retryAfter time.Duration
	}{
		{"500IsRetryable", status(http.StatusInternalServerError, long), webhook.Retryable, 500, 0},
		{"404IsRetryable", status(http.StatusNotFound, "tidak ada"), webhook.Retryable, 404, 0},
		{"503RetryAfter", func(_ int, w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusServiceUnavailable)
		}, webhook.Retryable, 503, 2 * time.Minute},
		{"RedirectNotFollowed", func(_ int, w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
		}, webhook.Retryable, 302, 0},
		{"410IsPermanent", status(http.StatusGone, ""), webhook.Permanent, 410, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rc := newReceiver(t, c.answer)
			secret, _ := webhook.NewSecret()
			client := webhook.NewClient(webhook.Options{AllowPrivate: true})
			res, err := client.Deliver(context.Background(), webhook.Endpoint{URL: rc.URL, Secret: secret}, testEvent())
			if err == nil {
				t.Fatal("Deliver returned no error")
			}
			if res.Outcome != c.outcome || res.StatusCode != c.code || res.RetryAfter != c.retryAfter {
				t.Fatalf("result %v %d retry-after %v, want %v %d %v", res.Outcome, res.StatusCode, res.RetryAfter, c.outcome, c.code, c.retryAfter)
			}
			if len(res.Excerpt) > webhook.MaxExcerpt {
				t.Fatalf("excerpt of %d bytes, bound is %d", len(res.Excerpt), webhook.MaxExcerpt)
			}
			if n := len(rc.got()); n != 1 {
				t.Fatalf("receiver got %d requests, want 1 (redirects are not followed)", n)
			}
		})
	}
}

func TestDeliverTimeoutIsRetryable(t *testing.T) {
	release := make(chan struct{})
	rc := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	secret, _ := webhook.NewSecret()
	// The production time-out is 10 s; a short one keeps the test quick.
	client := webhook.NewClient(webhook.Options{AllowPrivate: true, Timeout: 200 * time.Millisecond})
	res, err := client.Deliver(context.Background(), webhook.Endpoint{URL: rc.URL, Secret: secret}, testEvent())
	if err == nil || res.Outcome != webhook.Retryable || res.StatusCode != 0 {
		t.Fatalf("result %v %d %v, want retryable without status", res.Outcome, res.StatusCode, err)
	}
	var timeout interface{ Timeout() bool }
	if !errors.As(err, &timeout) || !timeout.Timeout() {
		t.Fatalf("error %v is not a time-out", err)
	}
}

func TestDeliverConnectionRefusedIsRetryable(t *testing.T) {
	rc := newReceiver(t, status(200, ""))
	url := rc.URL
	rc.Close()
	secret, _ := webhook.NewSecret()
	res, err := webhook.NewClient(webhook.Options{AllowPrivate: true}).Deliver(context.Background(), webhook.Endpoint{URL: url, Secret: secret}, testEvent())
	if err == nil || res.Outcome != webhook.Retryable {
		t.Fatalf("result %v %v, want retryable", res.Outcome, err)
	}
}

// TestDeliverPrivateRefused: without AllowPrivate nothing reaches a loopback
// receiver, whether the URL names the address or a host name that resolves
// to it (the dial-time check, which DNS rebinding cannot get past).
func TestDeliverPrivateRefused(t *testing.T) {
	rc := newReceiver(t, status(200, ""))
	port := rc.Listener.Addr().(interface{ String() string }).String()
	_, portOnly, _ := strings.Cut(port, ":")
	secret, _ := webhook.NewSecret()
	client := webhook.NewClient(webhook.Options{})
	for _, url := range []string{rc.URL, "http://localhost:" + portOnly + "/hook", "http://[::ffff:127.0.0.1]:" + portOnly} {
		res, err := client.Deliver(context.Background(), webhook.Endpoint{URL: url, Secret: secret}, testEvent())
		if !errors.Is(err, webhook.ErrBlockedAddress) || res.Outcome != webhook.Permanent {
			t.Errorf("%s: result %v %v, want permanent ErrBlockedAddress", url, res.Outcome, err)
		}
	}
	if n := len(rc.got()); n != 0 {
		t.Fatalf("receiver got %d requests, want none", n)
	}
	// The same receiver is reached once private addresses are allowed.
	if _, err := webhook.NewClient(webhook.Options{AllowPrivate: true}).Deliver(context.Background(),
		webhook.Endpoint{URL: "http://localhost:" + portOnly, Secret: secret}, testEvent()); err != nil {
		t.Fatalf("with AllowPrivate: %v", err)
	}
}

func TestDeliverRefusesBadInput(t *testing.T) {
	secret, _ := webhook.NewSecret()
	client := webhook.NewClient(webhook.Options{AllowPrivate: true})
	ev := testEvent()
	bad := ev
	bad.ID = "a.b"
	for name, c := range map[string]struct {
		ep webhook.Endpoint
		ev webhook.Event
	}{
		"Scheme":  {webhook.Endpoint{URL: "ftp://example.com/x", Secret: secret}, ev},
		"Secret":  {webhook.Endpoint{URL: "http://127.0.0.1:1", Secret: "whsec_%%%"}, ev},
		"EventID": {webhook.Endpoint{URL: "http://127.0.0.1:1", Secret: secret}, bad},
	} {
		res, err := client.Deliver(context.Background(), c.ep, c.ev)
		if err == nil || res.Outcome != webhook.Permanent {
			t.Errorf("%s: result %v %v, want permanent", name, res.Outcome, err)
		}
	}
}

// TestRetriesUntilDelivered plays a receiver that fails twice with 500 and
// then accepts: every attempt carries the same webhook-id and a valid
// signature, and the waits Backoff chooses between them grow.
func TestRetriesUntilDelivered(t *testing.T) {
	rc := newReceiver(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n <= 2 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	secret, _ := webhook.NewSecret()
	client := webhook.NewClient(webhook.Options{AllowPrivate: true})
	var waits []time.Duration
	failed := 0
	for {
		res, err := client.Deliver(context.Background(), webhook.Endpoint{URL: rc.URL, Secret: secret}, testEvent())
		if err == nil {
			break
		}
		if res.Outcome != webhook.Retryable {
			t.Fatalf("attempt %d: %v %v", failed+1, res.Outcome, err)
		}
		failed++
		wait, ok := webhook.Backoff(failed)
		if !ok {
			t.Fatalf("gave up after %d attempts", failed)
		}
		waits = append(waits, wait)
	}
	if failed != 2 || len(rc.got()) != 3 {
		t.Fatalf("%d failed attempts, %d requests; want 2 and 3", failed, len(rc.got()))
	}
	if !(waits[1] > waits[0]) {
		t.Fatalf("waits %v do not grow", waits)
	}
	for i, r := range rc.got() {
		if r.header.Get("webhook-id") != testEvent().ID {
			t.Errorf("attempt %d: webhook-id %q", i+1, r.header.Get("webhook-id"))
		}
		if err := specVerify(t, secret, r.header, r.body); err != nil {
			t.Errorf("attempt %d: %v", i+1, err)
		}
	}
}
