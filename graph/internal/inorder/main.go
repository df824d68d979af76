// Command inorder rewrites the executor gqlgen generates so that it calls
// the graph package's marshalSlice and resolveConcurrently, which run an
// operation in order when every edge it selects is prefetched and defer to
// gqlgen's own concurrency otherwise (graph/sequential.go). It runs after
// gqlgen in `go generate ./graph` and fails if gqlgen's output no longer
// has the calls it rewrites.
package main

import (
	"bytes"
	"fmt"
	"os"
)

var rewrites = []struct{ from, to string }{
	{"graphql.MarshalSliceConcurrently(", "marshalSlice("},
	{"out.ResolveConcurrently(ec.OperationContext, &deferred, i,", "resolveConcurrently(ctx, field, out, ec.OperationContext, &deferred, i,"},
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: inorder generated.go")
		os.Exit(2)
	}
	path := os.Args[1]
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, r := range rewrites {
		if bytes.Count(src, []byte(r.from)) == 0 {
			fmt.Fprintf(os.Stderr, "inorder: %s has no %q to rewrite; has gqlgen changed?\n", path, r.from)
			os.Exit(1)
		}
		src = bytes.ReplaceAll(src, []byte(r.from), []byte(r.to))
	}
	if err := os.WriteFile(path, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
