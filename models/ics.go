package models

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
)

// Limits of an iCalendar file of holidays.
const (
	// MaxHolidayCalendarBytes bounds the file: a country's holidays for
	// several years take a few kilobytes.
	MaxHolidayCalendarBytes = 512 << 10
	// MaxHolidayEventDays bounds one event: a holiday of more days than this
	// is a mistake (or a season), not a day off.
	MaxHolidayEventDays = 14
	maxHolidayEvents    = 2000
)

// ParseHolidayCalendar reads the all-day events of an iCalendar file
// (RFC 5545), such as a government's or a calendar service's list of public
// holidays: one Holiday for each day an event covers, named by its SUMMARY.
// An event whose summary says "cuti bersama" is a cuti bersama day; any other
// is of kind def. Cancelled events are left out.
//
// Every problem is reported in Indonesian with the line of the event, and
// nothing is returned unless the whole file reads: an event with a time of
// day, a recurrence rule, no date or no name, a file that is not an
// iCalendar or is larger than MaxHolidayCalendarBytes.
func ParseHolidayCalendar(r io.Reader, def HolidayKind) ([]Holiday, error) {
	if !def.Valid() {
		return nil, fmt.Errorf("jenis libur %q tidak dikenal", def)
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxHolidayCalendarBytes+1))
	if err != nil {
		return nil, fmt.Errorf("berkas kalender tidak terbaca: %w", err)
	}
	if len(data) > MaxHolidayCalendarBytes {
		return nil, fmt.Errorf("berkas kalender lebih besar dari %d KB", MaxHolidayCalendarBytes>>10)
	}
	lines := unfoldICS(data)
	if len(lines) == 0 || !strings.EqualFold(lines[0].text, "BEGIN:VCALENDAR") {
		return nil, fmt.Errorf("bukan berkas iCalendar (.ics): baris pertama harus BEGIN:VCALENDAR")
	}
	var (
		out      []Holiday
		problems []string
		event    *icsEvent
		events   int
	)
	for _, l := range lines {
		name, params, value := splitICSLine(l.text)
		switch {
		case name == "BEGIN" && strings.EqualFold(value, "VEVENT"):
			event = &icsEvent{line: l.number}
			events++
		case name == "END" && strings.EqualFold(value, "VEVENT") && event != nil:
			days, err := event.holidays(def)
			if err != nil {
				problems = append(problems, fmt.Sprintf("baris %d: %v", event.line, err))
			}
			out = append(out, days...)
			event = nil
		case event != nil:
			event.set(name, params, value)
		}
		if events > maxHolidayEvents {
			return nil, fmt.Errorf("berkas kalender memuat lebih dari %d acara", maxHolidayEvents)
		}
	}
	if len(problems) > 0 {
		if len(problems) > 10 {
			problems = append(problems[:10], fmt.Sprintf("dan %d masalah lain", len(problems)-10))
		}
		return nil, fmt.Errorf("berkas kalender tidak dapat diimpor: %s", strings.Join(problems, "; "))
	}
	if events == 0 {
		return nil, fmt.Errorf("berkas kalender tidak memuat acara (VEVENT)")
	}
	return out, nil
}

type icsLine struct {
	number int
	text   string
}

// unfoldICS splits the content into logical lines: a physical line that
// starts with a space or a tab continues the one before it.
func unfoldICS(data []byte) []icsLine {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var lines []icsLine
	scanner := bufio.NewScanner(bytes.NewReader(data))
	scanner.Buffer(make([]byte, 0, 4096), MaxHolidayCalendarBytes+1)
	n := 0
	for scanner.Scan() {
		n++
		text := strings.TrimRight(scanner.Text(), "\r")
		if (strings.HasPrefix(text, " ") || strings.HasPrefix(text, "\t")) && len(lines) > 0 {
			lines[len(lines)-1].text += text[1:]
			continue
		}
		if text != "" {
			lines = append(lines, icsLine{number: n, text: text})
		}
	}
	return lines
}

// splitICSLine separates "NAME;PARAM=X:value" into its upper-case name, its
// parameters and its value.
func splitICSLine(text string) (name string, params map[string]string, value string) {
	head, value, _ := strings.Cut(text, ":")
	parts := strings.Split(head, ";")
	params = map[string]string{}
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(p, "=")
		params[strings.ToUpper(k)] = strings.Trim(v, `"`)
	}
	return strings.ToUpper(parts[0]), params, value
}

// icsEvent collects the properties of one VEVENT.
type icsEvent struct {
	line                 int
	summary              string
	start, end           string
	startTimed, endTimed bool
	recurring, cancelled bool
}

func (e *icsEvent) set(name string, params map[string]string, value string) {
	switch name {
	case "SUMMARY":
		e.summary = unescapeICS(value)
	case "DTSTART":
		e.start, e.startTimed = value, strings.EqualFold(params["VALUE"], "DATE-TIME") || strings.Contains(value, "T")
	case "DTEND":
		e.end, e.endTimed = value, strings.EqualFold(params["VALUE"], "DATE-TIME") || strings.Contains(value, "T")
	case "RRULE", "RDATE":
		e.recurring = true
	case "STATUS":
		e.cancelled = strings.EqualFold(value, "CANCELLED")
	}
}

// holidays returns the days the event covers: its start date and every date
// before its (exclusive) end date.
func (e *icsEvent) holidays(def HolidayKind) ([]Holiday, error) {
	if e.cancelled {
		return nil, nil
	}
	name := strings.Join(strings.Fields(e.summary), " ")
	switch {
	case e.start == "":
		return nil, fmt.Errorf("acara tanpa tanggal (DTSTART)")
	case e.startTimed:
		return nil, fmt.Errorf("acara %q memakai jam; hanya acara sehari penuh (DTSTART;VALUE=DATE) yang dapat menjadi hari libur", name)
	case e.recurring:
		return nil, fmt.Errorf("acara %q berulang (RRULE); ekspor kalender sebagai daftar tanggal", name)
	case len([]rune(name)) < 3 || len([]rune(name)) > 120:
		return nil, fmt.Errorf("nama acara (SUMMARY) harus 3–120 karakter")
	}
	first, err := time.Parse("20060102", e.start)
	if err != nil {
		return nil, fmt.Errorf("tanggal %q tidak valid (format YYYYMMDD)", e.start)
	}
	last := first
	if e.end != "" {
		if e.endTimed {
			return nil, fmt.Errorf("acara %q berakhir pada jam tertentu; hanya acara sehari penuh yang dapat menjadi hari libur", name)
		}
		end, err := time.Parse("20060102", e.end)
		if err != nil {
			return nil, fmt.Errorf("tanggal akhir %q tidak valid (format YYYYMMDD)", e.end)
		}
		if !end.After(first) {
			return nil, fmt.Errorf("acara %q berakhir sebelum dimulai", name)
		}
		last = end.AddDate(0, 0, -1)
	}
	if days := int(last.Sub(first).Hours()/24) + 1; days > MaxHolidayEventDays {
		return nil, fmt.Errorf("acara %q mencakup %d hari; paling banyak %d", name, days, MaxHolidayEventDays)
	}
	kind := def
	if strings.Contains(strings.ToLower(name), "cuti bersama") {
		kind = HolidayCutiBersama
	}
	var out []Holiday
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		out = append(out, Holiday{Date: d.Format(holidayDateLayout), Name: name, Kind: kind})
	}
	return out, nil
}

// unescapeICS undoes the escapes of a TEXT value.
func unescapeICS(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte(' ')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
