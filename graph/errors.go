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

// presentError is the one place where errors become wire errors. Domain
// errors keep their code and caller-safe message; internal errors are masked
// and logged with the request id. Errors gqlgen raises itself while reading
// arguments carry no code and concern the caller's input.
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
	gqlErr.Extensions = map[string]any{"code": domainErr.Code}
	requestID := models.RequestIDFromContext(ctx)
	switch domainErr.Code {
	case models.EINTERNAL:
		slog.ErrorContext(ctx, "internal error", "request_id", requestID, "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "Terjadi kesalahan internal. Sebutkan kode permintaan " + requestID + " bila melapor."
		gqlErr.Extensions["requestId"] = requestID
	case models.EINVALID:
		gqlErr.Message = models.ErrorMessage(err)
		if domainErr.Field != "" {
			gqlErr.Extensions["field"] = domainErr.Field
			gqlErr.Message = domainErr.Field + ": " + gqlErr.Message
		}
	case models.ERATELIMITED:
		gqlErr.Message = models.ErrorMessage(err)
		gqlErr.Extensions["retryAfter"] = domainErr.RetryAfterSeconds
		markRateLimited(ctx, domainErr.RetryAfterSeconds)
	case models.EUNAVAILABLE:
		gqlErr.Message = models.ErrorMessage(err)
		gqlErr.Extensions["retryAfter"] = domainErr.RetryAfterSeconds
		markUnavailable(ctx, domainErr.RetryAfterSeconds)
	default:
		gqlErr.Message = models.ErrorMessage(err)
	}
	return gqlErr
}

// recoverPanic turns a panic in a resolver into an internal error; the stack
// goes to the log, never to the client.
func recoverPanic(ctx context.Context, p any) error {
	slog.ErrorContext(ctx, "panic in resolver", "request_id", models.RequestIDFromContext(ctx),
		"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	return models.Internal(fmt.Errorf("panic: %v", p))
}
