package models

import (
	"context"
	"time"
)

// MaxTrendMonths bounds a trend: five years of months.
const MaxTrendMonths = 60

// TrendMonth holds the response-time figures of the issues assigned in one
// calendar month of the deployment's time zone (or the part of it inside
// the trend's period).
type TrendMonth struct {
	// Month is "2026-05".
	Month    string
	From, To time.Time
	// Total counts all agencies together, or the one agency asked for.
	Total *AgencyFigures
	// Agencies has a row for each agency with issues assigned in the month.
	Agencies []*AgencyFigures
}

// ResponseTimeTrend is the response-time figures of a period month by
// month, oldest first, for following an agency over time.
type ResponseTimeTrend struct {
	From, To         time.Time
	GeneratedAt      time.Time
	MinimumCount     int
	IncludesInternal bool
	Months           []TrendMonth
}

// TrendService reports response times over time.
type TrendService interface {
	// ResponseTimeTrend computes the figures of each month of [From, To)
	// (default: the twelve months up to now), of one agency or of all.
	// Public figures count public issues; staff readers also get internal
	// ones. EINVALID for a period that is empty, longer than MaxTrendMonths
	// months, or an unknown agency.
	ResponseTimeTrend(ctx context.Context, f ReportFilter) (*ResponseTimeTrend, error)
}
