package graph

import (
	"context"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// In-order execution (docs/architecture.md, "The path of one request").
//
// gqlgen resolves every resolver field of an object, and every element of
// a list of objects, on a goroutine of its own, so that dataloaders can
// gather the keys of a whole page into one statement. For the pages the
// portal reads most — a page of issues, one issue — prefetchIssues has
// already loaded every edge the operation selects, and the goroutines only
// cost: about a hundred per page, each growing a stack. An operation whose
// every loaded edge is prefetched runs in order on the request's
// goroutine instead: the generated code calls marshalSlice and
// resolveConcurrently (rewritten by internal/inorder after gqlgen
// generates it), which fall back to gqlgen's own concurrency for every
// other operation.

type inOrderKey struct{}

// withInOrder marks ctx as running its operation in order.
func withInOrder(ctx context.Context) context.Context {
	return context.WithValue(ctx, inOrderKey{}, true)
}

// inOrder reports whether ctx runs its operation in order.
func inOrder(ctx context.Context) bool {
	on, _ := ctx.Value(inOrderKey{}).(bool)
	return on
}

// inOrderOperations counts the operations run in order.
var inOrderOperations atomic.Int64

// InOrderOperations returns how many operations this process has run in
// order, for the metrics.
func InOrderOperations() int64 { return inOrderOperations.Load() }

// loadedEdges are the fields whose resolvers load rows through a
// dataloader that waits to gather keys, by the type holding them.
// Agencies and categories are not among them: they are kept in memory
// (store/directory.go), so their loaders answer at once in order.
var loadedEdges = map[string]map[string]bool{
	"Issue":         {"duplicateOf": true, "sources": true, "responses": true, "timeline": true, "questions": true},
	"Response":      {"issue": true, "revisions": true},
	"TimelineEvent": {"actor": true},
	"Question":      {"issue": true, "timeline": true},
	"AuditEntry":    {"actor": true},
}

// prefetchedEdges are the loaded edges prefetchIssues fills for the issues
// of a page, and, under them, what it fills for their children.
var prefetchedEdges = map[string]map[string]bool{
	"Issue":    {"duplicateOf": true, "sources": true, "responses": true, "timeline": true},
	"Response": {"revisions": true},
}

// inOrderPlan reports whether the operation of oc can run in order: a
// query whose root fields are all issues or issue, selecting no loaded
// edge that prefetchIssues does not fill.
func inOrderPlan(oc *graphql.OperationContext) bool {
	if oc == nil || oc.Operation == nil || oc.Operation.Operation != ast.Query {
		return false
	}
	roots := graphql.CollectFields(oc, oc.Operation.SelectionSet, []string{"Query"})
	if len(roots) == 0 {
		return false
	}
	for _, root := range roots {
		switch root.Name {
		case "__typename":
		case "issue":
			if !prefetched(oc, root.Selections, "Issue") {
				return false
			}
		case "issues":
			if !connectionPrefetched(oc, root.Selections) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// connectionPrefetched checks an IssueConnection: its issues are those of
// the prefetched page.
func connectionPrefetched(oc *graphql.OperationContext, sel ast.SelectionSet) bool {
	for _, f := range graphql.CollectFields(oc, sel, []string{"IssueConnection"}) {
		if f.Name != "edges" {
			if !unloaded(oc, f) {
				return false
			}
			continue
		}
		for _, e := range graphql.CollectFields(oc, f.Selections, []string{"IssueEdge"}) {
			if e.Name == "node" {
				if !prefetched(oc, e.Selections, "Issue") {
					return false
				}
			} else if !unloaded(oc, e) {
				return false
			}
		}
	}
	return true
}

// prefetched checks the selection of an object of type typ whose loaded
// edges prefetchIssues filled as far as prefetchedEdges says.
func prefetched(oc *graphql.OperationContext, sel ast.SelectionSet, typ string) bool {
	for _, f := range graphql.CollectFields(oc, sel, []string{typ, "Node"}) {
		if !loadedEdges[typ][f.Name] {
			if !unloaded(oc, f) {
				return false
			}
			continue
		}
		if !prefetchedEdges[typ][f.Name] {
			return false
		}
		child := fieldType(f)
		if typ == "Issue" && f.Name == "responses" {
			// The responses' revisions are prefetched with them.
			if !prefetched(oc, f.Selections, child) {
				return false
			}
		} else if !unloaded(oc, f) {
			return false
		}
	}
	return true
}

// unloaded reports whether nothing under f is a loaded edge.
func unloaded(oc *graphql.OperationContext, f graphql.CollectedField) bool {
	if len(f.Selections) == 0 {
		return true
	}
	typ := fieldType(f)
	for _, c := range graphql.CollectFields(oc, f.Selections, []string{typ, "Node"}) {
		if loadedEdges[typ][c.Name] || !unloaded(oc, c) {
			return false
		}
	}
	return true
}

// fieldType is the name of the object type f returns (through lists and
// non-null).
func fieldType(f graphql.CollectedField) string {
	if f.Definition == nil || f.Definition.Type == nil {
		return ""
	}
	return f.Definition.Type.Name()
}

// inOrderPlanner runs the operations that can run in order that way.
type inOrderPlanner struct{}

func (inOrderPlanner) ExtensionName() string                   { return "InOrder" }
func (inOrderPlanner) Validate(graphql.ExecutableSchema) error { return nil }

func (inOrderPlanner) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if graphql.HasOperationContext(ctx) && planOf(graphql.GetOperationContext(ctx)).inOrder {
		inOrderOperations.Add(1)
		ctx = withInOrder(ctx)
	}
	return next(ctx)
}

// marshalSlice stands in the generated code for
// graphql.MarshalSliceConcurrently: in order, each element on the calling
// goroutine with the same field context and panic handling.
func marshalSlice(ctx context.Context, length int, workerLimit int64, omitPanicHandler bool,
	marshal func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if !inOrder(ctx) || length < 2 {
		return graphql.MarshalSliceConcurrently(ctx, length, workerLimit, omitPanicHandler, marshal)
	}
	ret := make(graphql.Array, length)
	for i := range length {
		index := i
		childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &index})
		ret[i] = marshalElement(childCtx, i, omitPanicHandler, marshal)
	}
	return ret
}

func marshalElement(ctx context.Context, i int, omitPanicHandler bool,
	marshal func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(ctx, graphql.Recover(ctx, r))
				m = graphql.Null
			}
		}()
	}
	return marshal(ctx, i)
}

// resolveConcurrently stands in the generated code for
// FieldSet.ResolveConcurrently: in order, the field is resolved at once,
// counted against out.Invalids as gqlgen counts it. A deferred field keeps
// gqlgen's path.
func resolveConcurrently(ctx context.Context, field graphql.CollectedField, out *graphql.FieldSet,
	oc *graphql.OperationContext, deferred *graphql.DeferredGroup, i int, recoverFromPanic, nonNull bool,
	resolve func(ctx context.Context) graphql.Marshaler) {
	if !inOrder(ctx) || field.IsDeferred() {
		out.ResolveConcurrently(oc, deferred, i, recoverFromPanic, nonNull, resolve)
		return
	}
	v := resolveNow(ctx, oc, recoverFromPanic, resolve)
	out.Values[i] = v
	invalid := graphql.Marshaler(graphql.RequiredNull)
	if nonNull {
		invalid = graphql.Null
	}
	if v == invalid {
		atomic.AddUint32(&out.Invalids, 1)
	}
}

func resolveNow(ctx context.Context, oc *graphql.OperationContext, recoverFromPanic bool,
	resolve func(ctx context.Context) graphql.Marshaler) (m graphql.Marshaler) {
	if recoverFromPanic {
		defer func() {
			if r := recover(); r != nil {
				oc.Error(ctx, oc.Recover(ctx, r))
				m = graphql.Null
			}
		}()
	}
	return resolve(ctx)
}
