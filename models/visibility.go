package models

import "github.com/uptrace/bun"

// HiddenStatuses are the statuses whose issues the public never sees: an
// issue TRC has not yet triaged (NEW, which includes one an agency declined
// back) and one TRC rejected. Every other status is public unless the issue
// is marked internal. This is the one definition of "public"; Issue.IsPublic
// applies it to a loaded issue and PublicIssueCondition to a query.
var HiddenStatuses = []IssueStatus{StatusNew, StatusRejected}

// PublicStatuses are the statuses an anonymous reader may see an issue in:
// every status but HiddenStatuses.
var PublicStatuses = func() []IssueStatus {
	var out []IssueStatus
	for _, s := range IssueStatuses {
		if !oneOf(s, HiddenStatuses) {
			out = append(out, s)
		}
	}
	return out
}()

// Public reports whether an issue in status s may be public; whether it is
// also depends on the issue's internal mark (see Issue.IsPublic).
func (s IssueStatus) Public() bool { return !oneOf(s, HiddenStatuses) }

// IsPublic reports whether anonymous callers may see the issue: its status
// is public and it is not marked internal.
func (i *Issue) IsPublic() bool {
	return i.Status.Public() && !i.Internal
}

// PublicIssueCondition returns the SQL condition, with its arguments, that
// holds for exactly the issues Issue.IsPublic accepts. alias is the name
// the issues table has in the query ("i", or "" for none). It suits both
// bun's Where and a raw statement:
//
//	q.Where(models.PublicIssueCondition("i"))
func PublicIssueCondition(alias string) (string, any, any) {
	status, statuses := PublicStatusCondition(alias)
	return "(" + status + " AND " + column(alias, "internal") + " = ?)", statuses, false
}

// PublicStatusCondition returns the SQL condition, with its argument, that
// holds for the issues whose status may be public (IssueStatus.Public),
// internal or not: what a PIC may see of their own agency's issues.
func PublicStatusCondition(alias string) (string, any) {
	return column(alias, "status") + " NOT IN (?)", bun.In(HiddenStatuses)
}

func column(alias, name string) string {
	if alias == "" {
		return name
	}
	return alias + "." + name
}
