package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// lockIssue loads an issue for update inside tx. SQLite's immediate
// transaction already holds the database's write lock.
func (db *DB) lockIssue(ctx context.Context, tx bun.Tx, number string) (*models.Issue, error) {
	issue, err := issueByNumber(ctx, tx, number)
	if err != nil {
		return nil, err
	}
	if db.dialect == Postgres {
		if err := tx.NewSelect().Model(issue).WherePK().For("UPDATE").Scan(ctx); err != nil {
			return nil, err
		}
	}
	return issue, nil
}

// lockIssueByID loads an issue for update inside tx, by its id.
func (db *DB) lockIssueByID(ctx context.Context, tx bun.Tx, id int64) (*models.Issue, error) {
	issue := new(models.Issue)
	q := tx.NewSelect().Model(issue).Where("id = ?", id)
	if db.dialect == Postgres {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	return issue, nil
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
	return models.Errorf(models.ECONFLICT, "Isu %s berstatus %s: %s", issue.Number, statusLabel(issue.Status), fmt.Sprintf(format, args...))
}

func statusLabel(s models.IssueStatus) string {
	switch s {
	case models.StatusNew:
		return "Baru"
	case models.StatusAssigned:
		return "Diteruskan ke instansi"
	case models.StatusInProgress:
		return "Sedang ditangani"
	case models.StatusAnswered:
		return "Sudah dijawab"
	case models.StatusClosed:
		return "Ditutup"
	case models.StatusRejected:
		return "Ditolak"
	case models.StatusDuplicate:
		return "Duplikat"
	}
	return string(s)
}

// transition is the shared tail of every lifecycle change: save the issue,
// record the event, write the outbox row and append the audit entry.
func (db *DB) transition(ctx context.Context, tx bun.Tx, actor *models.User, now time.Time, issue *models.Issue,
	event models.EventType, reason string, changes map[string]any) error {
	return db.transitionFrom(ctx, tx, actor, now, issue, issue.AgencyID, event, reason, changes)
}

// transitionFrom is transition with the agency the event is recorded
// against given explicitly: a decline belongs to the agency that declined,
// which the issue no longer names.
func (db *DB) transitionFrom(ctx context.Context, tx bun.Tx, actor *models.User, now time.Time, issue *models.Issue,
	eventAgencyID *int64, event models.EventType, reason string, changes map[string]any) error {
	issue.UpdatedAt = now
	if _, err := tx.NewUpdate().Model(issue).WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("save issue: %w", err)
	}
	withAgency := *issue
	withAgency.AgencyID = eventAgencyID
	if err := addEvent(ctx, tx, &withAgency, event, actor, reason, now); err != nil {
		return fmt.Errorf("record event: %w", err)
	}
	if err := enqueueSearch(ctx, tx, issue.ID, now); err != nil {
		return fmt.Errorf("enqueue search: %w", err)
	}
	if changes == nil {
		changes = map[string]any{}
	}
	changes["status"] = issue.Status
	if reason != "" {
		changes["reason"] = reason
	}
	return db.appendAudit(ctx, tx, actor, now, models.AuditRecord{
		Action: "issue." + lowerEvent(event), Subject: "issue:" + issue.Number, Changes: changes,
	})
}

func lowerEvent(e models.EventType) string {
	b := []byte(e)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// issueAction runs one lifecycle step: it checks the role, locks the issue,
// lets step check and change it, and then records the transition.
func (db *DB) issueAction(ctx context.Context, number string, roles []models.Role,
	step func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error),
) (*models.Issue, error) {
	actor, err := requireRole(ctx, roles...)
	if err != nil {
		return nil, err
	}
	var issue *models.Issue
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
		if issue, err = db.lockIssue(ctx, tx, number); err != nil {
			return err
		}
		if !models.CanRead(actor, issue) {
			return notFound("Isu " + number)
		}
		agencyBefore := issue.AgencyID
		event, reason, changes, err := step(ctx, tx, actor, issue, now)
		if err != nil {
			return err
		}
		eventAgency := issue.AgencyID
		if event == models.EventDeclined {
			eventAgency = agencyBefore
		}
		return db.transitionFrom(ctx, tx, actor, now, issue, eventAgency, event, reason, changes)
	})
	if err != nil {
		return nil, err
	}
	return issue, nil
}

func requireReason(field, reason string) (string, error) {
	return models.RequireText(field, reason, 10, 1000)
}

// CreateIssue logs a new issue with its sources. TRC only.
func (db *DB) CreateIssue(ctx context.Context, in models.NewIssue) (*models.Issue, error) {
	actor, err := requireRole(ctx, models.RoleTRC)
	if err != nil {
		return nil, err
	}
	issue, err := validateNewIssue(in)
	if err != nil {
		return nil, err
	}
	err = db.writeTx(ctx, func(ctx context.Context, tx bun.Tx, now time.Time) error {
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

// validateNewIssue checks the fields of a new issue and returns it unsaved.
func validateNewIssue(in models.NewIssue) (*models.Issue, error) {
	issue := &models.Issue{Kind: in.Kind, Status: models.StatusNew}
	var err error
	if issue.Title, err = models.RequireText("title", in.Title, 5, 200); err != nil {
		return nil, err
	}
	if issue.Summary, err = models.RequireText("summary", in.Summary, 10, 4000); err != nil {
		return nil, err
	}
	if !in.Kind.Valid() {
		return nil, models.Invalid("kind", "jenis isu %q tidak dikenal", in.Kind)
	}
	return issue, nil
}

// createIssue stores a validated new issue with its sources, its CREATED
// event and an outbox row; the caller appends the audit entry.
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
	return enqueueSearch(ctx, tx, issue.ID, now)
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
	if len(in) > 20 {
		return nil, models.Invalid("sources", "maksimal 20 sumber")
	}
	out := make([]models.IssueSourceInput, len(in))
	for i, s := range in {
		field := fmt.Sprintf("sources[%d]", i)
		if !s.Platform.Valid() {
			return nil, models.Invalid(field+".platform", "platform %q tidak dikenal", s.Platform)
		}
		var err error
		if s.DetectedAt != nil {
			if err := models.CheckEventTime(field+".detectedAt", *s.DetectedAt, now); err != nil {
				return nil, err
			}
		}
		if s.URL, err = models.ValidateURL(field+".url", s.URL); err != nil {
			return nil, err
		}
		if s.ClaimText, err = models.RequireText(field+".claimText", s.ClaimText, 0, 4000); err != nil {
			return nil, err
		}
		if s.AccountHandle, err = models.RequireText(field+".accountHandle", s.AccountHandle, 0, 200); err != nil {
			return nil, err
		}
		if s.URL == "" && s.ClaimText == "" {
			return nil, models.Invalid(field, "isi tautan atau teks klaim")
		}
		out[i] = s
	}
	return out, nil
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

// AddIssueSource records another place where the claim circulates. TRC only.
func (db *DB) AddIssueSource(ctx context.Context, number string, in models.IssueSourceInput) (*models.Issue, error) {
	sources, err := validateSources([]models.IssueSourceInput{in}, db.now())
	if err != nil {
		return nil, err
	}
	return db.issueAction(ctx, number, []models.Role{models.RoleTRC},
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error) {
			if err := insertSources(ctx, tx, issue.ID, sources, now); err != nil {
				return "", "", nil, err
			}
			return models.EventSourceAdded, "", map[string]any{"platform": in.Platform, "url": sources[0].URL}, nil
		})
}

// UpdateIssue edits the text of an issue. TRC only; the kind is fixed once a
// response was published.
func (db *DB) UpdateIssue(ctx context.Context, number string, in models.IssueUpdate) (*models.Issue, error) {
	return db.issueAction(ctx, number, []models.Role{models.RoleTRC},
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error) {
			changes := map[string]any{}
			var err error
			if in.Title != nil {
				if issue.Title, err = models.RequireText("title", *in.Title, 5, 200); err != nil {
					return "", "", nil, err
				}
				changes["title"] = issue.Title
			}
			if in.Summary != nil {
				if issue.Summary, err = models.RequireText("summary", *in.Summary, 10, 4000); err != nil {
					return "", "", nil, err
				}
				changes["summary"] = issue.Summary
			}
			if in.Kind != nil && *in.Kind != issue.Kind {
				if !in.Kind.Valid() {
					return "", "", nil, models.Invalid("kind", "jenis isu %q tidak dikenal", *in.Kind)
				}
				if issue.AnsweredAt != nil {
					return "", "", nil, conflict(issue, "jenis isu tidak dapat diubah setelah jawaban terbit")
				}
				issue.Kind = *in.Kind
				changes["kind"] = issue.Kind
			}
			if in.CategorySlug != nil {
				if *in.CategorySlug == "" {
					issue.CategoryID = nil
				} else {
					category, err := categoryBySlug(ctx, tx, "categorySlug", *in.CategorySlug)
					if err != nil {
						return "", "", nil, err
					}
					issue.CategoryID = &category.ID
				}
				changes["category"] = *in.CategorySlug
			}
			if len(changes) == 0 {
				return "", "", nil, models.Invalid("input", "tidak ada yang diubah")
			}
			return models.EventEdited, "", changes, nil
		})
}

// AssignIssue hands a new issue to an agency, or moves an assigned one to
// another agency or priority; the clocks start again at the new assignment.
// TRC only.
func (db *DB) AssignIssue(ctx context.Context, in models.Assignment) (*models.Issue, error) {
	if !in.Priority.Valid() {
		return nil, models.Invalid("priority", "prioritas %q tidak dikenal", in.Priority)
	}
	return db.issueAction(ctx, in.IssueNumber, []models.Role{models.RoleTRC},
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error) {
			event := models.EventAssigned
			switch issue.Status {
			case models.StatusNew:
			case models.StatusAssigned, models.StatusInProgress:
				event = models.EventReassigned
			case models.StatusDuplicate:
				return "", "", nil, conflict(issue, "isu duplikat tidak dapat diteruskan; teruskan isu aslinya")
			default:
				return "", "", nil, conflict(issue, "hanya isu baru atau yang sedang ditangani yang dapat diteruskan")
			}
			agency, err := agencyBySlug(ctx, tx, in.AgencySlug)
			if err != nil {
				return "", "", nil, models.Invalid("agencySlug", "instansi %q tidak ada", in.AgencySlug)
			}
			if event == models.EventReassigned && *issue.AgencyID == agency.ID && issue.Priority != nil && *issue.Priority == in.Priority {
				return "", "", nil, conflict(issue, "isu sudah diteruskan ke %s dengan prioritas yang sama", agency.ShortName)
			}
			changes := map[string]any{"agency": agency.Slug, "priority": in.Priority}
			if issue.AgencyID != nil && *issue.AgencyID != agency.ID {
				changes["fromAgencyId"] = *issue.AgencyID
			}
			sameAgency := issue.AgencyID != nil && *issue.AgencyID == agency.ID
			issue.AgencyID, issue.Priority = &agency.ID, &in.Priority
			if !sameAgency {
				issue.Status, issue.AssignedAt, issue.AcknowledgedAt = models.StatusAssigned, &now, nil
			}
			ackDue, answerDue, err := db.dueTimes(ctx, tx, in.Priority, *issue.AssignedAt)
			if err != nil {
				return "", "", nil, err
			}
			issue.AcknowledgeDueAt, issue.AnswerDueAt = &ackDue, &answerDue
			changes["acknowledgeDueAt"], changes["answerDueAt"] = ackDue, answerDue
			return event, "", changes, nil
		})
}

// AcknowledgeIssue confirms that the agency is working on the issue. The
// assigned agency's PIC, or TRC.
func (db *DB) AcknowledgeIssue(ctx context.Context, number string) (*models.Issue, error) {
	return db.issueAction(ctx, number, []models.Role{models.RolePIC, models.RoleTRC},
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error) {
			if !models.CanActOnIssue(actor, issue) {
				return "", "", nil, forbidden()
			}
			if issue.Status != models.StatusAssigned {
				return "", "", nil, conflict(issue, "hanya isu yang baru diteruskan yang dapat dikonfirmasi")
			}
			issue.Status, issue.AcknowledgedAt = models.StatusInProgress, &now
			return models.EventAcknowledged, "", nil, nil
		})
}

// DeclineIssue hands an issue back to TRC because it is not the agency's
// matter. The assigned agency's PIC only; a reason is required.
func (db *DB) DeclineIssue(ctx context.Context, number, reason string) (*models.Issue, error) {
	reason, err := requireReason("reason", reason)
	if err != nil {
		return nil, err
	}
	return db.issueAction(ctx, number, []models.Role{models.RolePIC},
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error) {
			if !actor.BelongsTo(issue.AgencyID) {
				return "", "", nil, forbidden()
			}
			if issue.Status != models.StatusAssigned && issue.Status != models.StatusInProgress {
				return "", "", nil, conflict(issue, "hanya isu yang belum dijawab yang dapat dikembalikan")
			}
			changes := map[string]any{"fromAgencyId": *issue.AgencyID}
			issue.Status, issue.AgencyID, issue.Priority = models.StatusNew, nil, nil
			issue.AssignedAt, issue.AcknowledgedAt, issue.AcknowledgeDueAt, issue.AnswerDueAt = nil, nil, nil, nil
			return models.EventDeclined, reason, changes, nil
		})
}

// CloseIssue closes an answered issue. TRC only.
func (db *DB) CloseIssue(ctx context.Context, number string) (*models.Issue, error) {
	return db.issueAction(ctx, number, []models.Role{models.RoleTRC},
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error) {
			if issue.Status != models.StatusAnswered {
				return "", "", nil, conflict(issue, "hanya isu yang sudah dijawab yang dapat ditutup")
			}
			issue.Status, issue.ClosedAt = models.StatusClosed, &now
			return models.EventClosed, "", nil, nil
		})
}

// ReopenIssue reopens a closed issue so its answer can be corrected or
// completed. TRC only; the reason is public.
func (db *DB) ReopenIssue(ctx context.Context, number, reason string) (*models.Issue, error) {
	reason, err := requireReason("reason", reason)
	if err != nil {
		return nil, err
	}
	return db.issueAction(ctx, number, []models.Role{models.RoleTRC},
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error) {
			if issue.Status != models.StatusClosed {
				return "", "", nil, conflict(issue, "hanya isu yang sudah ditutup yang dapat dibuka kembali")
			}
			issue.Status, issue.ClosedAt = models.StatusAnswered, nil
			return models.EventReopened, reason, nil, nil
		})
}

// RejectIssue rejects a new issue that needs no answer. TRC only; the reason
// stays with staff.
func (db *DB) RejectIssue(ctx context.Context, number, reason string) (*models.Issue, error) {
	reason, err := requireReason("reason", reason)
	if err != nil {
		return nil, err
	}
	return db.issueAction(ctx, number, []models.Role{models.RoleTRC},
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error) {
			if issue.Status != models.StatusNew {
				return "", "", nil, conflict(issue, "hanya isu baru yang dapat ditolak")
			}
			issue.Status, issue.RejectReason = models.StatusRejected, reason
			return models.EventRejected, reason, nil, nil
		})
}

// MarkDuplicate points an issue at the one that carries the answer. TRC only.
func (db *DB) MarkDuplicate(ctx context.Context, number, originalNumber string) (*models.Issue, error) {
	return db.issueAction(ctx, number, []models.Role{models.RoleTRC},
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error) {
			switch issue.Status {
			case models.StatusNew, models.StatusAssigned, models.StatusInProgress:
			default:
				return "", "", nil, conflict(issue, "hanya isu yang belum dijawab yang dapat ditandai duplikat")
			}
			original, err := issueByNumber(ctx, tx, originalNumber)
			if err != nil {
				return "", "", nil, models.Invalid("originalNumber", "isu asli %q tidak ada", originalNumber)
			}
			if original.ID == issue.ID {
				return "", "", nil, models.Invalid("originalNumber", "isu tidak dapat menjadi duplikat dirinya sendiri")
			}
			if original.Status == models.StatusDuplicate || original.Status == models.StatusRejected {
				return "", "", nil, conflict(original, "tunjuk isu yang membawa jawaban, bukan isu duplikat atau yang ditolak")
			}
			issue.Status, issue.DuplicateOfID = models.StatusDuplicate, &original.ID
			return models.EventDuplicate, "Duplikat dari " + original.Number, map[string]any{"original": original.Number}, nil
		})
}

// SetInternal hides an issue from the public, or shows it again. TRC only;
// the reason is audited and stays with staff.
func (db *DB) SetInternal(ctx context.Context, number string, internal bool, reason string) (*models.Issue, error) {
	reason, err := requireReason("reason", reason)
	if err != nil {
		return nil, err
	}
	return db.issueAction(ctx, number, []models.Role{models.RoleTRC},
		func(ctx context.Context, tx bun.Tx, actor *models.User, issue *models.Issue, now time.Time) (models.EventType, string, map[string]any, error) {
			if issue.Internal == internal {
				if internal {
					return "", "", nil, conflict(issue, "isu sudah bersifat internal")
				}
				return "", "", nil, conflict(issue, "isu sudah publik")
			}
			issue.Internal = internal
			event := models.EventMadePublic
			issue.InternalReason = ""
			if internal {
				event, issue.InternalReason = models.EventMadeInternal, reason
			}
			return event, reason, map[string]any{"internal": internal}, nil
		})
}
