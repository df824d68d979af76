package graph

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestSchemaDescriptions: the schema is the API's documentation, so the
// schema itself, every type, field, argument, input field, enum value and
// directive the project defines carries a description.
func TestSchemaDescriptions(t *testing.T) {
	if missing := undescribed(NewExecutableSchema(Config{}).Schema()); len(missing) > 0 {
		t.Errorf("%d schema elements have no description:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	// The walk finds what is missing at every level.
	bare := gqlparser.MustLoadSchema(&ast.Source{Name: "bare.graphqls", Input: `
"A query."
type Query { a(x: Int): E }
enum E { "One." ONE TWO }
directive @d(r: Int) on FIELD_DEFINITION
`})
	want := []string{"the schema", "Query.a", "Query.a(x)", "E", "E.TWO", "@d", "@d(r)"}
	got := strings.Join(undescribed(bare), "\n")
	for _, w := range want {
		if !strings.Contains("\n"+got+"\n", "\n"+w+"\n") {
			t.Errorf("the walk does not report %q as undescribed; it reports:\n%s", w, got)
		}
	}
}

// undescribed lists every element of the schema without a description.
func undescribed(schema *ast.Schema) []string {
	var missing []string
	need := func(desc, what string) {
		if strings.TrimSpace(desc) == "" {
			missing = append(missing, what)
		}
	}
	need(schema.Description, "the schema")
	for name, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		need(def.Description, name)
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			need(f.Description, name+"."+f.Name)
			for _, a := range f.Arguments {
				need(a.Description, name+"."+f.Name+"("+a.Name+")")
			}
		}
		for _, v := range def.EnumValues {
			need(v.Description, name+"."+v.Name)
		}
	}
	for name, d := range schema.Directives {
		if d.Position == nil || d.Position.Src == nil || d.Position.Src.BuiltIn {
			continue
		}
		need(d.Description, "@"+name)
		for _, a := range d.Arguments {
			need(a.Description, "@"+name+"("+a.Name+")")
		}
	}
	return missing
}
