package server_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
)

// testAPI is a real HTTP server over a real database.
type testAPI struct {
	t          testing.TB
	db         *store.DB
	srv        *httptest.Server
	tokens     *auth.Tokens
	statements *statementCounter
}

// statementCounter counts the SQL statements bun sends.
type statementCounter struct{ n atomic.Int64 }

func (c *statementCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	c.n.Add(1)
	return ctx
}
func (c *statementCounter) AfterQuery(context.Context, *bun.QueryEvent) {}

// Reset zeroes the counter and returns its value before.
func (c *statementCounter) Reset() int64 { return c.n.Swap(0) }

type apiOption func(*graph.Limits, *server.Config)

// withLimits replaces the default limits, e.g. to test a rate limit.
func withLimits(f func(*graph.Limits)) apiOption {
	return func(l *graph.Limits, _ *server.Config) { f(l) }
}

// testPublicURL is the public address the test servers are configured
// with; links must come from it, never from the request's host.
const testPublicURL = "https://tanggap.example.go.id"

func newTestAPI(t testing.TB, db *store.DB, opts ...apiOption) *testAPI {
	t.Helper()
	tokens, err := auth.NewTokens([]byte("test-secret-test-secret-test-secret!"), "tanggap", "tanggap-api", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	limits := graph.DefaultLimits()
	cfg := server.StoreConfig(db)
	cfg.Tokens, cfg.PublicURL = tokens, testPublicURL
	for _, o := range opts {
		o(&limits, &cfg)
	}
	cfg.Limits = limits
	counter := &statementCounter{}
	db.AddQueryHook(counter)
	srv := httptest.NewServer(server.New(cfg))
	t.Cleanup(srv.Close)
	return &testAPI{t: t, db: db, srv: srv, tokens: tokens, statements: counter}
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Status     int
	Header     http.Header
	Raw        []byte
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
}

// code returns the code of the first error, or "" when there is none.
func (r *gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// decode unmarshals data into v, failing the test on errors.
func (r *gqlResponse) decode(t testing.TB, v any) {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %s", r.Raw)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decode %s: %v", r.Raw, err)
	}
}

// post sends one GraphQL operation; token may be empty for an anonymous call.
func (a *testAPI) post(token, query string, vars map[string]any) *gqlResponse {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return a.raw(http.MethodPost, "/graphql", token, "application/json", body)
}

// raw sends a request as it is and parses a GraphQL response.
func (a *testAPI) raw(method, path, token, contentType string, body []byte) *gqlResponse {
	a.t.Helper()
	req, err := http.NewRequest(method, a.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := &gqlResponse{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	json.Unmarshal(raw, out) //nolint:errcheck // non-JSON bodies are checked through Raw
	return out
}

// login signs in and returns the bearer token.
func (a *testAPI) login(email, password string) string {
	a.t.Helper()
	r := a.post("", `mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }`,
		map[string]any{"e": email, "p": password})
	var out struct {
		Login struct{ Token string } `json:"login"`
	}
	r.decode(a.t, &out)
	return out.Login.Token
}

// globalID is the id the API gives an object of typ with the given key.
func globalID(typ, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typ + ":" + key))
}
