package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// lockIssue loads an issue for update inside tx, in one statement. SQLite's
// immediate transaction already holds the database's write lock.
func (db *DB) lockIssue(ctx context.Context, tx bun.Tx, number string) (*models.Issue, error) {
	if err := models.CheckArgument("number", number); err != nil {
		return nil, err
	}
	issue, err := db.lockIssueWhere(ctx, tx, "lockIssue", "number", strings.ToUpper(strings.TrimSpace(number)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Isu " + number)
	}
	return issue, wrapErr(err)
}

// lockIssueByID loads an issue for update inside tx, by its id.
func (db *DB) lockIssueByID(ctx context.Context, tx bun.Tx, id int64) (*models.Issue, error) {
	return db.lockIssueWhere(ctx, tx, "lockIssueByID", "id", id)
}

// lockIssueWhere loads the issue whose column holds value for update
// inside tx, through the prepared statement called name (queryTx);
// sql.ErrNoRows when there is none.
func (db *DB) lockIssueWhere(ctx context.Context, tx bun.Tx, name, column string, value any) (*models.Issue, error) {
	var issues []*models.Issue
	err := db.queryTx(ctx, tx, name, func() string {
		return db.forUpdate(db.bun.NewSelect().Model((*models.Issue)(nil)).Where("? = ?", bun.Ident(column), db.param())).String()
	}, &issues, value)
	if err != nil {
		return nil, err
	}
	if len(issues) == 0 {
		return nil, sql.ErrNoRows
	}
	return issues[0], nil
}

// forUpdate locks the rows q reads until tx ends, on PostgreSQL; SQLite's
// immediate transaction already holds the database's write lock.
func (db *DB) forUpdate(q *bun.SelectQuery) *bun.SelectQuery {
	if db.dialect == Postgres {
		return q.For("UPDATE")
	}
	return q
}

// conflict reports an illegal transition in words a person understands.
func conflict(issue *models.Issue, format string, args ...any) error {
	return models.Conflict(issue, format, args...)
}

// record is the shared tail of every lifecycle step: save the issue the
// model changed, record the step's events, enqueue the index job and append
// the audit entry.
func (db *DB) record(ctx context.Context, tx bun.Tx, actor *models.User, now time.Time, issue *models.Issue, t models.Transition,
	with ...writeQuery) error {
	issue.UpdatedAt = now
	writes := append(with, tx.NewUpdate().Model(issue).WherePK(), eventsInsert(tx, issue.ID, t.EventAgencyID, t, actor, now))
	if err := db.execTogether(ctx, tx, writes...); err != nil {
		return fmt.Errorf("save issue: %w", err)
	}
	if err := db.indexLater(ctx, tx, issue.ID, now); err != nil {
		return fmt.Errorf("enqueue search: %w", err)
	}
	return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
		Action: t.AuditAction(), Subject: "issue:" + issue.Number, Changes: t.AuditChanges(),
	})
}

// eventsInsert is the statement recording the events of t, the implied
// ones first.
func eventsInsert(tx bun.Tx, issueID int64, agencyID *int64, t models.Transition, actor *models.User, now time.Time) *bun.InsertQuery {
	events := make([]*models.IssueEvent, 0, len(t.Implied)+1)
	add := func(typ models.EventType, reason string) {
		e := &models.IssueEvent{IssueID: issueID, Type: typ, AgencyID: agencyID, Reason: reason, CreatedAt: now}
		if actor != nil && !actor.IsSystem() {
			e.ActorID = &actor.ID
		}
		events = append(events, e)
	}
	for _, implied := range t.Implied {
		add(implied, "")
	}
	add(t.Event, t.Reason)
	return tx.NewInsert().Model(&events)
}

// writeQuery is a statement whose result is not read.
type writeQuery interface {
	String() string
	Exec(ctx context.Context, dest ...any) (sql.Result, error)
}

// execTogether runs writes whose results (generated ids included) are not
// read, in order. On PostgreSQL they go in one round trip, as one query of
// several statements, each written out in full as bun writes every
// statement; SQLite, in the process, has no round trips to save.
func (db *DB) execTogether(ctx context.Context, tx bun.Tx, writes ...writeQuery) error {
	if db.dialect != Postgres || len(writes) == 1 {
		for _, w := range writes {
			if _, err := w.Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	}
	statements := make([]string, len(writes))
	for i, w := range writes {
		statements[i] = w.String()
	}
	// Without arguments, bun sends the query as it is, and lib/pq as one
	// simple query, which may hold several statements.
	_, err := tx.ExecContext(ctx, strings.Join(statements, ";\n"))
	return err
}

// issueAction runs one lifecycle step: it checks the role, locks the issue,
// lets step load what it needs and ask the model for the transition, and
// then records it.
func (db *DB) issueAction(ctx context.Context, number string, roles []models.Role,
	step func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error),
) (*models.Issue, error) {
	actor, err := requireRole(ctx, roles...)
	if err != nil {
		return nil, err
	}
	var issue *models.Issue
	err = db.auditedTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if issue, err = db.lockIssue(ctx, tx, number); err != nil {
			return err
		}
		if !models.CanRead(actor, issue) {
			return notFound("Isu " + number)
		}
		t, err := step(ctx, tx, actor, issue, now)
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

// schedule loads the response-time policies and the working calendar.
func (db *DB) schedule(ctx context.Context, idb bun.IDB) (models.Schedule, error) {
	policies, err := db.policies(ctx, idb)
	if err != nil {
		return models.Schedule{}, err
	}
	cal, err := db.calendar(ctx, idb)
	if err != nil {
		return models.Schedule{}, err
	}
	return models.Schedule{Policies: policies, Calendar: cal}, nil
}

// CreateIssue logs a new issue with its sources. TRC only.
func (db *DB) CreateIssue(ctx context.Context, in models.NewIssue) (*models.Issue, error) {
	actor, err := requireRole(ctx, models.TriageRoles...)
	if err != nil {
		return nil, err
	}
	issue, err := models.ValidateNewIssue(in)
	if err != nil {
		return nil, err
	}
	err = db.auditedTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if err := db.createIssue(ctx, tx, actor, now, issue, in); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
			Action: "issue.create", Subject: "issue:" + issue.Number,
			Changes: map[string]any{"title": issue.Title, "kind": issue.Kind, "category": in.CategorySlug, "sources": len(in.Sources)},
		})
	})
	if err != nil {
		return nil, err
	}
	return issue, nil
}

// createIssue stores a validated new issue with its sources, its CREATED
// event and an index job; the caller appends the audit entry.
func (db *DB) createIssue(ctx context.Context, tx bun.Tx, actor *models.User, now time.Time, issue *models.Issue, in models.NewIssue) error {
	sources, err := validateSources(in.Sources, now)
	if err != nil {
		return err
	}
	if in.CategorySlug != "" {
		category, err := categoryBySlug(ctx, tx, "categorySlug", in.CategorySlug)
		if err != nil {
			return err
		}
		issue.CategoryID = &category.ID
	}
	number, err := db.nextIssueNumber(ctx, tx, now)
	if err != nil {
		return err
	}
	issue.Number, issue.CreatedAt, issue.UpdatedAt = number, now, now
	issue.CreatedByID = actorID(actor)
	if _, err := tx.NewInsert().Model(issue).Exec(ctx); err != nil {
		return fmt.Errorf("insert issue: %w", err)
	}
	if err := insertSources(ctx, tx, issue.ID, sources, now); err != nil {
		return err
	}
	if err := addEvent(ctx, tx, issue, models.EventCreated, actor, "", now); err != nil {
		return err
	}
	return db.indexLater(ctx, tx, issue.ID, now)
}

// nextIssueNumber allocates the next public number of the year, in the
// deployment's time zone. Numbers are never reused: the counter only grows.
func (db *DB) nextIssueNumber(ctx context.Context, tx bun.Tx, now time.Time) (string, error) {
	year := now.In(db.loc).Year()
	var seq int
	err := tx.NewRaw(
		"INSERT INTO issue_counters (year, last_seq) VALUES (?, 1) "+
			"ON CONFLICT (year) DO UPDATE SET last_seq = issue_counters.last_seq + 1 RETURNING last_seq", year).
		Scan(ctx, &seq)
	if err != nil {
		return "", fmt.Errorf("allocate issue number: %w", err)
	}
	return models.IssueNumber(db.prefix, year, seq), nil
}

// validateSources checks the sources of a new issue or a new source; now
// bounds their detection times.
func validateSources(in []models.IssueSourceInput, now time.Time) ([]models.IssueSourceInput, error) {
	return models.CheckSources(in, now)
}

func insertSources(ctx context.Context, tx bun.Tx, issueID int64, sources []models.IssueSourceInput, now time.Time) error {
	for _, s := range sources {
		detected := now
		if s.DetectedAt != nil && s.DetectedAt.Before(now) {
			detected = s.DetectedAt.UTC().Truncate(time.Microsecond)
		}
		row := &models.IssueSource{
			IssueID: issueID, Platform: s.Platform, URL: s.URL, ClaimText: s.ClaimText,
			AccountHandle: s.AccountHandle, DetectedAt: detected, CreatedAt: now,
		}
		if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
			return fmt.Errorf("insert source: %w", err)
		}
	}
	return nil
}

// requireReason checks the reason of a step before anything is loaded, so
// that a bad reason is reported whoever asks.
func requireReason(field, reason string) (string, error) {
	return models.CheckReason(field, reason)
}

// AddIssueSource records another place where the claim circulates. TRC only.
func (db *DB) AddIssueSource(ctx context.Context, number string, in models.IssueSourceInput) (*models.Issue, error) {
	sources, err := validateSources([]models.IssueSourceInput{in}, db.now())
	if err != nil {
		return nil, err
	}
	return db.issueAction(ctx, number, models.TriageRoles,
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error) {
			t, err := issue.SourceChange(actor, models.EventSourceAdded, "", map[string]any{"platform": in.Platform, "url": sources[0].URL})
			if err != nil {
				return t, err
			}
			return t, insertSources(ctx, tx, issue.ID, sources, now)
		})
}

// UpdateIssue edits the text of an issue. TRC only; the kind is fixed once a
// response was published.
func (db *DB) UpdateIssue(ctx context.Context, number string, in models.IssueUpdate) (*models.Issue, error) {
	return db.issueAction(ctx, number, models.TriageRoles,
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error) {
			var category *models.Category
			if in.CategorySlug != nil && *in.CategorySlug != "" {
				var err error
				if category, err = optional(categoryBySlug(ctx, tx, "categorySlug", *in.CategorySlug)); err != nil {
					return models.Transition{}, err
				}
			}
			return issue.Edit(actor, in, category)
		})
}

// AssignIssue hands a new issue to an agency, or moves an assigned one to
// another agency or priority; the clocks start again at the new assignment.
// TRC only.
func (db *DB) AssignIssue(ctx context.Context, in models.Assignment) (*models.Issue, error) {
	if !in.Priority.Valid() {
		return nil, models.Invalid("priority", "prioritas %q tidak dikenal", in.Priority)
	}
	return db.issueAction(ctx, in.IssueNumber, models.TriageRoles,
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error) {
			agency, err := optional(agencyBySlug(ctx, tx, in.AgencySlug))
			if err != nil {
				return models.Transition{}, err
			}
			schedule, err := db.schedule(ctx, tx)
			if err != nil {
				return models.Transition{}, err
			}
			return issue.Assign(actor, in, agency, schedule, now)
		})
}

// AcknowledgeIssue confirms that the agency is working on the issue. The
// assigned agency's PIC, or TRC.
func (db *DB) AcknowledgeIssue(ctx context.Context, number string) (*models.Issue, error) {
	return db.issueAction(ctx, number, models.AnswerRoles,
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error) {
			return issue.Acknowledge(actor, now)
		})
}

// DeclineIssue hands an issue back to TRC because it is not the agency's
// matter. The assigned agency's PIC only; a reason is required.
func (db *DB) DeclineIssue(ctx context.Context, number, reason string) (*models.Issue, error) {
	reason, err := requireReason("reason", reason)
	if err != nil {
		return nil, err
	}
	return db.issueAction(ctx, number, models.DeclineRoles,
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error) {
			return issue.Decline(actor, reason, now)
		})
}

// CloseIssue closes an answered issue. TRC only.
func (db *DB) CloseIssue(ctx context.Context, number string) (*models.Issue, error) {
	return db.issueAction(ctx, number, models.TriageRoles,
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error) {
			return issue.Close(actor, now)
		})
}

// ReopenIssue reopens a closed issue so its answer can be corrected or
// completed. TRC only; the reason is public.
func (db *DB) ReopenIssue(ctx context.Context, number, reason string) (*models.Issue, error) {
	reason, err := requireReason("reason", reason)
	if err != nil {
		return nil, err
	}
	return db.issueAction(ctx, number, models.TriageRoles,
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error) {
			return issue.Reopen(actor, reason, now)
		})
}

// RejectIssue rejects a new issue that needs no answer. TRC only; the reason
// stays with staff.
func (db *DB) RejectIssue(ctx context.Context, number, reason string) (*models.Issue, error) {
	reason, err := requireReason("reason", reason)
	if err != nil {
		return nil, err
	}
	return db.issueAction(ctx, number, models.TriageRoles,
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error) {
			return issue.Reject(actor, reason, now)
		})
}

// MarkDuplicate points an issue at the one that carries the answer. TRC only.
func (db *DB) MarkDuplicate(ctx context.Context, number, originalNumber string) (*models.Issue, error) {
	return db.issueAction(ctx, number, models.TriageRoles,
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error) {
			original, err := optional(issueByNumber(ctx, tx, originalNumber))
			if err != nil {
				return models.Transition{}, err
			}
			return issue.MarkDuplicate(actor, original, originalNumber, now)
		})
}

// SetInternal hides an issue from the public, or shows it again. TRC only;
// the reason is audited and stays with staff.
func (db *DB) SetInternal(ctx context.Context, number string, internal bool, reason string) (*models.Issue, error) {
	reason, err := requireReason("reason", reason)
	if err != nil {
		return nil, err
	}
	return db.issueAction(ctx, number, models.TriageRoles,
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.Transition, error) {
			return issue.SetInternal(actor, internal, reason, now)
		})
}

// optional turns a lookup's "not found" or invalid argument into nil, for
// a model step that names the missing thing itself; other errors pass.
func optional[T any](v *T, err error) (*T, error) {
	switch models.ErrorCode(err) {
	case "":
		return v, nil
	case models.ENOTFOUND, models.EINVALID:
		return nil, nil
	}
	return nil, err
}
