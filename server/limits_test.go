package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// graphiqlIntrospection is the introspection query GraphiQL sends (graphql-js
// getIntrospectionQuery with descriptions, specifiedByURL, repeatable
// directives, schema description, deprecated input values and oneOf).
const graphiqlIntrospection = `query IntrospectionQuery {
  __schema {
    description
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives {
      name
      description
      isRepeatable
      locations
      args(includeDeprecated: true) { ...InputValue }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  specifiedByURL
  isOneOf
  fields(includeDeprecated: true) {
    name
    description
    args(includeDeprecated: true) { ...InputValue }
    type { ...TypeRef }
    isDeprecated
    deprecationReason
  }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes { ...TypeRef }
}

fragment InputValue on __InputValue {
  name
  description
  type { ...TypeRef }
  defaultValue
  isDeprecated
  deprecationReason
}

fragment TypeRef on __Type {
  kind
  name
  ofType {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
              }
            }
          }
        }
      }
    }
  }
}`

// nested wraps leaf in n levels of field, e.g. nested("a", 2, "x") is
// "a { a { x } }".
func nested(field string, n int, leaf string) string {
	return strings.Repeat(field+" { ", n) + leaf + strings.Repeat(" }", n)
}

// apiTestIssue is the k-th issue a test logs as TRC.
func apiTestIssue(k int) models.NewIssue {
	return models.NewIssue{
		Title: fmt.Sprintf("Isu uji batas nomor %d", k), Summary: "Ringkasan isu untuk menguji batas permintaan.",
		Kind: models.KindComplaint,
	}
}

// mustRefusedUnrun checks that a request was refused with the given code
// (any when empty) and that no SQL statement ran for it.
func mustRefusedUnrun(t *testing.T, api *testAPI, r *gqlResponse, code string) {
	t.Helper()
	if n := api.statements.Reset(); n != 0 {
		t.Fatalf("%d SQL statements ran for a refused request: %s", n, r.Raw)
	}
	if len(r.Errors) == 0 {
		t.Fatalf("request was not refused (HTTP %d): %.300s", r.Status, r.Raw)
	}
	if code != "" && r.code() != code {
		t.Fatalf("want error code %s, got %q (HTTP %d): %.500s", code, r.code(), r.Status, r.Raw)
	}
	if len(r.Data) > 0 && string(r.Data) != "null" {
		t.Fatalf("refused request carries data: %.300s", r.Raw)
	}
}

// costOf returns extensions.cost.complexity of a successful response.
func costOf(t *testing.T, r *gqlResponse) int {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("unexpected errors: %.500s", r.Raw)
	}
	cost, ok := r.Extensions["cost"].(map[string]any)
	if !ok {
		t.Fatalf("no extensions.cost in %.300s", r.Raw)
	}
	complexity, ok1 := cost["complexity"].(float64)
	limit, ok2 := cost["limit"].(float64)
	if !ok1 || !ok2 || complexity < 0 || int(limit) != 6000 {
		t.Fatalf("extensions.cost is %v", cost)
	}
	return int(complexity)
}

// mustRequestError checks that a refusal is a request error under
// application/graphql-response+json: status 400 and no data entry.
func mustRequestError(t *testing.T, r *gqlResponse) {
	t.Helper()
	if r.Status != http.StatusBadRequest {
		t.Fatalf("refused operation answered %d: %.300s", r.Status, r.Raw)
	}
	if _, ok := topLevelKeys(t, r.Raw)["data"]; ok {
		t.Fatalf("refused operation carries a data entry: %.300s", r.Raw)
	}
}

func TestAPILimits(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		api := newTestAPI(t, db)
		trc := storetest.As(storetest.MustUser(t, db, "trc@tanggap.test", models.RoleTRC, ""))
		storetest.MustAgency(t, db, "dinkes", "Dinas Kesehatan")
		for k := 0; k < 3; k++ {
			if _, err := db.CreateIssue(trc, apiTestIssue(k)); err != nil {
				t.Fatal(err)
			}
		}

		t.Run("CounterSeesResolvers", func(t *testing.T) {
			api.statements.Reset()
			r := api.post("", `{ issues(first: 1) { totalCount } }`, nil)
			if len(r.Errors) > 0 || api.statements.Reset() == 0 {
				t.Fatalf("an accepted query ran no statement: %s", r.Raw)
			}
		})

		t.Run("Depth", func(t *testing.T) {
			queries := map[string]string{
				"duplicateOf chain": `{ issue(number: "KTB-2026-000001") { ` + nested("duplicateOf", 20, "number") + ` } }`,
				"responses and issue": `{ issues(first: 1) { edges { node { ` +
					strings.Repeat("responses { issue { ", 8) + "number" + strings.Repeat(" } }", 8) + ` } } } }`,
				"fragment chain": func() string {
					var b strings.Builder
					b.WriteString(`{ issue(number: "KTB-2026-000001") { ...F0 } }`)
					for k := 0; k < 20; k++ {
						fmt.Fprintf(&b, "\nfragment F%d on Issue { duplicateOf { ...F%d } }", k, k+1)
					}
					b.WriteString("\nfragment F20 on Issue { number }")
					return b.String()
				}(),
				"inline fragments": `{ issue(number: "KTB-2026-000001") { ` + nested("duplicateOf { ... on Issue", 20, "number") +
					strings.Repeat(" }", 20) + ` } }`,
			}
			for name, q := range queries {
				api.statements.Reset()
				r := api.post("", q, nil)
				if strings.Contains(name, "inline") && r.code() == "GRAPHQL_PARSE_FAILED" {
					t.Fatalf("%s: the test query does not parse: %s", name, r.Raw)
				}
				mustRefusedUnrun(t, api, r, "DEPTH_LIMIT_EXCEEDED")
				mustRequestError(t, r)
			}
		})

		t.Run("DepthBoundary", func(t *testing.T) {
			// issue + 13 duplicateOf + number is 15 levels, the limit.
			api.statements.Reset()
			r := api.post("", `{ issue(number: "KTB-2026-000001") { `+nested("duplicateOf", 13, "number")+` } }`, nil)
			if len(r.Errors) > 0 || api.statements.Reset() == 0 {
				t.Fatalf("a query of depth 15 was refused: %s", r.Raw)
			}
			// The depth is kept by the document's text (graph/limits.go):
			// the same documents asked again are measured the same.
			for range 2 {
				api.statements.Reset()
				r = api.post("", `{ issue(number: "KTB-2026-000001") { `+nested("duplicateOf", 14, "number")+` } }`, nil)
				mustRefusedUnrun(t, api, r, "DEPTH_LIMIT_EXCEEDED")
				r = api.post("", `{ issue(number: "KTB-2026-000001") { `+nested("duplicateOf", 13, "number")+` } }`, nil)
				if len(r.Errors) > 0 {
					t.Fatalf("a query of depth 15 asked again was refused: %s", r.Raw)
				}
			}
		})

		t.Run("KeptCosts", func(t *testing.T) {
			// A cost kept by the document's text (graph/limits.go) is the
			// one computed, and a count from a variable is never kept: the
			// same text with a larger first is refused after a small one
			// passed, and a String variable leaves the cost alone.
			counted := `query($first: Int) { issues(first: $first) { edges { node { title responses { body } } } } }`
			small := costOf(t, api.post("", counted, map[string]any{"first": 5}))
			if again := costOf(t, api.post("", counted, map[string]any{"first": 5})); again != small {
				t.Fatalf("the same operation cost %d, then %d", small, again)
			}
			if larger := costOf(t, api.post("", counted, map[string]any{"first": 50})); larger <= small {
				t.Fatalf("first 50 cost %d, first 5 cost %d: the count's cost was kept", larger, small)
			}
			api.statements.Reset()
			mustRefusedUnrun(t, api, api.post("", counted, map[string]any{"first": 100000}), "COMPLEXITY_LIMIT_EXCEEDED")
			named := `query($n: String!) { issue(number: $n) { title responses { body } sources { url } } }`
			first := costOf(t, api.post("", named, map[string]any{"n": "KTB-2026-000001"}))
			if second := costOf(t, api.post("", named, map[string]any{"n": "KTB-2026-000002"})); second != first || first < 3 {
				t.Fatalf("one issue cost %d, then %d", first, second)
			}
		})

		t.Run("AliasFlood", func(t *testing.T) {
			var b strings.Builder
			b.WriteString("{")
			for k := 0; k < 300; k++ {
				fmt.Fprintf(&b, " a%d: issues(first: 100) { edges { node { title } } }", k)
			}
			b.WriteString(" }")
			api.statements.Reset()
			r := api.post("", b.String(), nil)
			mustRefusedUnrun(t, api, r, "COMPLEXITY_LIMIT_EXCEEDED")
			mustRequestError(t, r)
			if !strings.Contains(r.Errors[0].Message, "90300") {
				t.Fatalf("300 aliases of 301 each should cost 90300: %s", r.Errors[0].Message)
			}
		})

		t.Run("IntrospectionAliasFlood", func(t *testing.T) {
			// Each alias returns the whole schema; a complexity limit that
			// skips introspection lets a 5 KB request build megabytes, and a
			// 40 KB one (1,000 aliases) over 100 MB.
			i := strings.Index(graphiqlIntrospection, "fragment FullType")
			var b strings.Builder
			b.WriteString("{")
			for k := 0; k < 25; k++ {
				fmt.Fprintf(&b, " s%d: __schema { types { ...FullType } }", k)
			}
			b.WriteString(" }\n" + graphiqlIntrospection[i:])
			api.statements.Reset()
			r := api.post("", b.String(), nil)
			mustRefusedUnrun(t, api, r, "")
			mustRequestError(t, r)
		})

		t.Run("CostCountsPageSizeAndAliases", func(t *testing.T) {
			ten := costOf(t, api.post("", `{ issues(first: 10) { edges { node { title } } } }`, nil))
			twenty := costOf(t, api.post("", `{ issues(first: 20) { edges { node { title } } } }`, nil))
			twice := costOf(t, api.post("", `{ a: issues(first: 10) { edges { node { title } } } b: issues(first: 10) { edges { node { title } } } }`, nil))
			if twenty-1 != 2*(ten-1) || twice != 2*ten {
				t.Fatalf("cost of first 10: %d, first 20: %d, two aliases of first 10: %d", ten, twenty, twice)
			}
		})

		t.Run("OversizedBody", func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{
				"query":     `query($pad: String) { issues(first: 1) { totalCount } }`,
				"variables": map[string]any{"pad": strings.Repeat("x", 300<<10)},
			})
			api.statements.Reset()
			r := sendAccept(t, api, http.MethodPost, "/graphql", "application/graphql-response+json", "application/json", "", body)
			mustRefusedUnrun(t, api, r, "")
			if r.Status != http.StatusRequestEntityTooLarge && r.Status != http.StatusBadRequest {
				t.Fatalf("an oversized body answered %d, want 413 (or 400): %.300s", r.Status, r.Raw)
			}
		})

		t.Run("ParserTokenLimit", func(t *testing.T) {
			q := "{ " + strings.Repeat("__typename ", 16000) + "}"
			if len(q) >= 256<<10 {
				t.Fatalf("the query (%d bytes) would hit the body limit first", len(q))
			}
			api.statements.Reset()
			r := api.post("", q, nil)
			mustRefusedUnrun(t, api, r, "GRAPHQL_PARSE_FAILED")
			mustRequestError(t, r)
			if !strings.Contains(r.Errors[0].Message, "token limit") {
				t.Fatalf("token flood refused for another reason: %.300s", r.Raw)
			}
		})

		t.Run("IntrospectionAccepted", func(t *testing.T) {
			api.statements.Reset()
			r := api.post("", graphiqlIntrospection, nil)
			if r.Status != http.StatusOK {
				t.Fatalf("introspection answered %d: %.500s", r.Status, r.Raw)
			}
			costOf(t, r)
			var out struct {
				Schema struct {
					QueryType struct{ Name string }
					Types     []struct{ Name string }
				} `json:"__schema"`
			}
			r.decode(t, &out)
			names := map[string]bool{}
			for _, typ := range out.Schema.Types {
				names[typ.Name] = true
			}
			if out.Schema.QueryType.Name != "Query" || !names["Issue"] || !names["IssueConnection"] || !names["Agency"] {
				t.Fatalf("introspection returned %d types, query type %q", len(out.Schema.Types), out.Schema.QueryType.Name)
			}
			if n := api.statements.Reset(); n != 0 {
				t.Fatalf("introspection ran %d SQL statements", n)
			}
		})
	})
}
