package models

import "time"

// IssueRecord is an issue brought in from outside the portal's own
// workflow: a row group of a CSV import, or an issue of the demo content.
// It holds the issue's final state and the relative times needed to rebuild
// its timeline; the store turns it into an Issue with its history.
//
// Enumerations hold the exact string values of the matching types (Kind,
// Status, Priority, Verdict, Platform).
type IssueRecord struct {
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
	// DuplicateOf is, for DUPLICATE issues, the index of the earlier issue
	// that carries the answer, in the list this record belongs to.
	DuplicateOf int
	// DeclinedBy is the slug of an agency that declined the issue before the
	// final assignment, with its reason.
	DeclinedBy    string
	DeclineReason string

	Sources   []SourceRecord
	Response  *ResponseRecord
	Questions []QuestionRecord
}

// SourceRecord is one place where the claim or complaint of an issue was
// seen.
type SourceRecord struct {
	Platform, URL, ClaimText, AccountHandle string
	// DetectedBefore is how long before the issue was logged the claim was
	// first seen.
	DetectedBefore time.Duration
}

// ResponseRecord is the official response of the assigned agency, first
// published AnswerAfter the issue was logged.
type ResponseRecord struct {
	// Body is Indonesian Markdown.
	Body string
	// Verdict is set for MISINFORMATION issues only.
	Verdict   string
	Revisions []RevisionRecord
}

// RevisionRecord is a published correction of an official response.
type RevisionRecord struct {
	// After is counted from the first publication of the response.
	After time.Duration
	// Body is the full Markdown text after the revision.
	Body string
	// Verdict is the verdict after the revision (misinformation only).
	Verdict string
	// Reason is the public correction note (ralat), in Indonesian.
	Reason string
}

// QuestionRecord is a citizen's public question linked to an issue.
type QuestionRecord struct {
	Body          string
	Name, Contact string
	// After is counted from the logging of the issue.
	After time.Duration
}
