package graph

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/models"
)

// weekdays maps the schema's weekdays to Go's, Monday first as the week is
// shown.
var weekdays = []struct {
	api model.Weekday
	day time.Weekday
}{
	{model.WeekdayMonday, time.Monday}, {model.WeekdayTuesday, time.Tuesday}, {model.WeekdayWednesday, time.Wednesday},
	{model.WeekdayThursday, time.Thursday}, {model.WeekdayFriday, time.Friday}, {model.WeekdaySaturday, time.Saturday},
	{model.WeekdaySunday, time.Sunday},
}

// workingHoursView presents a working week.
func workingHoursView(week models.WorkingWeek) *model.WorkingHours {
	out := &model.WorkingHours{Summary: week.Summary(), DayLengthMinutes: int(week.DayLength() / time.Minute), Days: []*model.WorkingDay{}}
	for _, w := range weekdays {
		p := week[w.day]
		if !p.Worked() {
			continue
		}
		out.Days = append(out.Days, &model.WorkingDay{
			Weekday: w.api, WeekdayLabel: models.WeekdayLabel(w.day),
			Start: clockOf(p.Start), End: clockOf(p.End), Minutes: int(p.Length() / time.Minute),
		})
	}
	return out
}

// weekOf reads the working days of setWorkingHours.
func weekOf(days []*model.WorkingDayInput) (models.WorkingWeek, error) {
	var week models.WorkingWeek
	for _, in := range days {
		var day time.Weekday = -1
		for _, w := range weekdays {
			if w.api == in.Weekday {
				day = w.day
			}
		}
		if day < 0 {
			return week, models.Invalid("days", "hari %q tidak dikenal", in.Weekday)
		}
		if week[day].Worked() {
			return week, models.Invalid("days", "%s disebut lebih dari sekali", models.WeekdayLabel(day))
		}
		start, err := clockValue(in.Start)
		if err != nil {
			return week, err
		}
		end, err := clockValue(in.End)
		if err != nil {
			return week, err
		}
		if end <= start {
			return week, models.Invalid("days", "jam selesai %s harus setelah jam mulai (%s)", models.WeekdayLabel(day), in.Start)
		}
		week[day] = models.WorkingPeriod{Start: start, End: end}
	}
	return week, nil
}

// clockOf writes an offset from midnight as HH:MM.
func clockOf(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// clockValue reads HH:MM (00:00 to 24:00) as an offset from midnight.
func clockValue(s string) (time.Duration, error) {
	invalid := models.Invalid("days", "jam %q tidak valid; tulis JJ:MM, misalnya 08:00", s)
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) != 2 || len(m) != 2 {
		return 0, invalid
	}
	hours, err1 := strconv.Atoi(h)
	minutes, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hours < 0 || minutes < 0 || minutes > 59 || hours > 24 || (hours == 24 && minutes > 0) {
		return 0, invalid
	}
	return time.Duration(hours)*time.Hour + time.Duration(minutes)*time.Minute, nil
}
