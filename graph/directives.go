package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kotabaru/tanggap/models"
)

// hasRole is the first gate of staff fields: it reads the caller from the
// context and nothing else. The store checks object-level rules again.
func hasRole(ctx context.Context, obj any, next graphql.Resolver, roles []models.Role) (any, error) {
	user := models.UserFromContext(ctx)
	if user == nil {
		return nil, models.Errorf(models.EUNAUTHENTICATED, "Silakan masuk terlebih dahulu")
	}
	for _, r := range roles {
		if user.Role == r {
			return next(ctx)
		}
	}
	return nil, models.Errorf(models.EFORBIDDEN, "Anda tidak berwenang melakukan tindakan ini")
}

// staffOnly hides a field from anonymous callers by returning null.
func staffOnly(ctx context.Context, obj any, next graphql.Resolver) (any, error) {
	if models.UserFromContext(ctx) == nil {
		return nil, nil
	}
	return next(ctx)
}
