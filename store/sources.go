package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// sourceAction runs a correction of one recorded source: it checks the
// role, finds the source, locks its issue and then the source, lets step
// change them, and records the transition like every other issue edit
// (event, index job, audit entry).
func (db *DB) sourceAction(ctx context.Context, id int64,
	step func(ctx context.Context, tx bun.Tx, source *models.IssueSource, now time.Time) (models.EventType, string, map[string]any, error),
) (*models.Issue, error) {
	actor, err := requireRole(ctx, models.TriageRoles...)
	if err != nil {
		return nil, err
	}
	var issue *models.Issue
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		var issueID int64
		err := tx.NewSelect().Model((*models.IssueSource)(nil)).Column("issue_id").Where("id = ?", id).Scan(ctx, &issueID)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Sumber")
		} else if err != nil {
			return err
		}
		// The issue is locked first, as every other issue edit does, so
		// two edits of one issue never wait for each other in turn.
		if issue, err = db.lockIssueByID(ctx, tx, issueID); err != nil {
			return err
		}
		if !models.CanRead(actor, issue) {
			return notFound("Sumber")
		}
		source := new(models.IssueSource)
		if err := db.forUpdate(tx.NewSelect().Model(source).Where("id = ?", id)).Scan(ctx); errors.Is(err, sql.ErrNoRows) {
			return notFound("Sumber")
		} else if err != nil {
			return err
		}
		event, reason, changes, err := step(ctx, tx, source, now)
		if err != nil {
			return err
		}
		changes["source"] = source.ID
		t, err := issue.SourceChange(actor, event, reason, changes)
		if err != nil {
			return err
		}
		return db.record(ctx, tx, actor, now, issue, t)
	})
	if err != nil {
		return nil, err
	}
	return issue, nil
}

// UpdateIssueSource corrects a recorded source: its platform, link, claim,
// account handle or detection time. TRC only; the same rules as for a new
// source apply to the result.
func (db *DB) UpdateIssueSource(ctx context.Context, in models.IssueSourceUpdate) (*models.Issue, error) {
	return db.sourceAction(ctx, in.ID,
		func(ctx context.Context, tx bun.Tx, source *models.IssueSource, now time.Time) (models.EventType, string, map[string]any, error) {
			merged := models.IssueSourceInput{
				Platform: source.Platform, URL: source.URL, ClaimText: source.ClaimText, AccountHandle: source.AccountHandle,
				DetectedAt: in.DetectedAt,
			}
			if in.Platform != nil {
				merged.Platform = *in.Platform
			}
			if in.URL != nil {
				merged.URL = *in.URL
			}
			if in.ClaimText != nil {
				merged.ClaimText = *in.ClaimText
			}
			if in.AccountHandle != nil {
				merged.AccountHandle = *in.AccountHandle
			}
			checked, err := validateSources([]models.IssueSourceInput{merged}, now)
			if err != nil {
				return "", "", nil, withSourceField(err)
			}
			next := checked[0]
			changes := map[string]any{}
			var columns []string
			if next.Platform != source.Platform {
				source.Platform, changes["platform"], columns = next.Platform, next.Platform, append(columns, "platform")
			}
			if next.URL != source.URL {
				source.URL, changes["url"], columns = next.URL, next.URL, append(columns, "url")
			}
			if next.ClaimText != source.ClaimText {
				source.ClaimText, changes["claimText"], columns = next.ClaimText, next.ClaimText, append(columns, "claim_text")
			}
			if next.AccountHandle != source.AccountHandle {
				// The handle is personal data: the audit notes the change only.
				source.AccountHandle, changes["accountHandleChanged"], columns = next.AccountHandle, true, append(columns, "account_handle")
			}
			if in.DetectedAt != nil {
				detected := in.DetectedAt.UTC().Truncate(time.Microsecond)
				if detected.After(now) {
					detected = now
				}
				if !detected.Equal(source.DetectedAt) {
					source.DetectedAt, changes["detectedAt"], columns = detected, detected, append(columns, "detected_at")
				}
			}
			if len(columns) == 0 {
				return "", "", nil, models.Invalid("input", "tidak ada yang diubah")
			}
			// Only the changed columns are written: a stored time the read
			// had to clamp stays as it is unless it is corrected.
			if _, err := tx.NewUpdate().Model(source).Column(columns...).WherePK().Exec(ctx); err != nil {
				return "", "", nil, err
			}
			return models.EventSourceUpdated, "", changes, nil
		})
}

// RemoveIssueSource deletes a recorded source, for a link that was wrong or
// a post that names someone it should not. TRC only; the reason (10–1,000
// characters) is audited and stays with staff.
func (db *DB) RemoveIssueSource(ctx context.Context, id int64, reason string) (*models.Issue, error) {
	reason, err := requireReason("reason", reason)
	if err != nil {
		return nil, err
	}
	return db.sourceAction(ctx, id,
		func(ctx context.Context, tx bun.Tx, source *models.IssueSource, now time.Time) (models.EventType, string, map[string]any, error) {
			if _, err := tx.NewDelete().Model(source).WherePK().Exec(ctx); err != nil {
				return "", "", nil, err
			}
			return models.EventSourceRemoved, reason, map[string]any{
				"platform": source.Platform, "url": source.URL, "claimText": source.ClaimText, "detectedAt": source.DetectedAt,
			}, nil
		})
}

// withSourceField names the fields of an edited source as the mutation's
// input does ("detectedAt", not "sources[0].detectedAt").
func withSourceField(err error) error {
	var e *models.Error
	if errors.As(err, &e) && e.Code == models.EINVALID {
		out := *e
		switch {
		case out.Field == "sources[0]":
			out.Field = "input"
		case len(out.Field) > len("sources[0]."):
			out.Field = out.Field[len("sources[0]."):]
		}
		return &out
	}
	return err
}
