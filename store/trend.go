package store

import (
	"context"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// ResponseTimeTrend computes the report's figures for each calendar month
// of the period, from one read of the period's issues.
func (db *DB) ResponseTimeTrend(ctx context.Context, f models.ReportFilter) (*models.ResponseTimeTrend, error) {
	now := db.now()
	if f.To.IsZero() {
		f.To = now
	}
	if f.From.IsZero() {
		y, m, _ := f.To.In(db.loc).Date()
		f.From = time.Date(y, m-11, 1, 0, 0, 0, 0, db.loc)
	}
	if !f.From.Before(f.To) {
		return nil, models.Invalid("to", "akhir periode harus setelah awalnya")
	}
	months := monthsOf(f.From, f.To, db.loc)
	if len(months) > models.MaxTrendMonths {
		return nil, models.Invalid("from", "tren paling lama %d bulan", models.MaxTrendMonths)
	}
	in, err := db.reportInputs(ctx, f.From, f.To, f.AgencySlug)
	if err != nil {
		return nil, err
	}
	issues, internal, cal, agencies := in.issues, in.internal, in.calendar, in.agencies
	trend := &models.ResponseTimeTrend{
		From: f.From, To: f.To, GeneratedAt: now, MinimumCount: models.MinimumReportCount, IncludesInternal: internal,
	}
	// The issues come ordered by assignment, so each month takes the run
	// of issues assigned before its end.
	next := 0
	for _, m := range months {
		start := next
		for next < len(issues) && issues[next].AssignedAt.Before(m.To) {
			next++
		}
		inMonth := issues[start:next]
		m.Total = figures(nil, inMonth, cal, now)
		byAgency := map[int64][]*models.Issue{}
		for _, issue := range inMonth {
			byAgency[*issue.AgencyID] = append(byAgency[*issue.AgencyID], issue)
		}
		for _, a := range agencies {
			if list := byAgency[a.ID]; len(list) > 0 {
				m.Agencies = append(m.Agencies, figures(a, list, cal, now))
			}
		}
		trend.Months = append(trend.Months, m)
	}
	return trend, nil
}

// monthsOf cuts [from, to) at the starts of the calendar months of loc.
func monthsOf(from, to time.Time, loc *time.Location) []models.TrendMonth {
	var months []models.TrendMonth
	y, m, _ := from.In(loc).Date()
	for start := from; start.Before(to); {
		end := time.Date(y, m+1, 1, 0, 0, 0, 0, loc)
		if end.After(to) {
			end = to
		}
		months = append(months, models.TrendMonth{Month: time.Date(y, m, 1, 0, 0, 0, 0, loc).Format("2006-01"), From: start, To: end})
		if len(months) > models.MaxTrendMonths {
			break
		}
		start, m = end, m+1
		if m > 12 {
			y, m = y+1, 1
		}
	}
	return months
}
