// Package scalar holds the custom GraphQL scalars of the schema.
package scalar

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalInt64ID writes a database id as a GraphQL ID, which the
// specification serialises like a String.
func MarshalInt64ID(id int64) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(strconv.FormatInt(id, 10))) //nolint:errcheck
	})
}

// UnmarshalInt64ID reads an ID given as a string or, leniently, as a number.
func UnmarshalInt64ID(v any) (int64, error) {
	switch v := v.(type) {
	case string:
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return 0, fmt.Errorf("%q is not a valid ID", v)
		}
		return id, nil
	case json.Number:
		return UnmarshalInt64ID(v.String())
	case int64:
		return UnmarshalInt64ID(strconv.FormatInt(v, 10))
	case int:
		return UnmarshalInt64ID(strconv.Itoa(v))
	}
	return 0, fmt.Errorf("%T is not a valid ID", v)
}
