package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultTimeout bounds one delivery attempt, connection to last byte.
const DefaultTimeout = 10 * time.Second

// DefaultUserAgent is sent when Options.UserAgent is empty.
const DefaultUserAgent = "Tanggap-Webhooks/1.0"

// MaxExcerpt is how many bytes of the receiver's response are kept.
const MaxExcerpt = 1024

// Event is one thing that happened, as sent to every endpoint that wants its
// type. ID is the webhook-id: it stays the same on every retry and replay so
// that receivers can drop duplicates.
type Event struct {
	ID        string
	Type      string    // e.g. "response.published"
	Timestamp time.Time // when the event happened, not when it is sent
	Data      any       // marshalled with encoding/json; json.RawMessage is sent as is
}

// Body returns the JSON payload {"type","timestamp","data"} of the event.
func (e Event) Body() ([]byte, error) {
	return json.Marshal(struct {
		Type      string `json:"type"`
		Timestamp string `json:"timestamp"`
		Data      any    `json:"data"`
	}{e.Type, e.Timestamp.UTC().Format(time.RFC3339Nano), e.Data})
}

// Endpoint is where an event is delivered and the secret it is signed with.
// PreviousSecret, when set during a rotation, adds a second signature so that
// receivers still holding the old secret keep verifying.
type Endpoint struct {
	URL            string
	Secret         string
	PreviousSecret string
}

// Outcome classifies an attempt.
type Outcome int

const (
	// Delivered: the receiver answered 2xx.
	Delivered Outcome = iota
	// Retryable: another attempt later may succeed (non-2xx other than 410,
	// time-out, refused or reset connection, DNS failure).
	Retryable
	// Permanent: retrying cannot help until the endpoint changes (malformed
	// URL or secret, an address refused by the guard, or 410 Gone, by which
	// the receiver asks to be disabled).
	Permanent
)

func (o Outcome) String() string {
	switch o {
	case Delivered:
		return "delivered"
	case Retryable:
		return "retryable"
	case Permanent:
		return "permanent"
	}
	return "unknown"
}

// Result describes one attempt. StatusCode is 0 when no response arrived.
// Excerpt holds at most MaxExcerpt bytes of the response body, cut on a
// UTF-8 boundary. RetryAfter is the receiver's Retry-After in seconds form,
// if any; callers should wait at least that long.
type Result struct {
	Outcome    Outcome
	StatusCode int
	Excerpt    string
	RetryAfter time.Duration
	AttemptAt  time.Time
	Duration   time.Duration
	Err        error
}

// Options configure a Client. The zero value is the production setting:
// private addresses refused, a 10 s time-out.
type Options struct {
	// AllowPrivate lets deliveries reach private and loopback addresses
	// (TANGGAP_WEBHOOK_ALLOW_PRIVATE=true; needed for tests on loopback).
	AllowPrivate bool
	Timeout      time.Duration
	UserAgent    string
	// Now gives the attempt time written in webhook-timestamp.
	Now func() time.Time
}

// Client delivers events. It is safe for concurrent use.
type Client struct {
	http *http.Client
	opts Options
}

// NewClient returns a Client whose connections are checked by the address
// guard when they are dialled (unless opts.AllowPrivate), which ignores proxy
// settings and never follows redirects.
func NewClient(opts Options) *Client {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	dialer := &net.Dialer{Timeout: opts.Timeout, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = dialControl
	}
	transport := &http.Transport{
		// A proxy would make the guard check the proxy's address instead
		// of the endpoint's.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   opts.Timeout,
		ResponseHeaderTimeout: opts.Timeout,
	}
	return &Client{
		opts: opts,
		http: &http.Client{
			Transport: transport,
			Timeout:   opts.Timeout,
			// A redirect is a failure: the owner should register the new URL.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
}

// Deliver makes one attempt to POST event to endpoint, signed, and
// classifies it. The returned error is nil exactly when the outcome is
// Delivered; Result carries what to store in the delivery history.
func (c *Client) Deliver(ctx context.Context, endpoint Endpoint, event Event) (Result, error) {
	res := Result{AttemptAt: c.opts.Now()}
	fail := func(outcome Outcome, err error) (Result, error) {
		res.Outcome, res.Err = outcome, err
		return res, err
	}
	u, err := parseEndpoint(endpoint.URL)
	if err != nil {
		return fail(Permanent, err)
	}
	if !ValidID(event.ID) {
		return fail(Permanent, ErrInvalidID)
	}
	body, err := event.Body()
	if err != nil {
		return fail(Permanent, fmt.Errorf("webhook: encoding event %s: %w", event.ID, err))
	}
	signature, err := Sign(endpoint.Secret, event.ID, res.AttemptAt, body)
	if err != nil {
		return fail(Permanent, err)
	}
	if endpoint.PreviousSecret != "" {
		previous, err := Sign(endpoint.PreviousSecret, event.ID, res.AttemptAt, body)
		if err != nil {
			return fail(Permanent, err)
		}
		signature += " " + previous
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return fail(Permanent, fmt.Errorf("webhook: building request: %w", err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set(HeaderID, event.ID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(res.AttemptAt.Unix(), 10))
	req.Header.Set(HeaderSignature, signature)

	start := time.Now()
	resp, err := c.http.Do(req)
	res.Duration = time.Since(start)
	if err != nil {
		if errors.Is(err, ErrBlockedAddress) {
			return fail(Permanent, err)
		}
		return fail(Retryable, fmt.Errorf("webhook: POST %s: %w", u.Redacted(), err))
	}
	defer resp.Body.Close()
	res.StatusCode = resp.StatusCode
	res.Excerpt = excerpt(resp.Body)
	res.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), res.AttemptAt)
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		res.Outcome = Delivered
		return res, nil
	case resp.StatusCode == http.StatusGone:
		return fail(Permanent, fmt.Errorf("webhook: %s answered 410 Gone: the receiver asks to be disabled", u.Redacted()))
	default:
		return fail(Retryable, fmt.Errorf("webhook: %s answered %d", u.Redacted(), resp.StatusCode))
	}
}

// excerpt reads at most MaxExcerpt bytes and cuts a trailing partial rune.
func excerpt(r io.Reader) string {
	buf, _ := io.ReadAll(io.LimitReader(r, MaxExcerpt))
	for len(buf) > 0 && !utf8.Valid(buf) {
		buf = buf[:len(buf)-1]
	}
	return strings.ToValidUTF8(string(buf), "\uFFFD")
}

// retryAfter reads a Retry-After header in seconds or HTTP-date form.
func retryAfter(value string, now time.Time) time.Duration {
	if value == "" {
		return 0
	}
	if seconds, err := strconv.Atoi(value); err == nil && seconds > 0 {
		return time.Duration(seconds) * time.Second
	}
	if at, err := http.ParseTime(value); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}
