package graph

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kotabaru/tanggap/graph/model"
	"github.com/kotabaru/tanggap/graph/scalar"
	"github.com/kotabaru/tanggap/models"
)

// Direct answers (docs/architecture.md, "The path of one request").
//
// gqlgen executes an operation field by field: for every field of every
// object it builds a field context, runs the field interceptors, boxes the
// value and keeps a marshaler for it, and then writes them all. A page of
// twenty issues with their agencies and responses has some four hundred
// fields, and that machinery cost more processor time than reading the
// rows (docs/performance.md, "Direct answers"). An operation that runs in
// order (sequential.go) and selects only the fields listed in
// directFields is answered by directSchema instead: it collects the
// selection once per object type rather than once per object, calls the
// same resolvers for the values and writes the JSON with gqlgen's own
// scalar marshalers — strings with appendQuoted (body.go), which writes
// what gqlgen's MarshalString writes — so the bytes are the ones gqlgen
// would write (TestDirectAnswers compares them). Anything it does not know, and any
// error or null where the schema forbids one, is left to gqlgen: the
// operation is then executed again by gqlgen, which answers as it always
// does. Reads have no side effects, and the request's loaders keep what
// the first attempt loaded.

// directFields are the fields directSchema answers, by the type holding
// them, with the object type each returns ("" for a scalar or an enum).
// Fields with arguments (other than the root fields') or with a directive
// in the schema, such as @staffOnly, are never answered directly.
var directFields = map[string]map[string]string{
	"Query":           {"issues": "IssueConnection", "issue": "Issue"},
	"IssueConnection": {"edges": "IssueEdge", "pageInfo": "PageInfo", "totalCount": ""},
	"IssueEdge":       {"cursor": "", "node": "Issue"},
	"PageInfo":        {"hasNextPage": "", "hasPreviousPage": "", "startCursor": "", "endCursor": ""},
	"Issue": {
		"id": "", "number": "", "title": "", "summary": "", "kind": "", "status": "", "priority": "",
		"verdict": "", "verdictLabel": "", "category": "Category", "agency": "Agency", "internal": "",
		"duplicateOf": "Issue", "sources": "IssueSource", "responses": "Response", "createdAt": "",
		"updatedAt": "", "assignedAt": "", "acknowledgedAt": "", "answeredAt": "", "closedAt": "",
		"acknowledgeDueAt": "", "answerDueAt": "", "url": "",
	},
	"Agency":      {"id": "", "slug": "", "name": "", "shortName": "", "description": "", "url": ""},
	"Category":    {"id": "", "slug": "", "name": "", "description": ""},
	"Response":    {"id": "", "agency": "Agency", "status": "", "body": "", "bodyHTML": "", "verdict": "", "verdictLabel": "", "revision": "", "publishedAt": "", "updatedAt": ""},
	"IssueSource": {"id": "", "platform": "", "url": "", "claimText": "", "detectedAt": ""},
}

// directImplementors are the type names a selection on each type may
// name in its fragments, as the generated code passes them to gqlgen.
var directImplementors = map[string][]string{
	"Query": queryImplementors, "IssueConnection": issueConnectionImplementors,
	"IssueEdge": issueEdgeImplementors, "PageInfo": pageInfoImplementors, "Issue": issueImplementors,
	"Agency": agencyImplementors, "Category": categoryImplementors, "Response": responseImplementors,
	"IssueSource": issueSourceImplementors,
}

// directOperations counts the operations answered directly.
var directOperations atomic.Int64

// DirectOperations returns how many operations this process has answered
// directly, for the metrics.
func DirectOperations() int64 { return directOperations.Load() }

// errNotDirect sends an operation back to gqlgen's execution.
var errNotDirect = errors.New("not answered directly")

// directSchema is the generated schema with direct answers in front of
// its execution.
type directSchema struct {
	*executableSchema
}

func (s directSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	plan := planOf(oc)
	if !plan.direct {
		return s.executableSchema.Exec(ctx)
	}
	var fallback graphql.ResponseHandler
	answered := false
	return func(ctx context.Context) *graphql.Response {
		switch {
		case fallback != nil:
			return fallback(ctx)
		case answered:
			return nil
		}
		if inOrder(ctx) {
			if data, ok := s.answer(ctx, oc, plan); ok {
				answered = true
				directOperations.Add(1)
				return &graphql.Response{Data: data}
			}
		}
		fallback = s.executableSchema.Exec(ctx)
		return fallback(ctx)
	}
}

// answer writes the data of the operation, or reports that gqlgen must
// execute it: on an error, and on a panic, which is logged as gqlgen logs
// one (gqlgen's execution then meets it again if it is a resolver's).
func (s directSchema) answer(ctx context.Context, oc *graphql.OperationContext, plan *operationPlan) (data []byte, ok bool) {
	w := &directWriter{oc: oc, es: s.executableSchema, buf: takeBuffer()}
	defer func() {
		if p := recover(); p != nil {
			recoverPanic(ctx, p)
			data, ok = nil, false
		}
		if !ok {
			giveBuffer(w.buf)
		}
	}()
	if err := w.query(models.NewContextWithReadParts(ctx, plan.parts), plan.roots); err != nil {
		return nil, false
	}
	// The buffer goes back once responseBody has copied the answer out.
	afterBody(ctx, func() { giveBuffer(w.buf) })
	return w.buf.Bytes(), true
}

// operationPlan is what an operation's document decides, whatever its
// variables: whether it runs in order (sequential.go), and whether and
// how it is answered directly.
type operationPlan struct {
	inOrder bool
	direct  bool
	roots   []directField
	parts   models.ReadParts
}

func planOperation(oc *graphql.OperationContext) *operationPlan {
	p := &operationPlan{inOrder: inOrderPlan(oc)}
	if p.inOrder {
		if p.roots, p.direct = directSelection(oc, oc.Operation.SelectionSet, "Query"); p.direct {
			p.parts = readParts(p.roots)
		}
	}
	return p
}

// plans keeps the plans of documents by their text and operation name, so
// a document sent again is not walked again: the selection of a page of
// issues was collected twice per request, for the in-order check and for
// the direct answer, which allocated a tenth of the request's memory
// (docs/performance.md, "Plans and buffers kept"). A document holding a
// directive is planned at every request, since @skip and @include make
// the selection depend on variables.
var plans keptByText[*operationPlan]

// planOf returns the plan of oc's operation.
func planOf(oc *graphql.OperationContext) *operationPlan {
	if oc == nil || oc.Operation == nil {
		return &operationPlan{}
	}
	if oc.RawQuery == "" || strings.Contains(oc.RawQuery, "@") {
		return planOperation(oc)
	}
	key := keyOf(oc)
	if p, ok := plans.get(key); ok {
		return p
	}
	p := planOperation(oc)
	plans.put(key, p)
	return p
}

// Answers are written into buffers kept for the next request: grown
// afresh for every answer, a page's buffer was copied four times on its
// way to its size. One larger than maxKeptBuffer is left to the garbage
// collector.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxKeptBuffer = 1 << 20

func takeBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

func giveBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxKeptBuffer {
		b.Reset()
		buffers.Put(b)
	}
}

// directField is one field of a selection, with the fields selected on
// the object it returns.
type directField struct {
	graphql.CollectedField
	fields []directField
}

// directSelection collects sel on an object of type typ, and under it,
// once per selection; ok is false if anything in it is not answered
// directly.
func directSelection(oc *graphql.OperationContext, sel ast.SelectionSet, typ string) (fields []directField, ok bool) {
	known := directFields[typ]
	for _, f := range graphql.CollectFields(oc, sel, directImplementors[typ]) {
		if f.Name == "__typename" {
			fields = append(fields, directField{CollectedField: f})
			continue
		}
		child, ok := known[f.Name]
		if !ok || f.Definition == nil || len(f.Deferrables) > 0 || len(f.Definition.Directives) > 0 ||
			(typ != "Query" && len(f.Definition.Arguments) > 0) || fieldType(f) != cmp.Or(child, fieldType(f)) {
			return nil, false
		}
		field := directField{CollectedField: f}
		if child != "" {
			if field.fields, ok = directSelection(oc, f.Selections, child); !ok {
				return nil, false
			}
		}
		fields = append(fields, field)
	}
	return fields, true
}

// readParts names the costly parts of issues and responses that no field
// of the operation reads, for the store to leave out of its reads. Should
// the operation go back to gqlgen, the rows it finds already loaded lack
// only what this same operation does not read.
func readParts(roots []directField) models.ReadParts {
	p := models.ReadParts{NoIssueProgress: true, NoResponseHTML: true}
	var walk func(fields []directField, typ string)
	walk = func(fields []directField, typ string) {
		for _, f := range fields {
			switch {
			case typ == "Issue" && issueProgress[f.Name]:
				p.NoIssueProgress = false
			case typ == "Response" && f.Name == "bodyHTML":
				p.NoResponseHTML = false
			}
			if child := directFields[typ][f.Name]; child != "" {
				walk(f.fields, child)
			}
		}
	}
	walk(roots, "Query")
	return p
}

// issueProgress are the fields of Issue read from the times that
// models.ReadParts.NoIssueProgress leaves out.
var issueProgress = map[string]bool{"assignedAt": true, "acknowledgedAt": true, "answeredAt": true,
	"closedAt": true, "acknowledgeDueAt": true, "answerDueAt": true}

// directWriter writes one answer.
type directWriter struct {
	oc  *graphql.OperationContext
	es  *executableSchema
	buf *bytes.Buffer
}

// object writes the fields of one object; value writes each field's value.
func (w *directWriter) object(fields []directField, typename string, value func(f *directField) error) error {
	w.buf.WriteByte('{')
	for i := range fields {
		f := &fields[i]
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.str(f.Alias)
		w.buf.WriteByte(':')
		if f.Name == "__typename" {
			w.str(typename)
			continue
		}
		if err := value(f); err != nil {
			return err
		}
	}
	w.buf.WriteByte('}')
	return nil
}

func (w *directWriter) query(ctx context.Context, roots []directField) error {
	ec := newExecutionContext(w.oc, w.es, nil)
	q := w.es.Resolvers.Query()
	return w.object(roots, "Query", func(f *directField) error {
		var args map[string]any
		var err error
		switch f.Name {
		case "issues":
			args, err = ec.field_Query_issues_args(ctx, f.ArgumentMap(w.oc.Variables))
		case "issue":
			args, err = ec.field_Query_issue_args(ctx, f.ArgumentMap(w.oc.Variables))
		}
		if err != nil || checkArguments(f.Field, w.oc.Variables) != nil {
			return errNotDirect
		}
		fctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{
			Object: "Query", Field: f.CollectedField, Args: args, IsMethod: true, IsResolver: true,
		})
		switch f.Name {
		case "issues":
			conn, err := q.Issues(fctx, args["filter"].(*model.IssueFilter), args["orderBy"].(*models.IssueOrder),
				args["first"].(*int), args["after"].(*string))
			if err != nil || conn == nil {
				return errNotDirect
			}
			return w.connection(ctx, f.fields, conn)
		case "issue":
			issue, err := q.Issue(fctx, args["number"].(string))
			if err != nil {
				return errNotDirect
			}
			if issue == nil {
				w.null()
				return nil
			}
			return w.issue(ctx, f.fields, issue)
		}
		return errNotDirect
	})
}

func (w *directWriter) connection(ctx context.Context, fields []directField, conn *model.IssueConnection) error {
	return w.object(fields, "IssueConnection", func(f *directField) error {
		switch f.Name {
		case "edges":
			return list(w, conn.Edges, func(e *model.IssueEdge) error {
				return w.object(f.fields, "IssueEdge", func(f *directField) error {
					switch f.Name {
					case "cursor":
						w.str(e.Cursor)
					case "node":
						if e.Node == nil {
							return errNotDirect
						}
						return w.issue(ctx, f.fields, e.Node)
					default:
						return errNotDirect
					}
					return nil
				})
			})
		case "pageInfo":
			p := conn.PageInfo
			if p == nil {
				return errNotDirect
			}
			return w.object(f.fields, "PageInfo", func(f *directField) error {
				switch f.Name {
				case "hasNextPage":
					w.marshal(graphql.MarshalBoolean(p.HasNextPage))
				case "hasPreviousPage":
					w.marshal(graphql.MarshalBoolean(p.HasPreviousPage))
				case "startCursor":
					w.optStr(p.StartCursor)
				case "endCursor":
					w.optStr(p.EndCursor)
				default:
					return errNotDirect
				}
				return nil
			})
		case "totalCount":
			w.marshal(graphql.MarshalInt(conn.TotalCount))
		default:
			return errNotDirect
		}
		return nil
	})
}

func (w *directWriter) issue(ctx context.Context, fields []directField, issue *models.Issue) error {
	r := w.es.Resolvers.Issue()
	return w.object(fields, "Issue", func(f *directField) error {
		switch f.Name {
		case "id":
			return w.id(r.ID(ctx, issue))
		case "number":
			w.str(issue.Number)
		case "title":
			w.str(issue.Title)
		case "summary":
			w.str(issue.Summary)
		case "kind":
			w.marshal(issue.Kind)
		case "status":
			w.marshal(issue.Status)
		case "priority":
			if issue.Priority == nil {
				w.null()
			} else {
				w.marshal(issue.Priority)
			}
		case "verdict":
			w.verdict(issue.Verdict)
		case "verdictLabel":
			return w.optStrOf(r.VerdictLabel(ctx, issue))
		case "category":
			c, err := r.Category(ctx, issue)
			return optional(w, c, err, func(c *models.Category) error { return w.category(ctx, f.fields, c) })
		case "agency":
			a, err := r.Agency(ctx, issue)
			return optional(w, a, err, func(a *models.Agency) error { return w.agency(ctx, f.fields, a) })
		case "internal":
			w.marshal(graphql.MarshalBoolean(issue.Internal))
		case "duplicateOf":
			d, err := r.DuplicateOf(ctx, issue)
			return optional(w, d, err, func(d *models.Issue) error { return w.issue(ctx, f.fields, d) })
		case "sources":
			sources, err := r.Sources(ctx, issue)
			if err != nil {
				return errNotDirect
			}
			return list(w, sources, func(s *models.IssueSource) error { return w.source(ctx, f.fields, s) })
		case "responses":
			responses, err := r.Responses(ctx, issue)
			if err != nil {
				return errNotDirect
			}
			return list(w, responses, func(x *models.Response) error { return w.response(ctx, f.fields, x) })
		case "createdAt":
			return w.time(issue.CreatedAt)
		case "updatedAt":
			return w.time(issue.UpdatedAt)
		case "assignedAt":
			w.optTime(issue.AssignedAt)
		case "acknowledgedAt":
			w.optTime(issue.AcknowledgedAt)
		case "answeredAt":
			w.optTime(issue.AnsweredAt)
		case "closedAt":
			w.optTime(issue.ClosedAt)
		case "acknowledgeDueAt":
			w.optTime(issue.AcknowledgeDueAt)
		case "answerDueAt":
			w.optTime(issue.AnswerDueAt)
		case "url":
			return w.strOf(r.URL(ctx, issue))
		default:
			return errNotDirect
		}
		return nil
	})
}

func (w *directWriter) agency(ctx context.Context, fields []directField, a *models.Agency) error {
	r := w.es.Resolvers.Agency()
	return w.object(fields, "Agency", func(f *directField) error {
		switch f.Name {
		case "id":
			return w.id(r.ID(ctx, a))
		case "slug":
			w.str(a.Slug)
		case "name":
			w.str(a.Name)
		case "shortName":
			w.str(a.ShortName)
		case "description":
			w.str(a.Description)
		case "url":
			return w.strOf(r.URL(ctx, a))
		default:
			return errNotDirect
		}
		return nil
	})
}

func (w *directWriter) category(ctx context.Context, fields []directField, c *models.Category) error {
	return w.object(fields, "Category", func(f *directField) error {
		switch f.Name {
		case "id":
			return w.id(w.es.Resolvers.Category().ID(ctx, c))
		case "slug":
			w.str(c.Slug)
		case "name":
			w.str(c.Name)
		case "description":
			w.str(c.Description)
		default:
			return errNotDirect
		}
		return nil
	})
}

func (w *directWriter) response(ctx context.Context, fields []directField, x *models.Response) error {
	r := w.es.Resolvers.Response()
	return w.object(fields, "Response", func(f *directField) error {
		switch f.Name {
		case "id":
			return w.id(r.ID(ctx, x))
		case "agency":
			a, err := r.Agency(ctx, x)
			if err != nil || a == nil {
				return errNotDirect
			}
			return w.agency(ctx, f.fields, a)
		case "status":
			w.marshal(x.Status)
		case "body":
			w.str(x.Body)
		case "bodyHTML":
			w.str(x.BodyHTML)
		case "verdict":
			w.verdict(x.Verdict)
		case "verdictLabel":
			return w.optStrOf(r.VerdictLabel(ctx, x))
		case "revision":
			w.marshal(graphql.MarshalInt(x.Revision))
		case "publishedAt":
			w.optTime(x.PublishedAt)
		case "updatedAt":
			return w.time(x.UpdatedAt)
		default:
			return errNotDirect
		}
		return nil
	})
}

func (w *directWriter) source(ctx context.Context, fields []directField, s *models.IssueSource) error {
	r := w.es.Resolvers.IssueSource()
	return w.object(fields, "IssueSource", func(f *directField) error {
		switch f.Name {
		case "id":
			return w.id(r.ID(ctx, s))
		case "platform":
			w.marshal(s.Platform)
		case "url":
			return w.optStrOf(r.URL(ctx, s))
		case "claimText":
			w.str(s.ClaimText)
		case "detectedAt":
			return w.time(s.DetectedAt)
		default:
			return errNotDirect
		}
		return nil
	})
}

// list writes a list whose elements may not be null.
func list[T any](w *directWriter, items []*T, each func(*T) error) error {
	w.buf.WriteByte('[')
	for i, item := range items {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		if item == nil {
			return errNotDirect
		}
		if err := each(item); err != nil {
			return err
		}
	}
	w.buf.WriteByte(']')
	return nil
}

// optional writes the object an edge leads to, or null where it has none.
func optional[T any](w *directWriter, v *T, err error, write func(*T) error) error {
	switch {
	case err != nil:
		return errNotDirect
	case v == nil:
		w.null()
		return nil
	}
	return write(v)
}

func (w *directWriter) marshal(m graphql.Marshaler) { m.MarshalGQL(w.buf) }
func (w *directWriter) null()                       { w.buf.WriteString("null") }
func (w *directWriter) str(s string) {
	w.buf.Grow(len(s) + 2) // the quotes; escapes, rare, may grow it again
	w.buf.Write(appendQuoted(w.buf.AvailableBuffer(), s))
}

func (w *directWriter) optStr(s *string) {
	if s == nil {
		w.null()
		return
	}
	w.str(*s)
}

// strOf and optStrOf write a resolver's string.
func (w *directWriter) strOf(s string, err error) error {
	if err != nil {
		return errNotDirect
	}
	w.str(s)
	return nil
}

func (w *directWriter) optStrOf(s *string, err error) error {
	if err != nil {
		return errNotDirect
	}
	w.optStr(s)
	return nil
}

func (w *directWriter) verdict(v *models.Verdict) {
	if v == nil {
		w.null()
		return
	}
	w.marshal(v)
}

func (w *directWriter) id(id *scalar.NodeID, err error) error {
	if err != nil || id == nil {
		return errNotDirect
	}
	w.marshal(id)
	return nil
}

// time writes a Time!; a time gqlgen would refuse goes back to it.
func (w *directWriter) time(t time.Time) error {
	m := scalar.MarshalTime(t)
	if m == graphql.Null {
		return errNotDirect
	}
	w.marshal(m)
	return nil
}

func (w *directWriter) optTime(t *time.Time) {
	if t == nil {
		w.null()
		return
	}
	w.marshal(scalar.MarshalTime(*t))
}
