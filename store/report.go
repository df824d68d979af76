package store

import (
	"context"
	"sort"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// reportIssues loads the issues assigned in [from, to) that the caller may
// count: public ones, and internal ones for staff readers.
// reportData is what the response-time figures are computed from.
type reportData struct {
	issues   []*models.Issue
	internal bool
	calendar models.WorkingCalendar
	agencies []*models.Agency
}

// reportInputs loads the issues assigned in [from, to) (of one agency when
// agencySlug is set, which must exist), the working calendar and the
// agencies, for the report and the trend alike.
func (db *DB) reportInputs(ctx context.Context, from, to time.Time, agencySlug string) (*reportData, error) {
	if agencySlug != "" {
		if _, err := db.AgencyBySlug(ctx, agencySlug); err != nil {
			return nil, models.Invalid("agencySlug", "instansi %q tidak ada", agencySlug)
		}
	}
	in := &reportData{}
	var err error
	if in.issues, in.internal, err = db.reportIssues(ctx, from, to, agencySlug); err != nil {
		return nil, err
	}
	if in.calendar, err = db.calendar(ctx, db.bun); err != nil {
		return nil, wrapErr(err)
	}
	if in.agencies, err = db.Agencies(ctx); err != nil {
		return nil, err
	}
	return in, nil
}

func (db *DB) reportIssues(ctx context.Context, from, to time.Time, agencySlug string) ([]*models.Issue, bool, error) {
	user := models.UserFromContext(ctx)
	q := db.bun.NewSelect().
		Model((*models.Issue)(nil)).
		ModelTableExpr("issues AS i").
		ColumnExpr("i.*").
		Where("i.assigned_at >= ? AND i.assigned_at < ?", from.UTC(), to.UTC()).
		Where("i.agency_id IS NOT NULL").
		OrderExpr("i.assigned_at ASC, i.id ASC")
	internal := user.IsStaffReader()
	if !internal {
		q = publicIssues(q, "i")
	}
	if agencySlug != "" {
		q = q.Where("i.agency_id = (SELECT id FROM agencies WHERE slug = ?)", agencySlug)
	}
	var issues []*models.Issue
	if err := q.Scan(ctx, &issues); err != nil {
		return nil, false, wrapErr(err)
	}
	return issues, internal, nil
}

// ResponseTimeReport computes, per agency and in total, how many issues were
// assigned in the period, answered, still open and overdue now, the share
// acknowledged and answered on time, and the median and 90th percentile of
// the time to acknowledge and to answer, in working and clock time.
func (db *DB) ResponseTimeReport(ctx context.Context, f models.ReportFilter) (*models.ResponseTimeReport, error) {
	now := db.now()
	if f.To.IsZero() {
		f.To = now
	}
	if f.From.IsZero() {
		f.From = f.To.AddDate(0, 0, -90)
	}
	if !f.From.Before(f.To) {
		return nil, models.Invalid("to", "akhir periode harus setelah awalnya")
	}
	if f.To.Sub(f.From) > 5*366*24*time.Hour {
		return nil, models.Invalid("from", "periode laporan paling lama lima tahun")
	}
	in, err := db.reportInputs(ctx, f.From, f.To, f.AgencySlug)
	if err != nil {
		return nil, err
	}
	issues, internal, cal, agencies := in.issues, in.internal, in.calendar, in.agencies
	report := &models.ResponseTimeReport{
		From: f.From, To: f.To, GeneratedAt: now, MinimumCount: models.MinimumReportCount, IncludesInternal: internal,
	}
	byAgency := map[int64][]*models.Issue{}
	for _, issue := range issues {
		byAgency[*issue.AgencyID] = append(byAgency[*issue.AgencyID], issue)
	}
	for _, a := range agencies {
		if f.AgencySlug != "" && a.Slug != f.AgencySlug {
			continue
		}
		report.Agencies = append(report.Agencies, figures(a, byAgency[a.ID], cal, now))
	}
	report.Total = figures(nil, issues, cal, now)
	return report, nil
}

// figures computes one row of the report.
func figures(agency *models.Agency, issues []*models.Issue, cal models.WorkingCalendar, now time.Time) *models.AgencyFigures {
	row := &models.AgencyFigures{Agency: agency, Assigned: len(issues), IssueIDs: map[models.ReportFigure][]int64{}}
	add := func(f models.ReportFigure, id int64) { row.IssueIDs[f] = append(row.IssueIDs[f], id) }
	var ackWorking, ackClock, answerWorking, answerClock []time.Duration
	ackOnTime, ackOf, answerOnTime, answerOf := 0, 0, 0, 0
	for _, i := range issues {
		add(models.FigureAssigned, i.ID)
		assigned := *i.AssignedAt
		if i.AcknowledgedAt != nil {
			ackWorking = append(ackWorking, cal.WorkingTimeBetween(assigned, *i.AcknowledgedAt))
			ackClock = append(ackClock, i.AcknowledgedAt.Sub(assigned))
		}
		if i.AnsweredAt != nil {
			row.Answered++
			add(models.FigureAnswered, i.ID)
			answerWorking = append(answerWorking, cal.WorkingTimeBetween(assigned, *i.AnsweredAt))
			answerClock = append(answerClock, i.AnsweredAt.Sub(assigned))
		} else if i.Status == models.StatusAssigned || i.Status == models.StatusInProgress {
			row.Open++
			add(models.FigureOpen, i.ID)
		}
		// A clock counts towards its on-time share once it stopped or its
		// due time passed.
		if due := i.AcknowledgeDueAt; due != nil && (i.AcknowledgedAt != nil || now.After(*due)) {
			ackOf++
			if i.AcknowledgedAt != nil && !i.AcknowledgedAt.After(*due) {
				ackOnTime++
			} else {
				add(models.FigureAcknowledgedLate, i.ID)
			}
		}
		if due := i.AnswerDueAt; due != nil && (i.AnsweredAt != nil || now.After(*due)) {
			answerOf++
			if i.AnsweredAt != nil && !i.AnsweredAt.After(*due) {
				answerOnTime++
			} else {
				add(models.FigureAnsweredLate, i.ID)
			}
		}
		if clock := i.OverdueClock(now); clock != "" {
			row.OverdueNow++
			add(models.FigureOverdue, i.ID)
			due := *i.AnswerDueAt
			if clock == models.ClockAcknowledge {
				due = *i.AcknowledgeDueAt
			}
			row.Waiting = append(row.Waiting, models.WaitingIssue{
				Issue: i, Clock: clock, DueAt: due,
				OverdueWorking: cal.WorkingTimeBetween(due, now), OverdueClock: now.Sub(due),
			})
		}
	}
	sort.SliceStable(row.Waiting, func(a, b int) bool { return row.Waiting[a].OverdueClock > row.Waiting[b].OverdueClock })
	row.AcknowledgedOnTime = models.NewShare(ackOnTime, ackOf)
	row.AnsweredOnTime = models.NewShare(answerOnTime, answerOf)
	row.TimeToAcknowledge = models.NewDurationStats(ackWorking, ackClock)
	row.TimeToAnswer = models.NewDurationStats(answerWorking, answerClock)
	return row
}

// InformationReport is the UU 14/2008 Article 12 report of one agency and
// year: the requests for public information it received, the time taken for
// each, how many were answered, and those it declined with their reasons.
func (db *DB) InformationReport(ctx context.Context, year int, agencySlug string) (*models.InformationReport, error) {
	if year < 2000 || year > 2100 {
		return nil, models.Invalid("year", "tahun tidak valid")
	}
	agency, err := db.AgencyBySlug(ctx, agencySlug)
	if err != nil {
		return nil, models.Invalid("agencySlug", "instansi %q tidak ada", agencySlug)
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, db.loc)
	end := start.AddDate(1, 0, 0)
	user := models.UserFromContext(ctx)
	// Requests the agency received: assigned to it now, or declined by it.
	q := db.bun.NewSelect().
		Model((*models.Issue)(nil)).
		ModelTableExpr("issues AS i").
		ColumnExpr("i.*").
		Where("i.kind = ?", models.KindInformationRequest).
		Where("i.created_at >= ? AND i.created_at < ?", start.UTC(), end.UTC()).
		WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("i.agency_id = ?", agency.ID).
				WhereOr("i.id IN (SELECT issue_id FROM issue_events WHERE type = ? AND agency_id = ?)", models.EventDeclined, agency.ID)
		}).
		OrderExpr("i.created_at ASC, i.id ASC")
	if !user.IsStaffReader() {
		// The public report counts the public requests only: a request
		// declined back to TRC is NEW (and may be rejected) until TRC
		// assigns it again.
		q = publicIssues(q, "i")
	}
	var issues []*models.Issue
	if err := q.Scan(ctx, &issues); err != nil {
		return nil, wrapErr(err)
	}
	var declines []*models.IssueEvent
	if len(issues) > 0 {
		ids := make([]int64, len(issues))
		for i, issue := range issues {
			ids[i] = issue.ID
		}
		err := db.bun.NewSelect().Model(&declines).
			Where("issue_id IN (?)", bun.In(ids)).
			Where("type = ? AND agency_id = ?", models.EventDeclined, agency.ID).
			OrderExpr("created_at ASC").
			Scan(ctx)
		if err != nil {
			return nil, wrapErr(err)
		}
	}
	declineReason := map[int64]string{}
	for _, e := range declines {
		declineReason[e.IssueID] = e.Reason
	}
	cal, err := db.calendar(ctx, db.bun)
	if err != nil {
		return nil, wrapErr(err)
	}
	report := &models.InformationReport{Year: year, Agency: agency, Received: len(issues)}
	var working, clock []time.Duration
	for _, issue := range issues {
		req := models.InformationRequest{Issue: issue}
		switch {
		case issue.AgencyID != nil && *issue.AgencyID == agency.ID && issue.AnsweredAt != nil:
			req.Outcome = "ANSWERED"
			report.Answered++
			w, c := cal.WorkingTimeBetween(issue.CreatedAt, *issue.AnsweredAt), issue.AnsweredAt.Sub(issue.CreatedAt)
			req.WorkingTime, req.ClockTime = &w, &c
			working, clock = append(working, w), append(clock, c)
		case declineReason[issue.ID] != "" && (issue.AgencyID == nil || *issue.AgencyID != agency.ID):
			req.Outcome, req.Reason = "DECLINED", declineReason[issue.ID]
			report.Declined++
		default:
			req.Outcome = "OPEN"
			report.Open++
		}
		report.Requests = append(report.Requests, req)
	}
	report.TimeTaken = models.NewDurationStats(working, clock)
	return report, nil
}
