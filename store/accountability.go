package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// Holidays lists the holidays of a year, by date. Anyone may call it.
func (db *DB) Holidays(ctx context.Context, year int) ([]models.Holiday, error) {
	var rows []holidayRow
	err := db.bun.NewSelect().
		Model(&rows).
		Where("date >= ? AND date < ?", fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-01-01", year+1)).
		OrderExpr("date ASC").
		Scan(ctx)
	if err != nil {
		return nil, wrapErr(err)
	}
	out := make([]models.Holiday, len(rows))
	for i, r := range rows {
		out[i] = models.Holiday{Date: r.Date, Name: r.Name, Kind: r.Kind}
	}
	return out, nil
}

// AddHoliday adds a holiday and re-computes the due times of open issues.
// ADMIN only. It returns the number of issues whose due times were moved.
func (db *DB) AddHoliday(ctx context.Context, h models.Holiday) (*models.Holiday, int, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, 0, err
	}
	if h.Name, err = models.RequireText("name", h.Name, 3, 120); err != nil {
		return nil, 0, err
	}
	if err := h.Validate(); err != nil {
		return nil, 0, models.Invalid(fieldOf(err), "%s", "tanggal (YYYY-MM-DD), nama dan jenis libur harus valid")
	}
	var moved int
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		row := &holidayRow{Date: h.Date, Name: h.Name, Kind: h.Kind, CreatedAt: now}
		if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
			if isUniqueViolation(err) {
				return models.Errorf(models.ECONFLICT, "Tanggal %s sudah tercatat sebagai hari libur", h.Date)
			}
			return err
		}
		if moved, err = db.recomputeDueTimes(ctx, tx, now); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "calendar.add_holiday", Subject: "holiday:" + h.Date,
			Changes: map[string]any{"name": h.Name, "kind": h.Kind, "issuesRecomputed": moved},
		})
	})
	if err != nil {
		return nil, 0, err
	}
	return &h, moved, nil
}

// RemoveHoliday removes a holiday and re-computes the due times of open
// issues. ADMIN only.
func (db *DB) RemoveHoliday(ctx context.Context, date string) (*models.Holiday, int, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, 0, err
	}
	var removed models.Holiday
	var moved int
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		row := new(holidayRow)
		if err := tx.NewSelect().Model(row).Where("date = ?", date).Scan(ctx); errors.Is(err, sql.ErrNoRows) {
			return notFound("Hari libur " + date)
		} else if err != nil {
			return err
		}
		removed = models.Holiday{Date: row.Date, Name: row.Name, Kind: row.Kind}
		if _, err := tx.NewDelete().Model(row).WherePK().Exec(ctx); err != nil {
			return err
		}
		if moved, err = db.recomputeDueTimes(ctx, tx, now); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "calendar.remove_holiday", Subject: "holiday:" + date,
			Changes: map[string]any{"name": removed.Name, "kind": removed.Kind, "issuesRecomputed": moved},
		})
	})
	if err != nil {
		return nil, 0, err
	}
	return &removed, moved, nil
}

// ResponsePolicies lists the targets of every priority, most urgent first.
func (db *DB) ResponsePolicies(ctx context.Context) ([]models.ResponsePolicy, error) {
	policies, err := db.policies(ctx, db.bun)
	if err != nil {
		return nil, wrapErr(err)
	}
	ordered := make([]models.ResponsePolicy, 0, len(policies))
	for _, p := range models.Priorities {
		if policy, ok := models.PolicyFor(policies, p); ok {
			ordered = append(ordered, policy)
		}
	}
	return ordered, nil
}

// UpdateResponsePolicy changes one priority's targets and re-computes the
// due times of open issues. ADMIN only.
func (db *DB) UpdateResponsePolicy(ctx context.Context, p models.ResponsePolicy) (*models.ResponsePolicy, int, error) {
	actor, err := requireRole(ctx, models.RoleAdmin)
	if err != nil {
		return nil, 0, err
	}
	if err := p.Validate(); err != nil {
		field := map[string]string{"acknowledgeWithin": "acknowledgeWithinMinutes", "answerWithin": "answerWithinMinutes"}[fieldOf(err)]
		return nil, 0, models.Invalid(cmp.Or(field, fieldOf(err)), "target tidak valid: harus positif, dalam menit utuh, dan konfirmasi tidak lebih lama dari jawaban")
	}
	if p.AcknowledgeWithin%time.Minute != 0 || p.AnswerWithin%time.Minute != 0 {
		return nil, 0, models.Invalid("acknowledgeWithinMinutes", "target dihitung dalam menit utuh")
	}
	var moved int
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		before := new(policyRow)
		if err := tx.NewSelect().Model(before).Where("priority = ?", p.Priority).Scan(ctx); err != nil {
			return err
		}
		row := &policyRow{Priority: p.Priority, AcknowledgeMinutes: int(p.AcknowledgeWithin / time.Minute),
			AnswerMinutes: int(p.AnswerWithin / time.Minute), Basis: p.Basis, UpdatedAt: now}
		if _, err := tx.NewUpdate().Model(row).WherePK().Exec(ctx); err != nil {
			return err
		}
		if moved, err = db.recomputeDueTimes(ctx, tx, now); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "policy.update", Subject: "policy:" + string(p.Priority),
			Changes: map[string]any{
				"before":           map[string]any{"acknowledgeMinutes": before.AcknowledgeMinutes, "answerMinutes": before.AnswerMinutes, "basis": before.Basis},
				"after":            map[string]any{"acknowledgeMinutes": row.AcknowledgeMinutes, "answerMinutes": row.AnswerMinutes, "basis": row.Basis},
				"issuesRecomputed": moved,
			},
		})
	})
	if err != nil {
		return nil, 0, err
	}
	return &p, moved, nil
}

// recomputeDueTimes applies the current calendar and policy to every open
// issue: the acknowledge-by time while it is unacknowledged, the answer-by
// time while it is unanswered. Answered and closed issues keep theirs.
func (db *DB) recomputeDueTimes(ctx context.Context, tx bun.Tx, now time.Time) (int, error) {
	schedule, err := db.schedule(ctx, tx)
	if err != nil {
		return 0, err
	}
	var open []*models.Issue
	err = tx.NewSelect().
		Model(&open).
		Where("status IN (?)", bun.In([]models.IssueStatus{models.StatusAssigned, models.StatusInProgress})).
		Where("assigned_at IS NOT NULL").
		Where("priority IS NOT NULL").
		Scan(ctx)
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, issue := range open {
		ack, answer, err := schedule.DueTimes(*issue.Priority, *issue.AssignedAt)
		if err != nil {
			continue // no policy for the priority: the due times stay
		}
		changed := false
		if issue.AcknowledgedAt == nil && (issue.AcknowledgeDueAt == nil || !issue.AcknowledgeDueAt.Equal(ack)) {
			issue.AcknowledgeDueAt, changed = &ack, true
		}
		if issue.AnswerDueAt == nil || !issue.AnswerDueAt.Equal(answer) {
			issue.AnswerDueAt, changed = &answer, true
		}
		if !changed {
			continue
		}
		_, err = tx.NewUpdate().
			Model(issue).
			Column("acknowledge_due_at", "answer_due_at").
			WherePK().
			Exec(ctx)
		if err != nil {
			return 0, fmt.Errorf("recompute due times of %s: %w", issue.Number, err)
		}
		moved++
	}
	return moved, nil
}

// ExplainDue lists how the due times of an assigned issue were reached.
func (db *DB) ExplainDue(ctx context.Context, issue *models.Issue) (*models.DueExplanation, error) {
	if issue.AssignedAt == nil || issue.Priority == nil || issue.AnswerDueAt == nil {
		return nil, nil
	}
	policies, err := db.policies(ctx, db.bun)
	if err != nil {
		return nil, wrapErr(err)
	}
	policy, _ := models.PolicyFor(policies, *issue.Priority)
	cal, err := db.calendar(ctx, db.bun)
	if err != nil {
		return nil, wrapErr(err)
	}
	explanation := &models.DueExplanation{Policy: policy, AssignedAt: *issue.AssignedAt, AnswerDueAt: *issue.AnswerDueAt}
	if issue.AcknowledgeDueAt != nil {
		explanation.AcknowledgeDueAt = *issue.AcknowledgeDueAt
	}
	if policy.Basis == models.TimeBasisWorking {
		explanation.Days = cal.Explain(*issue.AssignedAt, *issue.AnswerDueAt)
	}
	return explanation, nil
}

// fieldOf takes the field name that the models validators put before the
// first colon of their messages.
func fieldOf(err error) string {
	msg := err.Error()
	for i, c := range msg {
		if c == ':' {
			return msg[:i]
		}
	}
	return ""
}
