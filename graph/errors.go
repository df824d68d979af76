package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kotabaru/tanggap/models"
)

// presentError is where errors become GraphQL wire errors. Domain errors
// are described by PublicError, as on every other route; errors gqlgen
// raises itself while reading arguments carry no code and concern the
// caller's input.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	var domainErr *models.Error
	if !errors.As(err, &domainErr) {
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		if _, ok := gqlErr.Extensions["code"]; !ok {
			gqlErr.Extensions["code"] = models.EINVALID
		}
		return gqlErr
	}
	gqlErr.Message, gqlErr.Extensions = PublicError(ctx, err, "path", gqlErr.Path.String())
	switch domainErr.Code {
	case models.ERATELIMITED:
		markRateLimited(ctx, domainErr.RetryAfterSeconds)
	case models.EUNAVAILABLE:
		markUnavailable(ctx, domainErr.RetryAfterSeconds)
	}
	return gqlErr
}

// PublicError is the one description of a failure a caller gets, on the
// GraphQL API and on every other route (server.writeError): the code's
// caller-safe Indonesian message and the extensions that go with the code
// (code; field for BAD_USER_INPUT; retryAfter for RATE_LIMITED and
// UNAVAILABLE; requestId for INTERNAL). An internal error, or any error that
// is not a *models.Error, is logged with the request id and the given
// attributes, and masked.
func PublicError(ctx context.Context, err error, logAttrs ...any) (message string, extensions map[string]any) {
	code := models.ErrorCode(err)
	extensions = map[string]any{"code": code}
	var domainErr *models.Error
	errors.As(err, &domainErr)
	switch code {
	case models.EINTERNAL:
		requestID := models.RequestIDFromContext(ctx)
		slog.ErrorContext(ctx, "internal error", append([]any{"request_id", requestID}, append(logAttrs, "err", err)...)...)
		extensions["requestId"] = requestID
		return InternalMessage(requestID), extensions
	case models.EINVALID:
		message = models.ErrorMessage(err)
		if field := models.ErrorField(err); field != "" {
			extensions["field"] = field
			message = field + ": " + message
		}
		return message, extensions
	case models.ERATELIMITED, models.EUNAVAILABLE:
		extensions["retryAfter"] = domainErr.RetryAfterSeconds
	}
	return models.ErrorMessage(err), extensions
}

// InternalMessage is what a caller reads of an internal error: nothing of
// its cause, and the request id to quote when reporting it.
func InternalMessage(requestID string) string {
	return "Terjadi kesalahan internal. Sebutkan kode permintaan " + requestID + " bila melapor."
}

// ErrorEnvelope is the body of a request that failed as a whole: the errors
// entry of a GraphQL response, without data. Every route answers its errors
// in it, so a client reads one shape everywhere.
func ErrorEnvelope(message string, extensions map[string]any) map[string]any {
	return map[string]any{"errors": []map[string]any{{"message": message, "extensions": extensions}}}
}

// recoverPanic turns a panic in a resolver into an internal error; the stack
// goes to the log, never to the client.
func recoverPanic(ctx context.Context, p any) error {
	slog.ErrorContext(ctx, "panic in resolver", "request_id", models.RequestIDFromContext(ctx),
		"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	return models.Internal(fmt.Errorf("panic: %v", p))
}
