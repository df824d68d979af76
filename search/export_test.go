package search

// SetRerankCandidates sets how many matches PostgreSQL ranks exactly, for a
// test, and returns the function that restores the bound.
func SetRerankCandidates(n int) (restore func()) {
	old := rerankCandidates
	rerankCandidates = n
	return func() { rerankCandidates = old }
}
