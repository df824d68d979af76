package models

import (
	"fmt"
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

// The bounds of what staff write, in characters as RequireText counts them.
// The API, the CSV import and the demo loader check against these same
// numbers, through the Check functions below.
const (
	MinIssueTitle    = 5
	MaxIssueTitle    = 200
	MinIssueSummary  = 10
	MaxIssueSummary  = 4000
	MinReason        = 10
	MaxReason        = 1000
	MinResponseBody  = 20 // MaxResponseBody bounds it from above
	MaxClaimText     = 4000
	MaxAccountHandle = 200
	MaxIssueSources  = 20
	MaxExternalRef   = 100
)

// CheckTitle checks and trims an issue's title.
func CheckTitle(field, title string) (string, error) {
	return RequireText(field, title, MinIssueTitle, MaxIssueTitle)
}

// CheckSummary checks and trims an issue's summary.
func CheckSummary(field, summary string) (string, error) {
	return RequireText(field, summary, MinIssueSummary, MaxIssueSummary)
}

// CheckReason checks and trims the reason of a lifecycle step (a decline, a
// rejection, a reopening, a revision, an internal mark, a removed source).
func CheckReason(field, reason string) (string, error) {
	return RequireText(field, reason, MinReason, MaxReason)
}

// CheckKind checks an issue's kind.
func CheckKind(field string, kind IssueKind) error {
	if !kind.Valid() {
		return Invalid(field, "jenis isu %q tidak dikenal", kind)
	}
	return nil
}

// CheckResponseText checks the Markdown body and the verdict of a response
// to an issue of the given kind, and returns the body trimmed. A verdict is
// required to publish on misinformation and refused on any other kind. The
// fields named are "body" and "verdict".
func CheckResponseText(kind IssueKind, body string, verdict *Verdict, publishing bool) (string, error) {
	body, err := RequireSource("body", body, MinResponseBody, MaxResponseBody)
	if err != nil {
		return "", err
	}
	return body, CheckVerdict(kind, verdict, publishing)
}

// CheckVerdict checks the verdict of a response to an issue of the given
// kind: known, only on misinformation, and required there to publish.
func CheckVerdict(kind IssueKind, verdict *Verdict, publishing bool) error {
	switch {
	case verdict != nil && !verdict.Valid():
		return Invalid("verdict", "putusan %q tidak dikenal", *verdict)
	case verdict != nil && kind != KindMisinformation:
		return Invalid("verdict", "putusan hanya untuk isu misinformasi")
	case verdict == nil && publishing && kind == KindMisinformation:
		return Invalid("verdict", "isu misinformasi memerlukan putusan (hoaks, menyesatkan, …)")
	}
	return nil
}

// CheckSource checks one source of an issue and returns it tidied. Its
// fields are named prefix+"platform", prefix+"url" and so on; a source
// with neither link nor claim is refused on the field prefix without its
// trailing dot. now bounds the detection time.
func CheckSource(prefix string, s IssueSourceInput, now time.Time) (IssueSourceInput, error) {
	whole := strings.TrimSuffix(prefix, ".")
	if whole == "" {
		whole = "input"
	}
	if !s.Platform.Valid() {
		return s, Invalid(prefix+"platform", "platform %q tidak dikenal", s.Platform)
	}
	var err error
	if s.DetectedAt != nil {
		if err := CheckEventTime(prefix+"detectedAt", *s.DetectedAt, now); err != nil {
			return s, err
		}
	}
	if s.URL, err = ValidateURL(prefix+"url", s.URL); err != nil {
		return s, err
	}
	if s.ClaimText, err = RequireText(prefix+"claimText", s.ClaimText, 0, MaxClaimText); err != nil {
		return s, err
	}
	if s.AccountHandle, err = RequireText(prefix+"accountHandle", s.AccountHandle, 0, MaxAccountHandle); err != nil {
		return s, err
	}
	if s.URL == "" && s.ClaimText == "" {
		return s, Invalid(whole, "isi tautan atau teks klaim")
	}
	return s, nil
}

// CheckSources checks the sources given with a new issue, at most
// MaxIssueSources; their fields are named "sources[i].…".
func CheckSources(in []IssueSourceInput, now time.Time) ([]IssueSourceInput, error) {
	if len(in) > MaxIssueSources {
		return nil, Invalid("sources", "maksimal %d sumber", MaxIssueSources)
	}
	out := make([]IssueSourceInput, len(in))
	for i, s := range in {
		checked, err := CheckSource(fmt.Sprintf("sources[%d].", i), s, now)
		if err != nil {
			return nil, err
		}
		out[i] = checked
	}
	return out, nil
}

// ValidateNewIssue checks the fields of an issue TRC logs (its sources are
// checked by CheckSources) and returns it unsaved, NEW.
func ValidateNewIssue(in NewIssue) (*Issue, error) {
	issue := &Issue{Kind: in.Kind, Status: StatusNew}
	var err error
	if issue.Title, err = CheckTitle("title", in.Title); err != nil {
		return nil, err
	}
	if issue.Summary, err = CheckSummary("summary", in.Summary); err != nil {
		return nil, err
	}
	if err := CheckKind("kind", in.Kind); err != nil {
		return nil, err
	}
	return issue, nil
}
