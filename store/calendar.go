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

// calendar loads the working calendar with its holidays.
func (db *DB) calendar(ctx context.Context, idb bun.IDB) (models.WorkingCalendar, error) {
	var rows []holidayRow
	if err := idb.NewSelect().Model(&rows).OrderExpr("date ASC").Scan(ctx); err != nil {
		return models.WorkingCalendar{}, fmt.Errorf("load holidays: %w", err)
	}
	holidays := make([]models.Holiday, len(rows))
	for i, r := range rows {
		holidays[i] = models.Holiday{Date: r.Date, Name: r.Name, Kind: r.Kind}
	}
	return models.DefaultWorkingCalendar(db.loc, holidays), nil
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

// dueTimes computes the acknowledge-by and answer-by times of an assignment.
func (db *DB) dueTimes(ctx context.Context, idb bun.IDB, priority models.Priority, assignedAt time.Time) (time.Time, time.Time, error) {
	policies, err := db.policies(ctx, idb)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	policy, ok := models.PolicyFor(policies, priority)
	if !ok {
		return time.Time{}, time.Time{}, fmt.Errorf("no response-time policy for %s", priority)
	}
	cal, err := db.calendar(ctx, idb)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	ack, answer := policy.DueTimes(cal, assignedAt)
	return ack.UTC().Truncate(time.Microsecond), answer.UTC().Truncate(time.Microsecond), nil
}
