package models_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
)

// holidayICS is shaped like the public-holiday calendars that calendar
// services export: CRLF lines, folded long lines, escaped commas, and an
// event spanning two days.
const holidayICS = "BEGIN:VCALENDAR\r\n" +
	"PRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n" +
	"VERSION:2.0\r\n" +
	"X-WR-CALNAME:Hari libur di Indonesia\r\n" +
	"BEGIN:VEVENT\r\n" +
	"DTSTART;VALUE=DATE:20270101\r\n" +
	"DTEND;VALUE=DATE:20270102\r\n" +
	"UID:20270101_id@example\r\n" +
	"SUMMARY:Tahun Baru 2027 Masehi\r\n" +
	"END:VEVENT\r\n" +
	"BEGIN:VEVENT\r\n" +
	"DTSTART;VALUE=DATE:20270310\r\n" +
	"DTEND;VALUE=DATE:20270312\r\n" +
	"SUMMARY:Hari Raya Idulfitri 1448 Hijriah\\, hari pertama dan \r\n" +
	" kedua\r\n" +
	"END:VEVENT\r\n" +
	"BEGIN:VEVENT\r\n" +
	"DTSTART;VALUE=DATE:20270312\r\n" +
	"SUMMARY:Cuti Bersama Idulfitri\r\n" +
	"END:VEVENT\r\n" +
	"BEGIN:VEVENT\r\n" +
	"DTSTART;VALUE=DATE:20270415\r\n" +
	"SUMMARY:Acara yang dibatalkan\r\n" +
	"STATUS:CANCELLED\r\n" +
	"END:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestParseHolidayCalendar(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		got, err := models.ParseHolidayCalendar(strings.NewReader(holidayICS), models.HolidayNational)
		if err != nil {
			t.Fatal(err)
		}
		idulfitri := "Hari Raya Idulfitri 1448 Hijriah, hari pertama dan kedua"
		want := []models.Holiday{
			{Date: "2027-01-01", Name: "Tahun Baru 2027 Masehi", Kind: models.HolidayNational},
			{Date: "2027-03-10", Name: idulfitri, Kind: models.HolidayNational},
			{Date: "2027-03-11", Name: idulfitri, Kind: models.HolidayNational},
			{Date: "2027-03-12", Name: "Cuti Bersama Idulfitri", Kind: models.HolidayCutiBersama},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v\nwant %+v", got, want)
		}
	})
	t.Run("OKRegionalWithLFAndBOM", func(t *testing.T) {
		ics := "\ufeffBEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270120\nSUMMARY:Hari Jadi Kabupaten Kotabaru\nEND:VEVENT\nEND:VCALENDAR\n"
		got, err := models.ParseHolidayCalendar(strings.NewReader(ics), models.HolidayRegional)
		if err != nil || len(got) != 1 || got[0].Kind != models.HolidayRegional || got[0].Date != "2027-01-20" {
			t.Errorf("got %+v, %v", got, err)
		}
	})
	for name, c := range map[string]struct{ ics, want string }{
		"NotICalendar":       {"tanggal,nama\n2027-01-01,Tahun Baru\n", "bukan berkas iCalendar"},
		"NoEvents":           {"BEGIN:VCALENDAR\nEND:VCALENDAR\n", "tidak memuat acara"},
		"TimedEvent":         {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101T090000Z\nSUMMARY:Rapat pagi\nEND:VEVENT\nEND:VCALENDAR\n", "baris 2: acara \"Rapat pagi\" memakai jam"},
		"Recurring":          {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270817\nRRULE:FREQ=YEARLY\nSUMMARY:Hari Kemerdekaan\nEND:VEVENT\nEND:VCALENDAR\n", "berulang"},
		"NoDate":             {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Tanpa tanggal\nEND:VEVENT\nEND:VCALENDAR\n", "tanpa tanggal"},
		"BadDate":            {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20271301\nSUMMARY:Bulan ketiga belas\nEND:VEVENT\nEND:VCALENDAR\n", "tidak valid"},
		"NoName":             {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nEND:VEVENT\nEND:VCALENDAR\n", "SUMMARY"},
		"TooLong":            {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270301\nSUMMARY:Musim libur\nEND:VEVENT\nEND:VCALENDAR\n", "paling banyak 14"},
		"EndsBeforeItStarts": {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270105\nDTEND;VALUE=DATE:20270101\nSUMMARY:Terbalik\nEND:VEVENT\nEND:VCALENDAR\n", "sebelum dimulai"},
	} {
		t.Run("Err"+name, func(t *testing.T) {
			got, err := models.ParseHolidayCalendar(strings.NewReader(c.ics), models.HolidayNational)
			if err == nil || !strings.Contains(err.Error(), c.want) || got != nil {
				t.Errorf("got %+v, %v; want an error containing %q", got, err, c.want)
			}
		})
	}
	t.Run("ErrTooLarge", func(t *testing.T) {
		big := "BEGIN:VCALENDAR\n" + strings.Repeat("X-PADDING:"+strings.Repeat("a", 1000)+"\n", 600)
		if _, err := models.ParseHolidayCalendar(strings.NewReader(big), models.HolidayNational); err == nil || !strings.Contains(err.Error(), "lebih besar") {
			t.Errorf("a 600 KB file: %v", err)
		}
	})
}
