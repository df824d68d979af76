package meilitest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// parseFilter reads the array form of a filter: the outer array is AND, an
// inner array OR, and each string one comparison "attribute OP value".
func (ix *index) parseFilter(raw json.RawMessage) (func(*document) bool, *apiError) {
	all := func(*document) bool { return true }
	if len(raw) == 0 || string(raw) == "null" {
		return all, nil
	}
	var outer []json.RawMessage
	if err := json.Unmarshal(raw, &outer); err != nil {
		var single string
		if json.Unmarshal(raw, &single) != nil {
			return nil, &apiError{Code: "invalid_search_filter", Message: "filter must be a string or an array", Type: "invalid_request"}
		}
		outer = []json.RawMessage{raw}
	}
	var and [][]func(*document) bool
	for _, item := range outer {
		var ors []string
		var one string
		if json.Unmarshal(item, &one) == nil {
			ors = []string{one}
		} else if err := json.Unmarshal(item, &ors); err != nil {
			return nil, &apiError{Code: "invalid_search_filter", Message: "bad filter item", Type: "invalid_request"}
		}
		var group []func(*document) bool
		for _, expr := range ors {
			f, err := ix.comparison(expr)
			if err != nil {
				return nil, err
			}
			group = append(group, f)
		}
		and = append(and, group)
	}
	return func(d *document) bool {
		for _, group := range and {
			ok := false
			for _, f := range group {
				ok = ok || f(d)
			}
			if !ok {
				return false
			}
		}
		return true
	}, nil
}

func (ix *index) comparison(expr string) (func(*document) bool, *apiError) {
	for _, op := range []string{">=", "<=", "!=", "=", ">", "<"} {
		field, value, ok := strings.Cut(expr, " "+op+" ")
		if !ok {
			continue
		}
		field = strings.TrimSpace(field)
		if !contains(ix.settings.FilterableAttributes, field) {
			return nil, &apiError{Code: "invalid_search_filter", Message: "attribute " + field + " is not filterable", Type: "invalid_request"}
		}
		var want any
		if s, err := strconv.Unquote(strings.TrimSpace(value)); err == nil {
			want = s
		} else if n, err := strconv.ParseFloat(strings.TrimSpace(value), 64); err == nil {
			want = n
		} else {
			return nil, &apiError{Code: "invalid_search_filter", Message: fmt.Sprintf("bad value in %q", expr), Type: "invalid_request"}
		}
		return func(d *document) bool {
			v, present := d.fields[field]
			if !present || v == nil {
				return op == "!="
			}
			c := compare(v, want)
			switch op {
			case "=":
				return c == 0 && sameKind(v, want)
			case "!=":
				return c != 0 || !sameKind(v, want)
			case ">=":
				return c >= 0
			case "<=":
				return c <= 0
			case ">":
				return c > 0
			}
			return c < 0
		}, nil
	}
	return nil, &apiError{Code: "invalid_search_filter", Message: fmt.Sprintf("cannot read filter %q", expr), Type: "invalid_request"}
}

func sameKind(a, b any) bool {
	_, as := a.(string)
	_, bs := b.(string)
	return as == bs
}
