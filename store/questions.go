package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

func questionSubject(q *models.Question) string { return "question:" + strconv.FormatInt(q.ID, 10) }

// submitterHash keys the caller's address with the deployment's secret, so
// repeated questions can be folded without storing the address itself.
func (db *DB) submitterHash(addr string) string {
	mac := hmac.New(sha256.New, db.addressKey)
	mac.Write([]byte(addr))
	return hex.EncodeToString(mac.Sum(nil))
}

func bodyHash(body string) string {
	sum := sha256.Sum256([]byte(models.NormalizeQuestionText(body)))
	return hex.EncodeToString(sum[:])
}

// SubmitQuestion stores a citizen's question. Anyone may call it. The same
// text from the same address within 24 hours returns the first question.
func (db *DB) SubmitQuestion(ctx context.Context, in models.NewQuestion) (*models.Question, bool, error) {
	q := &models.Question{Status: models.QuestionReceived}
	var err error
	if q.Body, err = models.RequireText("body", in.Body, models.MinQuestionBody, models.MaxQuestionBody); err != nil {
		return nil, false, err
	}
	if q.Name, err = models.RequireText("name", in.Name, 0, 120); err != nil {
		return nil, false, err
	}
	if q.Contact, err = models.NormalizeContact("contact", in.Contact); err != nil {
		return nil, false, err
	}
	q.BodyHash = bodyHash(q.Body)
	q.SubmitterHash = db.submitterHash(models.ClientAddrFromContext(ctx))
	existing := false
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if in.AgencySlug != "" {
			agency, err := agencyBySlug(ctx, tx, in.AgencySlug)
			if err != nil {
				return models.Invalid("agencySlug", "instansi %q tidak ada", in.AgencySlug)
			}
			q.AgencyID = &agency.ID
		}
		if in.CategorySlug != "" {
			category, err := categoryBySlug(ctx, tx, "categorySlug", in.CategorySlug)
			if err != nil {
				return err
			}
			q.CategoryID = &category.ID
		}
		first := new(models.Question)
		err := tx.NewSelect().
			Model(first).
			Where("submitter_hash = ?", q.SubmitterHash).
			Where("body_hash = ?", q.BodyHash).
			Where("created_at > ?", now.Add(-24*time.Hour)).
			OrderExpr("id ASC").
			Limit(1).
			Scan(ctx)
		switch {
		case err == nil:
			*q, existing = *first, true
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		q.CreatedAt, q.UpdatedAt = now, now
		for attempt := 0; ; attempt++ {
			q.TrackingCode = models.NewTrackingCode()
			_, err := tx.NewInsert().Model(q).Exec(ctx)
			if err == nil {
				break
			}
			// A collision of 65 random bits is practically impossible, but
			// a code must never be shared by two questions.
			if !isUniqueViolation(err) || attempt == 3 {
				return fmt.Errorf("insert question: %w", err)
			}
		}
		// An asker who left an e-mail address gets mail about the question
		// (EnableAskerMail) until they follow the stop link of this token.
		if isEmailContact(q.Contact) {
			if _, err := tx.NewInsert().Model(&questionMailToken{QuestionID: q.ID, Token: newMailStopToken()}).
				Exec(ctx); err != nil {
				return fmt.Errorf("set mail stop token: %w", err)
			}
		}
		// The audit entry records that a question arrived, never who asked.
		return db.appendAudit(ctx, tx, nil, now, models.AuditRecord{
			Action: "question.submit", Subject: questionSubject(q),
			Changes: map[string]any{"length": len([]rune(q.Body)), "agencyGuess": in.AgencySlug,
				"categoryGuess": in.CategorySlug, "withContact": q.Contact != ""},
		})
	})
	if err != nil {
		return nil, false, err
	}
	if !db.canSeePersonalData(ctx, q) {
		q.Redact()
	}
	return q, existing, nil
}

// canSeePersonalData applies DESIGN §1 to one question: staff readers, and
// PICs of the agency the linked issue is assigned to.
func (db *DB) canSeePersonalData(ctx context.Context, q *models.Question) bool {
	user := models.UserFromContext(ctx)
	if user.IsStaffReader() {
		return true
	}
	if user == nil || user.Role != models.RolePIC || q.IssueID == nil {
		return false
	}
	var agencyID *int64
	err := db.bun.NewSelect().Model((*models.Issue)(nil)).Column("agency_id").Where("id = ?", *q.IssueID).Scan(ctx, &agencyID)
	return err == nil && user.BelongsTo(agencyID)
}

// QuestionByTrackingCode returns the question of a code as the caller may
// see it. Codes are read as people type them (case, dashes, O/0, I/1).
func (db *DB) QuestionByTrackingCode(ctx context.Context, code string) (*models.Question, error) {
	normalized, ok := models.NormalizeTrackingCode(code)
	if !ok {
		return nil, notFound("Pertanyaan dengan kode itu")
	}
	q := new(models.Question)
	err := db.bun.NewSelect().Model(q).Where("tracking_code = ?", normalized).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Pertanyaan dengan kode itu")
	} else if err != nil {
		return nil, wrapErr(err)
	}
	if !db.canSeePersonalData(ctx, q) {
		q.Redact()
	}
	return q, nil
}

// QuestionByID returns one question to staff.
func (db *DB) QuestionByID(ctx context.Context, id int64) (*models.Question, error) {
	if _, err := requireRole(ctx, models.RoleTRC, models.RoleAdmin, models.RoleAuditor, models.RolePIC); err != nil {
		return nil, err
	}
	q := new(models.Question)
	err := db.bun.NewSelect().Model(q).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Pertanyaan")
	} else if err != nil {
		return nil, wrapErr(err)
	}
	if !db.canSeePersonalData(ctx, q) {
		if models.UserFromContext(ctx).Role == models.RolePIC {
			return nil, notFound("Pertanyaan")
		}
		q.Redact()
	}
	return q, nil
}

// visibleQuestions restricts q to the questions the caller may list.
func visibleQuestions(q *bun.SelectQuery, user *models.User) *bun.SelectQuery {
	if user.IsStaffReader() {
		return q
	}
	return q.Where("q.issue_id IN (SELECT id FROM issues WHERE agency_id = ?)", *user.AgencyID)
}

// FindQuestions lists questions for triage, newest first.
func (db *DB) FindQuestions(ctx context.Context, f models.QuestionFilter) (*models.QuestionPage, error) {
	user, err := requireRole(ctx, models.RoleTRC, models.RoleAdmin, models.RoleAuditor, models.RolePIC)
	if err != nil {
		return nil, err
	}
	first, err := pageSize(f.First)
	if err != nil {
		return nil, err
	}
	for _, s := range f.Statuses {
		if !s.Valid() || s == models.QuestionAnswered {
			return nil, models.Invalid("filter.status", "status %q tidak dapat dipakai sebagai filter", s)
		}
	}
	base := func() *bun.SelectQuery {
		q := visibleQuestions(db.bun.NewSelect().Model((*models.Question)(nil)).ModelTableExpr("questions AS q"), user)
		if len(f.Statuses) > 0 {
			q = q.Where("q.status IN (?)", bun.In(f.Statuses))
		}
		if f.AgencySlug != "" {
			q = q.Where("q.agency_id = (SELECT id FROM agencies WHERE slug = ?)", f.AgencySlug)
		}
		return q
	}
	total, err := base().Count(ctx)
	if err != nil {
		return nil, wrapErr(err)
	}
	q := base().ColumnExpr("q.*").OrderExpr("q.id DESC").Limit(int64(first + 1))
	if f.After != "" {
		c, err := decodeCursor(f.After, listQuestions)
		if err != nil {
			return nil, err
		}
		q = q.Where("q.id < ?", c.ID)
	}
	var questions []*models.Question
	if err := q.Scan(ctx, &questions); err != nil {
		return nil, wrapErr(err)
	}
	page := &models.QuestionPage{TotalCount: int(total)}
	if len(questions) > first {
		questions, page.HasNextPage = questions[:first], true
	}
	page.Questions = questions
	for _, question := range questions {
		page.Cursors = append(page.Cursors, encodeCursor(cursor{List: listQuestions, ID: question.ID}))
	}
	return page, nil
}

// QuestionsByIssueIDs returns the questions linked to the given issues. The
// public gets nothing; a PIC gets those of their agency's issues.
func (db *DB) QuestionsByIssueIDs(ctx context.Context, ids []int64) ([]*models.Question, error) {
	user := models.UserFromContext(ctx)
	if user == nil {
		return nil, nil
	}
	if user.Role == models.RolePIC && user.AgencyID == nil {
		return nil, nil
	}
	var questions []*models.Question
	q := db.bun.NewSelect().
		Model((*models.Question)(nil)).
		ModelTableExpr("questions AS q").
		ColumnExpr("q.*").
		Where("q.issue_id IN (?)", bun.In(ids)).
		OrderExpr("q.id ASC")
	if err := visibleQuestions(q, user).Scan(ctx, &questions); err != nil {
		return nil, wrapErr(err)
	}
	return questions, nil
}

// triage loads a question TRC can still triage, inside tx.
func (db *DB) triage(ctx context.Context, tx bun.Tx, id int64) (*models.Question, error) {
	q := new(models.Question)
	err := db.forUpdate(tx.NewSelect().Model(q).Where("id = ?", id)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Pertanyaan")
	} else if err != nil {
		return nil, err
	}
	switch q.Status {
	case models.QuestionLinked:
		return nil, models.Errorf(models.ECONFLICT, "Pertanyaan ini sudah ditautkan ke sebuah isu")
	case models.QuestionRejected:
		return nil, models.Errorf(models.ECONFLICT, "Pertanyaan ini sudah ditolak")
	}
	return q, nil
}

// link attaches q to issue inside tx, with the issue's event and outbox row.
func (db *DB) link(ctx context.Context, tx bun.Tx, actor *models.User, now time.Time, q *models.Question, issue *models.Issue) error {
	q.Status, q.IssueID, q.LinkedAt, q.UpdatedAt = models.QuestionLinked, &issue.ID, &now, now
	if _, err := tx.NewUpdate().Model(q).WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("link question: %w", err)
	}
	return addEvent(ctx, tx, issue, models.EventQuestionLinked, actor, "", now)
}

// LinkQuestion attaches a question to an existing issue. TRC only.
func (db *DB) LinkQuestion(ctx context.Context, questionID int64, issueNumber string) (*models.Question, error) {
	actor, err := requireRole(ctx, models.RoleTRC)
	if err != nil {
		return nil, err
	}
	var q *models.Question
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if q, err = db.triage(ctx, tx, questionID); err != nil {
			return err
		}
		issue, err := issueByNumber(ctx, tx, issueNumber)
		if err != nil {
			return models.Invalid("issueNumber", "isu %q tidak ada", issueNumber)
		}
		if issue.Status == models.StatusRejected {
			return conflict(issue, "pertanyaan tidak dapat ditautkan ke isu yang ditolak")
		}
		if err := db.link(ctx, tx, actor, now, q, issue); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "question.link", Subject: questionSubject(q), Changes: map[string]any{"issue": issue.Number},
		})
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// OpenIssueFromQuestion logs a new issue from a question: the question text
// becomes the issue's source and the question is linked to it. TRC only.
func (db *DB) OpenIssueFromQuestion(ctx context.Context, in models.OpenIssue) (*models.Question, *models.Issue, error) {
	actor, err := requireRole(ctx, models.RoleTRC)
	if err != nil {
		return nil, nil, err
	}
	newIssue := models.NewIssue{Title: in.Title, Summary: in.Summary, Kind: in.Kind, CategorySlug: in.CategorySlug}
	issue, err := models.ValidateNewIssue(newIssue)
	if err != nil {
		return nil, nil, err
	}
	var q *models.Question
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if q, err = db.triage(ctx, tx, in.QuestionID); err != nil {
			return err
		}
		detected := q.CreatedAt
		newIssue.Sources = []models.IssueSourceInput{{Platform: models.PlatformPortal, ClaimText: q.Body, DetectedAt: &detected}}
		if err := db.createIssue(ctx, tx, actor, now, issue, newIssue); err != nil {
			return err
		}
		if err := db.link(ctx, tx, actor, now, q, issue); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "question.open_issue", Subject: questionSubject(q),
			Changes: map[string]any{"issue": issue.Number, "title": issue.Title, "kind": issue.Kind},
		})
	})
	if err != nil {
		return nil, nil, err
	}
	return q, issue, nil
}

// RejectQuestion rejects a question with a reason the asker will read. TRC only.
func (db *DB) RejectQuestion(ctx context.Context, questionID int64, reason string) (*models.Question, error) {
	actor, err := requireRole(ctx, models.RoleTRC)
	if err != nil {
		return nil, err
	}
	if reason, err = requireReason("reason", reason); err != nil {
		return nil, err
	}
	var q *models.Question
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if q, err = db.triage(ctx, tx, questionID); err != nil {
			return err
		}
		q.Status, q.RejectReason, q.RejectedAt, q.UpdatedAt = models.QuestionRejected, reason, &now, now
		if _, err := tx.NewUpdate().Model(q).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("reject question: %w", err)
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "question.reject", Subject: questionSubject(q), Changes: map[string]any{"reason": reason},
		})
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}
