package scalar

import (
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kotabaru/tanggap/models"
)

// MarshalTime writes an instant in RFC 3339 with its fraction of a second.
// The zero time is null, as gqlgen's own Time does, for the nullable fields
// backed by a time value. A time outside the readable range (which the
// store never hands out) is written as the nearest bound, so the output is
// always RFC 3339 with a four-digit year.
func MarshalTime(t time.Time) graphql.Marshaler {
	if t.IsZero() {
		return graphql.Null
	}
	t = models.ClampTime(t)
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(t.Format(time.RFC3339Nano))) //nolint:errcheck
	})
}

// UnmarshalTime reads an RFC 3339 instant with its time zone, between the
// years 1900 and 2200. The empty string is no time: gqlgen's own Time reads
// it as year 1, which no reader can present afterwards.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, errTimeFormat
	}
	if s == "" {
		return time.Time{}, errors.New("waktu tidak boleh kosong; gunakan RFC 3339, misalnya 2026-03-02T09:15:00+08:00")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, errTimeFormat
	}
	if !models.ReadableTime(t) {
		return time.Time{}, errors.New("waktu harus antara tahun 1900 dan 2200")
	}
	return t, nil
}

var errTimeFormat = errors.New("waktu harus berupa teks RFC 3339 dengan zona waktu, misalnya 2026-03-02T09:15:00+08:00")
