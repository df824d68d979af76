package search

import "context"

// SetRerankCandidates sets how many matches PostgreSQL ranks exactly, for a
// test, and returns the function that restores the bound.
func SetRerankCandidates(n int) (restore func()) {
	old := rerankCandidates
	rerankCandidates = n
	return func() { rerankCandidates = old }
}

// SetGracefulBelow sets below how many documents holding every word a
// search returns partial matches (0 keeps every search strict), for a test
// or a benchmark, and returns the function that restores it.
func SetGracefulBelow(n int) (restore func()) {
	old := gracefulBelow
	gracefulBelow = n
	return func() { gracefulBelow = old }
}

// RebuildCounting rebuilds a database engine as Engine.Rebuild does and
// also returns how many documents it wrote rather than found up to date.
func RebuildCounting(ctx context.Context, e Engine, source DocumentStream) (n, written int, err error) {
	return e.(*dbEngine).rebuild(ctx, source)
}
