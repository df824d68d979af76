package graph

// Node is any object with a global id. The schema's Node interface is
// implemented by domain types of the models package, which know nothing of
// GraphQL, so the Go side is an empty interface and the generated code tells
// the types apart.
type Node any
