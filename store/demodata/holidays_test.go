package demodata_test

import (
	"testing"
	"time"

	"github.com/kotabaru/tanggap/store/demodata"
)

// TestHolidays checks the shipped holiday list: real dates in order, known
// kinds, a source for every year, and for 2026 the decree's 17 national
// holidays and 8 cuti bersama days.
func TestHolidays(t *testing.T) {
	holidays, years := demodata.Holidays()
	sources := map[int]demodata.HolidayYear{}
	for _, y := range years {
		if y.Source == "" {
			t.Errorf("year %d has no source", y.Year)
		}
		sources[y.Year] = y
	}
	counts := map[string]int{}
	previous := ""
	for _, h := range holidays {
		date, err := time.Parse("2006-01-02", h.Date)
		if err != nil {
			t.Errorf("%q is not a date", h.Date)
			continue
		}
		if h.Date <= previous {
			t.Errorf("%s follows %s: dates must be unique and in order", h.Date, previous)
		}
		previous = h.Date
		if _, ok := sources[date.Year()]; !ok {
			t.Errorf("%s: no source for %d", h.Date, date.Year())
		}
		if h.Kind != "NATIONAL" && h.Kind != "CUTI_BERSAMA" {
			t.Errorf("%s: kind %q", h.Date, h.Kind)
		}
		if len(h.Name) < 3 || len(h.Name) > 120 {
			t.Errorf("%s: name %q", h.Date, h.Name)
		}
		counts[date.Format("2006")+" "+h.Kind]++
	}
	if counts["2026 NATIONAL"] != 17 || counts["2026 CUTI_BERSAMA"] != 8 || !sources[2026].Complete {
		t.Errorf("2026: %d national holidays and %d cuti bersama days; the decree has 17 and 8", counts["2026 NATIONAL"], counts["2026 CUTI_BERSAMA"])
	}
	if counts["2027 NATIONAL"] == 0 || sources[2027].Complete {
		t.Errorf("2027: %d holidays, complete %v; want the certain dates, marked incomplete", counts["2027 NATIONAL"], sources[2027].Complete)
	}
}
