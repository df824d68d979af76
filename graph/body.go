package graph

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/99designs/gqlgen/graphql"
)

// responseBody writes the body of a buffered answer itself. gqlgen's
// transports encode a response with encoding/json, which checks and copies
// the whole of its data once more although gqlgen wrote it as valid,
// compact JSON a moment before: about a twentieth of the processor time of
// a page of issues (docs/performance.md, "The answer's body"). Here the data
// is appended as written; the errors and extensions, small, are still
// encoded by encoding/json, and the bytes are those encoding/json writes.
// It must be the outermost response interceptor, to see the final answer.
type responseBody struct{}

var _ graphql.ResponseInterceptor = responseBody{}

func (responseBody) ExtensionName() string                   { return "ResponseBody" }
func (responseBody) Validate(graphql.ExecutableSchema) error { return nil }

func (responseBody) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	state, ok := ctx.Value(requestStateKey{}).(*requestState)
	if resp == nil || !ok || !state.buffered || resp.HasNext != nil || resp.Label != "" || resp.Path != nil {
		// Streamed or incremental answers go out as gqlgen writes them.
		return resp
	}
	body, err := encodeResponse(resp)
	if err != nil {
		return resp
	}
	state.body = body
	// What gqlgen then encodes is dropped by the recorder.
	return &graphql.Response{}
}

// encodeResponse writes resp as encoding/json would: the errors, the data,
// the extensions, in that order, with <, >, & and the line and paragraph
// separators escaped in the data as encoding/json escapes them in strings.
func encodeResponse(resp *graphql.Response) ([]byte, error) {
	var errs, ext []byte
	var err error
	if len(resp.Errors) > 0 {
		if errs, err = json.Marshal(resp.Errors); err != nil {
			return nil, err
		}
	}
	if len(resp.Extensions) > 0 {
		if ext, err = json.Marshal(resp.Extensions); err != nil {
			return nil, err
		}
	}
	data := []byte(resp.Data)
	if len(data) == 0 {
		data = []byte("null")
	}
	b := make([]byte, 0, len(data)+len(errs)+len(ext)+32)
	b = append(b, '{')
	if errs != nil {
		b = append(b, `"errors":`...)
		b = append(b, errs...)
		b = append(b, ',')
	}
	b = append(b, `"data":`...)
	b = appendEscaped(b, data)
	if ext != nil {
		b = append(b, `,"extensions":`...)
		b = append(b, ext...)
	}
	return append(b, '}'), nil
}

// appendEscaped appends JSON text with the characters encoding/json escapes
// for HTML and JavaScript written as \u escapes. Outside strings they
// cannot occur in JSON, so no parsing is needed.
func appendEscaped(b, data []byte) []byte {
	for len(data) > 0 {
		i := bytes.IndexAny(data, "<>&\u2028\u2029")
		if i < 0 {
			return append(b, data...)
		}
		b = append(b, data[:i]...)
		switch c := data[i]; c {
		case '<', '>', '&':
			b = append(b, `\u00`...)
			b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
			data = data[i+1:]
		default:
			// U+2028 or U+2029: E2 80 A8 or E2 80 A9.
			b = append(b, `\u202`...)
			b = append(b, hexDigits[data[i+2]&0xF])
			data = data[i+3:]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"
