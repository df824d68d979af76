package graph

import "github.com/kotabaru/tanggap/graph/scalar"

// EndSessionInput is the argument of endSession. It is written by hand
// because a session's key is an opaque string, not a database number.
type EndSessionInput struct {
	ID scalar.NodeID `json:"id"`
}
