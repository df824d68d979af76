package graph

import (
	"cmp"
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kotabaru/tanggap/models"
)

// prefetchIssues loads the edges an operation selects on a page of issues,
// one statement per edge not already known (one issue comes with its
// sources and responses), concurrently and without waiting for a batch
// window, before gqlgen resolves the page element by element.
// The per-element resolvers then find everything in the loaders' caches, so
// the number of statements does not depend on the page size or on how the
// goroutines of a large page happen to be scheduled.
func prefetchIssues(ctx context.Context, issues []*models.Issue, node map[string]graphql.CollectedField) error {
	if len(issues) == 0 || len(node) == 0 {
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
	l.Issue.primeAll(ids, issues)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	run := func(f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				mu.Lock()
				first = cmp.Or(first, err)
				mu.Unlock()
			}
		}()
	}
	if _, ok := node["agency"]; ok {
		run(func() error { _, err := l.Agency.prefetch(ctx, distinct(agencyIDs)); return err })
	}
	if _, ok := node["category"]; ok {
		run(func() error { _, err := l.Category.prefetch(ctx, distinct(categoryIDs)); return err })
	}
	if _, ok := node["duplicateOf"]; ok {
		run(func() error { _, err := l.Issue.prefetch(ctx, distinct(duplicateIDs)); return err })
	}
	if _, ok := node["sources"]; ok {
		run(func() error { _, err := l.Sources.ensure(ctx, ids); return err })
	}
	if _, ok := node["timeline"]; ok {
		run(func() error { _, err := l.Events.prefetch(ctx, ids); return err })
	}
	if field, ok := node["responses"]; ok {
		run(func() error {
			lists, err := l.Responses.ensure(ctx, ids)
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
			_, err = l.Revisions.prefetch(ctx, published)
			return err
		})
	}
	wg.Wait()
	return first
}

func distinct(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// selectedFields returns the fields selected on the object being resolved,
// by name.
func selectedFields(ctx context.Context) map[string]graphql.CollectedField {
	out := map[string]graphql.CollectedField{}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		out[f.Name] = f
	}
	return out
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

// selectsCursor reports whether the connection being resolved selects a
// cursor, of an edge or of the page, under any alias.
func selectsCursor(ctx context.Context) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch {
		case f.Name == "edges" && selects(ctx, f, "cursor"),
			f.Name == "pageInfo" && (selects(ctx, f, "startCursor") || selects(ctx, f, "endCursor")):
			return true
		}
	}
	return false
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
