package graph

import (
	"context"
	"strconv"
	"sync"

	"github.com/kotabaru/tanggap/graph/scalar"
	"github.com/kotabaru/tanggap/models"
)

// maxNodes bounds the ids of one nodes call; the cost limit counts each.
const maxNodes = 100

// resolveNode returns the object a global id names, read with the same
// services and the same visibility as the field that hands out the id, or
// nil when there is none or the caller may not see it. A bare key names no
// type and so no object.
func (r *Resolver) resolveNode(ctx context.Context, id scalar.NodeID) (Node, error) {
	node, err := r.lookupNode(ctx, id)
	switch models.ErrorCode(err) {
	case "":
		return node, nil
	case models.ENOTFOUND, models.EFORBIDDEN, models.EUNAUTHENTICATED, models.EINVALID:
		return nil, nil
	}
	return nil, err
}

func (r *Resolver) lookupNode(ctx context.Context, id scalar.NodeID) (Node, error) {
	user := models.UserFromContext(ctx)
	n, numeric := id.Int64(id.Type)
	switch id.Type {
	case typeIssue:
		if numeric {
			return nonNil(loaders(ctx).Issue.Load(ctx, n))
		}
	case typeAgency:
		if numeric {
			return nonNil(loaders(ctx).Agency.Load(ctx, n))
		}
	case typeCategory:
		if numeric {
			return nonNil(loaders(ctx).Category.Load(ctx, n))
		}
	case typeResponse:
		if numeric {
			return nonNil(r.Responses.ResponseByID(ctx, n))
		}
	case typeUser:
		if numeric && user != nil {
			return nonNil(loaders(ctx).User.Load(ctx, n))
		}
	case typeQuestion:
		// Anonymous callers follow a question by its tracking code only.
		if numeric && user != nil {
			return nonNil(r.Questions.QuestionByID(ctx, n))
		}
	case typeAuditEntry:
		if numeric && user != nil && (user.Role == models.RoleAuditor || user.Role == models.RoleAdmin) {
			entries, err := r.Audit.AuditEntriesByIDs(ctx, []int64{n})
			if err != nil || len(entries) == 0 {
				return nil, err
			}
			return entries[0], nil
		}
	case typeIssueSource:
		return r.sourceNode(ctx, id)
	case typeResponseRevision:
		return r.revisionNode(ctx, id)
	case typeSession:
		if user != nil {
			return r.sessionNode(ctx, id.Key)
		}
	case typeHoliday:
		return r.holidayNode(ctx, id.Key)
	}
	return nil, nil
}

// nonNil turns a loaded nil pointer into a nil Node: an interface holding a
// typed nil pointer is not nil, and gqlgen would try to present it.
func nonNil[T any](v *T, err error) (Node, error) {
	if err != nil || v == nil {
		return nil, err
	}
	return v, nil
}

func (r *Resolver) sourceNode(ctx context.Context, id scalar.NodeID) (Node, error) {
	issueID, key, ok := childKey(id)
	if !ok {
		return nil, nil
	}
	issue, err := loaders(ctx).Issue.Load(ctx, issueID)
	if err != nil || issue == nil {
		return nil, err
	}
	sources, err := loaders(ctx).Sources.Load(ctx, issueID)
	if err != nil {
		return nil, err
	}
	for _, s := range sources {
		if strconv.FormatInt(s.ID, 10) == key {
			return s, nil
		}
	}
	return nil, nil
}

func (r *Resolver) revisionNode(ctx context.Context, id scalar.NodeID) (Node, error) {
	responseID, key, ok := childKey(id)
	if !ok {
		return nil, nil
	}
	if _, err := r.Responses.ResponseByID(ctx, responseID); err != nil {
		return nil, err
	}
	revisions, err := loaders(ctx).Revisions.Load(ctx, responseID)
	if err != nil {
		return nil, err
	}
	for _, rev := range revisions {
		if strconv.Itoa(rev.Number) == key {
			return rev, nil
		}
	}
	return nil, nil
}

func (r *Resolver) sessionNode(ctx context.Context, key string) (Node, error) {
	sessions, err := r.Sessions.MySessions(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range sessions {
		if s.ID == key {
			return s, nil
		}
	}
	return nil, nil
}

func (r *Resolver) holidayNode(ctx context.Context, key string) (Node, error) {
	date, err := scalar.UnmarshalDate(key)
	if err != nil {
		return nil, nil
	}
	year, _ := strconv.Atoi(date[:4])
	holidays, err := r.Accountability.Holidays(ctx, year)
	if err != nil {
		return nil, err
	}
	for i := range holidays {
		if holidays[i].Date == date {
			return &holidays[i], nil
		}
	}
	return nil, nil
}

// resolveNodes resolves up to maxNodes ids at once, so the loaders batch
// their reads.
func (r *Resolver) resolveNodes(ctx context.Context, ids []*scalar.NodeID) ([]Node, error) {
	if len(ids) > maxNodes {
		return nil, models.Invalid("ids", "paling banyak %d id sekaligus", maxNodes)
	}
	out := make([]Node, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		if id == nil {
			continue
		}
		wg.Go(func() { out[i], errs[i] = r.resolveNode(ctx, *id) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
