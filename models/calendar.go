package models

import (
	"errors"
	"fmt"
	"time"
)

// HolidayKind says why a date is not worked.
type HolidayKind string

// The kinds of holiday an ADMIN maintains.
const (
	HolidayNational    HolidayKind = "NATIONAL"
	HolidayCutiBersama HolidayKind = "CUTI_BERSAMA"
	HolidayRegional    HolidayKind = "REGIONAL"
)

const (
	holidayDateLayout   = "2006-01-02"
	defaultCalendarZone = "Asia/Makassar"
)

// HolidayKinds lists every holiday kind.
var HolidayKinds = []HolidayKind{HolidayNational, HolidayCutiBersama, HolidayRegional}

// Valid reports whether k is one of the known holiday kinds.
func (k HolidayKind) Valid() bool { return oneOf(k, HolidayKinds) }

// Label is the Indonesian name of the kind, as shown to citizens.
func (k HolidayKind) Label() string {
	switch k {
	case HolidayNational:
		return "Libur nasional"
	case HolidayCutiBersama:
		return "Cuti bersama"
	case HolidayRegional:
		return "Libur daerah"
	}
	return "Hari libur"
}

// Holiday is one dated day off: a national holiday, a cuti bersama day or a
// regional holiday.
type Holiday struct {
	// Date is the local calendar date in the form "2026-12-25".
	Date string
	// Name is the Indonesian name shown to citizens, such as "Hari Raya Natal".
	Name string
	Kind HolidayKind
}

// Validate reports the first problem with h, naming the field.
func (h Holiday) Validate() error {
	if _, err := time.Parse(holidayDateLayout, h.Date); err != nil {
		return fmt.Errorf("date: %q is not a date of the form YYYY-MM-DD", h.Date)
	}
	if h.Name == "" {
		return errors.New("name: must not be empty")
	}
	if !h.Kind.Valid() {
		return fmt.Errorf("kind: unknown holiday kind %q", h.Kind)
	}
	return nil
}

// WorkingCalendar says which instants count as working time: on each
// weekday the working period Week gives it, [Start, End) of local wall-clock
// time, unless the date is a holiday, all in Location.
//
// A working period is half-open: an instant at exactly its End is outside
// working hours, so work that starts then counts from the next working
// period. A due time, however, may be exactly End, meaning "by the close of
// that working day"; this is the only way a budget that fills a day to its
// last minute can end on that day.
//
// Start and End are wall-clock times of day, not elapsed time since
// midnight, so on a day with a daylight-saving change the period still runs
// from 08:00 to 16:00 on the local clock. The methods compute every day
// boundary with time.Date in Location and never assume a fixed UTC offset.
//
// The Holidays map is shared between copies of a WorkingCalendar; clone it
// before changing one copy.
type WorkingCalendar struct {
	// Location is the time zone of the calendar; nil means Asia/Makassar (WITA).
	Location *time.Location
	// Week gives the working period of each weekday; a weekday whose period
	// is zero is not worked.
	Week WorkingWeek
	// Holidays holds the days off, keyed by Holiday.Date.
	Holidays map[string]Holiday
}

// CalendarDay explains how one local date was counted between two instants.
type CalendarDay struct {
	// Date is the local date in the form "2026-12-25".
	Date string
	// Counted reports whether the date is a working day.
	Counted bool
	// Reason says in Indonesian why the date was counted or skipped, such as
	// "Hari kerja", "Akhir pekan (Sabtu)" or "Hari Raya Natal (libur nasional)".
	Reason string
	// WorkingTime is the working time of the date that lies within the
	// explained interval; it is zero for a skipped date.
	WorkingTime time.Duration
}

// DefaultWorkingCalendar returns the standard calendar: Monday to Friday,
// 08:00 to 16:00 in loc, minus holidays. A nil loc means Asia/Makassar. When
// holidays holds two entries for the same date, the later one wins.
func DefaultWorkingCalendar(loc *time.Location, holidays []Holiday) WorkingCalendar {
	return NewWorkingCalendar(loc, StandardWorkingWeek(), holidays)
}

// NewWorkingCalendar returns the calendar of a working week in loc, minus
// holidays. A nil loc means Asia/Makassar. When holidays holds two entries
// for the same date, the later one wins.
func NewWorkingCalendar(loc *time.Location, week WorkingWeek, holidays []Holiday) WorkingCalendar {
	if loc == nil {
		loc = defaultCalendarLocation()
	}
	byDate := make(map[string]Holiday, len(holidays))
	for _, h := range holidays {
		byDate[h.Date] = h
	}
	return WorkingCalendar{Location: loc, Week: week, Holidays: byDate}
}

// defaultCalendarLocation returns Asia/Makassar. WITA has kept UTC+8 without
// daylight saving for decades, so a fixed zone is an exact stand-in on hosts
// that have no time zone database.
func defaultCalendarLocation() *time.Location {
	if loc, err := time.LoadLocation(defaultCalendarZone); err == nil {
		return loc
	}
	return time.FixedZone("WITA", 8*60*60)
}

// Validate reports whether the calendar can contain working time at all:
// at least one worked weekday, each with 0 <= Start < End <= 24h. It does
// not check the holidays, which can never make the working time run out.
func (c WorkingCalendar) Validate() error { return c.Week.Validate() }

// WorkingDayLength is the nominal working time of one working day, the
// week's longest period. It is the length of "1 working day" in response
// policies; a shorter day (a Friday) or a day with a daylight-saving change
// inside working hours is worked for less or more.
func (c WorkingCalendar) WorkingDayLength() time.Duration { return c.Week.DayLength() }

// IsWorkingDay reports whether the date of localDate, read in the calendar's
// location, is a working day. When it is not, the reason is the Indonesian
// name of the weekday ("Sabtu", "Minggu") or the name of the holiday; a
// holiday that falls on a weekend is reported by its name.
func (c WorkingCalendar) IsWorkingDay(localDate time.Time) (bool, string) {
	y, m, d := localDate.In(c.location()).Date()
	ok, reason, _ := c.classify(calendarDate{y, m, d})
	return ok, reason
}

// AddWorkingTime returns the instant at which d of working time has elapsed
// after start. When start is outside working hours, counting begins at the
// next working period. For d > 0 the result lies on a working day, in the
// calendar's location, with a local clock in (Start, End] of its weekday's
// period; an End of 24h reads as midnight of the next date. For d <= 0 it returns start
// unchanged.
//
// It panics when the calendar fails Validate, since no amount of working
// time could then elapse.
func (c WorkingCalendar) AddWorkingTime(start time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return start
	}
	if err := c.Validate(); err != nil {
		panic("models: AddWorkingTime on an invalid WorkingCalendar: " + err.Error())
	}
	loc := c.location()
	remaining := d
	// Iterating over civil dates rather than instants keeps the loop
	// strictly advancing even where local midnight is skipped or repeated.
	for day := calendarDateOf(start, loc); ; day = day.next() {
		if ok, _, _ := c.classify(day); !ok {
			continue
		}
		periodStart, periodEnd := c.period(day, loc)
		begin := latestInstant(periodStart, start)
		if !begin.Before(periodEnd) {
			continue
		}
		available := periodEnd.Sub(begin)
		if remaining <= available {
			return begin.Add(remaining).In(loc)
		}
		remaining -= available
	}
}

// WorkingTimeBetween returns the working time within [from, to], or 0 when to
// is not after from. For d > 0,
// WorkingTimeBetween(start, AddWorkingTime(start, d)) == d.
func (c WorkingCalendar) WorkingTimeBetween(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	loc := c.location()
	var total time.Duration
	last := calendarDateOf(to, loc)
	for day := calendarDateOf(from, loc); !last.before(day); day = day.next() {
		if ok, _, _ := c.classify(day); ok {
			total += c.overlap(day, loc, from, to)
		}
	}
	return total
}

// Explain lists every local date from the date of from to the date of to, in
// order, saying whether it was counted and why, and how much of its working
// time lies within [from, to]. The WorkingTime of the entries sums to
// WorkingTimeBetween(from, to). It returns nil when to is before from.
func (c WorkingCalendar) Explain(from, to time.Time) []CalendarDay {
	if to.Before(from) {
		return nil
	}
	loc := c.location()
	last := calendarDateOf(to, loc)
	var days []CalendarDay
	for day := calendarDateOf(from, loc); !last.before(day); day = day.next() {
		ok, _, reason := c.classify(day)
		entry := CalendarDay{Date: day.String(), Counted: ok, Reason: reason}
		if ok {
			entry.WorkingTime = c.overlap(day, loc, from, to)
		}
		days = append(days, entry)
	}
	return days
}

// classify says whether day is a working day, giving the short reason of
// IsWorkingDay and the longer one of Explain.
func (c WorkingCalendar) classify(day calendarDate) (ok bool, short, long string) {
	if h, found := c.Holidays[day.String()]; found {
		name := h.Name
		if name == "" {
			name = h.Kind.Label()
		}
		return false, name, fmt.Sprintf("%s (%s)", name, lowerInitial(h.Kind.Label()))
	}
	weekday := day.weekday()
	if c.Week[weekday].Worked() {
		return true, "", "Hari kerja"
	}
	name := calendarWeekdayNames[weekday]
	if weekday == time.Saturday || weekday == time.Sunday {
		return false, name, "Akhir pekan (" + name + ")"
	}
	return false, name, "Bukan hari kerja (" + name + ")"
}

// period returns the working period of day as instants.
func (c WorkingCalendar) period(day calendarDate, loc *time.Location) (start, end time.Time) {
	p := c.Week[day.weekday()]
	return day.at(p.Start, loc), day.at(p.End, loc)
}

// overlap returns the length of the intersection of day's working period
// with [from, to].
func (c WorkingCalendar) overlap(day calendarDate, loc *time.Location, from, to time.Time) time.Duration {
	periodStart, periodEnd := c.period(day, loc)
	begin := latestInstant(periodStart, from)
	end := periodEnd
	if to.Before(end) {
		end = to
	}
	if !end.After(begin) {
		return 0
	}
	return end.Sub(begin)
}

func (c WorkingCalendar) location() *time.Location {
	if c.Location == nil {
		return defaultCalendarLocation()
	}
	return c.Location
}

var calendarWeekdayNames = [...]string{
	time.Sunday:    "Minggu",
	time.Monday:    "Senin",
	time.Tuesday:   "Selasa",
	time.Wednesday: "Rabu",
	time.Thursday:  "Kamis",
	time.Friday:    "Jumat",
	time.Saturday:  "Sabtu",
}

// calendarDate is a local date without a time or a zone.
type calendarDate struct {
	year  int
	month time.Month
	day   int
}

func calendarDateOf(t time.Time, loc *time.Location) calendarDate {
	y, m, d := t.In(loc).Date()
	return calendarDate{y, m, d}
}

// next returns the following date, normalised in UTC where every day exists.
func (d calendarDate) next() calendarDate {
	y, m, day := time.Date(d.year, d.month, d.day+1, 12, 0, 0, 0, time.UTC).Date()
	return calendarDate{y, m, day}
}

func (d calendarDate) before(other calendarDate) bool {
	if d.year != other.year {
		return d.year < other.year
	}
	if d.month != other.month {
		return d.month < other.month
	}
	return d.day < other.day
}

func (d calendarDate) weekday() time.Weekday {
	return time.Date(d.year, d.month, d.day, 12, 0, 0, 0, time.UTC).Weekday()
}

func (d calendarDate) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
}

// at returns the instant at which the local clock of loc shows the time of
// day offset on date d; time.Date resolves clocks skipped or repeated by a
// daylight-saving change.
func (d calendarDate) at(offset time.Duration, loc *time.Location) time.Time {
	hours := offset / time.Hour
	offset -= hours * time.Hour
	minutes := offset / time.Minute
	offset -= minutes * time.Minute
	seconds := offset / time.Second
	offset -= seconds * time.Second
	return time.Date(d.year, d.month, d.day, int(hours), int(minutes), int(seconds), int(offset), loc)
}

func latestInstant(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func lowerInitial(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
