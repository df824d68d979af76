package graph

import (
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
)

// TestInOrderPlan: an operation runs in order only when every loaded edge
// it selects is one prefetchIssues fills.
func TestInOrderPlan(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	cases := []struct {
		query string
		want  bool
	}{
		{`{ issues(first: 20) { totalCount edges { cursor node { number title agency { slug name } category { name } responses { body verdict publishedAt } } } pageInfo { hasNextPage } } }`, true},
		{`{ issue(number: "ISU-1") { number agency { name } sources { platform url } responses { body agency { name } revisions { number reason } } timeline { type at agency { name } } } }`, true},
		{`query Q($n: String!) { issue(number: $n) { ...F } } fragment F on Issue { title duplicateOf { number agency { name } } }`, true},
		{`{ issue(number: "ISU-1") { timeline { actor { email } } } }`, false},
		{`{ issue(number: "ISU-1") { duplicateOf { responses { body } } } }`, false},
		{`{ issue(number: "ISU-1") { responses { issue { number } } } }`, false},
		{`{ issues(first: 5) { edges { node { questions { trackingCode } } } } }`, false},
		{`{ issues(first: 5) { totalCount } agencies { name } }`, false},
		{`{ __typename issues(first: 5) { totalCount } }`, true},
		{`{ search(query: "air") { totalCount } }`, false},
		{`mutation { logout { session { id } } }`, false},
	}
	for _, c := range cases {
		doc, errs := gqlparser.LoadQuery(schema, c.query)
		if errs != nil {
			t.Fatalf("%s: %v", c.query, errs)
		}
		oc := &graphql.OperationContext{RawQuery: c.query, Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{}}
		if got := inOrderPlan(oc); got != c.want {
			t.Errorf("inOrderPlan(%s) = %v, want %v", c.query, got, c.want)
		}
	}
}
