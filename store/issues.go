package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// publicIssues restricts q to the issues an anonymous reader may see, by the
// one definition of models.Issue.IsPublic (models.PublicIssueCondition).
// alias names the issues table in q. Every read that serves the public, or
// counts for it, goes through publicIssues or visibleIssues.
func publicIssues(q *bun.SelectQuery, alias string) *bun.SelectQuery {
	return q.Where(models.PublicIssueCondition(alias))
}

// visibleIssues restricts q, whose issues table is "i", to the issues the
// caller may see (models.CanRead): everything for staff readers, public
// issues plus their own agency's triaged ones for a PIC, public issues alone
// for anyone else.
func visibleIssues(q *bun.SelectQuery, user *models.User) *bun.SelectQuery {
	if user.IsStaffReader() {
		return q
	}
	if user != nil && user.Role == models.RolePIC && user.AgencyID != nil {
		return q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.WhereGroup(" OR ", func(q *bun.SelectQuery) *bun.SelectQuery { return publicIssues(q, "i") }).
				WhereGroup(" OR ", func(q *bun.SelectQuery) *bun.SelectQuery {
					return q.Where("i.agency_id = ?", *user.AgencyID).
						Where(models.PublicStatusCondition("i"))
				})
		})
	}
	return publicIssues(q, "i")
}

// issueFilter applies the caller's filter; it runs after visibleIssues.
// Values that vary between requests go through p (prepared.go).
func issueFilter(q *bun.SelectQuery, f models.IssueFilter, user *models.User, now time.Time, p *params) *bun.SelectQuery {
	if len(f.Statuses) > 0 {
		q = q.Where("i.status IN (?)", bun.In(f.Statuses))
	}
	if len(f.Kinds) > 0 {
		q = q.Where("i.kind IN (?)", bun.In(f.Kinds))
	}
	if len(f.Verdicts) > 0 {
		q = q.Where("i.verdict IN (?)", bun.In(f.Verdicts))
	}
	if len(f.Priorities) > 0 {
		q = q.Where("i.priority IN (?)", bun.In(f.Priorities))
	}
	if f.CategorySlug != "" {
		q = q.Where("i.category_id = (SELECT id FROM categories WHERE slug = ?)", f.CategorySlug)
	}
	if f.AgencySlug != "" {
		q = q.Where("i.agency_id = (SELECT id FROM agencies WHERE slug = ?)", f.AgencySlug)
	}
	if f.From != nil {
		q = q.Where("i.created_at >= ?", p.value(f.From.UTC()))
	}
	if f.To != nil {
		q = q.Where("i.created_at < ?", p.value(f.To.UTC()))
	}
	if f.Internal != nil {
		q = q.Where("i.internal = ?", *f.Internal)
	}
	if f.Overdue != nil {
		// Mirrors models.Issue.OverdueClock.
		overdue := "(i.status IN ('ASSIGNED', 'IN_PROGRESS') AND ((i.answered_at IS NULL AND i.answer_due_at < ?) " +
			"OR (i.acknowledged_at IS NULL AND i.acknowledge_due_at < ?)))"
		if !*f.Overdue {
			overdue = "NOT " + overdue
		}
		q = q.Where(overdue, p.value(now), p.value(now))
	}
	if f.MineOnly && user != nil && user.AgencyID != nil {
		q = q.Where("i.agency_id = ?", *user.AgencyID)
	}
	return q
}

func validateIssueFilter(f *models.IssueFilter, user *models.User) error {
	if err := models.CheckArgument("filter.categorySlug", f.CategorySlug); err != nil {
		return err
	}
	if err := models.CheckArgument("filter.agencySlug", f.AgencySlug); err != nil {
		return err
	}
	for _, s := range f.Statuses {
		if !s.Valid() {
			return models.Invalid("filter.status", "status %q tidak dikenal", s)
		}
	}
	for _, k := range f.Kinds {
		if !k.Valid() {
			return models.Invalid("filter.kind", "jenis %q tidak dikenal", k)
		}
	}
	if f.Order == "" {
		f.Order = models.OrderNewest
	}
	if !f.Order.Valid() {
		return models.Invalid("orderBy", "urutan %q tidak dikenal", f.Order)
	}
	if f.From != nil {
		if err := models.CheckPeriodTime("filter.from", *f.From); err != nil {
			return err
		}
	}
	if f.To != nil {
		if err := models.CheckPeriodTime("filter.to", *f.To); err != nil {
			return err
		}
	}
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		return models.Invalid("filter.to", "tanggal akhir harus setelah tanggal awal")
	}
	if f.Internal != nil && !user.IsStaffReader() {
		return models.Errorf(models.EFORBIDDEN, "Filter internal hanya untuk petugas")
	}
	if f.MineOnly && (user == nil || user.Role != models.RolePIC) {
		return models.Errorf(models.EFORBIDDEN, "Antrean instansi hanya untuk PIC")
	}
	return nil
}

// FindIssues lists the issues the caller may see, one page at a time.
func (db *DB) FindIssues(ctx context.Context, f models.IssueFilter) (*models.IssuePage, error) {
	user := models.UserFromContext(ctx)
	first, err := pageSize(f.First)
	if err != nil {
		return nil, err
	}
	if err := validateIssueFilter(&f, user); err != nil {
		return nil, err
	}
	now := db.now()
	base := func(p *params) *bun.SelectQuery {
		q := db.bun.NewSelect().Model((*models.Issue)(nil)).ModelTableExpr("issues AS i")
		return issueFilter(visibleIssues(q, user), f, user, now, p)
	}
	var total int
	switch {
	case f.CountTotal && f.Overdue != nil:
		// Whether an issue is overdue changes with the clock, not with
		// writes, so its totals are never cached.
		n, err := base(nil).Count(ctx)
		if err != nil {
			return nil, wrapErr(err)
		}
		total = int(n)
	case f.CountTotal:
		if total, err = db.counts.count(ctx, issueCountKey(user, f), base(nil)); err != nil {
			return nil, wrapErr(err)
		}
	}

	column, desc := "i.created_at", true
	switch f.Order {
	case models.OrderOldest:
		desc = false
	case models.OrderRecentlyUpdated:
		column = "i.updated_at"
	}
	// The page is a prepared statement: its text depends on the filter's
	// shape, not on its times or the cursor.
	p := db.newParams()
	columns := "i.*"
	if models.ReadPartsFromContext(ctx).NoIssueProgress {
		columns = issueColumnsWithoutProgress
	}
	q := base(p).ColumnExpr(columns).Limit(int64(first + 1))
	if desc {
		q = q.OrderExpr(column + " DESC, i.id DESC")
	} else {
		q = q.OrderExpr(column + " ASC, i.id ASC")
	}
	if f.After != "" {
		c, err := decodeCursor(f.After, listIssues)
		if err != nil {
			return nil, err
		}
		if c.Order != string(f.Order) {
			return nil, models.Invalid("after", "kursor berasal dari urutan lain")
		}
		op := ">"
		if desc {
			op = "<"
		}
		if c.Stored {
			stored := "(SELECT " + strings.TrimPrefix(column, "i.") + " FROM issues WHERE id = ?)"
			q = q.Where("("+column+" "+op+" "+stored+") OR ("+column+" = "+stored+" AND i.id "+op+" ?)", p.value(c.ID), p.value(c.ID), p.value(c.ID))
		} else {
			q = q.Where("("+column+" "+op+" ?) OR ("+column+" = ? AND i.id "+op+" ?)", p.value(c.At.UTC()), p.value(c.At.UTC()), p.value(c.ID))
		}
	}
	var issues []*models.Issue
	if err := db.scanParams(ctx, q, p, &issues); err != nil {
		return nil, wrapErr(err)
	}
	page := &models.IssuePage{TotalCount: total}
	if len(issues) > first {
		issues, page.HasNextPage = issues[:first], true
	}
	page.Issues = issues
	if f.NoCursors {
		return page, nil
	}
	for _, i := range issues {
		at := i.CreatedAt
		if f.Order == models.OrderRecentlyUpdated {
			at = i.UpdatedAt
		}
		stored := i.TimeRepaired(strings.TrimPrefix(column, "i."))
		page.Cursors = append(page.Cursors, encodeCursor(cursor{List: listIssues, Order: string(f.Order), At: at, ID: i.ID, Stored: stored}))
	}
	return page, nil
}

// issueColumnsWithoutProgress are the columns of issues but the times of
// their progress, for readers that leave those out (models.ReadParts).
const issueColumnsWithoutProgress = "i.id, i.number, i.title, i.summary, i.kind, i.status, i.priority, i.verdict, " +
	"i.category_id, i.agency_id, i.internal, i.internal_reason, i.duplicate_of_id, i.reject_reason, " +
	"i.external_ref, i.created_by_id, i.created_at, i.updated_at"

// IssueByNumber returns a visible issue or ENOTFOUND. Numbers are matched
// case-insensitively.
func (db *DB) IssueByNumber(ctx context.Context, number string) (*models.Issue, error) {
	if err := models.CheckArgument("number", number); err != nil {
		return nil, err
	}
	var found []*models.Issue
	err := db.selectPrepared(ctx, "issue-by-number", func() *bun.SelectQuery {
		return db.bun.NewSelect().Model((*models.Issue)(nil)).Where("number = ?", db.param())
	}, &found, strings.ToUpper(strings.TrimSpace(number)))
	if err != nil {
		return nil, wrapErr(err)
	}
	if len(found) == 0 {
		return nil, notFound("Isu " + number)
	}
	issue := found[0]
	if !models.CanRead(models.UserFromContext(ctx), issue) {
		return nil, notFound("Isu " + number)
	}
	return issue, nil
}

func issueByNumber(ctx context.Context, idb bun.IDB, number string) (*models.Issue, error) {
	if err := models.CheckArgument("number", number); err != nil {
		return nil, err
	}
	issue := new(models.Issue)
	err := idb.NewSelect().Model(issue).Where("number = ?", strings.ToUpper(strings.TrimSpace(number))).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Isu " + number)
	}
	return issue, wrapErr(err)
}

// IssuesByIDs returns the visible issues with the given ids.
func (db *DB) IssuesByIDs(ctx context.Context, ids []int64) ([]*models.Issue, error) {
	var issues []*models.Issue
	q := db.bun.NewSelect().Model((*models.Issue)(nil)).ModelTableExpr("issues AS i").ColumnExpr("i.*").
		Where("i.id IN (?)", bun.In(ids))
	err := visibleIssues(q, models.UserFromContext(ctx)).Scan(ctx, &issues)
	return issues, wrapErr(err)
}

// SourcesByIssueIDs returns the sources of the given issues, oldest first.
// Account handles are cleared for callers who are not staff.
func (db *DB) SourcesByIssueIDs(ctx context.Context, ids []int64) ([]*models.IssueSource, error) {
	var sources []*models.IssueSource
	err := db.byIssueIDs(ctx, "sources", (*models.IssueSource)(nil), &sources, "issue_id", ids, "detected_at ASC, id ASC")
	return visibleSources(ctx, sources), wrapErr(err)
}

// visibleSources blanks the account handles of sources, in place, for an
// anonymous reader.
func visibleSources(ctx context.Context, sources []*models.IssueSource) []*models.IssueSource {
	if models.UserFromContext(ctx) == nil {
		for _, s := range sources {
			s.AccountHandle = ""
		}
	}
	return sources
}

// EventsByIssueIDs returns the events of the given issues, oldest first:
// every event for staff readers and for the PICs of the issue's agency, the
// public ones (without actors, and with reasons blanked where they are not
// public) for anyone else.
func (db *DB) EventsByIssueIDs(ctx context.Context, ids []int64) ([]*models.IssueEvent, error) {
	var events []*models.IssueEvent
	err := db.byIssueIDs(ctx, "events", (*models.IssueEvent)(nil), &events, "issue_id", ids, "created_at ASC, id ASC")
	if err != nil {
		return nil, wrapErr(err)
	}
	user := models.UserFromContext(ctx)
	if user.IsStaffReader() {
		return events, nil
	}
	// A PIC sees the full timeline of their own agency's issues only.
	own := map[int64]bool{}
	if user != nil && user.Role == models.RolePIC && user.AgencyID != nil {
		var ownIDs []int64
		err := db.bun.NewSelect().
			Model((*models.Issue)(nil)).
			Column("id").
			Where("id IN (?)", bun.In(ids)).
			Where("agency_id = ?", *user.AgencyID).
			Scan(ctx, &ownIDs)
		if err != nil {
			return nil, wrapErr(err)
		}
		for _, id := range ownIDs {
			own[id] = true
		}
	}
	visible := events[:0]
	for _, e := range events {
		if own[e.IssueID] {
			visible = append(visible, e)
			continue
		}
		if !e.IsPublicEvent() {
			continue
		}
		if !e.PublicReason() {
			e.Reason = ""
		}
		e.ActorID = nil
		visible = append(visible, e)
	}
	return visible, nil
}

// addEvent records a transition of an issue inside tx.
func addEvent(ctx context.Context, tx bun.Tx, issue *models.Issue, typ models.EventType, actor *models.User, reason string, now time.Time) error {
	event := &models.IssueEvent{
		IssueID: issue.ID, Type: typ, AgencyID: issue.AgencyID, Reason: reason, CreatedAt: now,
	}
	if actor != nil && !actor.IsSystem() {
		event.ActorID = &actor.ID
	}
	_, err := tx.NewInsert().Model(event).Exec(ctx)
	return err
}
