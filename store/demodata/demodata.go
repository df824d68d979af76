// Package demodata holds the demonstration content of Tanggap for Kabupaten
// Kotabaru: agencies, categories, staff accounts and about six months of public
// issues with their sources, official responses, revisions and linked citizens'
// questions. The content is invented but plausible; every person, account
// handle, contact and telephone number in it is fictitious.
//
// The package is plain data and imports only the standard library. Turning it
// into database rows (users with passwords, audit entries, events, search
// documents) is the loader's job. The conventions the loader can rely on, all
// checked by this package's tests:
//
//   - Times are relative. An issue was logged LoggedDaysAgo days before the
//     moment of loading; every other offset is counted from that logging time
//     (or, for revisions, from the first publication) and never reaches past
//     the moment of loading.
//   - Issues are listed oldest first, so public numbers handed out in list
//     order follow the logging order.
//   - Enumerations are the exact string values of DESIGN.md (kinds, statuses,
//     verdicts, priorities, platforms, roles).
//   - The step offsets of an issue match its final status: ASSIGNED has only
//     AssignAfter; IN_PROGRESS adds AcknowledgeAfter; ANSWERED adds AnswerAfter
//     and a Response; CLOSED adds CloseAfter. NEW, REJECTED and DUPLICATE
//     issues have no agency, no priority and no step offsets; the loader places
//     a rejection or a duplicate mark shortly after logging.
//   - DeclinedBy names an agency that received the issue first and declined it;
//     that first assignment and the decline both fall between logging and
//     AssignAfter, which is the final assignment.
//   - A Revision's Body is the full text of the response after the revision,
//     and its Verdict the verdict after it; the last revision is current.
//   - Only PIC accounts carry an AgencySlug. Staff passwords are not part of
//     the data.
//   - A Source's URL is empty when the claim circulated without a link (a
//     forwarded WhatsApp message, a letter, a radio call).
package demodata

import "time"

// Agency is a regional work unit (SKPD/OPD) that answers issues.
type Agency struct {
	Slug, Name, ShortName, Description string
}

// Category is a topic an issue belongs to.
type Category struct {
	Slug, Name, Description string
}

// Staff is a demo staff account. Role is ADMIN, TRC, PIC or AUDITOR; only a
// PIC has an AgencySlug.
type Staff struct {
	Email, Name, Role, AgencySlug string
}

// Source is one place where the claim or complaint of an issue was seen.
type Source struct {
	Platform, URL, ClaimText, AccountHandle string
	// DetectedBefore is how long before the issue was logged the claim was
	// first seen.
	DetectedBefore time.Duration
}

// Revision is a published correction of an official response.
type Revision struct {
	// After is counted from the first publication of the response.
	After time.Duration
	// Body is the full Markdown text after the revision.
	Body string
	// Verdict is the verdict after the revision (misinformation only).
	Verdict string
	// Reason is the public correction note (ralat), in Indonesian.
	Reason string
}

// Response is the official response of the assigned agency, first published
// AnswerAfter the issue was logged.
type Response struct {
	// Body is Indonesian Markdown.
	Body string
	// Verdict is set for MISINFORMATION issues only.
	Verdict   string
	Revisions []Revision
}

// Question is a citizen's public question that TRC linked to an issue.
type Question struct {
	Body          string
	Name, Contact string
	// After is counted from the logging of the issue.
	After time.Duration
}

// Issue is one public issue with its final state and the history needed to
// rebuild its timeline.
type Issue struct {
	Title, Summary, Kind, CategorySlug string
	// Status is the final status.
	Status string
	// AgencySlug and Priority are set from ASSIGNED on.
	AgencySlug string
	Priority   string
	// LoggedDaysAgo is how many days before the moment of loading the issue
	// was logged.
	LoggedDaysAgo float64
	// Offsets from logging; zero when the step did not happen.
	AssignAfter, AcknowledgeAfter, AnswerAfter, CloseAfter time.Duration

	Internal       bool
	InternalReason string
	// RejectReason is set for REJECTED issues.
	RejectReason string
	// DuplicateOf is, for DUPLICATE issues, the index in Issues of the
	// earlier issue that carries the answer.
	DuplicateOf int
	// DeclinedBy is the slug of an agency that declined the issue before the
	// final assignment, with its reason.
	DeclinedBy    string
	DeclineReason string

	Sources   []Source
	Response  *Response
	Questions []Question
}

// Units used to write the offsets.
const (
	minute = time.Minute
	hour   = time.Hour
	day    = 24 * time.Hour
)
