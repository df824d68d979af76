package models

import (
	"errors"
	"fmt"
	"time"
)

// TimeBasis says how the time of a response target is counted.
type TimeBasis string

// The bases on which a response target is counted.
const (
	// TimeBasisClock counts clock hours, 24/7, ignoring the working calendar.
	TimeBasisClock TimeBasis = "CLOCK"
	// TimeBasisWorking counts only working time of the WorkingCalendar.
	TimeBasisWorking TimeBasis = "WORKING"
)

// TimeBases lists every time basis.
var TimeBases = []TimeBasis{TimeBasisClock, TimeBasisWorking}

// Valid reports whether b is one of the known time bases.
func (b TimeBasis) Valid() bool { return oneOf(b, TimeBases) }

// ResponsePolicy is the response-time target for one priority: how long an
// agency has, from assignment, to acknowledge an issue and to publish its
// first answer.
type ResponsePolicy struct {
	Priority Priority
	// AcknowledgeWithin is the time allowed for acknowledging. When Basis is
	// TimeBasisWorking it is working time, and one working day is the
	// calendar's WorkingDayLength.
	AcknowledgeWithin time.Duration
	// AnswerWithin is the time allowed for the first published answer,
	// counted like AcknowledgeWithin.
	AnswerWithin time.Duration
	Basis        TimeBasis
}

// DefaultResponsePolicies returns the shipped response targets, one per
// priority, most urgent first: URGENT 1 and 6 clock hours; HIGH 4 working
// hours and 1 working day; NORMAL 1 and 3 working days; LOW 3 and 10 working
// days, where a working day is 8 hours.
func DefaultResponsePolicies() []ResponsePolicy {
	const workingDay = 8 * time.Hour
	return []ResponsePolicy{
		{Priority: PriorityUrgent, AcknowledgeWithin: time.Hour, AnswerWithin: 6 * time.Hour, Basis: TimeBasisClock},
		{Priority: PriorityHigh, AcknowledgeWithin: 4 * time.Hour, AnswerWithin: workingDay, Basis: TimeBasisWorking},
		{Priority: PriorityNormal, AcknowledgeWithin: workingDay, AnswerWithin: 3 * workingDay, Basis: TimeBasisWorking},
		{Priority: PriorityLow, AcknowledgeWithin: 3 * workingDay, AnswerWithin: 10 * workingDay, Basis: TimeBasisWorking},
	}
}

// Validate reports the first problem with p as a plain error whose message
// starts with the name of the field: a known priority and basis, positive
// durations, and acknowledging no later than answering.
func (p ResponsePolicy) Validate() error {
	if !p.Priority.Valid() {
		return fmt.Errorf("priority: unknown priority %q", p.Priority)
	}
	if !p.Basis.Valid() {
		return fmt.Errorf("basis: unknown time basis %q", p.Basis)
	}
	if p.AcknowledgeWithin <= 0 {
		return errors.New("acknowledgeWithin: must be positive")
	}
	if p.AnswerWithin <= 0 {
		return errors.New("answerWithin: must be positive")
	}
	if p.AnswerWithin < p.AcknowledgeWithin {
		return fmt.Errorf("answerWithin: %v is shorter than acknowledgeWithin %v", p.AnswerWithin, p.AcknowledgeWithin)
	}
	return nil
}

// DueTimes returns when an issue assigned at assignedAt must be acknowledged
// and answered, in the calendar's location. Clock-basis policies ignore the
// calendar's days and hours; any other basis counts working time.
func (p ResponsePolicy) DueTimes(c WorkingCalendar, assignedAt time.Time) (acknowledgeBy, answerBy time.Time) {
	if p.Basis == TimeBasisClock {
		loc := c.location()
		return assignedAt.Add(p.AcknowledgeWithin).In(loc), assignedAt.Add(p.AnswerWithin).In(loc)
	}
	return c.AddWorkingTime(assignedAt, p.AcknowledgeWithin), c.AddWorkingTime(assignedAt, p.AnswerWithin)
}

// Elapsed returns the time counted against p between from and to: clock time
// for a clock-basis policy, working time otherwise, and 0 when to is not
// after from.
func (p ResponsePolicy) Elapsed(c WorkingCalendar, from, to time.Time) time.Duration {
	if p.Basis == TimeBasisClock {
		if !to.After(from) {
			return 0
		}
		return to.Sub(from)
	}
	return c.WorkingTimeBetween(from, to)
}

// PolicyFor returns the first policy in policies for priority pr, and false
// when there is none.
func PolicyFor(policies []ResponsePolicy, pr Priority) (ResponsePolicy, bool) {
	for _, p := range policies {
		if p.Priority == pr {
			return p, true
		}
	}
	return ResponsePolicy{}, false
}
