package graph

import (
	"context"
	"math"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/graph/scalar"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/ratelimit"
)

// maxIntrospectionFields bounds the __schema and __type fields of one
// operation; GraphiQL sends one.
const maxIntrospectionFields = 3

// depthLimit refuses operations nested deeper than Max before any resolver
// runs. Fragments count at the depth where they are spread.
type depthLimit struct{ Max int }

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// operationShape is what depthLimit measures of an operation. It depends on
// the document alone, so it is kept by the document's text and operation
// name (shapes) rather than walked again at every request.
type operationShape struct{ introspection, depth int }

var shapes keptByText[operationShape]

func (d depthLimit) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	key := keyOf(rc)
	shape, ok := shapes.get(key)
	if !ok {
		shape = shapeOf(rc)
		shapes.put(key, shape)
	}
	if shape.introspection > maxIntrospectionFields {
		err := gqlerror.Errorf("operasi memuat %d kueri introspeksi; batasnya %d", shape.introspection, maxIntrospectionFields)
		err.Extensions = map[string]any{"code": "INTROSPECTION_LIMIT_EXCEEDED"}
		return err
	}
	if shape.depth > d.Max {
		err := gqlerror.Errorf("operasi terlalu dalam: kedalaman %d melebihi batas %d", shape.depth, d.Max)
		err.Extensions = map[string]any{"code": "DEPTH_LIMIT_EXCEEDED"}
		return err
	}
	return nil
}

// shapeOf walks the operation. The cost calculation skips introspection,
// so its root fields are counted here: aliased copies of the schema would
// be free otherwise.
func shapeOf(rc *graphql.OperationContext) operationShape {
	var shape operationShape
	for _, name := range rootFields(rc) {
		if name == "__schema" || name == "__type" {
			shape.introspection++
		}
	}
	shape.depth = selectionDepth(rc.Operation.SelectionSet, rc.Doc.Fragments, 0, map[string]bool{})
	return shape
}

func selectionDepth(set ast.SelectionSet, fragments ast.FragmentDefinitionList, depth int, visiting map[string]bool) int {
	deepest := depth
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.SelectionSet) == 0 {
				d = depth + 1
			} else {
				d = selectionDepth(s.SelectionSet, fragments, depth+1, visiting)
			}
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, fragments, depth, visiting)
		case *ast.FragmentSpread:
			def := fragments.ForName(s.Name)
			if def == nil || visiting[s.Name] {
				continue
			}
			visiting[s.Name] = true
			d = selectionDepth(def.SelectionSet, fragments, depth, visiting)
			delete(visiting, s.Name)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// costReport adds the operation's computed cost to the response's
// extensions, so clients can see how close they are to the limit.
type costReport struct{}

func (costReport) ExtensionName() string                   { return "CostReport" }
func (costReport) Validate(graphql.ExecutableSchema) error { return nil }

func (costReport) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return resp
	}
	if stats := extensionComplexity(ctx); stats != nil {
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["cost"] = stats
	}
	return resp
}

// FieldLimits are rate limits counted per root field of an operation, so
// that aliases cannot batch many attempts into one request. Every limit is
// checked before any resolver runs; a limiter that counts in a shared store
// makes all instances of the service enforce it together.
type FieldLimits struct {
	// PerAddress limits each client address; the key "*" applies to fields
	// without a limit of their own, each such field counted on its own.
	PerAddress map[string]*ratelimit.Limiter
	// PerAccount limits each signed-in account the same way.
	PerAccount map[string]*ratelimit.Limiter
	// Rejected is called once per refused operation, for metrics.
	Rejected func(field string)
}

func (FieldLimits) ExtensionName() string                   { return "FieldRateLimit" }
func (FieldLimits) Validate(graphql.ExecutableSchema) error { return nil }

func (l FieldLimits) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	addr := models.ClientAddrFromContext(ctx)
	user := models.UserFromContext(ctx)
	for _, field := range rootFields(rc) {
		wait := allow(ctx, l.PerAddress, field, "addr:"+addr)
		if user != nil {
			wait = max(wait, allow(ctx, l.PerAccount, field, "user:"+strconv.FormatInt(user.ID, 10)))
		}
		if wait > 0 {
			if l.Rejected != nil {
				l.Rejected(field)
			}
			seconds := int(math.Ceil(wait.Seconds()))
			markRateLimited(ctx, seconds)
			err := gqlerror.Errorf("Terlalu banyak permintaan untuk %s. Coba lagi dalam %d detik.", field, seconds)
			err.Extensions = map[string]any{"code": models.ERATELIMITED, "retryAfter": seconds}
			return err
		}
	}
	return nil
}

// allow counts one attempt of field against the limiter that applies to it
// and returns how long to wait when it is refused.
func allow(ctx context.Context, limits map[string]*ratelimit.Limiter, field, key string) time.Duration {
	limiter := limits[field]
	if limiter == nil {
		limiter = limits["*"]
	}
	if limiter == nil {
		return 0
	}
	if ok, wait := limiter.AllowContext(ctx, field+"|"+key); !ok {
		return max(wait, time.Second)
	}
	return 0
}

// rootFields lists the root field of every selection of the operation,
// aliases included, one entry per execution.
func rootFields(rc *graphql.OperationContext) []string {
	var names []string
	var walk func(set ast.SelectionSet, seen map[string]bool)
	walk = func(set ast.SelectionSet, seen map[string]bool) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				names = append(names, s.Name)
			case *ast.InlineFragment:
				walk(s.SelectionSet, seen)
			case *ast.FragmentSpread:
				if def := rc.Doc.Fragments.ForName(s.Name); def != nil && !seen[s.Name] {
					seen[s.Name] = true
					walk(def.SelectionSet, seen)
				}
			}
		}
	}
	walk(rc.Operation.SelectionSet, map[string]bool{})
	return names
}

// complexityLimit is gqlgen's complexity limit with the costs of passing
// operations kept: the walk over the operation was a twentieth of the
// processor time of one issue's page (docs/performance.md, "Plans and
// buffers kept"). A cost is kept by the document's text and operation name
// only when it cannot depend on the variables: every variable the operation
// declares is a single String or ID, and the cost functions below read no
// argument of those types (they read counts, lists, flags and times). An
// operation over its limit is walked every time, to say so.
type complexityLimit struct{ *extension.ComplexityLimit }

var complexities keptByText[*extension.ComplexityStats]

func (c complexityLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	key, keep := complexityKey(oc)
	if keep {
		if stats, ok := complexities.get(key); ok {
			oc.Stats.SetExtension(c.ExtensionName(), stats)
			return nil
		}
	}
	if err := c.ComplexityLimit.MutateOperationContext(ctx, oc); err != nil {
		return err
	}
	if stats, ok := oc.Stats.GetExtension(c.ExtensionName()).(*extension.ComplexityStats); ok && keep {
		complexities.put(key, stats)
	}
	return nil
}

// complexityKey is the key of oc's cost, if its variables cannot change it.
func complexityKey(oc *graphql.OperationContext) (documentKey, bool) {
	if oc.RawQuery == "" || oc.Operation == nil {
		return documentKey{}, false
	}
	for _, v := range oc.Operation.VariableDefinitions {
		if v.Type == nil || v.Type.Elem != nil || (v.Type.NamedType != "String" && v.Type.NamedType != "ID") {
			return documentKey{}, false
		}
	}
	return keyOf(oc), true
}

// complexity multiplies the cost of each list by the number of elements it
// may return, so `first` and aliases are both counted.
func complexity(c *ComplexityRoot) {
	page := func(first *int) int {
		if first == nil || *first < 1 {
			return 20
		}
		return *first
	}
	c.Query.Issues = func(child int, _ *model.IssueFilter, _ *models.IssueOrder, first *int, _ *string) int {
		return 1 + child*page(first)
	}
	c.Query.AuditLog = func(child int, _ *model.AuditFilter, first *int, _ *string) int {
		return 1 + child*page(first)
	}
	c.Query.Agencies = func(child int) int { return 1 + child*30 }
	c.Query.Categories = func(child int) int { return 1 + child*20 }
	c.Query.Users = func(child int) int { return 1 + child*50 }
	c.Query.MySessions = func(child int) int { return 1 + child*models.MaxListedSessions }
	c.Query.Search = func(child int, _ string, _ *models.SearchFilter, _ *models.SearchOrder, first *int, _ *string) int {
		return 1 + child*page(first)
	}
	c.Query.SearchSynonyms = func(child int) int { return 1 + child*100 }
	c.Query.Node = func(child int, _ scalar.NodeID) int { return 1 + child }
	c.Query.Nodes = func(child int, ids []*scalar.NodeID) int { return 1 + child*max(len(ids), 1) }
	c.Issue.Sources = func(child int) int { return 1 + child*5 }
	c.Issue.Responses = func(child int) int { return 1 + child*2 }
	c.Issue.Timeline = func(child int) int { return 1 + child*10 }
	c.Response.Revisions = func(child int) int { return 1 + child*3 }
	c.Query.Questions = func(child int, _ *model.QuestionFilter, first *int, _ *string) int {
		return 1 + child*page(first)
	}
	c.Issue.Questions = func(child int) int { return 1 + child*5 }
	// A full verification re-reads the whole chain: a few per operation at
	// most. The public one re-reads only what was appended since the last.
	c.Query.AuditVerification = func(child int, full bool) int {
		if full {
			return 1500 + child
		}
		return 50 + child
	}
	c.Issue.DueExplanation = func(child int) int { return 5 + child }
	c.DueExplanation.Days = func(child int) int { return 1 + child*20 }
	c.Query.ResponseTimeReport = func(child int, _ *time.Time, _ *time.Time, _ *string) int { return 50 + child }
	c.ResponseTimeReport.Agencies = func(child int) int { return 1 + child*30 }
	c.AgencyResponseTimes.Waiting = func(child int) int { return 1 + child*20 }
	c.AgencyResponseTimes.Issues = func(child int, _ models.ReportFigure) int { return 1 + child*50 }
	c.Query.InformationReport = func(child int, _ int, _ string) int { return 20 + child }
	// A trend costs its months: twelve by default, at most sixty.
	c.Query.ResponseTimeTrend = func(child int, from, to *time.Time, _ *string) int { return 50 + child*trendMonths(from, to) }
	c.ResponseTimeTrend.Months = func(child int) int { return 1 + child }
	c.ResponseTimeTrendMonth.Agencies = func(child int) int { return 1 + child*20 }
	c.InformationReport.Requests = func(child int) int { return 1 + child*50 }
	// A regency registers a handful of webhooks; their attempt logs hold
	// leaf fields only (counted once below).
	c.Query.Webhooks = func(child int) int { return 1 + child*10 }
	c.Webhook.Deliveries = func(child int) int { return 1 + child*webhookDeliveriesListed }
	// Lists whose elements hold leaf fields only, so that nothing selected
	// below them is multiplied: each counts once, as gqlgen counts a field
	// without a function. The facets belong to one page of search results,
	// which Query.search already multiplies by its size.
	once := func(child int) int { return 1 + child }
	c.Query.AuditActions = once
	c.Query.Holidays = func(child int, _ int) int { return once(child) }
	c.Query.ResponsePolicies = once
	c.WorkingHours.Days = once
	c.Webhook.Events = once
	c.WebhookDelivery.AttemptLog = once
	c.ImportHolidaysPayload.Added = once
	c.ImportHolidaysPayload.Skipped = once
	c.Question.Timeline = once
	c.SearchFacets.Agencies = once
	c.SearchFacets.Categories = once
	c.SearchFacets.Verdicts = once
	c.Query.SubscriptionStats = once
}

// trendMonths estimates the calendar months of a trend's period, for its
// cost: twelve without a start, at most sixty.
func trendMonths(from, to *time.Time) int {
	if from == nil {
		return 12
	}
	end := time.Now()
	if to != nil {
		end = *to
	}
	months := (end.Year()-from.Year())*12 + int(end.Month()) - int(from.Month()) + 1
	return max(1, min(months, models.MaxTrendMonths))
}

func extensionComplexity(ctx context.Context) map[string]int {
	if !graphql.HasOperationContext(ctx) {
		return nil
	}
	stats := extension.GetComplexityStats(ctx)
	if stats == nil {
		return nil
	}
	return map[string]int{"complexity": stats.Complexity, "limit": stats.ComplexityLimit}
}
