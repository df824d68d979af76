package models

import (
	"fmt"
	"time"
)

// Who may take the steps of an issue's lifecycle. The store checks the
// caller against these lists before it loads the issue; the step methods
// below check the caller again against the issue itself (its agency).
var (
	// TriageRoles log, edit, assign, close, reopen, reject, mark duplicate,
	// hide or show an issue and correct its sources.
	TriageRoles = []Role{RoleTRC}
	// AnswerRoles acknowledge an issue and draft, publish and revise its
	// answer: the assigned agency's PIC, or TRC on its behalf.
	AnswerRoles = []Role{RolePIC, RoleTRC}
	// DeclineRoles hand an issue back to TRC: the assigned agency's PIC.
	DeclineRoles = []Role{RolePIC}
)

// Transition describes one step of an issue's lifecycle as the step method
// decided it. The issue the method was called on already carries the new
// state; the store saves it, records Event (after any Implied events) on
// the issue's timeline and appends the audit entry built from Changes.
type Transition struct {
	Event EventType
	// From and To are the issue's status before and after the step.
	From, To IssueStatus
	// Reason is recorded with the event. PublicReason says whether the
	// public timeline shows it (see IssueEvent.PublicReason); reasons of
	// declines, rejections and internal marks stay with staff.
	Reason       string
	PublicReason bool
	// EventAgencyID is the agency the event is recorded against: the
	// issue's agency after the step, except for a decline, which belongs to
	// the agency that declined.
	EventAgencyID *int64
	// Implied are events the step records before Event, at the same
	// instant: publishing an answer that was never acknowledged
	// acknowledges it too.
	Implied []EventType
	// Changes are the changed fields for the audit entry, without the
	// status and the reason, which AuditChanges adds.
	Changes map[string]any
}

// AuditChanges returns the changes of the audit entry of t: Changes with
// the status after the step and the reason, if any.
func (t Transition) AuditChanges() map[string]any {
	changes := make(map[string]any, len(t.Changes)+2)
	for k, v := range t.Changes {
		changes[k] = v
	}
	changes["status"] = t.To
	if t.Reason != "" {
		changes["reason"] = t.Reason
	}
	return changes
}

// AuditAction names the audit entry of t, e.g. "issue.assigned".
func (t Transition) AuditAction() string { return AuditActionOf(t.Event) }

// AuditActionOf names the audit entry of an issue event, e.g. "issue.assigned".
func AuditActionOf(e EventType) string {
	b := []byte(e)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return "issue." + string(b)
}

// transition builds the Transition of a step on i taken from status from.
func (i *Issue) transition(event EventType, from IssueStatus, reason string, changes map[string]any) Transition {
	e := IssueEvent{Type: event}
	return Transition{
		Event: event, From: from, To: i.Status, Reason: reason, PublicReason: reason != "" && e.PublicReason(),
		EventAgencyID: i.AgencyID, Changes: changes,
	}
}

// StatusLabel is the Indonesian name of a status, as staff read it in an
// error message.
func StatusLabel(s IssueStatus) string {
	switch s {
	case StatusNew:
		return "Baru"
	case StatusAssigned:
		return "Diteruskan ke instansi"
	case StatusInProgress:
		return "Sedang ditangani"
	case StatusAnswered:
		return "Sudah dijawab"
	case StatusClosed:
		return "Ditutup"
	case StatusRejected:
		return "Ditolak"
	case StatusDuplicate:
		return "Duplikat"
	}
	return string(s)
}

// Conflict reports a step the issue's state does not allow, in words a
// person understands.
func Conflict(i *Issue, format string, args ...any) error {
	return Errorf(ECONFLICT, "Isu %s berstatus %s: %s", i.Number, StatusLabel(i.Status), fmt.Sprintf(format, args...))
}

// Forbidden is the error of a caller who may not take a step.
func Forbidden() error {
	return Errorf(EFORBIDDEN, "Anda tidak berwenang melakukan tindakan ini")
}

// mayTriage reports whether actor may take TRC's steps. The system user is
// the command line replaying recorded history (the CSV import).
func mayTriage(actor *User) bool {
	return actor != nil && (actor.Role == RoleTRC || actor.IsSystem())
}

// mayAnswer reports whether actor may work on i's answer: TRC, the PIC of
// the assigned agency, or the command line replaying history.
func mayAnswer(actor *User, i *Issue) bool {
	return CanActOnIssue(actor, i) || actor.IsSystem()
}

// Schedule is what due times are computed from: the response-time
// policies and the working calendar.
type Schedule struct {
	Policies []ResponsePolicy
	Calendar WorkingCalendar
}

// DueTimes returns when an issue of priority pr assigned at assignedAt must
// be acknowledged and answered, in UTC to the microsecond as they are
// stored.
func (s Schedule) DueTimes(pr Priority, assignedAt time.Time) (acknowledgeBy, answerBy time.Time, err error) {
	policy, ok := PolicyFor(s.Policies, pr)
	if !ok {
		return time.Time{}, time.Time{}, fmt.Errorf("no response-time policy for %s", pr)
	}
	ack, answer := policy.DueTimes(s.Calendar, assignedAt)
	return ack.UTC().Truncate(time.Microsecond), answer.UTC().Truncate(time.Microsecond), nil
}

// Edit changes the text of an issue. category is the category in.CategorySlug
// names (nil when it names none or clears it). The kind is fixed once an
// answer was published. TRC only.
func (i *Issue) Edit(actor *User, in IssueUpdate, category *Category) (Transition, error) {
	if !mayTriage(actor) {
		return Transition{}, Forbidden()
	}
	changes := map[string]any{}
	var err error
	if in.Title != nil {
		if i.Title, err = CheckTitle("title", *in.Title); err != nil {
			return Transition{}, err
		}
		changes["title"] = i.Title
	}
	if in.Summary != nil {
		if i.Summary, err = CheckSummary("summary", *in.Summary); err != nil {
			return Transition{}, err
		}
		changes["summary"] = i.Summary
	}
	if in.Kind != nil && *in.Kind != i.Kind {
		if err := CheckKind("kind", *in.Kind); err != nil {
			return Transition{}, err
		}
		if i.AnsweredAt != nil {
			return Transition{}, Conflict(i, "jenis isu tidak dapat diubah setelah jawaban terbit")
		}
		i.Kind = *in.Kind
		changes["kind"] = i.Kind
	}
	if in.CategorySlug != nil {
		switch {
		case *in.CategorySlug == "":
			i.CategoryID = nil
		case category == nil:
			return Transition{}, Invalid("categorySlug", "kategori %q tidak ada", *in.CategorySlug)
		default:
			i.CategoryID = &category.ID
		}
		changes["category"] = *in.CategorySlug
	}
	if len(changes) == 0 {
		return Transition{}, Invalid("input", "tidak ada yang diubah")
	}
	return i.transition(EventEdited, i.Status, "", changes), nil
}

// SourceChange records a change of the issue's sources (added, corrected,
// removed) as a step of its own that leaves the status as it is. TRC only.
func (i *Issue) SourceChange(actor *User, event EventType, reason string, changes map[string]any) (Transition, error) {
	if !mayTriage(actor) {
		return Transition{}, Forbidden()
	}
	switch event {
	case EventSourceAdded, EventSourceUpdated:
	case EventSourceRemoved:
		var err error
		if reason, err = CheckReason("reason", reason); err != nil {
			return Transition{}, err
		}
	default:
		return Transition{}, fmt.Errorf("%s is not a change of sources", event)
	}
	return i.transition(event, i.Status, reason, changes), nil
}

// Assign hands a NEW issue to an agency with a priority, or moves an
// assigned one to another agency or priority. agency is the agency
// in.AgencySlug names, nil when there is none. A new agency starts the
// clocks again; a new priority alone keeps the assignment time and moves
// the due times. TRC only.
func (i *Issue) Assign(actor *User, in Assignment, agency *Agency, schedule Schedule, now time.Time) (Transition, error) {
	if !mayTriage(actor) {
		return Transition{}, Forbidden()
	}
	if !in.Priority.Valid() {
		return Transition{}, Invalid("priority", "prioritas %q tidak dikenal", in.Priority)
	}
	from, event := i.Status, EventAssigned
	switch i.Status {
	case StatusNew:
	case StatusAssigned, StatusInProgress:
		event = EventReassigned
	case StatusDuplicate:
		return Transition{}, Conflict(i, "isu duplikat tidak dapat diteruskan; teruskan isu aslinya")
	default:
		return Transition{}, Conflict(i, "hanya isu baru atau yang sedang ditangani yang dapat diteruskan")
	}
	if agency == nil {
		return Transition{}, Invalid("agencySlug", "instansi %q tidak ada", in.AgencySlug)
	}
	sameAgency := i.AgencyID != nil && *i.AgencyID == agency.ID
	if event == EventReassigned && sameAgency && i.Priority != nil && *i.Priority == in.Priority {
		return Transition{}, Conflict(i, "isu sudah diteruskan ke %s dengan prioritas yang sama", agency.ShortName)
	}
	changes := map[string]any{"agency": agency.Slug, "priority": in.Priority}
	if i.AgencyID != nil && !sameAgency {
		changes["fromAgencyId"] = *i.AgencyID
	}
	restart, assignedAt := true, now
	if sameAgency && i.AssignedAt != nil {
		restart, assignedAt = false, *i.AssignedAt
	}
	ackDue, answerDue, err := schedule.DueTimes(in.Priority, assignedAt)
	if err != nil {
		return Transition{}, err
	}
	agencyID, priority := agency.ID, in.Priority
	i.AgencyID, i.Priority = &agencyID, &priority
	if restart {
		i.Status, i.AssignedAt, i.AcknowledgedAt = StatusAssigned, &now, nil
	}
	i.AcknowledgeDueAt, i.AnswerDueAt = &ackDue, &answerDue
	changes["acknowledgeDueAt"], changes["answerDueAt"] = ackDue, answerDue
	i.UpdatedAt = now
	return i.transition(event, from, "", changes), nil
}

// Acknowledge confirms that the assigned agency works on the issue. The
// agency's PIC, or TRC.
func (i *Issue) Acknowledge(actor *User, now time.Time) (Transition, error) {
	if !mayAnswer(actor, i) {
		return Transition{}, Forbidden()
	}
	if i.Status != StatusAssigned {
		return Transition{}, Conflict(i, "hanya isu yang baru diteruskan yang dapat dikonfirmasi")
	}
	from := i.Status
	i.Status, i.AcknowledgedAt, i.UpdatedAt = StatusInProgress, &now, now
	return i.transition(EventAcknowledged, from, "", nil), nil
}

// Decline hands an issue back to TRC, NEW again, because it is not the
// agency's matter. The assigned agency's PIC only; the reason stays with
// staff. The event belongs to the agency that declined.
func (i *Issue) Decline(actor *User, reason string, now time.Time) (Transition, error) {
	reason, err := CheckReason("reason", reason)
	if err != nil {
		return Transition{}, err
	}
	if !actor.BelongsTo(i.AgencyID) {
		return Transition{}, Forbidden()
	}
	if i.Status != StatusAssigned && i.Status != StatusInProgress {
		return Transition{}, Conflict(i, "hanya isu yang belum dijawab yang dapat dikembalikan")
	}
	from, declinedBy := i.Status, i.AgencyID
	i.Status, i.AgencyID, i.Priority = StatusNew, nil, nil
	i.AssignedAt, i.AcknowledgedAt, i.AcknowledgeDueAt, i.AnswerDueAt = nil, nil, nil, nil
	i.UpdatedAt = now
	t := i.transition(EventDeclined, from, reason, map[string]any{"fromAgencyId": *declinedBy})
	t.EventAgencyID = declinedBy
	return t, nil
}

// CheckAnswerable reports whether actor may draft or publish the answer of
// the issue now: it must be assigned to an agency actor may act for and
// still wait for its answer.
func (i *Issue) CheckAnswerable(actor *User) error {
	if !mayAnswer(actor, i) {
		return Forbidden()
	}
	switch i.Status {
	case StatusAssigned, StatusInProgress:
		return nil
	case StatusAnswered:
		return Conflict(i, "jawaban sudah terbit; gunakan ralat untuk mengubahnya")
	}
	return Conflict(i, "isu ini tidak sedang menunggu jawaban instansi")
}

// PublishAnswer records that response r, published now, answers the
// issue: the issue is ANSWERED with the response's verdict, its answer
// clock stops at the first answer, and its acknowledge clock too if it
// never was acknowledged (an Implied ACKNOWLEDGED event). r must be the
// assigned agency's response and its text already checked with
// CheckResponseText. The agency's PIC, or TRC.
func (i *Issue) PublishAnswer(actor *User, r *Response, now time.Time) (Transition, error) {
	if err := i.CheckAnswerable(actor); err != nil {
		return Transition{}, err
	}
	if i.AgencyID == nil || r.AgencyID != *i.AgencyID {
		return Transition{}, Conflict(i, "isu ini kini diteruskan ke instansi lain")
	}
	from := i.Status
	var implied []EventType
	if i.AcknowledgedAt == nil {
		i.AcknowledgedAt = &now
		implied = append(implied, EventAcknowledged)
	}
	i.Status, i.Verdict, i.UpdatedAt = StatusAnswered, r.Verdict, now
	if i.AnsweredAt == nil {
		i.AnsweredAt = &now
	}
	t := i.transition(EventAnswered, from, "", map[string]any{"response": r.ID, "verdict": r.Verdict, "body": r.Body})
	t.Implied = implied
	return t, nil
}

// Revise corrects the published response r of the issue: a new revision
// with a new body or verdict and a public reason. It changes r (its
// revision number, body, verdict and time) and the issue's verdict; the
// caller stores r's rendered HTML and author. A closed issue must be
// reopened first. The response's agency's PIC, or TRC.
func (i *Issue) Revise(actor *User, r *Response, body string, verdict *Verdict, reason string, now time.Time) (Transition, error) {
	reason, err := CheckReason("reason", reason)
	if err != nil {
		return Transition{}, err
	}
	if actor == nil || (actor.Role != RoleTRC && !actor.BelongsTo(&r.AgencyID) && !actor.IsSystem()) {
		return Transition{}, Forbidden()
	}
	if r.Status != ResponsePublished {
		return Transition{}, Errorf(ECONFLICT, "Jawaban ini masih draf; terbitkan dulu sebelum meralat")
	}
	if i.Status == StatusClosed {
		return Transition{}, Conflict(i, "buka kembali isu sebelum meralat jawabannya")
	}
	if body, err = CheckResponseText(i.Kind, body, verdict, true); err != nil {
		return Transition{}, err
	}
	if body == r.Body && sameVerdict(verdict, r.Verdict) {
		return Transition{}, Invalid("body", "ralat harus mengubah isi atau putusan")
	}
	r.Revision++
	r.Body, r.Verdict, r.UpdatedAt = body, verdict, now
	i.Verdict, i.UpdatedAt = verdict, now
	return i.transition(EventRevised, i.Status, reason, map[string]any{
		"response": r.ID, "revision": r.Revision, "verdict": verdict, "body": body,
	}), nil
}

func sameVerdict(a, b *Verdict) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// Close closes an answered issue. TRC only.
func (i *Issue) Close(actor *User, now time.Time) (Transition, error) {
	if !mayTriage(actor) {
		return Transition{}, Forbidden()
	}
	if i.Status != StatusAnswered {
		return Transition{}, Conflict(i, "hanya isu yang sudah dijawab yang dapat ditutup")
	}
	from := i.Status
	i.Status, i.ClosedAt, i.UpdatedAt = StatusClosed, &now, now
	return i.transition(EventClosed, from, "", nil), nil
}

// Reopen reopens a closed issue so that its answer can be corrected or
// completed. TRC only; the reason is public.
func (i *Issue) Reopen(actor *User, reason string, now time.Time) (Transition, error) {
	reason, err := CheckReason("reason", reason)
	if err != nil {
		return Transition{}, err
	}
	if !mayTriage(actor) {
		return Transition{}, Forbidden()
	}
	if i.Status != StatusClosed {
		return Transition{}, Conflict(i, "hanya isu yang sudah ditutup yang dapat dibuka kembali")
	}
	from := i.Status
	i.Status, i.ClosedAt, i.UpdatedAt = StatusAnswered, nil, now
	return i.transition(EventReopened, from, reason, nil), nil
}

// Reject rejects a NEW issue that needs no answer. TRC only; the reason
// stays with staff.
func (i *Issue) Reject(actor *User, reason string, now time.Time) (Transition, error) {
	reason, err := CheckReason("reason", reason)
	if err != nil {
		return Transition{}, err
	}
	if !mayTriage(actor) {
		return Transition{}, Forbidden()
	}
	if i.Status != StatusNew {
		return Transition{}, Conflict(i, "hanya isu baru yang dapat ditolak")
	}
	from := i.Status
	i.Status, i.RejectReason, i.UpdatedAt = StatusRejected, reason, now
	return i.transition(EventRejected, from, reason, nil), nil
}

// MarkDuplicate points an unanswered issue at original, the issue that
// carries the answer; original is nil when originalNumber names none. TRC
// only.
func (i *Issue) MarkDuplicate(actor *User, original *Issue, originalNumber string, now time.Time) (Transition, error) {
	if !mayTriage(actor) {
		return Transition{}, Forbidden()
	}
	switch i.Status {
	case StatusNew, StatusAssigned, StatusInProgress:
	default:
		return Transition{}, Conflict(i, "hanya isu yang belum dijawab yang dapat ditandai duplikat")
	}
	if original == nil {
		return Transition{}, Invalid("originalNumber", "isu asli %q tidak ada", originalNumber)
	}
	if original.ID == i.ID {
		return Transition{}, Invalid("originalNumber", "isu tidak dapat menjadi duplikat dirinya sendiri")
	}
	if original.Status == StatusDuplicate || original.Status == StatusRejected {
		return Transition{}, Conflict(original, "tunjuk isu yang membawa jawaban, bukan isu duplikat atau yang ditolak")
	}
	from, originalID := i.Status, original.ID
	i.Status, i.DuplicateOfID, i.UpdatedAt = StatusDuplicate, &originalID, now
	// The reason is on the public timeline: it names the original only when
	// the public may see it, so a hidden issue's number never leaks through
	// its duplicates (duplicateOf itself follows the reader's visibility).
	reason := "Duplikat dari " + original.Number
	if !original.IsPublic() {
		reason = "Duplikat dari isu lain yang sudah dicatat"
	}
	return i.transition(EventDuplicate, from, reason, map[string]any{"original": original.Number}), nil
}

// SetInternal hides the issue from the public, or shows it again. TRC
// only; the reason stays with staff.
func (i *Issue) SetInternal(actor *User, internal bool, reason string, now time.Time) (Transition, error) {
	reason, err := CheckReason("reason", reason)
	if err != nil {
		return Transition{}, err
	}
	if !mayTriage(actor) {
		return Transition{}, Forbidden()
	}
	if i.Internal == internal {
		if internal {
			return Transition{}, Conflict(i, "isu sudah bersifat internal")
		}
		return Transition{}, Conflict(i, "isu sudah publik")
	}
	event := EventMadePublic
	i.Internal, i.InternalReason, i.UpdatedAt = internal, "", now
	if internal {
		event, i.InternalReason = EventMadeInternal, reason
	}
	return i.transition(event, i.Status, reason, map[string]any{"internal": internal}), nil
}
