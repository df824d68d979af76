package models_test

import (
	"maps"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // The DST tests must not depend on the host's zone database.

	"github.com/kotabaru/tanggap/models"
)

// calendarTestHolidays are the days off used by the concrete cases.
var calendarTestHolidays = []models.Holiday{
	{Date: "2026-08-17", Name: "Hari Kemerdekaan Republik Indonesia", Kind: models.HolidayNational},
	{Date: "2026-12-24", Name: "Cuti Bersama Hari Raya Natal", Kind: models.HolidayCutiBersama},
	{Date: "2026-12-25", Name: "Hari Raya Natal", Kind: models.HolidayNational},
	{Date: "2027-01-01", Name: "Tahun Baru 2027 Masehi", Kind: models.HolidayNational},
}

func MustCalendarLocation(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// MustCalendarTime parses "2006-01-02 15:04[:05]" as a local time in loc.
func MustCalendarTime(tb testing.TB, loc *time.Location, value string) time.Time {
	tb.Helper()
	layout := "2006-01-02 15:04"
	if strings.Count(value, ":") == 2 {
		layout = "2006-01-02 15:04:05"
	}
	t, err := time.ParseInLocation(layout, value, loc)
	if err != nil {
		tb.Fatalf("parse %q: %v", value, err)
	}
	return t
}

func witaCalendar(tb testing.TB) (models.WorkingCalendar, *time.Location) {
	tb.Helper()
	loc := MustCalendarLocation(tb, "Asia/Makassar")
	return models.DefaultWorkingCalendar(loc, calendarTestHolidays), loc
}

func TestWorkingCalendarDefaults(t *testing.T) {
	cal := models.DefaultWorkingCalendar(nil, nil)
	if cal.Location == nil || cal.Location.String() != "Asia/Makassar" {
		t.Errorf("Location = %v, want Asia/Makassar", cal.Location)
	}
	if got := cal.WorkingDayLength(); got != 8*time.Hour {
		t.Errorf("WorkingDayLength = %v, want 8h", got)
	}
	if err := cal.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if cal.Week != models.StandardWorkingWeek() || cal.Week.Summary() != "Senin–Jumat 08.00–16.00" {
		t.Errorf("calendar = %+v (%s), want Mon-Fri 08:00-16:00", cal, cal.Week.Summary())
	}
}

func TestWorkingCalendarIsWorkingDay(t *testing.T) {
	cal, loc := witaCalendar(t)
	tests := []struct {
		name       string
		at         time.Time
		wantOK     bool
		wantReason string
	}{
		{"Monday", MustCalendarTime(t, loc, "2026-11-16 03:00"), true, ""},
		{"Saturday", MustCalendarTime(t, loc, "2026-11-14 10:00"), false, "Sabtu"},
		{"Sunday", MustCalendarTime(t, loc, "2026-11-15 23:59"), false, "Minggu"},
		{"Natal", MustCalendarTime(t, loc, "2026-12-25 09:00"), false, "Hari Raya Natal"},
		{"CutiBersama", MustCalendarTime(t, loc, "2026-12-24 09:00"), false, "Cuti Bersama Hari Raya Natal"},
		// 20:00 UTC on Friday is already Saturday in WITA.
		{"ReadInCalendarZone", time.Date(2026, 11, 13, 20, 0, 0, 0, time.UTC), false, "Sabtu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, reason := cal.IsWorkingDay(tt.at)
			if ok != tt.wantOK || reason != tt.wantReason {
				t.Errorf("IsWorkingDay(%v) = %v, %q; want %v, %q", tt.at, ok, reason, tt.wantOK, tt.wantReason)
			}
		})
	}
}

func TestWorkingCalendarAddWorkingTime(t *testing.T) {
	cal, loc := witaCalendar(t)
	tests := []struct {
		name  string
		start string
		d     time.Duration
		want  string
	}{
		{"FridayAfternoonToMonday", "2026-11-13 15:00", 4 * time.Hour, "2026-11-16 11:00"},
		{"AcrossCutiBersamaAndNatal", "2026-12-23 15:00", 4 * time.Hour, "2026-12-28 11:00"},
		{"EveningCountsFromNextMorning", "2026-11-17 20:00", 4 * time.Hour, "2026-11-18 12:00"},
		{"BeforeOpening", "2026-11-18 06:30", 2 * time.Hour, "2026-11-18 10:00"},
		{"FullDayEndsAtClose", "2026-11-16 08:00", 8 * time.Hour, "2026-11-16 16:00"},
		{"LastHourEndsAtClose", "2026-11-16 15:00", time.Hour, "2026-11-16 16:00"},
		{"StartAtCloseIsOutside", "2026-11-16 16:00", time.Hour, "2026-11-17 09:00"},
		{"Saturday", "2026-11-14 10:00", time.Hour, "2026-11-16 09:00"},
		{"IndependenceDayLongWeekend", "2026-08-14 14:00", 8 * time.Hour, "2026-08-18 14:00"},
		{"TenWorkingDays", "2026-11-16 09:00", 80 * time.Hour, "2026-11-30 09:00"},
		{"AcrossNewYear", "2026-12-31 10:00", 24 * time.Hour, "2027-01-06 10:00"},
		{"Seconds", "2026-11-16 09:00:30", 90 * time.Second, "2026-11-16 09:02:00"},
		{"ZeroOnSaturday", "2026-11-14 10:00", 0, "2026-11-14 10:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := MustCalendarTime(t, loc, tt.start)
			want := MustCalendarTime(t, loc, tt.want)
			got := cal.AddWorkingTime(start, tt.d)
			if !got.Equal(want) {
				t.Fatalf("AddWorkingTime(%s, %v) = %v, want %v", tt.start, tt.d, got, want)
			}
			// The same instant given in another zone gives the same answer.
			if gotUTC := cal.AddWorkingTime(start.UTC(), tt.d); !gotUTC.Equal(want) {
				t.Errorf("AddWorkingTime from UTC = %v, want %v", gotUTC, want)
			}
			if tt.d > 0 {
				if got.Location() != loc {
					t.Errorf("result location = %v, want %v", got.Location(), loc)
				}
				if between := cal.WorkingTimeBetween(start, got); between != tt.d {
					t.Errorf("WorkingTimeBetween = %v, want %v", between, tt.d)
				}
			}
		})
	}
	t.Run("ZeroKeepsStart", func(t *testing.T) {
		start := time.Date(2026, 11, 14, 2, 0, 0, 0, time.UTC)
		if got := cal.AddWorkingTime(start, 0); got != start {
			t.Errorf("AddWorkingTime(start, 0) = %v, want %v unchanged", got, start)
		}
	})
}

func TestWorkingCalendarWorkingTimeBetween(t *testing.T) {
	cal, loc := witaCalendar(t)
	tests := []struct {
		name     string
		from, to string
		want     time.Duration
	}{
		{"SameHour", "2026-11-16 09:00", "2026-11-16 09:45", 45 * time.Minute},
		{"Reversed", "2026-11-16 12:00", "2026-11-16 09:00", 0},
		{"Equal", "2026-11-16 12:00", "2026-11-16 12:00", 0},
		{"Night", "2026-11-16 16:00", "2026-11-17 08:00", 0},
		{"Weekend", "2026-11-13 16:00", "2026-11-16 08:00", 0},
		{"FridayToMonday", "2026-11-13 15:00", "2026-11-16 11:00", 4 * time.Hour},
		{"Christmas", "2026-12-23 00:00", "2026-12-29 00:00", 16 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cal.WorkingTimeBetween(MustCalendarTime(t, loc, tt.from), MustCalendarTime(t, loc, tt.to))
			if got != tt.want {
				t.Errorf("WorkingTimeBetween(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
	t.Run("WholeYear", func(t *testing.T) {
		from := MustCalendarTime(t, loc, "2026-01-01 00:00")
		to := MustCalendarTime(t, loc, "2027-01-01 00:00")
		// 2026 starts on a Thursday: 52 whole weeks and one Thursday.
		weekdays := 52*5 + 1
		for _, h := range calendarTestHolidays {
			day := MustCalendarTime(t, loc, h.Date+" 12:00")
			if day.Year() == 2026 && day.Weekday() != time.Saturday && day.Weekday() != time.Sunday {
				weekdays--
			}
		}
		want := time.Duration(weekdays) * 8 * time.Hour
		if got := cal.WorkingTimeBetween(from, to); got != want {
			t.Errorf("WorkingTimeBetween over 2026 = %v, want %v", got, want)
		}
	})
}

func TestWorkingCalendarExplain(t *testing.T) {
	cal, loc := witaCalendar(t)
	from := MustCalendarTime(t, loc, "2026-12-23 15:00")
	to := MustCalendarTime(t, loc, "2026-12-28 11:00")
	want := []models.CalendarDay{
		{Date: "2026-12-23", Counted: true, Reason: "Hari kerja", WorkingTime: time.Hour},
		{Date: "2026-12-24", Reason: "Cuti Bersama Hari Raya Natal (cuti bersama)"},
		{Date: "2026-12-25", Reason: "Hari Raya Natal (libur nasional)"},
		{Date: "2026-12-26", Reason: "Akhir pekan (Sabtu)"},
		{Date: "2026-12-27", Reason: "Akhir pekan (Minggu)"},
		{Date: "2026-12-28", Counted: true, Reason: "Hari kerja", WorkingTime: 3 * time.Hour},
	}
	got := cal.Explain(from, to)
	if len(got) != len(want) {
		t.Fatalf("Explain returned %d days, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("day %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if days := cal.Explain(to, from); days != nil {
		t.Errorf("Explain(to, from) = %+v, want nil", days)
	}

	fourDay := cal
	fourDay.Week[time.Friday] = models.WorkingPeriod{}
	days := fourDay.Explain(MustCalendarTime(t, loc, "2026-11-13 09:00"), MustCalendarTime(t, loc, "2026-11-13 10:00"))
	if len(days) != 1 || days[0].Counted || days[0].Reason != "Bukan hari kerja (Jumat)" {
		t.Errorf("Explain on a day off = %+v, want one skipped day with reason Bukan hari kerja (Jumat)", days)
	}
}

func TestWorkingCalendarValidate(t *testing.T) {
	valid := models.DefaultWorkingCalendar(nil, nil)
	tests := []struct {
		name   string
		change func(*models.WorkingCalendar)
		field  string
	}{
		{"OK", func(*models.WorkingCalendar) {}, ""},
		{"WholeDay", func(c *models.WorkingCalendar) { c.Week[time.Monday] = models.WorkingPeriod{End: 24 * time.Hour} }, ""},
		{"ShortFriday", func(c *models.WorkingCalendar) {
			c.Week[time.Friday] = models.WorkingPeriod{Start: 8 * time.Hour, End: 11*time.Hour + 30*time.Minute}
		}, ""},
		{"NoWorkDays", func(c *models.WorkingCalendar) { c.Week = models.WorkingWeek{} }, "days"},
		{"NegativeStart", func(c *models.WorkingCalendar) { c.Week[time.Monday].Start = -time.Hour }, "monday"},
		{"EmptyDay", func(c *models.WorkingCalendar) { c.Week[time.Tuesday].End = c.Week[time.Tuesday].Start }, "tuesday"},
		{"PastMidnight", func(c *models.WorkingCalendar) { c.Week[time.Friday].End = 25 * time.Hour }, "friday"},
		{"Seconds", func(c *models.WorkingCalendar) { c.Week[time.Friday].End = 11*time.Hour + time.Second }, "friday"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal := valid
			tt.change(&cal)
			err := cal.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.field+":") {
				t.Fatalf("Validate = %v, want an error about %s", err, tt.field)
			}
			defer func() {
				if recover() == nil {
					t.Error("AddWorkingTime on an invalid calendar did not panic")
				}
			}()
			cal.AddWorkingTime(time.Now(), time.Hour)
		})
	}
}

func TestWorkingCalendarHolidayValidate(t *testing.T) {
	tests := []struct {
		name    string
		holiday models.Holiday
		field   string
	}{
		{"OK", models.Holiday{Date: "2026-12-25", Name: "Hari Raya Natal", Kind: models.HolidayNational}, ""},
		{"BadDate", models.Holiday{Date: "25-12-2026", Name: "Hari Raya Natal", Kind: models.HolidayNational}, "date"},
		{"NoSuchDay", models.Holiday{Date: "2026-02-30", Name: "Hari Raya Natal", Kind: models.HolidayNational}, "date"},
		{"NoName", models.Holiday{Date: "2026-12-25", Kind: models.HolidayNational}, "name"},
		{"BadKind", models.Holiday{Date: "2026-12-25", Name: "Hari Raya Natal", Kind: "NATIONAL_DAY"}, "kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.holiday.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.field+":") {
				t.Fatalf("Validate = %v, want an error about %s", err, tt.field)
			}
		})
	}
	for _, k := range models.HolidayKinds {
		if !k.Valid() || k.Label() == "" {
			t.Errorf("kind %q: Valid = %v, Label = %q", k, k.Valid(), k.Label())
		}
	}
}

// TestWorkingCalendarDST checks that day boundaries follow the local clock on
// days when the UTC offset changes.
func TestWorkingCalendarDST(t *testing.T) {
	berlin := MustCalendarLocation(t, "Europe/Berlin")
	newYork := MustCalendarLocation(t, "America/New_York")

	t.Run("OfficeHoursAcrossSpringForward", func(t *testing.T) {
		cal := models.DefaultWorkingCalendar(berlin, nil)
		start := MustCalendarTime(t, berlin, "2026-03-27 15:00")
		got := cal.AddWorkingTime(start, 4*time.Hour)
		if want := MustCalendarTime(t, berlin, "2026-03-30 11:00"); !got.Equal(want) {
			t.Fatalf("AddWorkingTime = %v, want %v", got, want)
		}
		if _, offset := got.Zone(); offset != 2*60*60 {
			t.Errorf("result offset = %d, want summer time", offset)
		}
		if clock := got.Sub(start); clock != 67*time.Hour {
			t.Errorf("clock time elapsed = %v, want 67h", clock)
		}
	})
	t.Run("OfficeHoursAcrossFallBack", func(t *testing.T) {
		cal := models.DefaultWorkingCalendar(berlin, nil)
		start := MustCalendarTime(t, berlin, "2026-10-23 15:00")
		got := cal.AddWorkingTime(start, 4*time.Hour)
		if want := MustCalendarTime(t, berlin, "2026-10-26 11:00"); !got.Equal(want) {
			t.Fatalf("AddWorkingTime = %v, want %v", got, want)
		}
		if clock := got.Sub(start); clock != 69*time.Hour {
			t.Errorf("clock time elapsed = %v, want 69h", clock)
		}
	})

	allWeek := []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
	roundTheClock := func(loc *time.Location) models.WorkingCalendar {
		return models.NewWorkingCalendar(loc, models.UniformWorkingWeek(allWeek, 0, 24*time.Hour), nil)
	}
	t.Run("ShortDay", func(t *testing.T) {
		cal := roundTheClock(berlin)
		from, to := MustCalendarTime(t, berlin, "2026-03-28 00:00"), MustCalendarTime(t, berlin, "2026-03-30 00:00")
		if got := cal.WorkingTimeBetween(from, to); got != 47*time.Hour {
			t.Errorf("WorkingTimeBetween over the spring-forward weekend = %v, want 47h", got)
		}
		sunday := MustCalendarTime(t, berlin, "2026-03-29 00:00")
		if got, want := cal.AddWorkingTime(sunday, 23*time.Hour), to; !got.Equal(want) {
			t.Errorf("AddWorkingTime(Sunday, 23h) = %v, want %v", got, want)
		}
		if got, want := cal.AddWorkingTime(MustCalendarTime(t, berlin, "2026-03-29 01:00"), 2*time.Hour), MustCalendarTime(t, berlin, "2026-03-29 04:00"); !got.Equal(want) {
			t.Errorf("AddWorkingTime(01:00, 2h) = %v, want %v", got, want)
		}
	})
	t.Run("LongDay", func(t *testing.T) {
		cal := roundTheClock(newYork)
		from, to := MustCalendarTime(t, newYork, "2026-11-01 00:00"), MustCalendarTime(t, newYork, "2026-11-02 00:00")
		if got := cal.WorkingTimeBetween(from, to); got != 25*time.Hour {
			t.Errorf("WorkingTimeBetween over the fall-back day = %v, want 25h", got)
		}
		days := cal.Explain(from, to)
		if len(days) != 2 || days[0].WorkingTime != 25*time.Hour || days[1].WorkingTime != 0 {
			t.Errorf("Explain = %+v, want 25h on 2026-11-01 and nothing on 2026-11-02", days)
		}
	})
	t.Run("ChangeInsideWorkingHours", func(t *testing.T) {
		cal := roundTheClock(berlin)
		cal.Week = models.UniformWorkingWeek(allWeek, time.Hour, 4*time.Hour)
		day := MustCalendarTime(t, berlin, "2026-03-29 00:00")
		if got := cal.WorkingTimeBetween(day, day.Add(24*time.Hour)); got != 2*time.Hour {
			t.Errorf("WorkingTimeBetween on 2026-03-29 01:00-04:00 = %v, want 2h", got)
		}
	})
}

// TestWorkingCalendarProperties checks AddWorkingTime, WorkingTimeBetween and
// Explain against each other and against a minute-by-minute reference, for
// random starts, durations and holiday sets.
func TestWorkingCalendarProperties(t *testing.T) {
	const cases = 2000
	for _, zone := range []string{"Asia/Makassar", "Europe/Berlin", "America/New_York"} {
		t.Run(strings.ReplaceAll(zone, "/", "_"), func(t *testing.T) {
			loc := MustCalendarLocation(t, zone)
			rng := rand.New(rand.NewPCG(20261225, uint64(len(zone))))
			yearStart := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
			kinds := models.HolidayKinds
			for i := range cases {
				start := yearStart.Add(time.Duration(rng.IntN(365*24*60)) * time.Minute)
				d := time.Duration(1+rng.IntN(10*8*60)) * time.Minute
				var holidays []models.Holiday
				for range rng.IntN(12) {
					day := start.AddDate(0, 0, rng.IntN(45)-5)
					holidays = append(holidays, models.Holiday{
						Date: day.Format("2006-01-02"),
						Name: "Libur uji",
						Kind: kinds[rng.IntN(len(kinds))],
					})
				}
				// Half the cases run on the standard week, half on a week of
				// the regency's own hours: days left out, shorter or longer
				// days. Periods stay clear of the night, when clocks change.
				week := models.StandardWorkingWeek()
				if i%2 == 1 {
					week = randomWorkingWeek(rng)
				}
				cal := models.NewWorkingCalendar(loc, week, holidays)

				due := cal.AddWorkingTime(start, d)
				fail := func(format string, args ...any) {
					t.Helper()
					t.Fatalf("case %d: start %v, d %v, holidays %v, due %v: "+format,
						append([]any{i, start, d, holidays, due}, args...)...)
				}

				local := due.In(loc)
				if ok, reason := cal.IsWorkingDay(due); !ok {
					fail("due on a day off (%s)", reason)
				}
				if !cal.Week[local.Weekday()].Worked() {
					fail("due on a weekday that is not worked")
				}
				if _, holiday := cal.Holidays[local.Format("2006-01-02")]; holiday {
					fail("due on a holiday")
				}
				if p := cal.Week[local.Weekday()]; localTimeOfDay(local) <= p.Start || localTimeOfDay(local) > p.End {
					fail("due at local clock %v, outside (%v, %v]", localTimeOfDay(local), p.Start, p.End)
				}
				if between := cal.WorkingTimeBetween(start, due); between != d {
					fail("WorkingTimeBetween = %v", between)
				}

				longer := d + time.Duration(1+rng.IntN(8*60))*time.Minute
				if dueLonger := cal.AddWorkingTime(start, longer); !dueLonger.After(due) {
					fail("AddWorkingTime(%v) = %v is not after it", longer, dueLonger)
				}

				days := cal.Explain(start, due)
				checkExplain(t, cal, start, due, days, fail)

				added := start.AddDate(0, 0, rng.IntN(int(due.Sub(start)/(24*time.Hour))+4))
				addedDate := added.In(loc).Format("2006-01-02")
				moved := cal
				moved.Holidays = maps.Clone(cal.Holidays)
				moved.Holidays[addedDate] = models.Holiday{Date: addedDate, Name: "Libur baru", Kind: models.HolidayRegional}
				dueMoved := moved.AddWorkingTime(start, d)
				if dueMoved.Before(due) {
					fail("holiday on %s moved the due time earlier, to %v", addedDate, dueMoved)
				}
				for _, day := range days {
					if day.Date == addedDate && day.WorkingTime > 0 && !dueMoved.After(due) {
						fail("holiday on %s, which counted %v, did not move the due time", addedDate, day.WorkingTime)
					}
				}

				if i%8 == 0 && d <= 24*time.Hour {
					if want := referenceAddWorkingTime(cal, start, d); !due.Equal(want) {
						fail("reference says %v", want)
					}
				}
			}
		})
	}
}

// checkExplain checks that days covers every local date from start to due,
// that counted time sums to WorkingTimeBetween and that every skipped day has
// a reason.
func checkExplain(t *testing.T, cal models.WorkingCalendar, start, due time.Time, days []models.CalendarDay, fail func(string, ...any)) {
	t.Helper()
	loc := cal.Location
	if len(days) == 0 {
		fail("Explain returned no days")
	}
	if first := start.In(loc).Format("2006-01-02"); days[0].Date != first {
		fail("Explain starts on %s, want %s", days[0].Date, first)
	}
	if last := due.In(loc).Format("2006-01-02"); days[len(days)-1].Date != last {
		fail("Explain ends on %s, want %s", days[len(days)-1].Date, last)
	}
	var sum time.Duration
	for j, day := range days {
		date, err := time.ParseInLocation("2006-01-02", day.Date, loc)
		if err != nil {
			fail("Explain date %q: %v", day.Date, err)
		}
		if j > 0 {
			previous, _ := time.ParseInLocation("2006-01-02", days[j-1].Date, loc)
			if y, m, d := previous.AddDate(0, 0, 1).Date(); date.Year() != y || date.Month() != m || date.Day() != d {
				fail("Explain skips from %s to %s", days[j-1].Date, day.Date)
			}
		}
		ok, _ := cal.IsWorkingDay(date.Add(12 * time.Hour))
		switch {
		case day.Counted != ok:
			fail("Explain counts %s as %v, IsWorkingDay says %v", day.Date, day.Counted, ok)
		case day.Reason == "":
			fail("Explain gives %s no reason", day.Date)
		case !day.Counted && day.WorkingTime != 0:
			fail("skipped day %s has working time %v", day.Date, day.WorkingTime)
		case day.WorkingTime < 0 || day.WorkingTime > cal.WorkingDayLength()+time.Hour:
			fail("day %s has working time %v", day.Date, day.WorkingTime)
		}
		sum += day.WorkingTime
	}
	if between := cal.WorkingTimeBetween(start, due); sum != between {
		fail("Explain sums to %v, WorkingTimeBetween says %v", sum, between)
	}
}

// randomWorkingWeek works each weekday with a chance of two in three, from a
// start between 05:00 and 12:00 to an end up to 23:00, in half hours.
func randomWorkingWeek(rng *rand.Rand) models.WorkingWeek {
	var week models.WorkingWeek
	for d := range week {
		if rng.IntN(3) == 0 {
			continue
		}
		start := 5*time.Hour + time.Duration(rng.IntN(15))*30*time.Minute
		end := start + time.Duration(1+rng.IntN(int((23*time.Hour-start)/(30*time.Minute))))*30*time.Minute
		week[d] = models.WorkingPeriod{Start: start, End: end}
	}
	if week.Validate() != nil {
		week[time.Wednesday] = models.WorkingPeriod{Start: 9 * time.Hour, End: 12 * time.Hour}
	}
	return week
}

// referenceAddWorkingTime walks forward one minute at a time, counting each
// minute that starts on a worked weekday that is not a holiday and within
// that weekday's period. start must fall on a whole minute.
func referenceAddWorkingTime(cal models.WorkingCalendar, start time.Time, d time.Duration) time.Time {
	counted := time.Duration(0)
	for t := start; ; t = t.Add(time.Minute) {
		local := t.In(cal.Location)
		_, holiday := cal.Holidays[local.Format("2006-01-02")]
		p := cal.Week[local.Weekday()]
		clock := localTimeOfDay(local)
		if !holiday && p.Worked() && clock >= p.Start && clock < p.End {
			counted += time.Minute
			if counted == d {
				return t.Add(time.Minute)
			}
		}
	}
}

// localTimeOfDay returns the local time of day of t as an offset from midnight.
func localTimeOfDay(t time.Time) time.Duration {
	h, m, s := t.Clock()
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second + time.Duration(t.Nanosecond())
}

// TestWorkingCalendarShortFriday uses a week of the regency's own hours:
// Monday to Thursday 07:30–16:00, Friday 07:30–11:30.
func TestWorkingCalendarShortFriday(t *testing.T) {
	loc := MustCalendarLocation(t, "Asia/Makassar")
	week := models.UniformWorkingWeek([]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday}, 7*time.Hour+30*time.Minute, 16*time.Hour)
	week[time.Friday] = models.WorkingPeriod{Start: 7*time.Hour + 30*time.Minute, End: 11*time.Hour + 30*time.Minute}
	cal := models.NewWorkingCalendar(loc, week, calendarTestHolidays)
	if got := cal.WorkingDayLength(); got != 8*time.Hour+30*time.Minute {
		t.Errorf("WorkingDayLength = %v, want the longest day, 8h30m", got)
	}
	if got, want := week.Summary(), "Senin–Kamis 07.30–16.00, Jumat 07.30–11.30"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	tests := []struct {
		name, start string
		d           time.Duration
		want        string
	}{
		{"FridayCloseIsADueTime", "2026-11-20 07:30", 4 * time.Hour, "2026-11-20 11:30"},
		{"FridayAfternoonIsNotWorked", "2026-11-20 13:00", time.Hour, "2026-11-23 08:30"},
		{"AcrossTheShortFriday", "2026-11-19 15:00", 6 * time.Hour, "2026-11-23 08:30"},
		{"WednesdayBeforeChristmas", "2026-12-23 15:00", 2 * time.Hour, "2026-12-28 08:30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := MustCalendarTime(t, loc, tt.start)
			if got, want := cal.AddWorkingTime(start, tt.d), MustCalendarTime(t, loc, tt.want); !got.Equal(want) {
				t.Errorf("AddWorkingTime(%s, %v) = %v, want %v", tt.start, tt.d, got.In(loc), want)
			}
		})
	}
	days := cal.Explain(MustCalendarTime(t, loc, "2026-11-20 07:00"), MustCalendarTime(t, loc, "2026-11-20 18:00"))
	if len(days) != 1 || days[0].WorkingTime != 4*time.Hour {
		t.Errorf("Explain of a Friday = %+v, want 4h counted", days)
	}
}
