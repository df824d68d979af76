package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// ResponsesByIssueIDs returns the responses the caller may see.
func (db *DB) ResponsesByIssueIDs(ctx context.Context, ids []int64) ([]*models.Response, error) {
	var responses []*models.Response
	var err error
	noHTML := models.ReadPartsFromContext(ctx).NoResponseHTML
	if noHTML {
		err = db.byIssueIDs(ctx, "responses/text", (*models.Response)(nil), &responses, "issue_id", ids, "id ASC", responseTextColumns...)
	} else {
		err = db.byIssueIDs(ctx, "responses", (*models.Response)(nil), &responses, "issue_id", ids, "id ASC")
	}
	if err != nil {
		return nil, wrapErr(err)
	}
	return db.visibleResponses(ctx, responses, noHTML), nil
}

// visibleResponses keeps the responses the caller may see, in place, with
// their HTML unless noHTML.
func (db *DB) visibleResponses(ctx context.Context, responses []*models.Response, noHTML bool) []*models.Response {
	user := models.UserFromContext(ctx)
	visible := responses[:0]
	for _, r := range responses {
		if r.Status == models.ResponsePublished || models.CanSeeDraft(user, r) {
			if r.BodyHTML == "" && !noHTML {
				r.BodyHTML = db.renderHTML(r.Body) // written before HTML was stored
			}
			visible = append(visible, r)
		}
	}
	return visible
}

// responseTextColumns are the columns of responses but the stored HTML,
// for readers that leave it out (models.ReadParts).
var responseTextColumns = []string{"id", "issue_id", "agency_id", "status", "body", "verdict", "author_id",
	"revision", "created_at", "updated_at", "published_at"}

// RevisionsByResponseIDs returns the published revisions, oldest first.
func (db *DB) RevisionsByResponseIDs(ctx context.Context, ids []int64) ([]*models.ResponseRevision, error) {
	var revisions []*models.ResponseRevision
	err := db.byIssueIDs(ctx, "revisions", (*models.ResponseRevision)(nil), &revisions, "response_id", ids, "response_id ASC, number ASC")
	for _, r := range revisions {
		if r.BodyHTML == "" {
			r.BodyHTML = db.renderHTML(r.Body) // written before HTML was stored
		}
	}
	return revisions, wrapErr(err)
}

// ResponseByID returns a visible response or ENOTFOUND.
func (db *DB) ResponseByID(ctx context.Context, id int64) (*models.Response, error) {
	response, err := responseByID(ctx, db.bun, id)
	if err != nil {
		return nil, err
	}
	if response.Status != models.ResponsePublished && !models.CanSeeDraft(models.UserFromContext(ctx), response) {
		return nil, notFound("Jawaban")
	}
	issue := new(models.Issue)
	if err := db.bun.NewSelect().Model(issue).Where("id = ?", response.IssueID).Scan(ctx); err != nil {
		return nil, wrapErr(err)
	}
	if !models.CanRead(models.UserFromContext(ctx), issue) {
		return nil, notFound("Jawaban")
	}
	if response.BodyHTML == "" {
		response.BodyHTML = db.renderHTML(response.Body) // written before HTML was stored
	}
	return response, nil
}

func responseByID(ctx context.Context, idb bun.IDB, id int64) (*models.Response, error) {
	response := new(models.Response)
	err := idb.NewSelect().Model(response).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Jawaban")
	}
	return response, wrapErr(err)
}

// answerableIssue loads and checks the issue an agency answers: visible to
// the caller, assigned to an agency the caller may act for, and still open
// for answers (models.Issue.CheckAnswerable).
func (db *DB) answerableIssue(ctx context.Context, tx bun.Tx, actor *models.User, number string) (*models.Issue, error) {
	issue, err := db.lockIssue(ctx, tx, number)
	if err != nil {
		return nil, err
	}
	if !models.CanRead(actor, issue) {
		return nil, notFound("Isu " + number)
	}
	if err := issue.CheckAnswerable(actor); err != nil {
		return nil, err
	}
	return issue, nil
}

// SaveDraft creates or replaces the assigned agency's draft on an issue.
func (db *DB) SaveDraft(ctx context.Context, in models.ResponseDraftInput) (*models.Response, error) {
	actor, err := requireRole(ctx, models.AnswerRoles...)
	if err != nil {
		return nil, err
	}
	var response *models.Response
	html := db.renderHTML(in.Body)
	err = db.auditedTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		issue, err := db.answerableIssue(ctx, tx, actor, in.IssueNumber)
		if err != nil {
			return err
		}
		body, err := models.CheckResponseText(issue.Kind, in.Body, in.Verdict, false)
		if err != nil {
			return err
		}
		response = new(models.Response)
		err = tx.NewSelect().Model(response).Where("issue_id = ? AND agency_id = ?", issue.ID, *issue.AgencyID).Scan(ctx)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			response = &models.Response{
				IssueID: issue.ID, AgencyID: *issue.AgencyID, Status: models.ResponseDraft, CreatedAt: now,
			}
		case err != nil:
			return err
		case response.Status == models.ResponsePublished:
			return conflict(issue, "jawaban instansi ini sudah terbit; gunakan ralat")
		}
		response.Body, response.BodyHTML, response.Verdict, response.UpdatedAt = body, html, in.Verdict, now
		response.AuthorID = actorID(actor)
		if response.ID == 0 {
			_, err = tx.NewInsert().Model(response).Exec(ctx)
		} else {
			_, err = tx.NewUpdate().Model(response).WherePK().Exec(ctx)
		}
		if err != nil {
			return fmt.Errorf("save draft: %w", err)
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "response.draft", Subject: responseSubject(response),
			Changes: map[string]any{"issue": issue.Number, "body": body, "verdict": in.Verdict},
		})
	})
	if err != nil {
		return nil, err
	}
	return response, nil
}

// DiscardDraft deletes a draft that was never published.
func (db *DB) DiscardDraft(ctx context.Context, responseID int64) (*models.Response, error) {
	actor, err := requireRole(ctx, models.AnswerRoles...)
	if err != nil {
		return nil, err
	}
	var response *models.Response
	err = db.auditedTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if response, err = db.ownResponse(ctx, tx, actor, responseID); err != nil {
			return err
		}
		if response.Status != models.ResponseDraft {
			return models.Errorf(models.ECONFLICT, "Jawaban yang sudah terbit tidak dapat dihapus")
		}
		if _, err := tx.NewDelete().Model(response).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("discard draft: %w", err)
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "response.discard", Subject: responseSubject(response), Changes: map[string]any{"issueId": response.IssueID},
		})
	})
	if err != nil {
		return nil, err
	}
	return response, nil
}

// ownResponse loads a response the caller may act on, with its issue checked.
func (db *DB) ownResponse(ctx context.Context, tx bun.Tx, actor *models.User, id int64) (*models.Response, error) {
	response := new(models.Response)
	err := db.forUpdate(tx.NewSelect().Model(response).Where("id = ?", id)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Jawaban")
	} else if err != nil {
		return nil, err
	}
	if actor.Role != models.RoleTRC && !actor.BelongsTo(&response.AgencyID) {
		if response.Status == models.ResponseDraft {
			return nil, notFound("Jawaban")
		}
		return nil, forbidden()
	}
	return response, nil
}

// PublishDraft publishes an existing draft.
func (db *DB) PublishDraft(ctx context.Context, responseID int64) (*models.Response, error) {
	actor, err := requireRole(ctx, models.AnswerRoles...)
	if err != nil {
		return nil, err
	}
	var response *models.Response
	err = db.auditedTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if response, err = db.ownResponse(ctx, tx, actor, responseID); err != nil {
			return err
		}
		issue, err := db.lockIssueByID(ctx, tx, response.IssueID)
		if err != nil {
			return err
		}
		_, err = db.publish(ctx, tx, actor, now, issue.Number, response, response.Body, response.BodyHTML, response.Verdict)
		return err
	})
	if err != nil {
		return nil, err
	}
	return response, nil
}

// PublishResponse creates and publishes the assigned agency's response in one step.
func (db *DB) PublishResponse(ctx context.Context, in models.ResponseDraftInput) (*models.Response, error) {
	actor, err := requireRole(ctx, models.AnswerRoles...)
	if err != nil {
		return nil, err
	}
	var response *models.Response
	html := db.renderHTML(in.Body)
	err = db.auditedTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		response, err = db.publish(ctx, tx, actor, now, in.IssueNumber, nil, in.Body, html, in.Verdict)
		return err
	})
	if err != nil {
		return nil, err
	}
	return response, nil
}

// publish turns a draft (or, with draft nil, a new response) into the
// published answer: revision 1, the issue ANSWERED with its verdict, the
// acknowledge clock stopped too if the agency answered straight away.
func (db *DB) publish(ctx context.Context, tx bun.Tx, actor *models.User, now time.Time, number string,
	draft *models.Response, body, html string, verdict *models.Verdict) (*models.Response, error) {
	issue, err := db.answerableIssue(ctx, tx, actor, number)
	if err != nil {
		return nil, err
	}
	if body, err = models.CheckResponseText(issue.Kind, body, verdict, true); err != nil {
		return nil, err
	}
	if html == "" {
		html = db.renderHTML(body) // a draft saved before HTML was stored
	}
	publishAs := func(r *models.Response) {
		r.Status, r.Body, r.BodyHTML, r.Verdict = models.ResponsePublished, body, html, verdict
		r.AuthorID, r.Revision, r.UpdatedAt, r.PublishedAt = actorID(actor), 1, now, &now
	}
	response := draft
	if response == nil {
		// Most answers are written straight away, without a draft: the
		// insert alone, unless the agency's response already exists.
		response = &models.Response{IssueID: issue.ID, AgencyID: *issue.AgencyID, CreatedAt: now}
		publishAs(response)
		res, err := tx.NewInsert().Model(response).On("CONFLICT (issue_id, agency_id) DO NOTHING").Exec(ctx)
		if err != nil {
			return nil, fmt.Errorf("publish response: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, fmt.Errorf("publish response: %w", err)
		} else if n == 0 {
			response = new(models.Response)
			if err := tx.NewSelect().Model(response).Where("issue_id = ? AND agency_id = ?", issue.ID, *issue.AgencyID).Scan(ctx); err != nil {
				return nil, err
			}
			if response, err = db.publishExisting(ctx, tx, issue, response, publishAs); err != nil {
				return nil, err
			}
		}
	} else if response, err = db.publishExisting(ctx, tx, issue, response, publishAs); err != nil {
		return nil, err
	}
	revision := &models.ResponseRevision{
		ResponseID: response.ID, Number: 1, Body: body, BodyHTML: html, Verdict: verdict, AuthorID: actorID(actor), CreatedAt: now,
	}
	t, err := issue.PublishAnswer(actor, response, now)
	if err != nil {
		return nil, err
	}
	return response, db.record(ctx, tx, actor, now, issue, t, tx.NewInsert().Model(revision))
}

// publishExisting publishes the agency's stored response, a draft, with
// publishAs.
func (db *DB) publishExisting(ctx context.Context, tx bun.Tx, issue *models.Issue, response *models.Response,
	publishAs func(*models.Response)) (*models.Response, error) {
	if response.AgencyID != *issue.AgencyID {
		return nil, conflict(issue, "isu ini kini diteruskan ke instansi lain")
	}
	if response.Status == models.ResponsePublished {
		return nil, conflict(issue, "jawaban instansi ini sudah terbit; gunakan ralat")
	}
	publishAs(response)
	if _, err := tx.NewUpdate().Model(response).WherePK().Exec(ctx); err != nil {
		return nil, fmt.Errorf("publish response: %w", err)
	}
	return response, nil
}

// ReviseResponse adds a revision to a published response, with a public
// reason. The earlier text stays visible.
func (db *DB) ReviseResponse(ctx context.Context, in models.Revise) (*models.Response, error) {
	actor, err := requireRole(ctx, models.AnswerRoles...)
	if err != nil {
		return nil, err
	}
	reason, err := requireReason("reason", in.Reason)
	if err != nil {
		return nil, err
	}
	var response *models.Response
	html := db.renderHTML(in.Body)
	err = db.auditedTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if response, err = db.ownResponse(ctx, tx, actor, in.ResponseID); err != nil {
			return err
		}
		issue, err := db.lockIssueByID(ctx, tx, response.IssueID)
		if err != nil {
			return err
		}
		t, err := issue.Revise(actor, response, in.Body, in.Verdict, reason, now)
		if err != nil {
			return err
		}
		response.BodyHTML, response.AuthorID = html, actorID(actor)
		revision := &models.ResponseRevision{
			ResponseID: response.ID, Number: response.Revision, Body: response.Body, BodyHTML: html, Verdict: response.Verdict,
			Reason: t.Reason, AuthorID: actorID(actor), CreatedAt: now,
		}
		return db.record(ctx, tx, actor, now, issue, t, tx.NewUpdate().Model(response).WherePK(), tx.NewInsert().Model(revision))
	})
	if err != nil {
		return nil, err
	}
	return response, nil
}

func actorID(actor *models.User) *int64 {
	if actor == nil || actor.IsSystem() {
		return nil
	}
	id := actor.ID
	return &id
}

func responseSubject(r *models.Response) string {
	return "response:" + strconv.FormatInt(r.ID, 10)
}
