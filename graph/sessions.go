package graph

// EndSessionInput is the argument of endSession. It is written by hand
// because a session id is an opaque string, where the generated inputs read
// every ID as a database number.
type EndSessionInput struct {
	ID string `json:"id"`
}
