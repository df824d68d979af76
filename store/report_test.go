package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

var wita = time.FixedZone("WITA", 8*3600)

// at returns a WITA wall-clock time in the week of Monday 2 March 2026.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, 3, day, hour, minute, 0, 0, wita)
}

// history builds issues whose clocks are known to the minute, by running
// the store with its clock set to each step's time.
type history struct {
	t     *testing.T
	db    *store.DB
	trc   context.Context
	picOf map[string]context.Context
	n     int
}

func (h *history) step(when time.Time, f func() error) {
	h.t.Helper()
	h.db.Now = func() time.Time { return when }
	if err := f(); err != nil {
		h.t.Fatalf("at %s: %v", when.Format(time.RFC3339), err)
	}
}

// issue logs and assigns an issue at assigned, then acknowledges and answers
// it at the given times (zero: never).
func (h *history) issue(agency string, assigned, acknowledged, answered time.Time) *models.Issue {
	h.t.Helper()
	h.n++
	var issue *models.Issue
	h.step(assigned.Add(-time.Minute), func() (err error) {
		issue, err = h.db.CreateIssue(h.trc, models.NewIssue{Title: "Keluhan layanan nomor " + itoa(h.n), Summary: "Keluhan warga tentang layanan publik.", Kind: models.KindComplaint})
		return err
	})
	h.step(assigned, func() (err error) {
		_, err = h.db.AssignIssue(h.trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: agency, Priority: models.PriorityNormal})
		return err
	})
	if !acknowledged.IsZero() {
		h.step(acknowledged, func() (err error) { _, err = h.db.AcknowledgeIssue(h.picOf[agency], issue.Number); return err })
	}
	if !answered.IsZero() {
		h.step(answered, func() (err error) {
			_, err = h.db.PublishResponse(h.picOf[agency], models.ResponseDraftInput{IssueNumber: issue.Number, Body: "Terima kasih, keluhan sudah kami tindak lanjuti hari ini."})
			return err
		})
	}
	return issue
}

func itoa(n int) string { return strconv.Itoa(n) }

func assertDuration(t *testing.T, name string, got *time.Duration, want time.Duration) {
	t.Helper()
	if got == nil || *got != want {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func figuresOf(t *testing.T, r *models.ResponseTimeReport, slug string) *models.AgencyFigures {
	t.Helper()
	for _, row := range r.Agencies {
		if row.Agency.Slug == slug {
			return row
		}
	}
	t.Fatalf("no row for %s", slug)
	return nil
}

// TestResponseTimeReport checks the figures against a constructed history
// whose medians, 90th percentiles and on-time shares are known, on both
// databases, with the minimum-count rule and the public/auditor difference.
func TestResponseTimeReport(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		defer func() { db.Now = time.Now }()
		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		storetest.MustAgency(t, db, "dishub", "Dinas Perhubungan")
		trc := storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, "")
		h := &history{t: t, db: db, trc: storetest.As(trc), picOf: map[string]context.Context{
			"dinkes": storetest.As(storetest.MustUser(t, db, "pic.dinkes@example.go.id", models.RolePIC, "dinkes")),
			"dishub": storetest.As(storetest.MustUser(t, db, "pic.dishub@example.go.id", models.RolePIC, "dishub")),
		}}

		// Dinkes: seven issues assigned Monday 09:00, acknowledged after 30
		// minutes, answered after 1, 2, 3, 4 and 5 hours, Tuesday 15:00
		// (30 h clock, 14 h working) and Friday 10:00 (97 h clock, 33 h
		// working, past the Thursday 09:00 answer-by time of NORMAL).
		monday := at(2, 9, 0)
		for _, answered := range []time.Time{at(2, 10, 0), at(2, 11, 0), at(2, 12, 0), at(2, 13, 0), at(2, 14, 0), at(3, 15, 0), at(6, 10, 0)} {
			h.issue("dinkes", monday, monday.Add(30*time.Minute), answered)
		}
		// An eighth is never acknowledged: overdue on both clocks.
		waiting := h.issue("dinkes", monday, time.Time{}, time.Time{})
		// Dishub: four public answers and one internal one.
		for i := 0; i < 5; i++ {
			h.issue("dishub", at(3, 9, 0), at(3, 9, 10), at(3, 11, 0))
		}
		page, err := db.FindIssues(storetest.As(trc), models.IssueFilter{AgencySlug: "dishub"})
		if err != nil {
			t.Fatal(err)
		}
		h.step(at(3, 12, 0), func() (err error) {
			_, err = db.SetInternal(storetest.As(trc), page.Issues[0].Number, true, "Berisi data pribadi pelapor.")
			return err
		})

		db.Now = func() time.Time { return at(9, 12, 0) }
		filter := models.ReportFilter{From: at(1, 0, 0), To: at(8, 0, 0)}
		public, err := db.ResponseTimeReport(context.Background(), filter)
		if err != nil {
			t.Fatal(err)
		}
		auditor := storetest.As(storetest.MustUser(t, db, "audit@example.go.id", models.RoleAuditor, ""))
		audited, err := db.ResponseTimeReport(auditor, filter)
		if err != nil {
			t.Fatal(err)
		}

		dinkes := figuresOf(t, public, "dinkes")
		if dinkes.Assigned != 8 || dinkes.Answered != 7 || dinkes.Open != 1 || dinkes.OverdueNow != 1 {
			t.Errorf("dinkes counts: assigned %d answered %d open %d overdue %d; want 8 7 1 1", dinkes.Assigned, dinkes.Answered, dinkes.Open, dinkes.OverdueNow)
		}
		assertDuration(t, "answer clock median", dinkes.TimeToAnswer.ClockMedian, 4*time.Hour)
		assertDuration(t, "answer clock p90", dinkes.TimeToAnswer.ClockP90, 97*time.Hour)
		assertDuration(t, "answer working median", dinkes.TimeToAnswer.WorkingMedian, 4*time.Hour)
		assertDuration(t, "answer working p90", dinkes.TimeToAnswer.WorkingP90, 33*time.Hour)
		assertDuration(t, "acknowledge clock median", dinkes.TimeToAcknowledge.ClockMedian, 30*time.Minute)
		if s := dinkes.AnsweredOnTime; s.OnTime != 6 || s.Of != 8 || s.Ratio == nil || *s.Ratio != 0.75 {
			t.Errorf("answered on time: %+v, want 6 of 8", s)
		}
		if s := dinkes.AcknowledgedOnTime; s.OnTime != 7 || s.Of != 8 {
			t.Errorf("acknowledged on time: %+v, want 7 of 8", s)
		}
		if len(dinkes.Waiting) != 1 || dinkes.Waiting[0].Issue.ID != waiting.ID || dinkes.Waiting[0].Clock != models.ClockAnswer {
			t.Fatalf("waiting: %+v", dinkes.Waiting)
		}
		// Answer-by Thursday 09:00; at Monday 9 March 12:00 that is 4 days 3
		// hours of clock time and 7 (Thu) + 8 (Fri) + 4 (Mon) = 19 working hours.
		if w := dinkes.Waiting[0]; w.OverdueClock != 99*time.Hour || w.OverdueWorking != 19*time.Hour {
			t.Errorf("overdue by %v clock, %v working; want 99h and 19h", w.OverdueClock, w.OverdueWorking)
		}

		dishubPublic, dishubAudited := figuresOf(t, public, "dishub"), figuresOf(t, audited, "dishub")
		if dishubPublic.Assigned != 4 || dishubAudited.Assigned != 5 {
			t.Errorf("dishub assigned: public %d, auditor %d; want 4 and 5", dishubPublic.Assigned, dishubAudited.Assigned)
		}
		if dishubPublic.AnsweredOnTime.Ratio != nil || dishubPublic.TimeToAnswer.ClockMedian != nil {
			t.Error("four issues are below the minimum count: figures must be hidden")
		}
		if dishubAudited.AnsweredOnTime.Ratio == nil || *dishubAudited.AnsweredOnTime.Ratio != 1 {
			t.Errorf("auditor's dishub share: %+v", dishubAudited.AnsweredOnTime)
		}
		assertDuration(t, "dishub auditor median", dishubAudited.TimeToAnswer.ClockMedian, 2*time.Hour)
		if public.IncludesInternal || !audited.IncludesInternal {
			t.Error("only the auditor's report includes internal issues")
		}
		if public.Total.Assigned != 12 || audited.Total.Assigned != 13 {
			t.Errorf("totals: public %d auditor %d", public.Total.Assigned, audited.Total.Assigned)
		}
		late := figuresOf(t, audited, "dinkes").IssueIDs[models.FigureAnsweredLate]
		if len(late) != 2 {
			t.Errorf("the auditor's drill-down of late answers lists %d issues, want 2 (Friday's and the waiting one)", len(late))
		}
	})
}

// TestHolidayMovesOpenDueTimes: a holiday added after assignment moves the
// due time of an open issue and not of an answered one; removing it moves
// it back. Both edits are audited.
func TestHolidayMovesOpenDueTimes(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		defer func() { db.Now = time.Now }()
		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		trc := storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, "")
		admin := storetest.As(storetest.MustUser(t, db, "admin@example.go.id", models.RoleAdmin, ""))
		h := &history{t: t, db: db, trc: storetest.As(trc), picOf: map[string]context.Context{
			"dinkes": storetest.As(storetest.MustUser(t, db, "pic.dinkes@example.go.id", models.RolePIC, "dinkes")),
		}}
		monday := at(2, 9, 0)
		open := h.issue("dinkes", monday, time.Time{}, time.Time{})
		answered := h.issue("dinkes", monday, at(2, 9, 30), at(2, 11, 0))
		reload := func(i *models.Issue) *models.Issue {
			got, err := db.IssueByNumber(storetest.As(trc), i.Number)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		if due := reload(open).AnswerDueAt; !due.Equal(at(5, 9, 0)) {
			t.Fatalf("answer-by before the holiday: %v, want Thursday 09:00", due)
		}
		db.Now = func() time.Time { return at(2, 12, 0) }
		before := auditCount(t, db)
		if _, moved, err := db.AddHoliday(admin, models.Holiday{Date: "2026-03-04", Name: "Libur daerah uji", Kind: models.HolidayRegional}); err != nil || moved != 1 {
			t.Fatalf("add holiday: moved %d, %v", moved, err)
		}
		if due := reload(open).AnswerDueAt; !due.Equal(at(6, 9, 0)) {
			t.Errorf("answer-by after the holiday: %v, want Friday 09:00", due)
		}
		if due := reload(answered).AnswerDueAt; !due.Equal(at(5, 9, 0)) {
			t.Errorf("an answered issue's due time moved to %v", due)
		}
		if _, _, err := db.AddHoliday(admin, models.Holiday{Date: "2026-03-04", Name: "Sekali lagi", Kind: models.HolidayRegional}); models.ErrorCode(err) != models.ECONFLICT {
			t.Errorf("a second holiday on the same date: %v", err)
		}
		if _, _, err := db.AddHoliday(storetest.As(trc), models.Holiday{Date: "2026-03-05", Name: "Bukan admin", Kind: models.HolidayRegional}); models.ErrorCode(err) != models.EFORBIDDEN {
			t.Errorf("TRC adding a holiday: %v", err)
		}
		if _, _, err := db.RemoveHoliday(admin, "2026-03-04"); err != nil {
			t.Fatal(err)
		}
		if due := reload(open).AnswerDueAt; !due.Equal(at(5, 9, 0)) {
			t.Errorf("answer-by after removing the holiday: %v, want Thursday 09:00 again", due)
		}
		if got := auditCount(t, db); got != before+2 {
			t.Errorf("calendar edits wrote %d audit entries, want 2", got-before)
		}
		explanation, err := db.ExplainDue(context.Background(), reload(open))
		if err != nil || len(explanation.Days) != 4 || explanation.Days[0].Date != "2026-03-02" {
			t.Fatalf("explanation: %+v %v", explanation, err)
		}

		// A stricter policy moves the open issue's clock too.
		policy := models.ResponsePolicy{Priority: models.PriorityNormal, AcknowledgeWithin: 2 * time.Hour, AnswerWithin: 8 * time.Hour, Basis: models.TimeBasisWorking}
		if _, moved, err := db.UpdateResponsePolicy(admin, policy); err != nil || moved != 1 {
			t.Fatalf("update policy: moved %d, %v", moved, err)
		}
		// 8 working hours from Monday 09:00: 7 on Monday, 1 on Tuesday.
		if due := reload(open).AnswerDueAt; !due.Equal(at(3, 9, 0)) {
			t.Errorf("answer-by under the stricter policy: %v, want Tuesday 09:00", due)
		}
		policy.AnswerWithin = time.Hour
		if _, _, err := db.UpdateResponsePolicy(admin, policy); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("answer sooner than acknowledge: %v", err)
		}
		overdue := true
		page, err := db.FindIssues(storetest.As(trc), models.IssueFilter{Overdue: &overdue, CountTotal: true})
		if err != nil || page.TotalCount != 1 || page.Issues[0].ID != open.ID {
			t.Errorf("overdue filter at %v: %+v %v", db.Now(), page, err)
		}
		overdue = false
		if page, err = db.FindIssues(storetest.As(trc), models.IssueFilter{Overdue: &overdue, CountTotal: true}); err != nil || page.TotalCount != 1 || page.Issues[0].ID != answered.ID {
			t.Errorf("not-overdue filter: %+v %v", page, err)
		}
	})
}

func TestQuantile(t *testing.T) {
	values := []time.Duration{5, 1, 4, 2, 3, 10, 9, 8, 7, 6}
	for p, want := range map[float64]time.Duration{0.5: 5, 0.9: 9, 1: 10, 0.1: 1, 0.95: 10} {
		if got := models.Quantile(values, p); got == nil || *got != want {
			t.Errorf("Quantile(%v) = %v, want %v", p, got, want)
		}
	}
	if models.Quantile(nil, 0.5) != nil {
		t.Error("the quantile of nothing must be nil")
	}
	if s := models.NewShare(4, 4); s.Ratio != nil {
		t.Error("a share of four is below the minimum count")
	}
}

// TestInformationReport builds a year of requests for public information:
// answered, declined by the agency with a reason, and still open.
func TestInformationReport(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		defer func() { db.Now = time.Now }()
		storetest.MustAgency(t, db, "disdukcapil", "Disdukcapil")
		storetest.MustAgency(t, db, "dinsos", "Dinas Sosial")
		trc := storetest.As(storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, ""))
		pic := storetest.As(storetest.MustUser(t, db, "pic@example.go.id", models.RolePIC, "disdukcapil"))
		request := func(title string, when time.Time) *models.Issue {
			var issue *models.Issue
			db.Now = func() time.Time { return when }
			issue, err := db.CreateIssue(trc, models.NewIssue{Title: title, Summary: "Permohonan informasi publik dari warga.", Kind: models.KindInformationRequest})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: "disdukcapil", Priority: models.PriorityLow}); err != nil {
				t.Fatal(err)
			}
			return issue
		}
		answered := request("Data jumlah KTP elektronik tercetak 2026", at(2, 9, 0))
		db.Now = func() time.Time { return at(4, 11, 0) }
		if _, err := db.PublishResponse(pic, models.ResponseDraftInput{IssueNumber: answered.Number, Body: "Jumlah KTP elektronik tercetak sampai Februari: 12.480 keping."}); err != nil {
			t.Fatal(err)
		}
		declined := request("Data penerima bantuan sosial per desa", at(3, 9, 0))
		db.Now = func() time.Time { return at(3, 10, 0) }
		if _, err := db.DeclineIssue(pic, declined.Number, "Data penerima bantuan dikelola Dinas Sosial."); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AssignIssue(trc, models.Assignment{IssueNumber: declined.Number, AgencySlug: "dinsos", Priority: models.PriorityLow}); err != nil {
			t.Fatal(err)
		}
		request("Jadwal perekaman KTP keliling", at(5, 9, 0))
		// Declined and not yet assigned again: back to NEW, so not public.
		pending := request("Salinan dokumen pengadaan blangko", at(5, 10, 0))
		db.Now = func() time.Time { return at(5, 11, 0) }
		if _, err := db.DeclineIssue(pic, pending.Number, "Pengadaan blangko dikelola pemerintah pusat."); err != nil {
			t.Fatal(err)
		}
		staffView, err := db.InformationReport(trc, 2026, "disdukcapil")
		if err != nil || staffView.Received != 4 || staffView.Declined != 2 {
			t.Fatalf("staff view: %+v %v", staffView, err)
		}

		report, err := db.InformationReport(context.Background(), 2026, "disdukcapil")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range report.Requests {
			if r.Issue.ID == pending.ID {
				t.Errorf("the public report shows %s, which is NEW again", pending.Number)
			}
		}
		if report.Received != 3 || report.Answered != 1 || report.Declined != 1 || report.Open != 1 {
			t.Fatalf("received %d answered %d declined %d open %d; want 3 1 1 1", report.Received, report.Answered, report.Declined, report.Open)
		}
		byNumber := map[string]models.InformationRequest{}
		for _, r := range report.Requests {
			byNumber[r.Issue.Number] = r
		}
		// Logged Monday 09:00, answered Wednesday 11:00: 7h + 8h + 3h of work, 50h of clock.
		if r := byNumber[answered.Number]; r.Outcome != "ANSWERED" || r.WorkingTime == nil || *r.WorkingTime != 18*time.Hour || *r.ClockTime != 50*time.Hour {
			t.Errorf("answered request: %+v (working %v)", r, r.WorkingTime)
		}
		if r := byNumber[declined.Number]; r.Outcome != "DECLINED" || r.Reason != "Data penerima bantuan dikelola Dinas Sosial." {
			t.Errorf("declined request: %+v", r)
		}
		other, err := db.InformationReport(context.Background(), 2025, "disdukcapil")
		if err != nil || other.Received != 0 {
			t.Errorf("2025 should be empty: %+v %v", other, err)
		}
		if _, err := db.InformationReport(context.Background(), 2026, "tidak-ada"); models.ErrorField(err) != "agencySlug" {
			t.Errorf("unknown agency: %v", err)
		}
	})
}
