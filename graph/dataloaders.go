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

	// states hold what each loader above points to, in the one allocation
	// of the request's loaders.
	states struct {
		agency    loaderState[*models.Agency]
		category  loaderState[*models.Category]
		issue     loaderState[*models.Issue]
		user      loaderState[*models.User]
		sources   loaderState[[]*models.IssueSource]
		responses loaderState[[]*models.Response]
		events    loaderState[[]*models.IssueEvent]
		revisions loaderState[[]*models.ResponseRevision]
		questions loaderState[[]*models.Question]
	}
}

// loader is a dataloader by id that can also be filled ahead of time.
type loader[V any] struct{ *loaderState[V] }

// loaderState is a loader's cache of the values it knows, and the
// dataloader that gathers the keys it does not.
//
// Most values are known ahead: issues prefetch their edges (prefetch.go)
// and an operation that runs in order fetches a key it lacks at once. Those
// values are kept in a map under a lock, which allocates once per loader
// used (a sync.Map allocated for every key; dataloadgen's cache too, for
// every value primed: docs/performance.md, "The loaders of a request"). The
// dataloader is made only when a key is loaded that nobody fetched ahead.
type loaderState[V any] struct {
	fetch func(context.Context, []int64) ([]V, []error)

	mu    sync.Mutex
	known map[int64]V

	once  sync.Once
	batch *dataloadgen.Loader[int64, V]
}

func newLoader[V any](fetch func(context.Context, []int64) ([]V, []error)) loader[V] {
	return loader[V]{&loaderState[V]{fetch: fetch}}
}

// batched returns the loader's dataloader, made at its first use.
func (l loader[V]) batched() *dataloadgen.Loader[int64, V] {
	l.once.Do(func() { l.batch = dataloadgen.NewLoader(l.fetch, dataloadgen.WithWait(loaderWait)) })
	return l.batch
}

// value returns the known value of key.
func (l loader[V]) value(key int64) (V, bool) {
	l.mu.Lock()
	v, ok := l.known[key]
	l.mu.Unlock()
	return v, ok
}

// Load returns the value of key. An operation that runs in order
// (sequential.go) has nothing to gather keys from while it waits, so a key
// that was not prefetched is fetched at once, alone.
func (l loader[V]) Load(ctx context.Context, key int64) (V, error) {
	if v, ok := l.value(key); ok {
		return v, nil
	}
	if inOrder(ctx) {
		values, err := l.prefetch(ctx, []int64{key})
		if err != nil {
			var zero V
			return zero, err
		}
		return values[0], nil
	}
	return l.batched().Load(ctx, key)
}

// prime fills the cache with the value of key.
func (l loader[V]) prime(key int64, value V) {
	l.mu.Lock()
	if l.known == nil {
		l.known = make(map[int64]V, 1)
	}
	l.known[key] = value
	l.mu.Unlock()
}

// primeAll fills the cache with values[i] for each keys[i]. The cache is
// made for them: most loaders of a request are primed once, with one
// issue's key or a page's.
func (l loader[V]) primeAll(keys []int64, values []V) {
	l.mu.Lock()
	if l.known == nil {
		l.known = make(map[int64]V, len(keys))
	}
	for i, k := range keys {
		l.known[k] = values[i]
	}
	l.mu.Unlock()
}

// LoadAll returns the values of keys, fetching those not yet known at once
// in an operation that runs in order, and through the dataloader's batch
// otherwise.
func (l loader[V]) LoadAll(ctx context.Context, keys []int64) ([]V, error) {
	if inOrder(ctx) {
		return l.ensure(ctx, keys)
	}
	missing := l.missing(keys)
	if len(missing) == 0 {
		return l.values(keys), nil
	}
	if len(missing) == len(keys) {
		return l.batched().LoadAll(ctx, keys)
	}
	fetched, err := l.batched().LoadAll(ctx, missing)
	if err != nil {
		return nil, err
	}
	out := l.values(keys)
	for i, k := range keys {
		if j := slices.Index(missing, k); j >= 0 {
			out[i] = fetched[j]
		}
	}
	return out, nil
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
	return l.values(keys), nil
}

// values returns the known values of keys, the zero value for a key not
// known.
func (l loader[V]) values(keys []int64) []V {
	out := make([]V, len(keys))
	l.mu.Lock()
	for i, k := range keys {
		out[i] = l.known[k]
	}
	l.mu.Unlock()
	return out
}

// missing returns the keys whose values are not known yet, each once (a
// page's keys are few: a scan is cheaper than a set).
func (l loader[V]) missing(keys []int64) []int64 {
	var out []int64
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		if _, ok := l.known[k]; !ok && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// loaderWait is how long a loader collects keys before it queries. Issues
// prefetch their edges (prefetch.go), so the window only gathers the
// deeper, rarer edges that gqlgen resolves concurrently.
const loaderWait = 2 * time.Millisecond

// loaderSource makes the loaders of each request from the reads behind
// them, which it makes once.
type loaderSource struct {
	agency    func(context.Context, []int64) ([]*models.Agency, []error)
	category  func(context.Context, []int64) ([]*models.Category, []error)
	issue     func(context.Context, []int64) ([]*models.Issue, []error)
	user      func(context.Context, []int64) ([]*models.User, []error)
	sources   func(context.Context, []int64) ([][]*models.IssueSource, []error)
	responses func(context.Context, []int64) ([][]*models.Response, []error)
	events    func(context.Context, []int64) ([][]*models.IssueEvent, []error)
	revisions func(context.Context, []int64) ([][]*models.ResponseRevision, []error)
	questions func(context.Context, []int64) ([][]*models.Question, []error)
}

func newLoaderSource(s Services) *loaderSource {
	return &loaderSource{
		agency:    byID(s.Agencies.AgenciesByIDs, func(a *models.Agency) int64 { return a.ID }),
		category:  byID(s.Agencies.CategoriesByIDs, func(c *models.Category) int64 { return c.ID }),
		issue:     byID(s.Issues.IssuesByIDs, func(i *models.Issue) int64 { return i.ID }),
		user:      byID(s.Users.UsersByIDs, func(u *models.User) int64 { return u.ID }),
		sources:   groupBy(s.Issues.SourcesByIssueIDs, func(x *models.IssueSource) int64 { return x.IssueID }),
		responses: groupBy(s.Responses.ResponsesByIssueIDs, func(r *models.Response) int64 { return r.IssueID }),
		events:    groupBy(s.Issues.EventsByIssueIDs, func(e *models.IssueEvent) int64 { return e.IssueID }),
		revisions: groupBy(s.Responses.RevisionsByResponseIDs, func(r *models.ResponseRevision) int64 { return r.ResponseID }),
		questions: groupBy(s.Questions.QuestionsByIssueIDs, func(q *models.Question) int64 { return *q.IssueID }),
	}
}

// loaders returns fresh loaders for one request. Their cache lives as long
// as the request and they read the caller from the request's context.
func (src *loaderSource) loaders() *Loaders {
	l := &Loaders{}
	st := &l.states
	st.agency.fetch, l.Agency = src.agency, loader[*models.Agency]{&st.agency}
	st.category.fetch, l.Category = src.category, loader[*models.Category]{&st.category}
	st.issue.fetch, l.Issue = src.issue, loader[*models.Issue]{&st.issue}
	st.user.fetch, l.User = src.user, loader[*models.User]{&st.user}
	st.sources.fetch, l.Sources = src.sources, loader[[]*models.IssueSource]{&st.sources}
	st.responses.fetch, l.Responses = src.responses, loader[[]*models.Response]{&st.responses}
	st.events.fetch, l.Events = src.events, loader[[]*models.IssueEvent]{&st.events}
	st.revisions.fetch, l.Revisions = src.revisions, loader[[]*models.ResponseRevision]{&st.revisions}
	st.questions.fetch, l.Questions = src.questions, loader[[]*models.Question]{&st.questions}
	return l
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
