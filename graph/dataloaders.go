package graph

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/kotabaru/tanggap/models"
)

// Loaders batch the belongs-to and has-many edges of one request, so a page
// of issues costs a fixed number of statements whatever its size.
type Loaders struct {
	Agency    loader[*models.Agency]
	Category  loader[*models.Category]
	Issue     loader[*models.Issue]
	User      loader[*models.User]
	Sources   loader[[]*models.IssueSource]
	Responses loader[[]*models.Response]
	Events    loader[[]*models.IssueEvent]
	Revisions loader[[]*models.ResponseRevision]
	Questions loader[[]*models.Question]
}

// loader is a dataloader by id that can also be filled ahead of time.
type loader[V any] struct {
	*dataloadgen.Loader[int64, V]
	fetch func(context.Context, []int64) ([]V, []error)
	// known are the keys primed (prefetched, or fetched at once in an
	// operation that runs in order); a request runs one operation, so the
	// keys a batch window loaded need no mark.
	known *keySet
}

// keySet is a set of keys safe for concurrent use. A request's loaders
// mark a few dozen keys each: a map under a lock allocates less than a
// sync.Map, which allocates for every key (docs/performance.md, "The keys
// a loader knows").
type keySet struct {
	mu   sync.Mutex
	keys map[int64]struct{}
}

// add marks keys as known. The set is made for the first keys added: most
// loaders of a request are primed once, with one issue's key or a page's.
func (s *keySet) add(keys ...int64) {
	s.mu.Lock()
	if s.keys == nil {
		s.keys = make(map[int64]struct{}, len(keys))
	}
	for _, k := range keys {
		s.keys[k] = struct{}{}
	}
	s.mu.Unlock()
}

func (s *keySet) has(key int64) bool {
	s.mu.Lock()
	_, ok := s.keys[key]
	s.mu.Unlock()
	return ok
}

func newLoader[V any](fetch func(context.Context, []int64) ([]V, []error)) loader[V] {
	return loader[V]{Loader: dataloadgen.NewLoader(fetch, dataloadgen.WithWait(loaderWait)), fetch: fetch, known: &keySet{}}
}

// Load returns the value of key. An operation that runs in order
// (sequential.go) has nothing to gather keys from while it waits, so a key
// that was not prefetched is fetched at once, alone.
func (l loader[V]) Load(ctx context.Context, key int64) (V, error) {
	if inOrder(ctx) {
		if !l.known.has(key) {
			if _, err := l.prefetch(ctx, []int64{key}); err != nil {
				var zero V
				return zero, err
			}
		}
	}
	return l.Loader.Load(ctx, key)
}

// prime fills the cache with the value of key.
func (l loader[V]) prime(key int64, value V) {
	l.Prime(key, value)
	l.known.add(key)
}

// primeAll fills the cache with values[i] for each keys[i].
func (l loader[V]) primeAll(keys []int64, values []V) {
	for i, k := range keys {
		l.Prime(k, values[i])
	}
	l.known.add(keys...)
}

// LoadAll returns the values of keys, fetching those not yet known at once
// in an operation that runs in order.
func (l loader[V]) LoadAll(ctx context.Context, keys []int64) ([]V, error) {
	if inOrder(ctx) {
		return l.ensure(ctx, keys)
	}
	return l.Loader.LoadAll(ctx, keys)
}

// prefetch fetches keys at once, without waiting for a batch window, and
// primes the cache with the results.
func (l loader[V]) prefetch(ctx context.Context, keys []int64) ([]V, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	values, errs := l.fetch(ctx, keys)
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	l.primeAll(keys, values)
	return values, nil
}

// ensure returns the values of keys, fetching at once those not yet known.
func (l loader[V]) ensure(ctx context.Context, keys []int64) ([]V, error) {
	missing := l.missing(keys)
	if len(missing) == len(keys) {
		// Every key, each once: the fetch answers them in order.
		return l.prefetch(ctx, keys)
	}
	if _, err := l.prefetch(ctx, missing); err != nil {
		return nil, err
	}
	return l.Loader.LoadAll(ctx, keys)
}

// missing returns the keys whose values are not known yet, each once (a
// page's keys are few: a scan is cheaper than a set).
func (l loader[V]) missing(keys []int64) []int64 {
	var out []int64
	for _, k := range keys {
		if !l.known.has(k) && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// loaderWait is how long a loader collects keys before it queries. Issues
// prefetch their edges (prefetch.go), so the window only gathers the
// deeper, rarer edges that gqlgen resolves concurrently.
const loaderWait = 2 * time.Millisecond

// NewLoaders returns fresh loaders for one request. Their cache lives as long
// as the request and they read the caller from the request's context.
func NewLoaders(s Services) *Loaders {
	return &Loaders{
		Agency:    newLoader(byID(s.Agencies.AgenciesByIDs, func(a *models.Agency) int64 { return a.ID })),
		Category:  newLoader(byID(s.Agencies.CategoriesByIDs, func(c *models.Category) int64 { return c.ID })),
		Issue:     newLoader(byID(s.Issues.IssuesByIDs, func(i *models.Issue) int64 { return i.ID })),
		User:      newLoader(byID(s.Users.UsersByIDs, func(u *models.User) int64 { return u.ID })),
		Sources:   newLoader(groupBy(s.Issues.SourcesByIssueIDs, func(x *models.IssueSource) int64 { return x.IssueID })),
		Responses: newLoader(groupBy(s.Responses.ResponsesByIssueIDs, func(r *models.Response) int64 { return r.IssueID })),
		Events:    newLoader(groupBy(s.Issues.EventsByIssueIDs, func(e *models.IssueEvent) int64 { return e.IssueID })),
		Revisions: newLoader(groupBy(s.Responses.RevisionsByResponseIDs, func(r *models.ResponseRevision) int64 { return r.ResponseID })),
		Questions: newLoader(groupBy(s.Questions.QuestionsByIssueIDs, func(q *models.Question) int64 { return *q.IssueID })),
	}
}

// byID adapts a fetch of rows by id to a loader: a missing row loads as nil.
func byID[T any](fetch func(context.Context, []int64) ([]*T, error), id func(*T) int64) func(context.Context, []int64) ([]*T, []error) {
	return func(ctx context.Context, keys []int64) ([]*T, []error) {
		rows, err := fetch(ctx, keys)
		if err != nil {
			// One value per key, even on failure: the loader refuses a
			// shorter slice and would hide err behind its own message.
			return make([]*T, len(keys)), repeatErr(err, len(keys))
		}
		index := make(map[int64]*T, len(rows))
		for _, r := range rows {
			index[id(r)] = r
		}
		out := make([]*T, len(keys))
		for i, k := range keys {
			out[i] = index[k]
		}
		return out, nil
	}
}

// groupBy adapts a fetch of child rows by parent id to a loader of lists.
func groupBy[T any](fetch func(context.Context, []int64) ([]*T, error), parent func(*T) int64) func(context.Context, []int64) ([][]*T, []error) {
	return func(ctx context.Context, keys []int64) ([][]*T, []error) {
		rows, err := fetch(ctx, keys)
		if err != nil {
			return make([][]*T, len(keys)), repeatErr(err, len(keys))
		}
		index := make(map[int64][]*T, len(keys))
		for _, r := range rows {
			index[parent(r)] = append(index[parent(r)], r)
		}
		out := make([][]*T, len(keys))
		for i, k := range keys {
			out[i] = index[k]
			if out[i] == nil {
				out[i] = []*T{}
			}
		}
		return out, nil
	}
}

func repeatErr(err error, n int) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}

type loadersKey struct{}

// WithLoaders returns a copy of ctx carrying the request's loaders.
func WithLoaders(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

func loaders(ctx context.Context) *Loaders {
	l, _ := ctx.Value(loadersKey{}).(*Loaders)
	if l == nil {
		panic("graph: request context has no loaders; wrap the handler with the loader middleware")
	}
	return l
}

// loadOptional loads the row an optional foreign key points to.
func loadOptional[T any](ctx context.Context, l loader[*T], id *int64) (*T, error) {
	if id == nil {
		return nil, nil
	}
	return l.Load(ctx, *id)
}
