package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// WorkingHours returns the regency's working week. Anyone may call it: the
// hours explain every public due time.
func (db *DB) WorkingHours(ctx context.Context) (models.WorkingWeek, error) {
	week, err := workingWeek(ctx, db.bun)
	return week, wrapErr(err)
}

// SetWorkingHours replaces the working week, re-computes the due times of
// open issues and records both weeks in the audit log. ADMIN only.
func (db *DB) SetWorkingHours(ctx context.Context, week models.WorkingWeek) (int, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return 0, err
	}
	if err := week.Validate(); err != nil {
		if day, ok := models.WeekdayOf(fieldOf(err)); ok {
			return 0, models.Invalid("days", "jam kerja %s tidak valid: jam mulai harus sebelum jam selesai, antara 00.00 dan 24.00, dalam menit utuh", models.WeekdayLabel(day))
		}
		return 0, models.Invalid("days", "sedikitnya satu hari dalam sepekan harus hari kerja")
	}
	var moved int
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		before, err := workingWeek(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*workingHoursRow)(nil)).Where("1 = 1").Exec(ctx); err != nil {
			return fmt.Errorf("clear working hours: %w", err)
		}
		var rows []workingHoursRow
		for d, p := range week {
			if p.Worked() {
				rows = append(rows, workingHoursRow{Weekday: d, StartMinute: int(p.Start / time.Minute), EndMinute: int(p.End / time.Minute), UpdatedAt: now})
			}
		}
		if _, err := tx.NewInsert().Model(&rows).Exec(ctx); err != nil {
			return fmt.Errorf("store working hours: %w", err)
		}
		if moved, err = db.recomputeDueTimes(ctx, tx, now); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "calendar.working_hours", Subject: "working_hours",
			Changes: map[string]any{"before": weekChanges(before), "after": weekChanges(week), "issuesRecomputed": moved},
		})
	})
	if err != nil {
		return 0, err
	}
	return moved, nil
}

// weekChanges is a week as the audit log keeps it: each worked weekday's
// hours, as in "monday": "08:00-16:00".
func weekChanges(week models.WorkingWeek) map[string]string {
	out := map[string]string{}
	for d, p := range week {
		if p.Worked() {
			out[lowerWeekday(time.Weekday(d))] = fmt.Sprintf("%02d:%02d-%02d:%02d", int(p.Start/time.Hour), int(p.Start%time.Hour/time.Minute),
				int(p.End/time.Hour), int(p.End%time.Hour/time.Minute))
		}
	}
	return out
}

func lowerWeekday(d time.Weekday) string {
	name := []byte(d.String())
	name[0] += 'a' - 'A'
	return string(name)
}
