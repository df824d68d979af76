package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestWorkingHoursAPI reads and sets the working hours through GraphQL,
// with the clear errors a form needs.
func TestWorkingHoursAPI(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		storetest.MustUser(t, db, "admin.jam@kotabaru.test", models.RoleAdmin, "")
		admin := api.login("admin.jam@kotabaru.test", storetest.Password)
		const read = `{ workingHours { summary dayLengthMinutes days { weekday weekdayLabel start end minutes } } }`
		var before struct {
			WorkingHours struct {
				Summary          string
				DayLengthMinutes int
				Days             []struct{ Weekday, WeekdayLabel, Start, End string }
			}
		}
		api.post("", read, nil).decode(t, &before)
		if before.WorkingHours.Summary != "Senin–Jumat 08.00–16.00" || before.WorkingHours.DayLengthMinutes != 480 || len(before.WorkingHours.Days) != 5 ||
			before.WorkingHours.Days[0].WeekdayLabel != "Senin" {
			t.Fatalf("standard hours: %+v", before.WorkingHours)
		}
		const set = `mutation($in: SetWorkingHoursInput!) { setWorkingHours(input: $in) { workingHours { summary dayLengthMinutes } recomputedIssues } }`
		day := func(weekday, start, end string) map[string]any {
			return map[string]any{"weekday": weekday, "start": start, "end": end}
		}
		t.Run("OK", func(t *testing.T) {
			r := api.post(admin, set, input(map[string]any{"days": []any{
				day("MONDAY", "07:30", "16:00"), day("TUESDAY", "07:30", "16:00"), day("WEDNESDAY", "07:30", "16:00"),
				day("THURSDAY", "07:30", "16:00"), day("FRIDAY", "07:30", "11:30"), day("SATURDAY", "08:00", "12:00"),
			}}))
			if !strings.Contains(string(r.Raw), `"summary":"Senin–Kamis 07.30–16.00, Jumat 07.30–11.30, Sabtu 08.00–12.00","dayLengthMinutes":510`) {
				t.Fatalf("set: %s", r.Raw)
			}
			if !strings.Contains(string(api.post("", read, nil).Raw), `"weekday":"SATURDAY","weekdayLabel":"Sabtu","start":"08:00","end":"12:00","minutes":240`) {
				t.Error("the stored week lacks Saturday")
			}
		})
		for name, days := range map[string][]any{
			"NotAClock":     {day("MONDAY", "8 pagi", "16:00")},
			"EndBeforeStop": {day("MONDAY", "16:00", "08:00")},
			"Twice":         {day("MONDAY", "08:00", "12:00"), day("MONDAY", "13:00", "16:00")},
			"PastMidnight":  {day("MONDAY", "08:00", "24:30")},
			"NoDays":        {},
		} {
			t.Run("ErrInvalid"+name, func(t *testing.T) {
				r := api.post(admin, set, input(map[string]any{"days": days}))
				if r.code() != models.EINVALID || r.Errors[0].Extensions["field"] != "days" {
					t.Errorf("%s: %s", name, r.Raw)
				}
			})
		}
	})
}

// TestImportHolidaysAPI imports an iCalendar file through GraphQL: new dates
// are added, known ones kept, and a file that does not read says why.
func TestImportHolidaysAPI(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		storetest.MustUser(t, db, "admin.libur@kotabaru.test", models.RoleAdmin, "")
		admin := api.login("admin.libur@kotabaru.test", storetest.Password)
		const mutation = `mutation($in: ImportHolidaysInput!) { importHolidays(input: $in) { added { date name kind } skipped { date } recomputedIssues } }`
		ics := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270310\r\nDTEND;VALUE=DATE:20270312\r\nSUMMARY:Idulfitri 1448 Hijriah\r\nEND:VEVENT\r\n" +
			"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270312\r\nSUMMARY:Cuti Bersama Idulfitri 1448 Hijriah\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
		vars := input(map[string]any{"calendar": ics, "fileName": "libur-2027.ics", "kind": "NATIONAL"})
		var first struct {
			ImportHolidays struct {
				Added   []struct{ Date, Name, Kind string }
				Skipped []struct{ Date string }
			}
		}
		api.post(admin, mutation, vars).decode(t, &first)
		if got := first.ImportHolidays; len(got.Added) != 3 || got.Added[2].Kind != "CUTI_BERSAMA" || len(got.Skipped) != 0 {
			t.Fatalf("first import: %+v", got)
		}
		var again struct {
			ImportHolidays struct {
				Added   []struct{ Date string }
				Skipped []struct{ Date string }
			}
		}
		api.post(admin, mutation, vars).decode(t, &again)
		if len(again.ImportHolidays.Added) != 0 || len(again.ImportHolidays.Skipped) != 3 {
			t.Errorf("importing the same file again: %+v", again.ImportHolidays)
		}
		page, err := db.AuditLog(storetest.SystemContext(), models.AuditFilter{Action: "calendar.import_holidays", First: 5})
		if err != nil || len(page.Entries) != 2 || page.Entries[0].Subject != "holidays:libur-2027.ics" {
			t.Errorf("audit of the imports: %+v, %v", page, err)
		}
		bad := api.post(admin, mutation, input(map[string]any{"calendar": "tanggal,nama\n", "fileName": "libur.csv", "kind": "NATIONAL"}))
		if bad.code() != models.EINVALID || bad.Errors[0].Extensions["field"] != "calendar" || !strings.Contains(bad.Errors[0].Message, "iCalendar") {
			t.Errorf("a CSV file: %s", bad.Raw)
		}
	})
}

// TestResponseTimeTrendAPI asks for the demo's trend: twelve months whose
// issues add up to the report of the same period, and audit entries carry
// their Indonesian names.
func TestResponseTimeTrendAPI(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		var out struct {
			ResponseTimeTrend struct {
				From, To string
				Months   []struct {
					Month    string
					Total    struct{ Assigned int }
					Agencies []struct {
						Agency         struct{ Slug string }
						AnsweredOnTime struct{ Ratio *float64 }
					}
				}
			}
		}
		api.post("", `{ responseTimeTrend { from to months { month total { assigned } agencies { agency { slug } answeredOnTime { ratio } } } } }`, nil).decode(t, &out)
		trend := out.ResponseTimeTrend
		if len(trend.Months) != 12 {
			t.Fatalf("%d months", len(trend.Months))
		}
		sum := 0
		for _, m := range trend.Months {
			sum += m.Total.Assigned
		}
		var report struct {
			ResponseTimeReport struct{ Total struct{ Assigned int } }
		}
		api.post("", `query($from: Time, $to: Time) { responseTimeReport(from: $from, to: $to) { total { assigned } } }`,
			map[string]any{"from": trend.From, "to": trend.To}).decode(t, &report)
		if sum == 0 || sum != report.ResponseTimeReport.Total.Assigned {
			t.Errorf("the months count %d issues, the report of the period %d", sum, report.ResponseTimeReport.Total.Assigned)
		}

		storetest.MustUser(t, db, "auditor.label@kotabaru.test", models.RoleAuditor, "")
		auditor := api.login("auditor.label@kotabaru.test", storetest.Password)
		r := api.post(auditor, `{ auditLog(filter: {action: "auth.login"}, first: 1) { edges { node { action actionLabel } } } auditActions { action label } }`, nil)
		if !strings.Contains(string(r.Raw), `"action":"auth.login","actionLabel":"Masuk"`) || !strings.Contains(string(r.Raw), `{"action":"issue.assigned","label":"Diteruskan ke instansi"}`) {
			t.Errorf("audit labels: %s", r.Raw)
		}
	})
}

// TestResponseTimeTrendCost checks that a trend costs its months: the
// dashboard's two queries over 24 months fit the cost limit, every agency's
// full figures over five years do not.
func TestResponseTimeTrendCost(t *testing.T) {
	db := storetest.MustOpen(t, store.SQLite)
	api := newTestAPI(t, db)
	vars := map[string]any{"from": "2024-12-01T00:00:00+08:00", "to": "2026-12-01T00:00:00+08:00"}
	charts := api.post("", `query($from: Time, $to: Time) { responseTimeTrend(from: $from, to: $to, agencySlug: null) { months { month total {
		agency { slug shortName name } assigned answeredOnTime { onTime of enoughData ratio } timeToAnswer { count enoughData workingMedian { seconds text } } } } } }`, vars)
	heat := api.post("", `query($from: Time, $to: Time) { responseTimeTrend(from: $from, to: $to) { months { month total { assigned }
		agencies { agency { slug shortName name } answeredOnTime { onTime of enoughData ratio } } } } }`, vars)
	if len(charts.Errors) > 0 || len(heat.Errors) > 0 {
		t.Fatalf("the dashboard's queries over 24 months: %s %s", charts.Raw, heat.Raw)
	}
	if small, large := costOf(t, api.post("", `{ responseTimeTrend { months { month } } }`, nil)), costOf(t, charts); small >= large {
		t.Errorf("costs %d and %d: the richer query must cost more", small, large)
	}
	everything := api.post("", `{ responseTimeTrend(from: "2021-12-01T00:00:00+08:00", to: "2026-12-01T00:00:00+08:00") { months { month agencies {
		agency { slug name } assigned answered open overdueNow answeredOnTime { onTime of ratio } acknowledgedOnTime { onTime of ratio }
		timeToAnswer { count workingMedian { seconds } workingP90 { seconds } clockMedian { seconds } clockP90 { seconds } } } } } }`, nil)
	if everything.code() != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Errorf("every figure of every agency over five years: %s", everything.Raw)
	}
}
