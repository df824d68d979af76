package models

import (
	"context"
	"math"
	"sort"
	"time"
)

// MinimumReportCount is the smallest number of issues behind a figure that
// is shown; below it a figure is "not enough data" rather than a misleading
// percentage or median (docs/architecture.md, “Where each rule lives”).
const MinimumReportCount = 5

// ReportFilter selects the issues of a response-time report: those assigned
// within [From, To), of one agency or all.
type ReportFilter struct {
	From, To   time.Time
	AgencySlug string
}

// Share is an on-time ratio with the counts behind it. Ratio is nil when
// Of is below the minimum count.
type Share struct {
	OnTime, Of int
	Ratio      *float64
}

// DurationStats summarises how long a clock ran. The quantiles are nil when
// Count is below the minimum count.
type DurationStats struct {
	Count                     int
	WorkingMedian, WorkingP90 *time.Duration
	ClockMedian, ClockP90     *time.Duration
}

// ReportFigure names a figure whose issues an auditor can list.
type ReportFigure string

// The figures of a report row.
const (
	FigureAssigned         ReportFigure = "ASSIGNED"
	FigureAnswered         ReportFigure = "ANSWERED"
	FigureOpen             ReportFigure = "OPEN"
	FigureOverdue          ReportFigure = "OVERDUE"
	FigureAcknowledgedLate ReportFigure = "ACKNOWLEDGED_LATE"
	FigureAnsweredLate     ReportFigure = "ANSWERED_LATE"
)

// ReportFigures lists every figure.
var ReportFigures = []ReportFigure{FigureAssigned, FigureAnswered, FigureOpen, FigureOverdue, FigureAcknowledgedLate, FigureAnsweredLate}

// Valid reports whether f is a known figure.
func (f ReportFigure) Valid() bool { return oneOf(f, ReportFigures) }

// Clock names one of the two clocks of an issue.
type Clock string

// The two clocks that run from assignment.
const (
	ClockAcknowledge Clock = "ACKNOWLEDGE"
	ClockAnswer      Clock = "ANSWER"
)

// WaitingIssue is an open issue past a due time: who let it wait, and for
// how long.
type WaitingIssue struct {
	Issue          *Issue
	Clock          Clock
	DueAt          time.Time
	OverdueWorking time.Duration
	OverdueClock   time.Duration
}

// AgencyFigures are the response-time figures of one agency, or of all
// agencies together when Agency is nil.
type AgencyFigures struct {
	Agency             *Agency
	Assigned           int
	Answered           int
	Open               int
	OverdueNow         int
	AcknowledgedOnTime Share
	AnsweredOnTime     Share
	TimeToAcknowledge  DurationStats
	TimeToAnswer       DurationStats
	// Waiting lists the overdue open issues, longest overdue first.
	Waiting []WaitingIssue
	// IssueIDs lists the issues behind each figure, for auditors.
	IssueIDs map[ReportFigure][]int64
}

// ResponseTimeReport answers "which agency let which issue wait, and for how
// long" for a period.
type ResponseTimeReport struct {
	From, To         time.Time
	GeneratedAt      time.Time
	MinimumCount     int
	IncludesInternal bool
	Agencies         []*AgencyFigures
	Total            *AgencyFigures
}

// NewShare returns the share onTime/of, hiding the ratio below the minimum.
func NewShare(onTime, of int) Share {
	s := Share{OnTime: onTime, Of: of}
	if of >= MinimumReportCount {
		r := float64(onTime) / float64(of)
		s.Ratio = &r
	}
	return s
}

// NewDurationStats summarises paired working and clock durations with the
// nearest-rank median and 90th percentile, hidden below the minimum count.
func NewDurationStats(working, clock []time.Duration) DurationStats {
	s := DurationStats{Count: len(clock)}
	if s.Count < MinimumReportCount {
		return s
	}
	s.WorkingMedian, s.WorkingP90 = Quantile(working, 0.5), Quantile(working, 0.9)
	s.ClockMedian, s.ClockP90 = Quantile(clock, 0.5), Quantile(clock, 0.9)
	return s
}

// Quantile returns the nearest-rank p-quantile of values: the smallest value
// such that at least p of all values are less than or equal to it. It is
// always one of the values; nil for no values.
func Quantile(values []time.Duration, p float64) *time.Duration {
	if len(values) == 0 {
		return nil
	}
	sorted := append([]time.Duration(nil), values...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	rank := int(math.Ceil(p*float64(len(sorted)))) - 1
	rank = max(0, min(rank, len(sorted)-1))
	v := sorted[rank]
	return &v
}

// DueExplanation shows how an issue's due times were computed: the policy,
// and every day between assignment and the answer due time, counted or
// skipped with its reason.
type DueExplanation struct {
	Policy           ResponsePolicy
	AssignedAt       time.Time
	AcknowledgeDueAt time.Time
	AnswerDueAt      time.Time
	Days             []CalendarDay
}

// InformationRequest is one request for public information in the annual
// report of UU 14/2008 Article 12.
type InformationRequest struct {
	Issue       *Issue
	Outcome     string // ANSWERED, DECLINED or OPEN
	Reason      string // the decline reason, for DECLINED
	WorkingTime *time.Duration
	ClockTime   *time.Duration
}

// InformationReport is an agency's annual public-information report.
type InformationReport struct {
	Year      int
	Agency    *Agency
	Received  int
	Answered  int
	Declined  int
	Open      int
	Requests  []InformationRequest
	TimeTaken DurationStats
}

// AccountabilityService keeps the working calendar and the response-time
// policy, and reports how fast agencies answered.
type AccountabilityService interface {
	// Holidays lists the holidays of a year. Anyone may call it.
	Holidays(ctx context.Context, year int) ([]Holiday, error)
	// AddHoliday adds a holiday and re-computes the due times of open
	// issues. ADMIN only. Errors: EINVALID, ECONFLICT (date taken).
	AddHoliday(ctx context.Context, h Holiday) (*Holiday, int, error)
	// RemoveHoliday removes a holiday and re-computes the due times of open
	// issues. ADMIN only. Errors: ENOTFOUND.
	RemoveHoliday(ctx context.Context, date string) (*Holiday, int, error)
	// ResponsePolicies lists the targets of every priority. Anyone may call it.
	ResponsePolicies(ctx context.Context) ([]ResponsePolicy, error)
	// UpdateResponsePolicy changes one priority's targets and re-computes
	// the due times of open issues. ADMIN only.
	UpdateResponsePolicy(ctx context.Context, p ResponsePolicy) (*ResponsePolicy, int, error)
	// ExplainDue explains the due times of a visible, assigned issue.
	ExplainDue(ctx context.Context, issue *Issue) (*DueExplanation, error)
	// ResponseTimeReport computes the figures of a period. Public figures
	// count public issues; staff readers also get internal ones.
	ResponseTimeReport(ctx context.Context, f ReportFilter) (*ResponseTimeReport, error)
	// InformationReport is the UU 14/2008 Article 12 report of one agency
	// and year. Anyone may call it; it counts public requests only unless
	// the caller is a staff reader.
	InformationReport(ctx context.Context, year int, agencySlug string) (*InformationReport, error)
}

// IsOverdue reports whether an open issue is past one of its due times at
// now: unacknowledged past the acknowledge-by time, or unanswered past the
// answer-by time. It is overdue from the first instant after the due time.
func (i *Issue) IsOverdue(now time.Time) bool {
	return i.OverdueClock(now) != ""
}

// OverdueClock returns which clock of an open issue is overdue at now (the
// answer clock wins), or "".
func (i *Issue) OverdueClock(now time.Time) Clock {
	if i.Status != StatusAssigned && i.Status != StatusInProgress {
		return ""
	}
	switch {
	case i.AnswerDueAt != nil && i.AnsweredAt == nil && now.After(*i.AnswerDueAt):
		return ClockAnswer
	case i.AcknowledgeDueAt != nil && i.AcknowledgedAt == nil && now.After(*i.AcknowledgeDueAt):
		return ClockAcknowledge
	}
	return ""
}
