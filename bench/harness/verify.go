package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// issueDigest is what an answer holds of one issue, comparable across the
// two schemas: its number, agency, and its responses' count and text size.
type issueDigest struct {
	Number    string
	Agency    string
	Sources   int
	Responses int
	BodyBytes int
}

// path walks a decoded JSON value along object keys and array indexes.
func path(v any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func list(v any) []any {
	a, _ := v.([]any)
	return a
}

// digest reads one issue node of either schema.
func digest(node any, pgl bool) issueDigest {
	d := issueDigest{}
	d.Number, _ = path(node, "number").(string)
	agency, responses, sources := "agency", path(node, "responses"), path(node, "sources")
	if pgl {
		agency, responses, sources = "agencyByAgencyId", path(node, "responsesByIssueId", "nodes"), path(node, "issueSourcesByIssueId", "nodes")
	}
	d.Agency, _ = path(node, agency, "slug").(string)
	d.Sources = len(list(sources))
	for _, r := range list(responses) {
		d.Responses++
		body, _ := path(r, "body").(string)
		d.BodyBytes += len(body)
	}
	return d
}

func fetchJSON(ctx context.Context, s *server, body []byte) (any, error) {
	client := newClient(1)
	defer client.CloseIdleConnections()
	status, out, err := send(ctx, client, s.url, call{method: "POST", path: "/graphql", body: body}, 0)
	if err != nil {
		return nil, err
	}
	if err := expectGraphQL(status, out, 0, 1000); err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	var v any
	return v, json.Unmarshal(out, &v)
}

// verifyEquivalence asks every server the list and detail queries once and
// compares what they return, so that the workloads compare like with like.
// Servers on the same PostgreSQL database must agree exactly; Tanggap on
// SQLite holds the same archive and is reported if it differs. Search
// totals are reported, not required to agree: Tanggap's search also
// matches typos, synonyms and prefixes.
func (e *env) verifyEquivalence(ctx context.Context, servers []*server, data map[string]*targetData, terms searchTerms) (notes []string, err error) {
	type answer struct {
		server string
		items  []issueDigest
	}
	compare := func(what string, answers []answer) error {
		var ref *answer
		for i := range answers {
			if answers[i].server == "tanggap-pg" {
				ref = &answers[i]
			}
		}
		if ref == nil {
			return nil
		}
		for _, a := range answers {
			if reflect.DeepEqual(a.items, ref.items) {
				continue
			}
			msg := fmt.Sprintf("%s: %s and tanggap-pg differ:\n  %v\n  %v", what, a.server, a.items, ref.items)
			if a.server == "tanggap-sqlite" {
				e.logf("note: %s", msg)
				notes = append(notes, msg)
				continue
			}
			return fmt.Errorf("not equivalent: %s", msg)
		}
		return nil
	}

	var lists []answer
	for _, s := range servers {
		query, root := tanggapList, "issues"
		if s.kind == "postgraphile" {
			query, root = pglList, "allIssues"
		}
		v, err := fetchJSON(ctx, s, gqlBody(query, nil))
		if err != nil {
			return nil, err
		}
		var items []issueDigest
		for _, edge := range list(path(v, "data", root, "edges")) {
			items = append(items, digest(path(edge, "node"), s.kind == "postgraphile"))
		}
		lists = append(lists, answer{s.name, items})
	}
	if err := compare("list page", lists); err != nil {
		return nil, err
	}

	numbers := data["tanggap-pg"].numbers
	for _, k := range []int{0, len(numbers) / 3, len(numbers) / 2, len(numbers) - 1} {
		var details []answer
		for _, s := range servers {
			query, root := tanggapIssue, "issue"
			if s.kind == "postgraphile" {
				query, root = pglIssue, "issueByNumber"
			}
			v, err := fetchJSON(ctx, s, gqlBody(query, map[string]any{"n": numbers[k]}))
			if err != nil {
				return nil, err
			}
			details = append(details, answer{s.name, []issueDigest{digest(path(v, "data", root), s.kind == "postgraphile")}})
		}
		if err := compare("issue "+numbers[k], details); err != nil {
			return nil, err
		}
	}

	var differ []string
	for _, term := range append(append([]string{}, terms.Selective...), terms.Broad...) {
		totals := map[string]float64{}
		for _, s := range servers {
			query, root := tanggapSearch, "search"
			if s.kind == "postgraphile" {
				query, root = pglSearch, "searchIssues"
			} else if s.kind == "floor" {
				continue
			}
			v, err := fetchJSON(ctx, s, gqlBody(query, map[string]any{"q": term}))
			if err != nil {
				return nil, err
			}
			totals[s.name], _ = path(v, "data", root, "totalCount").(float64)
		}
		if totals["tanggap-pg"] != totals["postgraphile"] || totals["tanggap-sqlite"] != totals["postgraphile"] {
			differ = append(differ, fmt.Sprintf("%s (Tanggap PG %.0f, SQLite %.0f, PostGraphile %.0f)", term,
				totals["tanggap-pg"], totals["tanggap-sqlite"], totals["postgraphile"]))
		}
	}
	if len(differ) > 0 {
		msg := fmt.Sprintf("search totals differ for %d of %d terms: %s", len(differ), len(terms.Selective)+len(terms.Broad), strings.Join(differ, "; "))
		e.logf("note: %s", msg)
		notes = append(notes, msg)
	}
	e.logf("equivalence checked: list page, 4 issues, %d search terms", len(terms.Selective)+len(terms.Broad))
	return notes, nil
}
