package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

type holidayRow struct {
	bun.BaseModel `bun:"table:holidays"`

	Date      string             `bun:"date,pk"`
	Name      string             `bun:"name,notnull"`
	Kind      models.HolidayKind `bun:"kind,notnull"`
	CreatedAt time.Time          `bun:"created_at,notnull"`
}

type policyRow struct {
	bun.BaseModel `bun:"table:response_policies"`

	Priority           models.Priority  `bun:"priority,pk"`
	AcknowledgeMinutes int              `bun:"acknowledge_minutes,notnull"`
	AnswerMinutes      int              `bun:"answer_minutes,notnull"`
	Basis              models.TimeBasis `bun:"basis,notnull"`
	UpdatedAt          time.Time        `bun:"updated_at,notnull"`
}

func (r policyRow) policy() models.ResponsePolicy {
	return models.ResponsePolicy{
		Priority:          r.Priority,
		AcknowledgeWithin: time.Duration(r.AcknowledgeMinutes) * time.Minute,
		AnswerWithin:      time.Duration(r.AnswerMinutes) * time.Minute,
		Basis:             r.Basis,
	}
}

// workingHoursRow is the working period of one weekday; a weekday without
// a row is not worked.
type workingHoursRow struct {
	bun.BaseModel `bun:"table:working_hours"`

	Weekday     int       `bun:"weekday,pk"`
	StartMinute int       `bun:"start_minute,notnull"`
	EndMinute   int       `bun:"end_minute,notnull"`
	UpdatedAt   time.Time `bun:"updated_at,notnull"`
}

// calendar loads the working calendar with its working week and holidays.
func (db *DB) calendar(ctx context.Context, idb bun.IDB) (models.WorkingCalendar, error) {
	var rows []holidayRow
	if err := idb.NewSelect().Model(&rows).OrderExpr("date ASC").Scan(ctx); err != nil {
		return models.WorkingCalendar{}, fmt.Errorf("load holidays: %w", err)
	}
	holidays := make([]models.Holiday, len(rows))
	for i, r := range rows {
		holidays[i] = models.Holiday{Date: r.Date, Name: r.Name, Kind: r.Kind}
	}
	week, err := workingWeek(ctx, idb)
	if err != nil {
		return models.WorkingCalendar{}, err
	}
	return models.NewWorkingCalendar(db.loc, week, holidays), nil
}

// workingWeek loads the working hours; a table left without any working
// day (which SetWorkingHours never allows) reads as the standard week, so
// due times can always be computed.
func workingWeek(ctx context.Context, idb bun.IDB) (models.WorkingWeek, error) {
	var rows []workingHoursRow
	if err := idb.NewSelect().Model(&rows).Scan(ctx); err != nil {
		return models.WorkingWeek{}, fmt.Errorf("load working hours: %w", err)
	}
	var week models.WorkingWeek
	for _, r := range rows {
		if r.Weekday >= 0 && r.Weekday < len(week) {
			week[r.Weekday] = models.WorkingPeriod{Start: time.Duration(r.StartMinute) * time.Minute, End: time.Duration(r.EndMinute) * time.Minute}
		}
	}
	if week.Validate() != nil {
		return models.StandardWorkingWeek(), nil
	}
	return week, nil
}

// policies loads the response-time policy of every priority.
func (db *DB) policies(ctx context.Context, idb bun.IDB) ([]models.ResponsePolicy, error) {
	var rows []policyRow
	if err := idb.NewSelect().Model(&rows).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load policies: %w", err)
	}
	out := make([]models.ResponsePolicy, len(rows))
	for i, r := range rows {
		out[i] = r.policy()
	}
	return out, nil
}
