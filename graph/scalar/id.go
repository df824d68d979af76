package scalar

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
)

// NodeID is the global id of an object: the object's type and its key
// within that type. It is written as the unpadded base64url form of
// "Type:key", so the ids of two types never collide and clients treat them
// as opaque. Reading also accepts a bare key (a database number such as
// "42", or a session's own id), which leaves Type empty: the resolver that
// expects a given type takes the key as that type's, for clients written
// before ids were global.
type NodeID struct {
	Type string
	Key  string
}

// NodeTypes are the object types that have a global id. A base64url value
// that does not decode to one of them is read as a bare key.
var NodeTypes = map[string]bool{
	"Issue": true, "IssueSource": true, "Agency": true, "Category": true,
	"Response": true, "ResponseRevision": true, "Question": true, "User": true,
	"AuditEntry": true, "Session": true, "Holiday": true,
}

// NewNodeID returns the global id of a row of typ with a numeric key.
func NewNodeID(typ string, id int64) NodeID {
	return NodeID{Type: typ, Key: strconv.FormatInt(id, 10)}
}

// String is the id as clients see it.
func (id NodeID) String() string {
	if id.Type == "" {
		return id.Key
	}
	return base64.RawURLEncoding.EncodeToString([]byte(id.Type + ":" + id.Key))
}

// MarshalGQL writes the id as a GraphQL ID (a string).
func (id NodeID) MarshalGQL(w io.Writer) {
	io.WriteString(w, strconv.Quote(id.String())) //nolint:errcheck // the client went away
}

// UnmarshalGQL reads a global id, a bare key given as a string, or a bare
// number.
func (id *NodeID) UnmarshalGQL(v any) error {
	parsed, err := ParseNodeID(v)
	if err != nil {
		return err
	}
	*id = parsed
	return nil
}

// ParseNodeID reads an ID argument as UnmarshalGQL does.
func ParseNodeID(v any) (NodeID, error) {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case json.Number:
		s = v.String()
	case int64:
		s = strconv.FormatInt(v, 10)
	case int:
		s = strconv.Itoa(v)
	default:
		return NodeID{}, errNodeID
	}
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return NodeID{}, errNodeID
	}
	if raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "=")); err == nil {
		if typ, key, ok := strings.Cut(string(raw), ":"); ok && NodeTypes[typ] && key != "" {
			return NodeID{Type: typ, Key: key}, nil
		}
	}
	return NodeID{Key: s}, nil
}

var errNodeID = errors.New("ID tidak valid: gunakan id yang diberikan API")

// Int64 returns the numeric key of an id of type typ, or of a bare number.
// ok is false for an id of another type or a key that is not a positive
// number.
func (id NodeID) Int64(typ string) (n int64, ok bool) {
	if id.Type != "" && id.Type != typ {
		return 0, false
	}
	n, err := strconv.ParseInt(id.Key, 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}
