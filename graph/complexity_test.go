package graph

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestListFieldsHaveComplexity: the cost limit multiplies a list by the
// number of elements it may return only where limits.go says how many that
// is. Every list or connection field of the schema, including fields added
// later, needs a complexity function there; without one, gqlgen counts the
// list as a single element and a query can nest work below it for free.
func TestListFieldsHaveComplexity(t *testing.T) {
	var configured Config
	complexity(&configured.Complexity)
	es := NewExecutableSchema(configured)
	fields := listFields(es.Schema())
	for _, want := range []string{"Query.issues", "Query.agencies", "Query.nodes", "Issue.sources", "AgencyResponseTimes.issues"} {
		if !slices.Contains(fields, want) {
			t.Fatalf("the walk does not find the list field %s; it finds %v", want, fields)
		}
	}
	if missing := withoutComplexity(t, es, fields); len(missing) > 0 {
		t.Errorf("%d list fields have no complexity function in complexity() (graph/limits.go):\n%s",
			len(missing), strings.Join(missing, "\n"))
	}

	// The check reports a field whose function is missing: with none
	// configured, every field is reported.
	if missing := withoutComplexity(t, NewExecutableSchema(Config{}), fields); len(missing) != len(fields) {
		t.Errorf("with no complexity functions, %d of %d list fields are reported: %v", len(missing), len(fields), missing)
	}

	// The walk finds lists at every level and leaves out what the cost of
	// another field already counts.
	bare := gqlparser.MustLoadSchema(&ast.Source{Name: "bare.graphqls", Input: `
type Query { things: [Thing!]! page: ThingConnection! one: Thing names: [String!]! kinds: [Kind] nested: [[Thing]] }
interface Named { names: [Thing!]! }
type Thing implements Named { names: [Thing!]! parts(first: Int): [Part!]! part: Part }
type Part { tags: [String!] }
type ThingConnection { edges: [ThingEdge!]! pageInfo: PageInfo! }
type ThingEdge { node: Thing! }
type PageInfo { hasNextPage: Boolean! }
enum Kind { A B }
input Filter { kinds: [Kind!] }
`})
	want := []string{"Query.nested", "Query.page", "Query.things", "Thing.names", "Thing.parts"}
	if got := listFields(bare); !slices.Equal(got, want) {
		t.Errorf("in a small schema the walk finds %v, want %v", got, want)
	}
}

// listFields lists, as Type.field, every field of an object type that
// returns a list of objects, interfaces or unions, or a connection. Fields
// of interfaces are covered by the same fields of their implementations,
// which is where gqlgen looks up the cost. Left out:
//   - a connection's edges, which the field returning the connection counts
//     by its page size (that field is itself listed);
//   - lists of scalars or enums: nothing can be selected below them, so a
//     multiplier would multiply nothing.
func listFields(schema *ast.Schema) []string {
	var fields []string
	for name, def := range schema.Types {
		if def.Kind != ast.Object || def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if isConnection(schema, def) && f.Name == "edges" {
				continue
			}
			returned := schema.Types[f.Type.Name()]
			if isConnection(schema, returned) || f.Type.Elem != nil && returned != nil && !isLeaf(returned) {
				fields = append(fields, name+"."+f.Name)
			}
		}
	}
	sort.Strings(fields)
	return fields
}

// isConnection: a Relay connection, a type with edges and pageInfo.
func isConnection(schema *ast.Schema, def *ast.Definition) bool {
	if def == nil || def.Kind != ast.Object {
		return false
	}
	edges, page := def.Fields.ForName("edges"), def.Fields.ForName("pageInfo")
	return edges != nil && edges.Type.Elem != nil && page != nil && page.Type.Name() == "PageInfo"
}

func isLeaf(def *ast.Definition) bool {
	return def.Kind == ast.Scalar || def.Kind == ast.Enum
}

// withoutComplexity asks the executable schema, as the cost calculation
// does, for the cost of each field with valid arguments, and lists the
// fields it has no function for.
func withoutComplexity(t *testing.T, es graphql.ExecutableSchema, fields []string) []string {
	t.Helper()
	schema := es.Schema()
	var missing []string
	for _, field := range fields {
		typeName, fieldName, _ := strings.Cut(field, ".")
		def := schema.Types[typeName].Fields.ForName(fieldName)
		args := map[string]any{}
		for _, arg := range def.Arguments {
			switch {
			case arg.DefaultValue != nil:
				value, err := arg.DefaultValue.Value(nil)
				if err != nil {
					t.Fatalf("%s(%s): default value: %v", field, arg.Name, err)
				}
				args[arg.Name] = value
			case arg.Type.NonNull:
				args[arg.Name] = sampleValue(t, schema, arg.Type, field+"("+arg.Name+")")
			}
		}
		if _, ok := es.Complexity(context.Background(), typeName, fieldName, 3, args); !ok {
			missing = append(missing, field)
		}
	}
	return missing
}

// sampleValue is a valid value of an argument type, so that the executable
// schema reads the arguments and reaches the complexity function.
func sampleValue(t *testing.T, schema *ast.Schema, typ *ast.Type, where string) any {
	t.Helper()
	if typ.Elem != nil {
		return []any{sampleValue(t, schema, typ.Elem, where)}
	}
	def := schema.Types[typ.NamedType]
	switch {
	case def.Kind == ast.Enum:
		return def.EnumValues[0].Name
	case def.Kind == ast.InputObject:
		fields := map[string]any{}
		for _, f := range def.Fields {
			if f.Type.NonNull && f.DefaultValue == nil {
				fields[f.Name] = sampleValue(t, schema, f.Type, where+"."+f.Name)
			}
		}
		return fields
	}
	switch typ.NamedType {
	case "Int":
		return int64(1)
	case "Float":
		return 1.0
	case "String":
		return "contoh"
	case "Boolean":
		return false
	case "ID":
		return "1"
	case "Time":
		return "2026-03-02T09:15:00+08:00"
	case "Date":
		return "2026-03-02"
	}
	t.Fatalf("%s: no sample value for the type %s; add one to sampleValue", where, typ.NamedType)
	return nil
}
