package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestResponseTimeTrend splits a period into calendar months: each month
// counts the issues assigned in it, the months add up to the report of the
// whole period, and the figures of a month match the report of that month.
func TestResponseTimeTrend(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		defer func() { db.Now = time.Now }()
		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		storetest.MustAgency(t, db, "dinsos", "Dinas Sosial")
		trc := storetest.MustUser(t, db, "trc@example.go.id", models.RoleTRC, "")
		h := &history{t: t, db: db, trc: storetest.As(trc), picOf: map[string]context.Context{
			"dinkes": storetest.As(storetest.MustUser(t, db, "pic.dinkes@example.go.id", models.RolePIC, "dinkes")),
			"dinsos": storetest.As(storetest.MustUser(t, db, "pic.dinsos@example.go.id", models.RolePIC, "dinsos")),
		}}
		day := func(month time.Month, d, hour int) time.Time { return time.Date(2026, month, d, hour, 0, 0, 0, wita) }
		// March: six issues of Dinkes answered the same day (on time).
		for d := 2; d <= 7; d++ {
			h.issue("dinkes", day(3, d, 9), day(3, d, 10), day(3, d, 11))
		}
		// April: five of Dinkes answered two weeks late, one of Dinsos.
		for d := 6; d <= 10; d++ {
			h.issue("dinkes", day(4, d, 9), day(4, d, 10), day(4, d+14, 11))
		}
		h.issue("dinsos", day(4, 13, 9), time.Time{}, time.Time{})
		db.Now = func() time.Time { return day(5, 20, 12) }
		auditor := storetest.As(&models.User{Role: models.RoleAuditor})
		period := models.ReportFilter{From: day(3, 1, 0), To: day(5, 1, 0)}

		t.Run("OK", func(t *testing.T) {
			trend, err := db.ResponseTimeTrend(auditor, period)
			if err != nil {
				t.Fatal(err)
			}
			if len(trend.Months) != 2 || trend.Months[0].Month != "2026-03" || trend.Months[1].Month != "2026-04" {
				t.Fatalf("months %+v", trend.Months)
			}
			march, april := trend.Months[0], trend.Months[1]
			if march.Total.Assigned != 6 || april.Total.Assigned != 6 || len(march.Agencies) != 1 || len(april.Agencies) != 2 {
				t.Fatalf("March %d issues in %d agencies, April %d in %d", march.Total.Assigned, len(march.Agencies), april.Total.Assigned, len(april.Agencies))
			}
			if r := march.Total.AnsweredOnTime.Ratio; r == nil || *r != 1 {
				t.Errorf("March answered on time: %+v, want all", march.Total.AnsweredOnTime)
			}
			if r := april.Agencies[0].AnsweredOnTime.Ratio; april.Agencies[0].Agency.Slug != "dinkes" || r == nil || *r != 0 {
				t.Errorf("April, Dinkes: %+v, want none on time", april.Agencies[0].AnsweredOnTime)
			}
			if m := march.Total.TimeToAnswer.WorkingMedian; m == nil || *m != 2*time.Hour {
				t.Errorf("March median time to answer %v, want 2h", m)
			}
			whole, err := db.ResponseTimeReport(auditor, period)
			if err != nil {
				t.Fatal(err)
			}
			if sum := march.Total.Assigned + april.Total.Assigned; sum != whole.Total.Assigned {
				t.Errorf("months add up to %d issues, the period's report has %d", sum, whole.Total.Assigned)
			}
			onlyApril, err := db.ResponseTimeReport(auditor, models.ReportFilter{From: april.From, To: april.To})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(onlyApril.Total.AnsweredOnTime, april.Total.AnsweredOnTime) || !reflect.DeepEqual(onlyApril.Total.TimeToAnswer, april.Total.TimeToAnswer) {
				t.Errorf("April in the trend %+v, April's own report %+v", april.Total.AnsweredOnTime, onlyApril.Total.AnsweredOnTime)
			}
		})
		t.Run("OKOneAgency", func(t *testing.T) {
			trend, err := db.ResponseTimeTrend(auditor, models.ReportFilter{From: period.From, To: period.To, AgencySlug: "dinsos"})
			if err != nil {
				t.Fatal(err)
			}
			if trend.Months[0].Total.Assigned != 0 || trend.Months[1].Total.Assigned != 1 {
				t.Errorf("Dinsos by month: %d, %d", trend.Months[0].Total.Assigned, trend.Months[1].Total.Assigned)
			}
		})
		t.Run("OKDefaultIsTwelveMonths", func(t *testing.T) {
			trend, err := db.ResponseTimeTrend(auditor, models.ReportFilter{})
			if err != nil || len(trend.Months) != 12 || trend.Months[11].Month != "2026-05" {
				t.Fatalf("default trend: %v months, %v", len(trend.Months), err)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			for name, f := range map[string]models.ReportFilter{
				"Backwards": {From: period.To, To: period.From},
				"TooLong":   {From: day(1, 1, 0).AddDate(-6, 0, 0), To: day(1, 1, 0)},
				"NoAgency":  {From: period.From, To: period.To, AgencySlug: "tidak-ada"},
			} {
				if _, err := db.ResponseTimeTrend(auditor, f); models.ErrorCode(err) != models.EINVALID {
					t.Errorf("%s: %v; want EINVALID", name, err)
				}
			}
		})
	})
}
