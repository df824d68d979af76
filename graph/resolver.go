// Package graph is the GraphQL layer: the schema, thin resolvers that call
// the services of package models, dataloaders, directives, the error
// presenter and the protective limits.
package graph

//go:generate go tool gqlgen generate
//go:generate go run ./internal/inorder generated.go

import (
	"context"
	"time"

	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/markdown"
	"github.com/kotabaru/tanggap/models"
)

// Services are the domain services the resolvers call.
type Services struct {
	Agencies       models.AgencyService
	Users          models.UserService
	Issues         models.IssueService
	Responses      models.ResponseService
	Audit          models.AuditService
	Questions      models.QuestionService
	Accountability models.AccountabilityService
	Search         models.SearchService
	Synonyms       models.SynonymService
	Sessions       models.SessionService
	Calendar       models.WorkingCalendarService
	Trends         models.TrendService
	Webhooks       models.WebhookService
	// Subscriptions keeps the e-mail follows of issues, agencies and searches.
	Subscriptions models.SubscriptionService
}

// Resolver is the root resolver. It holds no state of its own.
type Resolver struct {
	Services
	// Markdown renders response bodies.
	Markdown *markdown.Renderer
	// Login issues a bearer token for an authenticated user, counting the
	// attempt against the rate limits first.
	Login func(ctx context.Context, in models.Login) (*model.LoginPayload, error)
	// PublicURL is the portal's address without a trailing slash, for the
	// absolute url fields.
	PublicURL string
	// Now is the clock of fields that depend on the time (overdue);
	// time.Now when nil.
	Now func() time.Time
	// Live is where subscriptions hear of changes; nil refuses them.
	Live LiveEvents
}

// now reads the resolver's clock.
func (r *Resolver) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}
