package models

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// WorkingPeriod is the working time of one weekday: from Start to End, both
// local wall-clock times written as offsets from midnight. The zero period
// means the day is not worked.
type WorkingPeriod struct {
	Start, End time.Duration
}

// Worked reports whether the weekday has working time.
func (p WorkingPeriod) Worked() bool { return p != WorkingPeriod{} }

// Length is End - Start, or 0 for a day that is not worked.
func (p WorkingPeriod) Length() time.Duration {
	if !p.Worked() {
		return 0
	}
	return p.End - p.Start
}

// WorkingWeek holds the working period of every weekday, indexed by
// time.Weekday (Sunday first). It is a value: copies do not share it.
type WorkingWeek [7]WorkingPeriod

// StandardWorkingWeek is the week of a regency that has not set its own
// hours: Monday to Friday, 08:00 to 16:00.
func StandardWorkingWeek() WorkingWeek {
	var w WorkingWeek
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = WorkingPeriod{Start: 8 * time.Hour, End: 16 * time.Hour}
	}
	return w
}

// UniformWorkingWeek works the given weekdays, each from start to end.
func UniformWorkingWeek(days []time.Weekday, start, end time.Duration) WorkingWeek {
	var w WorkingWeek
	for _, d := range days {
		if d >= time.Sunday && d <= time.Saturday {
			w[d] = WorkingPeriod{Start: start, End: end}
		}
	}
	return w
}

// Validate reports the first problem with w as an error whose message starts
// with the field: each worked day needs 0 <= Start < End <= 24h, in whole
// minutes, and at least one day must be worked, or no due time could ever
// be reached.
func (w WorkingWeek) Validate() error {
	worked := false
	for d, p := range w {
		if !p.Worked() {
			continue
		}
		worked = true
		name := strings.ToLower(time.Weekday(d).String())
		switch {
		case p.Start < 0 || p.Start >= 24*time.Hour:
			return fmt.Errorf("%s: start %v is not a time of day", name, p.Start)
		case p.End <= p.Start || p.End > 24*time.Hour:
			return fmt.Errorf("%s: end %v must be after start %v and at most 24:00", name, p.End, p.Start)
		case p.Start%time.Minute != 0 || p.End%time.Minute != 0:
			return fmt.Errorf("%s: times are whole minutes", name)
		}
	}
	if !worked {
		return fmt.Errorf("days: at least one weekday must be worked")
	}
	return nil
}

// DayLength is how long "one working day" of a response target lasts: the
// longest working period of the week, usually Monday to Thursday when
// Friday is shorter. It is 0 for a week that has no working day.
func (w WorkingWeek) DayLength() time.Duration {
	var longest time.Duration
	for _, p := range w {
		longest = max(longest, p.Length())
	}
	return longest
}

// Summary describes the week in Indonesian, grouping consecutive days with
// the same hours: "Senin–Kamis 08.00–16.00, Jumat 08.00–11.00".
func (w WorkingWeek) Summary() string {
	order := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	var parts []string
	for i := 0; i < len(order); {
		p := w[order[i]]
		j := i + 1
		for j < len(order) && w[order[j]] == p {
			j++
		}
		if p.Worked() {
			days := calendarWeekdayNames[order[i]]
			if j-i > 1 {
				days += "–" + calendarWeekdayNames[order[j-1]]
			}
			parts = append(parts, days+" "+clockText(p.Start)+"–"+clockText(p.End))
		}
		i = j
	}
	return strings.Join(parts, ", ")
}

// clockText writes an offset from midnight as an Indonesian clock, 08.00.
func clockText(d time.Duration) string {
	return fmt.Sprintf("%02d.%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// HolidayImport says what importing a list of holidays did.
type HolidayImport struct {
	// Added are the holidays written; Skipped those whose date already had
	// a holiday, which stays as it was.
	Added, Skipped []Holiday
	// Recomputed is how many open issues got new due times.
	Recomputed int
}

// WorkingCalendarService keeps the regency's working hours and imports
// holiday lists.
type WorkingCalendarService interface {
	// WorkingHours returns the working week. Anyone may call it.
	WorkingHours(ctx context.Context) (WorkingWeek, error)
	// SetWorkingHours replaces the working week and re-computes the due
	// times of open issues, returning how many moved. ADMIN only:
	// EUNAUTHENTICATED, EFORBIDDEN; EINVALID naming the day.
	SetWorkingHours(ctx context.Context, week WorkingWeek) (int, error)
	// ImportHolidays adds a list of holidays in one step, keeping the
	// holiday of a date that already has one, re-computes the due times of
	// open issues once and audits the import under the name of its source.
	// ADMIN only; EINVALID for a holiday without a valid date or name.
	ImportHolidays(ctx context.Context, holidays []Holiday, source string) (*HolidayImport, error)
}

// WeekdayLabel is the Indonesian name of a weekday: Senin, Selasa, …
func WeekdayLabel(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return d.String()
	}
	return calendarWeekdayNames[d]
}

// WeekdayOf reads the lower-case English name of a weekday, as the
// validation errors of WorkingWeek name it.
func WeekdayOf(name string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(d.String(), name) {
			return d, true
		}
	}
	return 0, false
}
