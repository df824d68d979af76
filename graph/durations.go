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

// durationText writes a length of time the way a citizen says it:
// "2 hari 3 jam", "45 menit", "kurang dari 1 menit".
func durationText(d time.Duration) string {
	if d < time.Minute {
		return "kurang dari 1 menit"
	}
	days := int(d / (24 * time.Hour))
	hours := int(d % (24 * time.Hour) / time.Hour)
	minutes := int(d % time.Hour / time.Minute)
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("%d hari", days))
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
