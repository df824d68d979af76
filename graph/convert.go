package graph

import (
	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/models"
)

// optionalString maps the empty string to null.
func optionalString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func verdictLabel(v *models.Verdict) *string {
	if v == nil {
		return nil
	}
	return optionalString(v.Label())
}

// payload returns p unless err is set, so a failed mutation carries no
// half-filled payload.
func payload[T any](p *T, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	return p, nil
}

// nullIfNotFound turns ENOTFOUND of a single-object query into null, as the
// schema promises for issue(number) and agency(slug).
func nullIfNotFound[T any](v *T, err error) (*T, error) {
	if models.ErrorCode(err) == models.ENOTFOUND {
		return nil, nil
	}
	return v, err
}

func sourceInputs(in []*model.IssueSourceInput) []models.IssueSourceInput {
	out := make([]models.IssueSourceInput, 0, len(in))
	for _, s := range in {
		out = append(out, models.IssueSourceInput{
			Platform: s.Platform, URL: deref(s.URL), ClaimText: deref(s.ClaimText),
			AccountHandle: deref(s.AccountHandle), DetectedAt: s.DetectedAt,
		})
	}
	return out
}

func issueFilter(f *model.IssueFilter, order *models.IssueOrder, first *int, after *string) models.IssueFilter {
	out := models.IssueFilter{Order: deref(order), First: deref(first), After: deref(after)}
	if first != nil && *first == 0 {
		out.First = -1 // zero is out of range, not "default"
	}
	if f == nil {
		return out
	}
	out.Statuses, out.Kinds, out.Verdicts, out.Priorities = f.Status, f.Kind, f.Verdict, f.Priority
	out.CategorySlug, out.AgencySlug = deref(f.CategorySlug), deref(f.AgencySlug)
	out.From, out.To, out.Internal, out.MineOnly, out.Overdue = f.From, f.To, f.Internal, deref(f.Mine), f.Overdue
	return out
}

// pageInfo describes a forward-only page by its cursors.
func pageInfo(cursors []string, hasNext bool) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: hasNext}
	if n := len(cursors); n > 0 {
		info.StartCursor, info.EndCursor = &cursors[0], &cursors[n-1]
	}
	return info
}

func issueConnection(page *models.IssuePage) *model.IssueConnection {
	conn := &model.IssueConnection{PageInfo: pageInfo(page.Cursors, page.HasNextPage), TotalCount: page.TotalCount}
	for i, issue := range page.Issues {
		edge := &model.IssueEdge{Node: issue}
		if i < len(page.Cursors) {
			edge.Cursor = page.Cursors[i]
		}
		conn.Edges = append(conn.Edges, edge)
	}
	return conn
}

func auditFilter(f *model.AuditFilter, first *int, after *string) (models.AuditFilter, error) {
	out := models.AuditFilter{First: deref(first), After: deref(after)}
	if first != nil && *first == 0 {
		out.First = -1
	}
	if f == nil {
		return out, nil
	}
	out.Action, out.Subject, out.From, out.To = deref(f.Action), deref(f.Subject), f.From, f.To
	if f.ActorID != nil {
		id, err := numericID("actorId", *f.ActorID, typeUser)
		if err != nil {
			return out, err
		}
		out.ActorID = &id
	}
	return out, nil
}

func auditConnection(page *models.AuditPage) *model.AuditEntryConnection {
	conn := &model.AuditEntryConnection{PageInfo: pageInfo(page.Cursors, page.HasNextPage), TotalCount: page.TotalCount}
	for i, e := range page.Entries {
		conn.Edges = append(conn.Edges, &model.AuditEntryEdge{Cursor: page.Cursors[i], Node: e})
	}
	return conn
}
