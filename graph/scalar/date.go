package scalar

import (
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalDate writes a calendar date, YYYY-MM-DD.
func MarshalDate(date string) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(date)) //nolint:errcheck // the client went away
	})
}

// UnmarshalDate reads a calendar date in the form YYYY-MM-DD (RFC 3339's
// full-date) between the years 1900 and 2200.
func UnmarshalDate(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", errDateFormat
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil || d.Format(time.DateOnly) != s {
		return "", errDateFormat
	}
	if d.Year() < 1900 || d.Year() >= 2200 {
		return "", errors.New("tanggal harus antara tahun 1900 dan 2199")
	}
	return s, nil
}

var errDateFormat = errors.New("tanggal harus berupa teks YYYY-MM-DD, misalnya 2026-08-17")
