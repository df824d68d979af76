package graph

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kotabaru/tanggap/graph/scalar"
	"github.com/kotabaru/tanggap/models"
)

// inputCheck holds every argument to the rules that no resolver should have
// to repeat:
//
//   - a variable of a custom scalar (Time) that does not read is a request
//     error, refused before anything runs (400 with
//     application/graphql-response+json), as a variable of the wrong built-in
//     type is; gqlgen itself would only fail the fields that use it;
//   - a string with a NUL character or bytes that are not UTF-8, in any
//     argument or input field, is refused with BAD_USER_INPUT naming the
//     argument, before the resolver runs: PostgreSQL cannot take such text
//     and would fail the query as an internal error.
type inputCheck struct {
	schema *ast.Schema
}

var (
	_ graphql.HandlerExtension        = (*inputCheck)(nil)
	_ graphql.OperationContextMutator = (*inputCheck)(nil)
	_ graphql.FieldInterceptor        = (*inputCheck)(nil)
)

// customScalars reads each custom scalar of the schema as its resolvers
// would.
var customScalars = map[string]func(any) error{
	"Time": func(v any) error { _, err := scalar.UnmarshalTime(v); return err },
	"Date": func(v any) error { _, err := scalar.UnmarshalDate(v); return err },
	"ID":   func(v any) error { _, err := scalar.ParseNodeID(v); return err },
}

func (*inputCheck) ExtensionName() string { return "InputCheck" }

func (c *inputCheck) Validate(schema graphql.ExecutableSchema) error {
	c.schema = schema.Schema()
	return nil
}

// MutateOperationContext reads every variable of a custom scalar type.
func (c *inputCheck) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	for _, def := range oc.Operation.VariableDefinitions {
		value, ok := oc.Variables[def.Variable]
		if !ok {
			continue
		}
		if err := c.checkVariable("$"+def.Variable, def.Type, value); err != nil {
			markRequestError(ctx)
			return err
		}
	}
	return nil
}

func (c *inputCheck) checkVariable(path string, typ *ast.Type, value any) *gqlerror.Error {
	if value == nil || typ == nil {
		return nil
	}
	if typ.Elem != nil {
		list, ok := value.([]any)
		if !ok {
			return c.checkVariable(path, typ.Elem, value) // a single value stands for a list of one
		}
		for i, v := range list {
			if err := c.checkVariable(path+"["+strconv.Itoa(i)+"]", typ.Elem, v); err != nil {
				return err
			}
		}
		return nil
	}
	if read, ok := customScalars[typ.NamedType]; ok {
		if err := read(value); err != nil {
			return requestError(path, err.Error())
		}
		return nil
	}
	def := c.schema.Types[typ.NamedType]
	fields, ok := value.(map[string]any)
	if def == nil || def.Kind != ast.InputObject || !ok {
		return nil
	}
	for _, f := range def.Fields {
		if err := c.checkVariable(path+"."+f.Name, f.Type, fields[f.Name]); err != nil {
			return err
		}
	}
	return nil
}

// requestError refuses the operation before it runs; its code makes it a
// protocol error (see NewHandler).
func requestError(field, message string) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    field + ": " + message,
		Err:        models.Invalid(field, "%s", message),
		Extensions: map[string]any{"code": models.EINVALID, "field": field},
	}
}

// InterceptField checks the string arguments of each field that has any.
func (c *inputCheck) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || len(fc.Field.Arguments) == 0 {
		return next(ctx)
	}
	var vars map[string]any
	if graphql.HasOperationContext(ctx) {
		vars = graphql.GetOperationContext(ctx).Variables
	}
	if err := checkArguments(fc.Field.Field, vars); err != nil {
		return nil, err
	}
	return next(ctx)
}

// checkArguments checks every string in the arguments of field.
func checkArguments(field *ast.Field, vars map[string]any) error {
	for _, arg := range field.Arguments {
		value, err := arg.Value.Value(vars)
		if err != nil {
			continue // gqlgen has refused it already
		}
		if err := checkStrings(arg.Name, value); err != nil {
			return err
		}
	}
	return nil
}

// checkStrings walks an argument's value and checks every string in it.
func checkStrings(path string, value any) error {
	switch v := value.(type) {
	case string:
		return models.CheckArgument(path, v)
	case []any:
		for i, item := range v {
			if err := checkStrings(fmt.Sprintf("%s[%d]", path, i), item); err != nil {
				return err
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys) // the first problem named is always the same
		for _, k := range keys {
			if err := checkStrings(path+"."+k, v[k]); err != nil {
				return err
			}
		}
	}
	return nil
}
