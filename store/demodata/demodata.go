// Package demodata holds the demonstration content of Tanggap for Kabupaten
// Kotabaru: agencies, categories, staff accounts and about six months of public
// issues with their sources, official responses, revisions and linked citizens'
// questions. The content is invented but plausible; every person, account
// handle, contact and telephone number in it is fictitious.
//
// The content is written in YAML files under content/, embedded in the
// binary and read when the package is initialised; content/README.md says
// how to edit them. Turning the content into database rows (users with
// passwords, audit entries, events, search documents) is the loader's job.
// The conventions the loader can rely on, all checked by this package's
// tests:
//
//   - Times are relative. An issue was logged LoggedDaysAgo days before the
//     moment of loading; every other offset is counted from that logging time
//     (or, for revisions, from the first publication) and never reaches past
//     the moment of loading.
//   - Issues are listed oldest first, so public numbers handed out in list
//     order follow the logging order.
//   - Enumerations are the exact string values of the models package (kinds,
//     statuses, verdicts, priorities, platforms, roles).
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

import "github.com/kotabaru/tanggap/models"

// Agency is a regional work unit (SKPD/OPD) that answers issues.
type Agency struct {
	Slug        string `yaml:"slug"`
	Name        string `yaml:"name"`
	ShortName   string `yaml:"short_name"`
	Description string `yaml:"description"`
}

// Category is a topic an issue belongs to.
type Category struct {
	Slug        string `yaml:"slug"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
}

// Staff is a demo staff account. Role is ADMIN, TRC, PIC or AUDITOR; only a
// PIC has an AgencySlug.
type Staff struct {
	Email      string `yaml:"email"`
	Name       string `yaml:"name"`
	Role       string `yaml:"role"`
	AgencySlug string `yaml:"agency,omitempty"`
}

// The record types of the demo's issues are the ones the CSV import shares,
// so the demo is loaded the way imported issues are.
type (
	Issue    = models.IssueRecord
	Source   = models.SourceRecord
	Response = models.ResponseRecord
	Revision = models.RevisionRecord
	Question = models.QuestionRecord
)

// Synonym is a search synonym group: a term and the other ways of saying it.
type Synonym struct {
	Term     string   `yaml:"term"`
	Synonyms []string `yaml:"synonyms,flow"`
}
