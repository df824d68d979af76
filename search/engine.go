// Package search finds public issues and their official responses in
// Indonesian (docs/search.md). Three engines implement one Engine interface and
// pass one conformance suite: SQLite FTS5 (the embedded default), PostgreSQL
// full-text search with the indonesian configuration, and Meilisearch. All
// of them stem with the Indonesian Snowball stemmer, apply the synonyms ADMIN
// keeps in the database, tolerate typos, and understand quoted phrases and
// exclusions with a minus sign.
//
// The database stays the single source of truth: the store enqueues an
// index job (IndexArgs, package jobs) in the same transaction as every
// change of a document, and the Indexer, the worker of those jobs, writes
// the documents to every engine; a job is done only once every engine
// confirmed it.
//
// Package search reads the store's data only through the interfaces of
// source.go, which package store implements; it owns the tables of its
// database engines alone (search_documents, search_fts and its FTS5 shadow
// tables, search_vocabulary).
package search

import (
	"context"
	"errors"

	"github.com/kotabaru/tanggap/models"
)

// Engine indexes documents and answers searches.
type Engine interface {
	// Name says which engine this is, as reported to clients.
	Name() models.SearchEngine
	// Index adds or replaces docs and removes the documents of the issues in
	// removed. It returns once the engine has confirmed every change.
	Index(ctx context.Context, docs []*Document, removed []int64) error
	// Search answers one page of a search.
	Search(ctx context.Context, req *Request) (*Result, error)
	// Ping reports whether the engine is reachable.
	Ping(ctx context.Context) error
	// Rebuild replaces the whole index with the documents of source while
	// searches keep being answered from the old one, and returns how many
	// documents it indexed.
	Rebuild(ctx context.Context, source DocumentStream) (int, error)
}

// Request is one search as engines receive it.
type Request struct {
	Query  Query
	Filter models.SearchFilter
	Order  models.SearchOrder
	Offset int
	Limit  int
	// NoFacets and NoTotal say the caller reads neither the facets nor the
	// total: an engine may then leave them out (Result.Total -1).
	NoFacets, NoTotal bool
}

// Result is one page of hits with the totals over every match.
type Result struct {
	Hits []Hit
	// Total counts every match; -1 when the engine did not count them, as
	// a request with NoTotal and NoFacets allows. More then says whether
	// matches follow the page.
	Total  int
	More   bool
	Facets Facets
	// Match says how well the best result matched the query.
	Match Match
	// best holds the texts of the first result of the search (title,
	// summary, body, extra), when the engine read it for judging a partial
	// search.
	best []string
}

// Hit is one matching document.
type Hit struct {
	IssueID    int64
	Score      float64
	Highlights []string
	// Missing are the free words of the query, as typed, the document does
	// not hold: empty unless the search returned partial matches.
	Missing []string
	// texts are the document's title, summary, body and extra, for
	// judging a partial search.
	texts []string
}

// Facets count the matches by agency slug, category slug and verdict.
type Facets struct {
	Agencies   map[string]int
	Categories map[string]int
	Verdicts   map[string]int
	// AgencyNames and CategoryNames name the slugs when the engine could do
	// it along the way (the database engines); nil when it could not.
	AgencyNames, CategoryNames map[string]string
}

func newFacets() Facets {
	return Facets{Agencies: map[string]int{}, Categories: map[string]int{}, Verdicts: map[string]int{}}
}

// ErrUnavailable marks an engine that cannot be reached at all, as opposed
// to one that refused a particular document.
var ErrUnavailable = errors.New("search engine unavailable")
