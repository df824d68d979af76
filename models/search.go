package models

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// SearchOrder is the order of search results.
type SearchOrder string

// The orders of a search.
const (
	SearchByRelevance SearchOrder = "RELEVANCE"
	SearchByNewest    SearchOrder = "NEWEST"
)

// Valid reports whether o is a known order.
func (o SearchOrder) Valid() bool { return o == SearchByRelevance || o == SearchByNewest }

// MarshalGQL writes the order as a GraphQL enum value.
func (o SearchOrder) MarshalGQL(w io.Writer) { marshalEnum(w, o) }

// UnmarshalGQL reads and validates an order.
func (o *SearchOrder) UnmarshalGQL(v any) error { return unmarshalEnum(v, o) }

// SearchEngine names the engine that answered a search.
type SearchEngine string

// The search engines (docs/search.md).
const (
	EngineSQLite      SearchEngine = "SQLITE_FTS5"
	EnginePostgres    SearchEngine = "POSTGRES"
	EngineMeilisearch SearchEngine = "MEILISEARCH"
)

// Valid reports whether e is a known engine.
func (e SearchEngine) Valid() bool {
	return e == EngineSQLite || e == EnginePostgres || e == EngineMeilisearch
}

// MarshalGQL writes the engine as a GraphQL enum value.
func (e SearchEngine) MarshalGQL(w io.Writer) { marshalEnum(w, e) }

// UnmarshalGQL reads and validates an engine name.
func (e *SearchEngine) UnmarshalGQL(v any) error { return unmarshalEnum(v, e) }

// SearchQuality says how well the best result of a search matches its
// query.
type SearchQuality string

// The qualities of a search.
const (
	// SearchStrong: the best result holds every free word of the query.
	SearchStrong SearchQuality = "STRONG"
	// SearchPartial: no result holds every word; the best holds the words
	// that weigh at least half of the query (the rarer a word among the
	// documents, the more it weighs).
	SearchPartial SearchQuality = "PARTIAL"
	// SearchNone: nothing was found, or the best result holds less than
	// half of the query's weight.
	SearchNone SearchQuality = "NONE"
)

// Valid reports whether q is a known quality.
func (q SearchQuality) Valid() bool {
	return q == SearchStrong || q == SearchPartial || q == SearchNone
}

// MarshalGQL writes the quality as a GraphQL enum value.
func (q SearchQuality) MarshalGQL(w io.Writer) { marshalEnum(w, q) }

// UnmarshalGQL reads and validates a quality.
func (q *SearchQuality) UnmarshalGQL(v any) error { return unmarshalEnum(v, q) }

// SearchFilter narrows a search. Nil and empty fields do not filter; the
// field names follow the GraphQL input they are bound to.
type SearchFilter struct {
	AgencySlug   *string
	CategorySlug *string
	Kind         []IssueKind
	Verdict      []Verdict
	Status       []IssueStatus
	From         *time.Time // on the issue's CreatedAt, inclusive
	To           *time.Time // exclusive
}

// SearchRequest is one search of the public issues and their official
// responses.
type SearchRequest struct {
	Query  string
	Filter SearchFilter
	Order  SearchOrder
	First  *int // nil for the default page size
	After  string
	// SkipFacets and SkipTotal say the caller reads neither the facets nor
	// the total count, so that they need not be computed (docs/search.md);
	// the zero value computes both.
	SkipFacets, SkipTotal bool
}

// MaxSearchQuery bounds the query text, in characters.
const MaxSearchQuery = 200

// SearchResult is one issue found, with its relevance within the response
// and the passages that matched.
type SearchResult struct {
	Issue *Issue
	// Score orders results within one response; it is not comparable
	// between engines or between queries.
	Score float64
	// Highlights are HTML-escaped passages with the matched words wrapped in
	// <mark> and </mark>.
	Highlights []string
	// MissingWords are the free words of the query, as typed, that this
	// result does not hold; empty when it holds them all.
	MissingWords []string
}

// SearchEdge is one result of a page with its cursor.
type SearchEdge struct {
	Cursor string
	Node   *SearchResult
}

// FacetCount is how many results belong to one agency or category.
type FacetCount struct {
	Slug  string
	Name  string
	Count int
}

// VerdictCount is how many results carry one verdict.
type VerdictCount struct {
	Verdict Verdict
	Label   string
	Count   int
}

// SearchFacets count every result of a search, not only the page, by
// agency, category and verdict; the largest counts come first.
type SearchFacets struct {
	Agencies   []*FacetCount
	Categories []*FacetCount
	Verdicts   []*VerdictCount
}

// SearchConnection is one page of search results.
type SearchConnection struct {
	Edges       []*SearchEdge
	TotalCount  int
	Facets      *SearchFacets
	Engine      SearchEngine
	Fallback    bool
	HasNextPage bool
	// Quality says how well the best result matches the query.
	Quality SearchQuality
	// IgnoredWords are the free words of the query, as typed, that the
	// best result does not hold; MatchedWords those it holds.
	IgnoredWords, MatchedWords []string
}

// Cursors lists the cursors of the page's edges, in order.
func (c *SearchConnection) Cursors() []string {
	out := make([]string, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Cursor
	}
	return out
}

// SearchStatus describes the search engine and the lag of its index.
type SearchStatus struct {
	Engine     SearchEngine
	FallbackTo SearchEngine // "" when there is no fallback engine
	// IndexPending counts the index jobs still to run; IndexDead those set
	// aside after failing too often.
	IndexPending int
	IndexDead    int
	// OldestPending is the age of the oldest change not yet searchable.
	OldestPending time.Duration
}

// SearchService searches the public, published issues together with their
// official responses (docs/search.md). Anyone may call it; every caller gets the
// public view.
type SearchService interface {
	// Search runs one search. Errors: EINVALID (query, filter, first, after).
	Search(ctx context.Context, req SearchRequest) (*SearchConnection, error)
	// Status reports the engine and the backlog of index jobs, for /readyz
	// and metrics.
	Status(ctx context.Context) (*SearchStatus, error)
}

// SearchSynonym is one group of words that search treats as the same: an
// abbreviation and its expansion, or two names of one thing. Term and each
// synonym may have several words.
type SearchSynonym struct {
	bun.BaseModel `bun:"table:search_synonyms"`

	ID        int64     `bun:"id,pk,autoincrement"`
	Term      string    `bun:"term,notnull"`
	Joined    string    `bun:"synonyms,notnull"` // comma-separated
	UpdatedAt time.Time `bun:"updated_at,notnull"`
}

// Synonyms lists the words of the group other than Term.
func (s *SearchSynonym) Synonyms() []string {
	var out []string
	for _, part := range strings.Split(s.Joined, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// SynonymService lets ADMIN edit the synonyms every search engine applies.
type SynonymService interface {
	// SearchSynonyms lists every group by term. ADMIN only.
	SearchSynonyms(ctx context.Context) ([]*SearchSynonym, error)
	// SetSearchSynonyms creates or replaces the group of a term. ADMIN only.
	// Errors: EUNAUTHENTICATED, EFORBIDDEN, EINVALID.
	SetSearchSynonyms(ctx context.Context, term string, synonyms []string) (*SearchSynonym, error)
	// DeleteSearchSynonyms removes the group of a term. ADMIN only.
	// Errors: EUNAUTHENTICATED, EFORBIDDEN, ENOTFOUND.
	DeleteSearchSynonyms(ctx context.Context, term string) (*SearchSynonym, error)
}
