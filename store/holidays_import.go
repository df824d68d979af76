package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// ImportHolidays adds a list of holidays, for example read from an
// iCalendar file, in one transaction: dates that already have a holiday
// keep it, every other holiday is added, the due times of open issues are
// re-computed once, and one audit entry names the source and the dates.
// ADMIN, or the command line.
func (db *DB) ImportHolidays(ctx context.Context, holidays []models.Holiday, source string) (*models.HolidayImport, error) {
	actor, err := db.userAdmin(ctx)
	if err != nil {
		return nil, err
	}
	for i, h := range holidays {
		if holidays[i].Name, err = models.RequireText("name", h.Name, 3, 120); err != nil {
			return nil, models.Invalid("calendar", "nama hari libur %s harus 3–120 karakter", h.Date)
		}
		if err := h.Validate(); err != nil {
			return nil, models.Invalid("calendar", "hari libur %q tidak valid: tanggal YYYY-MM-DD, nama dan jenis", h.Date)
		}
	}
	result := &models.HolidayImport{}
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		result.Added, result.Skipped = nil, nil
		var existing []holidayRow
		if err := tx.NewSelect().Model(&existing).Column("date").Scan(ctx); err != nil {
			return err
		}
		taken := make(map[string]bool, len(existing))
		for _, r := range existing {
			taken[r.Date] = true
		}
		var rows []holidayRow
		for _, h := range holidays {
			if taken[h.Date] {
				result.Skipped = append(result.Skipped, h)
				continue
			}
			taken[h.Date] = true
			rows = append(rows, holidayRow{Date: h.Date, Name: h.Name, Kind: h.Kind, CreatedAt: now})
			result.Added = append(result.Added, h)
		}
		if len(rows) > 0 {
			if _, err := tx.NewInsert().Model(&rows).Exec(ctx); err != nil {
				return err
			}
		}
		if result.Recomputed, err = db.recomputeDueTimes(ctx, tx, now); err != nil {
			return err
		}
		added := make([]string, len(result.Added))
		for i, h := range result.Added {
			added[i] = h.Date + " " + h.Name
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "calendar.import_holidays", Subject: "holidays:" + source,
			Changes: map[string]any{"added": added, "skipped": len(result.Skipped), "issuesRecomputed": result.Recomputed},
		})
	})
	if err != nil {
		return nil, err
	}
	return result, nil
}
