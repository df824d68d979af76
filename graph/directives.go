package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kotabaru/tanggap/models"
)

// hasRole is the first gate of staff fields: it reads the caller from the
// context and nothing else, and checks the role with models.RequireRole, as
// the store does again before object-level rules.
func hasRole(ctx context.Context, obj any, next graphql.Resolver, roles []models.Role) (any, error) {
	if err := models.RequireRole(models.UserFromContext(ctx), roles...); err != nil {
		return nil, err
	}
	return next(ctx)
}

// staffOnly hides a field from anonymous callers by returning null.
func staffOnly(ctx context.Context, obj any, next graphql.Resolver) (any, error) {
	if models.UserFromContext(ctx) == nil {
		return nil, nil
	}
	return next(ctx)
}
