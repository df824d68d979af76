package models

import (
	"errors"
	"fmt"
)

// Error codes carried by every error the services return. They become the
// GraphQL `extensions.code` in exactly one place (graph/errors.go).
const (
	EUNAUTHENTICATED = "UNAUTHENTICATED"
	EFORBIDDEN       = "FORBIDDEN"
	EINVALID         = "BAD_USER_INPUT"
	ENOTFOUND        = "NOT_FOUND"
	ECONFLICT        = "CONFLICT"
	ERATELIMITED     = "RATE_LIMITED"
	EUNAVAILABLE     = "UNAVAILABLE"
	EINTERNAL        = "INTERNAL"
)

// Error is the one error type of the domain. Message is safe to show to the
// caller (it is written in Indonesian); Field names the offending input field
// for EINVALID. Internal errors carry only a cause, never a message.
type Error struct {
	Code    string
	Message string
	Field   string
	// RetryAfterSeconds is set on ERATELIMITED and EUNAVAILABLE errors.
	RetryAfterSeconds int
	cause             error
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.cause != nil && e.Message == "" {
		return fmt.Sprintf("%s: %v", e.Code, e.cause)
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.cause }

// Errorf returns an Error with the given code and a caller-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error naming the offending field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Internal wraps an unexpected failure. Its cause is logged, never shown.
func Internal(cause error) *Error {
	return &Error{Code: EINTERNAL, cause: cause}
}

// ErrorCode returns the code of err, EINTERNAL for any error that is not an
// *Error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the caller-safe message of err. Internal errors have
// a generic message.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL && e.Message != "" {
		return e.Message
	}
	return "Terjadi kesalahan internal."
}

// ErrorField returns the offending input field of an EINVALID error.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
