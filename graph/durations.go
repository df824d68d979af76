package graph

import (
	"fmt"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/graph/model"
)

// duration presents a length of time in seconds and in Indonesian words.
func duration(d *time.Duration) *model.Duration {
	if d == nil {
		return nil
	}
	return &model.Duration{Seconds: int(d.Seconds()), Text: durationText(*d)}
}

// workingDuration presents a length of working time: its days are working
// days of eight hours, so 40 working hours read "5 hari kerja", not
// "1 hari 16 jam".
func workingDuration(d *time.Duration) *model.Duration {
	if d == nil {
		return nil
	}
	return &model.Duration{Seconds: int(d.Seconds()), Text: spell(*d, 8*time.Hour, "hari kerja")}
}

// durationText writes a length of time the way a citizen says it:
// "2 hari 3 jam", "45 menit", "kurang dari 1 menit".
func durationText(d time.Duration) string { return spell(d, 24*time.Hour, "hari") }

// spell writes d in days of the given length, hours and minutes.
func spell(d, day time.Duration, dayWord string) string {
	if d < time.Minute {
		return "kurang dari 1 menit"
	}
	days := int(d / day)
	hours := int(d % day / time.Hour)
	minutes := int(d % time.Hour / time.Minute)
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", days, dayWord))
	}
	if hours > 0 {
		parts = append(parts, fmt.Sprintf("%d jam", hours))
	}
	if minutes > 0 && days == 0 {
		parts = append(parts, fmt.Sprintf("%d menit", minutes))
	}
	return strings.Join(parts, " ")
}

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func pointers[T any](values []T) []*T {
	out := make([]*T, len(values))
	for i := range values {
		out[i] = &values[i]
	}
	return out
}

// compact drops the nil entries a loader returns for rows the caller may
// not see.
func compact[T any](values []*T) []*T {
	out := values[:0]
	for _, v := range values {
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}
