package models

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The instants the application accepts. An event time (when a claim was
// seen, when an issue was logged) lies between EarliestEventTime and a day
// after now; a bound of a period asked for (a filter's from and to) may range
// wider, from EarliestTime to LatestTime. Stored times outside EarliestTime
// and LatestTime are not trusted when read (see ReadableTime).
var (
	EarliestTime      = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	LatestTime        = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	EarliestEventTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
)

// EventTimeTolerance is how far in the future an event time may lie, for
// clocks that run a little ahead and for time zones east of the server.
const EventTimeTolerance = 24 * time.Hour

// CheckEventTime checks the time of something that happened: a claim seen,
// an issue logged. It must lie between 1 January 2000 and a day after now.
func CheckEventTime(field string, t, now time.Time) error {
	if t.IsZero() {
		return Invalid(field, "waktu wajib diisi")
	}
	if t.Before(EarliestEventTime) || t.After(now.Add(EventTimeTolerance)) {
		return Invalid(field, "waktu harus antara 1 Januari 2000 dan besok")
	}
	return nil
}

// CheckPeriodTime checks a bound of a period asked for, such as a filter's
// from or to: between 1 January 1900 and 1 January 2200.
func CheckPeriodTime(field string, t time.Time) error {
	if !ReadableTime(t) {
		return Invalid(field, "waktu harus antara tahun 1900 dan 2200")
	}
	return nil
}

// ReadableTime reports whether t lies within EarliestTime and LatestTime,
// the instants every part of the application can present.
func ReadableTime(t time.Time) bool {
	return !t.Before(EarliestTime) && !t.After(LatestTime)
}

// ClampTime returns t moved into EarliestTime and LatestTime.
func ClampTime(t time.Time) time.Time {
	switch {
	case t.Before(EarliestTime):
		return EarliestTime
	case t.After(LatestTime):
		return LatestTime
	}
	return t
}

// CheckArgument refuses a string no database can store or compare: one with
// a NUL character or with bytes that are not UTF-8. Every string a caller
// sends passes this check before it reaches a query.
func CheckArgument(field, s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return Invalid(field, "teks berisi karakter NUL yang tidak diizinkan")
	}
	if !utf8.ValidString(s) {
		return Invalid(field, "teks berisi karakter yang tidak valid")
	}
	return nil
}

// Invisible reports whether r shows nothing on its own: white space, or a
// format character such as the zero-width space (U+200B), the zero-width
// joiners (U+200C, U+200D), the word joiner (U+2060) or the byte-order mark
// (U+FEFF).
func Invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}

// VisibleLength counts the characters of s that show something.
func VisibleLength(s string) int {
	n := 0
	for _, r := range s {
		if !Invisible(r) {
			n++
		}
	}
	return n
}

// countedLength counts the characters of s that count towards a minimum
// length: every one but format characters.
func countedLength(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Cf, r) {
			n++
		}
	}
	return n
}

// trimInvisible removes white space and format characters from both ends of s.
func trimInvisible(s string) string {
	return strings.TrimFunc(s, Invisible)
}
