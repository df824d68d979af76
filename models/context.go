package models

import "context"

type contextKey int

const (
	userContextKey contextKey = iota + 1
	requestIDContextKey
	clientAddrContextKey
	sessionIDContextKey
	userAgentContextKey
	readPartsContextKey
)

// ReadParts names the costly parts of issues and responses that a reader
// will not look at, so that the store leaves them out of its reads: a page
// of twenty issues scans six more times per issue and, with its responses,
// their HTML, when nobody reads them. The zero value reads everything.
type ReadParts struct {
	// NoIssueProgress leaves out an issue's assignment, acknowledgement,
	// answer and closing times and its due times.
	NoIssueProgress bool
	// NoResponseHTML leaves out a response's stored HTML.
	NoResponseHTML bool
}

// NewContextWithReadParts returns a copy of ctx whose reads leave out what
// p names.
func NewContextWithReadParts(ctx context.Context, p ReadParts) context.Context {
	return context.WithValue(ctx, readPartsContextKey, p)
}

// ReadPartsFromContext returns what the reads of ctx leave out.
func ReadPartsFromContext(ctx context.Context) ReadParts {
	p, _ := ctx.Value(readPartsContextKey).(ReadParts)
	return p
}

// NewContextWithUser returns a copy of ctx carrying the authenticated user.
func NewContextWithUser(ctx context.Context, user *User) context.Context {
	return context.WithValue(ctx, userContextKey, user)
}

// UserFromContext returns the authenticated user, or nil for an anonymous caller.
func UserFromContext(ctx context.Context) *User {
	user, _ := ctx.Value(userContextKey).(*User)
	return user
}

// NewContextWithRequestID returns a copy of ctx carrying the request id.
func NewContextWithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDContextKey, id)
}

// RequestIDFromContext returns the request id, or "".
func RequestIDFromContext(ctx context.Context) string {
	id, _ := ctx.Value(requestIDContextKey).(string)
	return id
}

// NewContextWithClientAddr returns a copy of ctx carrying the caller's network
// address, used for rate limits and never stored in clear.
func NewContextWithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddrContextKey, addr)
}

// ClientAddrFromContext returns the caller's network address, or "".
func ClientAddrFromContext(ctx context.Context) string {
	addr, _ := ctx.Value(clientAddrContextKey).(string)
	return addr
}

// NewContextWithSessionID returns a copy of ctx carrying the id of the
// session the caller's token names.
func NewContextWithSessionID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, sessionIDContextKey, id)
}

// SessionIDFromContext returns the caller's session id, or "".
func SessionIDFromContext(ctx context.Context) string {
	id, _ := ctx.Value(sessionIDContextKey).(string)
	return id
}

// NewContextWithUserAgent returns a copy of ctx carrying the caller's
// User-Agent header, from which a login describes the session's device.
func NewContextWithUserAgent(ctx context.Context, userAgent string) context.Context {
	return context.WithValue(ctx, userAgentContextKey, userAgent)
}

// UserAgentFromContext returns the caller's User-Agent header, or "".
func UserAgentFromContext(ctx context.Context) string {
	ua, _ := ctx.Value(userAgentContextKey).(string)
	return ua
}
