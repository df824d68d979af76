package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/graph"
	"github.com/kotabaru/tanggap/server"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestDirectAnswers: an operation answered directly (graph/direct.go) gets
// the bytes gqlgen writes executing it field by field, for anonymous
// readers and for staff, on hand-written queries and on random selections
// with aliases, fragments, __typename and @include/@skip; what the direct
// path does not know, or fails on, is answered by gqlgen all the same.
func TestDirectAnswers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		direct := newTestAPI(t, db)
		gqlgen := newTestAPI(t, db, func(_ *graph.Limits, cfg *server.Config) { cfg.FieldByField = true })
		callers := []struct{ name, direct, gqlgen string }{{name: "anonymous"}}
		for _, email := range []string{"trc.sari@demo.tanggap.id", "pic.dinkes@demo.tanggap.id"} {
			callers = append(callers, struct{ name, direct, gqlgen string }{
				email, direct.login(email, store.DemoPassword), gqlgen.login(email, store.DemoPassword)})
		}
		// A number every caller can read, and one that does not exist.
		page := direct.post("", `{ issues(first: 3, filter: {status: [ANSWERED]}) { edges { node { number } } } }`, nil)
		var numbers struct {
			Issues struct {
				Edges []struct{ Node struct{ Number string } }
			}
		}
		page.decode(t, &numbers)
		if len(numbers.Issues.Edges) == 0 {
			t.Fatal("no answered issue in the demo data")
		}
		number := numbers.Issues.Edges[0].Node.Number

		type query struct {
			text   string
			vars   map[string]any
			direct bool // answered directly when it succeeds
		}
		queries := []query{
			{text: harnessList, direct: true},
			{text: harnessIssue, vars: map[string]any{"n": number}, direct: true},
			{text: harnessIssue, vars: map[string]any{"n": "KTB-1900-999999"}, direct: true},
			{text: `{ issues(first: 30, orderBy: RECENTLY_UPDATED) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node {
				id number title summary kind status priority verdict verdictLabel internal url createdAt updatedAt assignedAt acknowledgedAt
				answeredAt closedAt acknowledgeDueAt answerDueAt category { id slug name description } agency { id slug name shortName description url }
				duplicateOf { number title } sources { id platform url claimText detectedAt }
				responses { id status body bodyHTML verdict verdictLabel revision publishedAt updatedAt agency { slug } } } } } }`, direct: true},
			{text: `query($s: [IssueStatus!], $first: Int) { __typename a: issues(first: $first, filter: {status: $s}) { __typename edges { __typename node { __typename ...N } } }
				b: issues(first: 2, orderBy: OLDEST) { edges { node { n: number t: title } } } }
				fragment N on Node { id ... on Issue { number agency { ...A } } }
				fragment A on Agency { name }`, vars: map[string]any{"s": []string{"ANSWERED", "CLOSED"}, "first": 7}, direct: true},
			{text: `query($with: Boolean!) { issue(number: "` + number + `") { number agency @include(if: $with) { name } responses @skip(if: $with) { body } } }`,
				vars: map[string]any{"with": true}, direct: true},
			{text: `query($with: Boolean!) { issue(number: "` + number + `") { number agency @include(if: $with) { name } responses @skip(if: $with) { body } } }`,
				vars: map[string]any{"with": false}, direct: true},
			// Not answered directly: a field it does not know, a staff-only
			// field, an error from the resolver, an argument refused.
			{text: `{ issue(number: "` + number + `") { number timeline { type } } }`},
			{text: `{ issue(number: "` + number + `") { number internalReason rejectReason } }`},
			{text: `{ issues(first: 2, after: "bukan-kursor") { edges { node { number } } } }`, direct: true},
			{text: `{ issues(first: 500) { edges { node { number } } } }`, direct: true},
			{text: `{ issues(first: 2) { edges { node { number } } } agencies { slug } }`},
		}
		rng := rand.New(rand.NewPCG(2026, 11))
		for i := range 60 {
			text, vars := randomDirectQuery(rng, number, i)
			queries = append(queries, query{text: text, vars: vars, direct: true})
		}

		answered := 0
		for _, caller := range callers {
			for i, q := range queries {
				before := graph.DirectOperations()
				got := direct.post(caller.direct, q.text, q.vars)
				ran := graph.DirectOperations() - before
				want := gqlgen.post(caller.gqlgen, q.text, q.vars)
				if graph.DirectOperations() != before+ran {
					t.Fatalf("the field-by-field handler answered directly")
				}
				if got.Status != want.Status || !bytes.Equal(got.Raw, want.Raw) {
					t.Fatalf("%s, query %d %v:\n%s\ndirect  %d %s\ngqlgen  %d %s", caller.name, i, q.vars, q.text, got.Status, got.Raw, want.Status, want.Raw)
				}
				failed := len(want.Errors) > 0
				if ran != 0 && (!q.direct || failed) {
					t.Errorf("%s, query %d was answered directly (errors: %v):\n%s", caller.name, i, failed, q.text)
				}
				if ran == 0 && q.direct && !failed {
					t.Errorf("%s, query %d was not answered directly:\n%s", caller.name, i, q.text)
				}
				answered += int(ran)
			}
		}
		if answered < len(callers)*60 {
			t.Errorf("%d operations answered directly, want at least %d", answered, len(callers)*60)
		}
	})
}

// randomDirectQuery selects a random part of what the direct path answers
// on a page of issues or on one issue, with aliases, inline and named
// fragments, __typename and @include/@skip on a variable.
func randomDirectQuery(rng *rand.Rand, number string, i int) (string, map[string]any) {
	fields := map[string][]string{
		"Issue": {"id", "number", "title", "summary", "kind", "status", "priority", "verdict", "verdictLabel", "internal", "url",
			"createdAt", "updatedAt", "assignedAt", "acknowledgedAt", "answeredAt", "closedAt", "acknowledgeDueAt", "answerDueAt",
			"category", "agency", "duplicateOf", "sources", "responses"},
		"Agency":      {"id", "slug", "name", "shortName", "description", "url"},
		"Category":    {"id", "slug", "name", "description"},
		"Response":    {"id", "status", "body", "bodyHTML", "verdict", "verdictLabel", "revision", "publishedAt", "updatedAt", "agency"},
		"IssueSource": {"id", "platform", "url", "claimText", "detectedAt"},
	}
	objects := map[string]string{"category": "Category", "agency": "Agency", "duplicateOf": "Issue", "sources": "IssueSource", "responses": "Response"}
	var fragments []string
	aliases := 0
	var sel func(typ string, depth int) string
	sel = func(typ string, depth int) string {
		var b strings.Builder
		b.WriteString("{ ")
		if rng.IntN(5) == 0 {
			b.WriteString("__typename ")
		}
		for _, f := range fields[typ] {
			if rng.IntN(3) != 0 {
				continue
			}
			child, isObject := objects[f]
			if isObject && depth > 0 && child != "Agency" && child != "Category" {
				// Under duplicateOf only what needs no loader runs in
				// order (graph/sequential.go).
				continue
			}
			item := f
			if rng.IntN(5) == 0 {
				aliases++
				item = fmt.Sprintf("x%d: %s", aliases, f)
			}
			if rng.IntN(8) == 0 {
				item += " @include(if: $on)"
			} else if rng.IntN(8) == 0 {
				item += " @skip(if: $on)"
			}
			if isObject {
				item += " " + sel(child, depth+1)
			}
			switch rng.IntN(6) {
			case 0:
				item = "... on " + typ + " { " + item + " }"
			case 1:
				name := fmt.Sprintf("F%d", len(fragments))
				fragments = append(fragments, "fragment "+name+" on "+typ+" { "+item+" }")
				item = "..." + name
			}
			b.WriteString(item + " ")
		}
		if typ == "Issue" {
			b.WriteString("number number @skip(if: $on) ")
		} else {
			b.WriteString("__typename ")
		}
		b.WriteString("}")
		return b.String()
	}
	vars := map[string]any{"on": rng.IntN(2) == 0}
	var root string
	if i%3 == 0 {
		root = `issue(number: "` + number + `") ` + sel("Issue", 0)
	} else {
		root = fmt.Sprintf(`issues(first: %d) { totalCount edges { cursor node %s } pageInfo { hasNextPage endCursor } }`, 1+rng.IntN(25), sel("Issue", 0))
	}
	return "query($on: Boolean!) { " + root + " } " + strings.Join(fragments, " "), vars
}

// TestCursorsWhenSelected: a page encodes its cursors only when they are
// selected (models.IssueFilter.NoCursors), so every way of selecting one —
// under an alias, beside an edges without it, in pageInfo only — still
// gets the cursors a plain selection gets.
func TestCursorsWhenSelected(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		var plain struct {
			Issues struct {
				Edges    []struct{ Cursor string }
				PageInfo struct{ EndCursor string }
			}
		}
		api.post("", `{ issues(first: 4) { edges { cursor } pageInfo { endCursor } } }`, nil).decode(t, &plain)
		if len(plain.Issues.Edges) != 4 || plain.Issues.Edges[0].Cursor == "" || plain.Issues.PageInfo.EndCursor != plain.Issues.Edges[3].Cursor {
			t.Fatalf("plain cursors: %+v", plain)
		}
		var aliased struct {
			Issues struct {
				A []struct{ Node struct{ Number string } }
				B []struct{ C string }
				P struct{ S, E string }
			}
		}
		api.post("", `{ issues(first: 4) { a: edges { node { number } } b: edges { c: cursor } p: pageInfo { s: startCursor e: endCursor } } }`, nil).decode(t, &aliased)
		for i, e := range aliased.Issues.B {
			if e.C != plain.Issues.Edges[i].Cursor {
				t.Errorf("aliased cursor %d = %q, want %q", i, e.C, plain.Issues.Edges[i].Cursor)
			}
		}
		if len(aliased.Issues.B) != 4 || aliased.Issues.P.S != plain.Issues.Edges[0].Cursor || aliased.Issues.P.E != plain.Issues.PageInfo.EndCursor {
			t.Errorf("aliased page: %+v", aliased.Issues)
		}
		var pageOnly struct {
			Issues struct{ PageInfo struct{ EndCursor string } }
		}
		api.post("", `{ issues(first: 4) { pageInfo { endCursor } } }`, nil).decode(t, &pageOnly)
		if pageOnly.Issues.PageInfo.EndCursor != plain.Issues.PageInfo.EndCursor {
			t.Errorf("endCursor alone = %q, want %q", pageOnly.Issues.PageInfo.EndCursor, plain.Issues.PageInfo.EndCursor)
		}
	})
}

// TestAnswersConcurrently: answers are written into buffers kept from one
// request to the next (graph/direct.go, graph/body.go); many requests at
// once, for different issues and pages, each get exactly the bytes they get
// alone.
func TestAnswersConcurrently(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		storetest.MustLoadDemo(t, db, time.Now())
		api := newTestAPI(t, db)
		var page struct {
			Issues struct {
				Edges []struct{ Node struct{ Number string } }
			}
		}
		api.post("", `{ issues(first: 40) { edges { node { number } } } }`, nil).decode(t, &page)
		type request struct{ body, want []byte }
		var requests []request
		for i, e := range page.Issues.Edges {
			vars := map[string]any{"n": e.Node.Number}
			query := harnessIssue
			if i%5 == 0 {
				query, vars = harnessList, nil
			}
			body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
			want := api.raw(http.MethodPost, "/graphql", "", "application/json", body).Raw
			if vars != nil && !bytes.Contains(want, []byte(`"number":"`+e.Node.Number+`"`)) {
				t.Fatalf("answer for %s: %.200s", e.Node.Number, want)
			}
			requests = append(requests, request{body, want})
		}
		before := graph.DirectOperations()
		errs := make(chan error, 8)
		for w := range 8 {
			go func() {
				for i := range 60 {
					r := requests[(w*7+i)%len(requests)]
					resp, err := http.Post(api.srv.URL+"/graphql", "application/json", bytes.NewReader(r.body))
					if err != nil {
						errs <- err
						return
					}
					got, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if !bytes.Equal(got, r.want) {
						errs <- fmt.Errorf("concurrent answer differs:\n%.300s\nwant\n%.300s", got, r.want)
						return
					}
				}
				errs <- nil
			}()
		}
		for range 8 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		if n := graph.DirectOperations() - before; n < 8*60 {
			t.Fatalf("%d of %d operations answered directly", n, 8*60)
		}
	})
}
