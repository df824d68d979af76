package graph

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"slices"
	"sync"

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
	body, err := encodeResponse(takeBody(), resp)
	if err != nil {
		return resp
	}
	state.body = body
	for _, f := range state.afterBody {
		f()
	}
	// What gqlgen then encodes is dropped by the recorder.
	return &graphql.Response{}
}

// encodeResponse writes resp as encoding/json would: the errors, the data,
// the extensions, in that order, with <, >, & and the line and paragraph
// separators escaped in the data as encoding/json escapes them in strings.
// It appends to b.
func encodeResponse(b []byte, resp *graphql.Response) ([]byte, error) {
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
	b = slices.Grow(b[:0], len(data)+len(errs)+len(ext)+32)
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

// bodies are the answers' bodies kept for the next request, like the
// direct writer's buffers (direct.go).
var bodies = sync.Pool{New: func() any { return new([]byte) }}

func takeBody() []byte { return *bodies.Get().(*[]byte) }

// giveBody keeps b for another answer once it has been written out.
func giveBody(b []byte) {
	if cap(b) <= maxKeptBuffer {
		b = b[:0]
		bodies.Put(&b)
	}
}

// afterBody has f run once responseBody has written the answer's body,
// when the request's answer is buffered (for anything else f never runs).
func afterBody(ctx context.Context, f func()) {
	if state, ok := ctx.Value(requestStateKey{}).(*requestState); ok && state.buffered {
		state.afterBody = append(state.afterBody, f)
	}
}

// appendEscaped appends JSON text with the characters encoding/json escapes
// for HTML and JavaScript written as \u escapes. Outside strings they
// cannot occur in JSON, so no parsing is needed. The scan looks at each
// byte once in a table: bytes.IndexAny, given the two separators, decodes
// every rune and was a tenth of a page's processor time (docs/performance.md,
// "The answer's body").
func appendEscaped(b, data []byte) []byte {
	start := 0
	for i := 0; i < len(data); i++ {
		// Eight bytes at a time while none of them is one to stop at.
		for i+8 <= len(data) && !hasEscapeLead(binary.LittleEndian.Uint64(data[i:])) {
			i += 8
		}
		if i >= len(data) {
			break
		}
		c := data[i]
		if !escapeLead[c] {
			continue
		}
		if c == 0xE2 {
			// U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
			if i+2 >= len(data) || data[i+1] != 0x80 || data[i+2]&^1 != 0xA8 {
				continue
			}
			b = append(b, data[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hexDigits[data[i+2]&0xF])
			i += 2
			start = i + 1
			continue
		}
		b = append(b, data[start:i]...)
		b = append(b, `\u00`...)
		b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
		start = i + 1
	}
	return append(b, data[start:]...)
}

// escapeLead marks the bytes appendEscaped stops at: <, > and &, and the
// first byte of the separators' UTF-8 encoding.
var escapeLead = [256]bool{'<': true, '>': true, '&': true, 0xE2: true}

// hasEscapeLead reports whether any of the eight bytes of w is one
// appendEscaped stops at (a zero byte of w XOR the repeated character).
func hasEscapeLead(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(v uint64) uint64 { return (v - ones) &^ v & highs }
	return zero(w^('<'*ones))|zero(w^('>'*ones))|zero(w^('&'*ones))|zero(w^(0xE2*ones)) != 0
}

const (
	hexDigits      = "0123456789abcdef"
	upperHexDigits = "0123456789ABCDEF"
)

// appendQuoted appends s as a JSON string exactly as gqlgen's
// graphql.MarshalString writes it: ", \ and the control characters
// escaped (\t, \r and \n by name, the others as \u00XX), every other
// byte as it is (gqlgen's hex digits are capitals). It scans eight bytes
// at a time, as appendEscaped does, and appends without gqlgen's writer
// and closure per string.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		for i+8 <= len(s) && !hasQuoteLead(leUint64(s[i:])) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '\t':
			b = append(b, `\t`...)
		case '\r':
			b = append(b, `\r`...)
		case '\n':
			b = append(b, `\n`...)
		case '"', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, `\u00`...)
			b = append(b, upperHexDigits[c>>4], upperHexDigits[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// hasQuoteLead reports whether any of the eight bytes of w is one
// appendQuoted escapes: below 0x20, " or \.
func hasQuoteLead(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(v uint64) uint64 { return (v - ones) &^ v & highs }
	below := (w - 0x20*ones) &^ w & highs
	return below|zero(w^('"'*ones))|zero(w^('\\'*ones)) != 0
}

// leUint64 reads eight bytes of s as a little-endian word.
func leUint64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
