package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/markdown"
	"github.com/kotabaru/tanggap/models"
)

// Limits protect the API before any resolver runs (docs/api.md, "Batas").
type Limits struct {
	MaxBodyBytes     int64 // request body cap
	ParserTokens     int   // parser token limit
	MaxDepth         int   // selection depth
	MaxComplexity    int   // cost, counting aliases and list sizes
	FieldRateLimits  FieldLimits
	QueryCacheLength int
	// PersistedQueries bounds the automatic persisted queries kept (an LRU
	// cache: anyone may register a query, so it is no allow-list).
	PersistedQueries int
}

// DefaultLimits are generous for real queries, including GraphiQL's
// introspection query (depth 13), and tight for abuse.
func DefaultLimits() Limits {
	return Limits{
		MaxBodyBytes:     256 << 10,
		ParserTokens:     15000,
		MaxDepth:         15,
		MaxComplexity:    6000,
		QueryCacheLength: 1000,
		PersistedQueries: 1000,
	}
}

// HandlerConfig wires the GraphQL endpoint.
type HandlerConfig struct {
	Services Services
	Markdown *markdown.Renderer
	Login    func(ctx context.Context, in models.Login) (*model.LoginPayload, error)
	Limits   Limits
	// PublicURL is the portal's address (scheme and host, no trailing
	// slash) for the absolute url fields.
	PublicURL string
	// Observe is told the name, duration and error codes of every operation.
	Observe func(operation string, d time.Duration, codes []string)
	// Now is the resolvers' clock; time.Now when nil.
	Now func() time.Time
	// Live feeds the subscriptions; nil refuses them.
	Live LiveEvents
	// Heartbeat is how often an idle event stream gets a comment line,
	// so that proxies keep it open; DefaultHeartbeat when zero.
	Heartbeat time.Duration
	// FieldByField has gqlgen execute every operation field by field,
	// none answered directly (direct.go).
	FieldByField bool
}

// DefaultHeartbeat keeps an idle event stream under the common proxy idle
// time-outs (30 to 60 seconds).
const DefaultHeartbeat = 20 * time.Second

// AcceptsEventStream reports whether r asks for a Server-Sent Events
// stream: a subscription (or any operation) answered as the graphql-sse
// protocol's distinct connections mode.
func AcceptsEventStream(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.Contains(r.Header.Get("Accept"), "text/event-stream")
}

// NewHandler returns the /graphql endpoint: GET (queries only) and POST with
// application/json, following the GraphQL-over-HTTP specification.
func NewHandler(cfg HandlerConfig) http.Handler {
	registerProtocolErrors.Do(func() {
		// Operations refused before execution are request errors: 400 and
		// no "data" for application/graphql-response+json.
		errcode.RegisterErrorType("COMPLEXITY_LIMIT_EXCEEDED", errcode.KindProtocol)
		errcode.RegisterErrorType("DEPTH_LIMIT_EXCEEDED", errcode.KindProtocol)
		errcode.RegisterErrorType(models.ERATELIMITED, errcode.KindProtocol)
		errcode.RegisterErrorType("INTROSPECTION_LIMIT_EXCEEDED", errcode.KindProtocol)
		// Before execution, BAD_USER_INPUT is a variable that does not
		// read (inputCheck); during execution the kind is not consulted.
		errcode.RegisterErrorType(models.EINVALID, errcode.KindProtocol)
	})
	c := Config{
		Resolvers:  &Resolver{Services: cfg.Services, Markdown: cfg.Markdown, Login: cfg.Login, PublicURL: cfg.PublicURL, Now: cfg.Now, Live: cfg.Live},
		Directives: DirectiveRoot{HasRole: hasRole, StaffOnly: staffOnly},
	}
	complexity(&c.Complexity)
	var es graphql.ExecutableSchema = directSchema{NewExecutableSchema(c).(*executableSchema)}
	if cfg.FieldByField {
		es = NewExecutableSchema(c)
	}
	srv := handler.New(es)
	loaderSource := newLoaderSource(cfg.Services)
	srv.AddTransport(transport.Options{AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions}})
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = DefaultHeartbeat
	}
	srv.AddTransport(transport.GET{})
	// SSE comes before POST: both take a JSON POST, and only SSE looks
	// at Accept.
	srv.AddTransport(transport.SSE{KeepAlivePingInterval: cfg.Heartbeat})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](cfg.Limits.QueryCacheLength))
	srv.SetParserTokenLimit(cfg.Limits.ParserTokens)
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(recoverPanic)
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](max(cfg.Limits.PersistedQueries, 1))})
	srv.Use(depthLimit{Max: cfg.Limits.MaxDepth})
	srv.Use(complexityLimit{extension.FixedComplexityLimit(cfg.Limits.MaxComplexity)})
	srv.Use(&inputCheck{})
	srv.Use(cfg.Limits.FieldRateLimits)
	srv.Use(responseBody{}) // outermost: it writes the final answer
	srv.Use(costReport{})
	srv.Use(freshLoaders{source: loaderSource})
	srv.Use(inOrderPlanner{})
	if cfg.Observe != nil {
		srv.Use(observer{cfg.Observe})
	}

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > cfg.Limits.MaxBodyBytes {
			writeError(w, http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE",
				fmt.Sprintf("Permintaan terlalu besar: batasnya %d byte.", cfg.Limits.MaxBodyBytes))
			return
		}
		state := &requestState{}
		r.Body = &limitedBody{ReadCloser: http.MaxBytesReader(w, r.Body, cfg.Limits.MaxBodyBytes), state: state}
		if r.Method == http.MethodPost {
			body, err := io.ReadAll(r.Body)
			if state.tooLarge {
				writeError(w, http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE",
					fmt.Sprintf("Permintaan terlalu besar: batasnya %d byte.", cfg.Limits.MaxBodyBytes))
				return
			}
			if err != nil {
				writeError(w, http.StatusBadRequest, "BAD_REQUEST", "Badan permintaan tidak dapat dibaca.")
				return
			}
			// A JSON array is a batch of operations, which this API does not
			// execute: each operation is one request, costed and rate-limited
			// on its own.
			if trimmed := bytes.TrimLeft(body, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
				writeError(w, http.StatusBadRequest, "BATCH_NOT_SUPPORTED",
					"Permintaan berkelompok (batch, array JSON) tidak didukung: kirim satu operasi per permintaan.")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		ctx := context.WithValue(r.Context(), requestStateKey{}, state)
		ctx = WithLoaders(ctx, loaderSource.loaders())
		if AcceptsEventStream(r) {
			// A stream is written and flushed event by event; its status
			// is settled by the first bytes, so nothing is held back.
			srv.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		rec := &recorder{header: w.Header(), status: http.StatusOK}
		state.buffered = true
		srv.ServeHTTP(rec, r.WithContext(ctx))
		switch {
		case state.tooLarge:
			writeError(w, http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE",
				fmt.Sprintf("Permintaan terlalu besar: batasnya %d byte.", cfg.Limits.MaxBodyBytes))
		case r.Method == http.MethodGet && rec.status == http.StatusNotAcceptable:
			// gqlgen refuses a mutation over GET with 406; the
			// GraphQL-over-HTTP specification asks for 405.
			w.Header().Set("Allow", "POST")
			writeError(w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "Mutasi hanya dapat dikirim dengan POST.")
		default:
			rec.flush(w, state)
		}
	})
}

// limitedBody notes when the body cap was hit, so the answer can be 413
// rather than gqlgen's generic read error.
type limitedBody struct {
	io.ReadCloser
	state *requestState
}

func (b *limitedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		b.state.tooLarge = true
	}
	return n, err
}

// writeError answers a request refused before GraphQL saw it.
func writeError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(ErrorEnvelope(message, map[string]any{"code": code})) //nolint:errcheck // the client went away
}

var registerProtocolErrors sync.Once

// requestState carries what the extensions learn about a request to the
// code that writes its HTTP status.
type requestState struct {
	retryAfterSeconds int
	// unavailable makes the answer 503 rather than 429: the server, not
	// the caller, was the limit.
	unavailable bool
	tooLarge    bool
	// refused says an extension refused the operation before it ran.
	refused bool
	// buffered says the answer is held by a recorder, which writes body,
	// when set, instead of what gqlgen wrote (see responseBody).
	buffered bool
	body     []byte
	// afterBody run once body is written (see afterBody).
	afterBody []func()
}

type requestStateKey struct{}

// markRequestError notes that the operation was refused before it ran, so
// the response carries no data entry.
func markRequestError(ctx context.Context) {
	if s, ok := ctx.Value(requestStateKey{}).(*requestState); ok {
		s.refused = true
	}
}

func markRateLimited(ctx context.Context, seconds int) {
	if s, ok := ctx.Value(requestStateKey{}).(*requestState); ok {
		s.retryAfterSeconds = max(s.retryAfterSeconds, seconds)
	}
}

func markUnavailable(ctx context.Context, seconds int) {
	if s, ok := ctx.Value(requestStateKey{}).(*requestState); ok {
		s.retryAfterSeconds = max(s.retryAfterSeconds, seconds)
		s.unavailable = true
	}
}

// recorder buffers the response so that its status can follow the
// GraphQL-over-HTTP specification, which gqlgen does not fully do.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

func (r *recorder) flush(w http.ResponseWriter, state *requestState) {
	body := r.body.Bytes()
	if state.body != nil {
		body = state.body
	}
	graphqlResponse := strings.HasPrefix(r.header.Get("Content-Type"), "application/graphql-response+json")
	switch {
	case state.retryAfterSeconds > 0:
		r.status = http.StatusTooManyRequests
		if state.unavailable {
			r.status = http.StatusServiceUnavailable
		}
		r.header.Set("Retry-After", strconv.Itoa(state.retryAfterSeconds))
	default:
		switch requestFailure(body) {
		case failurePersistedQueryNotFound:
			// Apollo's persisted-query link reads this error from a 200
			// response and retries with the whole query.
			r.status = http.StatusOK
		case failureNoQuery:
			r.status = http.StatusBadRequest
			r.header.Set("Content-Type", "application/json; charset=utf-8")
			body = requestErrorBody("BAD_REQUEST", "Permintaan tidak memuat kueri GraphQL: kirim query, atau hash kueri tersimpan (persistedQuery) yang sudah dikenal.")
		case failureUndecodable:
			// gqlgen's message repeats the whole body back; say what is
			// wrong without it.
			r.status = http.StatusBadRequest
			r.header.Set("Content-Type", "application/json; charset=utf-8")
			body = requestErrorBody("BAD_REQUEST", "Badan permintaan bukan JSON yang valid: kirim satu objek dengan query, variables dan operationName.")
		default:
			if r.status == http.StatusUnprocessableEntity && !graphqlResponse {
				// application/json: a well-formed request gets 200 even
				// when the document does not validate.
				r.status = http.StatusOK
			}
		}
	}
	body = withoutNullData(body, state.refused)
	r.header.Del("Content-Length")
	w.WriteHeader(r.status)
	w.Write(body) //nolint:errcheck // the client went away
	if state.body != nil {
		// Written out: the writers below copied what they keep.
		giveBody(state.body)
		state.body = nil
	}
}

// preExecutionCodes are the errors that stop an operation before it runs.
var preExecutionCodes = map[string]bool{
	"GRAPHQL_PARSE_FAILED": true, "GRAPHQL_VALIDATION_FAILED": true, "COMPLEXITY_LIMIT_EXCEEDED": true,
	"DEPTH_LIMIT_EXCEEDED": true, models.ERATELIMITED: true, "INTROSPECTION_LIMIT_EXCEEDED": true,
}

// withoutNullData drops "data": null from a response that failed before
// execution (refused, or every error of a kind raised only then): the
// GraphQL specification says data is absent then.
func withoutNullData(body []byte, refused bool) []byte {
	// gqlgen writes "errors" before "data": a response that starts with
	// anything else has no errors, and is passed through without parsing.
	if !bytes.HasPrefix(body, []byte(`{"errors":`)) {
		return body
	}
	var resp struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &resp) != nil || string(resp.Data) != "null" || len(resp.Errors) == 0 {
		return body
	}
	for _, e := range resp.Errors {
		if !refused && !preExecutionCodes[e.Extensions.Code] {
			return body
		}
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return body
	}
	delete(fields, "data")
	if out, err := json.Marshal(fields); err == nil {
		return out
	}
	return body
}

var _ graphql.ResponseInterceptor = costReport{}

// observer reports each operation's name, duration and error codes.
type observer struct {
	report func(operation string, d time.Duration, codes []string)
}

func (observer) ExtensionName() string                   { return "Observer" }
func (observer) Validate(graphql.ExecutableSchema) error { return nil }

func (o observer) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if isSubscription(ctx) {
		// Each event of a stream comes through here; the time since the
		// operation started is the age of the stream, not a latency.
		return next(ctx)
	}
	resp := next(ctx)
	if !graphql.HasOperationContext(ctx) {
		return resp
	}
	// The label is the operation type and its first root field, not the
	// client's operation name: names are free text, and every new one would
	// be a new series kept forever.
	name := "unknown"
	var start time.Time
	if rc := graphql.GetOperationContext(ctx); rc != nil {
		start = rc.Stats.OperationStart
		if rc.Operation != nil {
			name = string(rc.Operation.Operation)
			if fields := rootFields(rc); len(fields) > 0 {
				name += "." + fields[0]
			}
		}
	}
	var codes []string
	if resp != nil {
		for _, e := range resp.Errors {
			if c, ok := e.Extensions["code"].(string); ok {
				codes = append(codes, c)
			}
		}
	}
	o.report(name, time.Since(start), codes)
	return resp
}

// freshLoaders gives each event of a subscription loaders of its own: the
// stream lives for hours, and loaders cache what they read for as long as
// they live.
type freshLoaders struct{ source *loaderSource }

func (freshLoaders) ExtensionName() string                   { return "FreshLoaders" }
func (freshLoaders) Validate(graphql.ExecutableSchema) error { return nil }

func (f freshLoaders) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if isSubscription(ctx) {
		ctx = WithLoaders(ctx, f.source.loaders())
	}
	return next(ctx)
}

// isSubscription reports whether ctx runs a subscription operation.
func isSubscription(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	rc := graphql.GetOperationContext(ctx)
	return rc != nil && rc.Operation != nil && rc.Operation.Operation == ast.Subscription
}
