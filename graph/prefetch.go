package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kotabaru/tanggap/models"
)

// prefetchIssues loads the edges an operation selects on a page of issues,
// one batch per edge, before gqlgen resolves the page element by element.
// The per-element resolvers then find everything in the loaders' caches, so
// the number of statements does not depend on the page size or on how the
// goroutines of a large page happen to be scheduled.
func prefetchIssues(ctx context.Context, issues []*models.Issue) error {
	if len(issues) == 0 {
		return nil
	}
	node := selectedNodeFields(ctx)
	if len(node) == 0 {
		return nil
	}
	l := loaders(ctx)
	ids := make([]int64, len(issues))
	var agencyIDs, categoryIDs, duplicateIDs []int64
	for i, issue := range issues {
		ids[i] = issue.ID
		agencyIDs = appendID(agencyIDs, issue.AgencyID)
		categoryIDs = appendID(categoryIDs, issue.CategoryID)
		duplicateIDs = appendID(duplicateIDs, issue.DuplicateOfID)
	}
	var waits []func() error
	if _, ok := node["agency"]; ok {
		waits = append(waits, thunk(l.Agency.LoadAllThunk(ctx, agencyIDs)))
	}
	if _, ok := node["category"]; ok {
		waits = append(waits, thunk(l.Category.LoadAllThunk(ctx, categoryIDs)))
	}
	if _, ok := node["duplicateOf"]; ok {
		waits = append(waits, thunk(l.Issue.LoadAllThunk(ctx, duplicateIDs)))
	}
	if _, ok := node["sources"]; ok {
		waits = append(waits, thunk(l.Sources.LoadAllThunk(ctx, ids)))
	}
	if _, ok := node["timeline"]; ok {
		waits = append(waits, thunk(l.Events.LoadAllThunk(ctx, ids)))
	}
	var responses func() ([][]*models.Response, error)
	if field, ok := node["responses"]; ok {
		responses = l.Responses.LoadAllThunk(ctx, ids)
		waits = append(waits, func() error {
			lists, err := responses()
			if err != nil || !selects(ctx, field, "revisions") {
				return err
			}
			var published []int64
			for _, list := range lists {
				for _, r := range list {
					if r.Status == models.ResponsePublished {
						published = append(published, r.ID)
					}
				}
			}
			_, err = l.Revisions.LoadAll(ctx, published)
			return err
		})
	}
	for _, wait := range waits {
		if err := wait(); err != nil {
			return err
		}
	}
	return nil
}

// selectedNodeFields returns the fields selected under edges.node of the
// connection being resolved, by name.
func selectedNodeFields(ctx context.Context) map[string]graphql.CollectedField {
	rc := graphql.GetOperationContext(ctx)
	out := map[string]graphql.CollectedField{}
	for _, edges := range graphql.CollectFieldsCtx(ctx, nil) {
		if edges.Name != "edges" {
			continue
		}
		for _, node := range graphql.CollectFields(rc, edges.Selections, nil) {
			if node.Name != "node" {
				continue
			}
			for _, f := range graphql.CollectFields(rc, node.Selections, nil) {
				out[f.Name] = f
			}
		}
	}
	return out
}

// selects reports whether field's selection includes a field named name.
func selects(ctx context.Context, field graphql.CollectedField, name string) bool {
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), field.Selections, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

func appendID(ids []int64, id *int64) []int64 {
	if id == nil {
		return ids
	}
	return append(ids, *id)
}

func thunk[T any](f func() ([]T, error)) func() error {
	return func() error {
		_, err := f()
		return err
	}
}
