package search

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kotabaru/tanggap/models"
)

// Service implements models.SearchService over a primary engine and, when
// the primary is a remote service, a database engine that answers instead
// whenever the primary does not answer within Deadline.
type Service struct {
	db       IssueSource
	primary  Engine
	fallback Engine
	// Deadline bounds the primary engine's answer when there is a fallback.
	Deadline time.Duration
	// Cooldown is how long searches go straight to the fallback after the
	// primary failed, so that an outage does not cost every search the
	// whole deadline.
	Cooldown time.Duration
	// Observe is told which engine answered each search; it may be nil.
	Observe func(engine models.SearchEngine, fallback bool, d time.Duration)
	// Logger receives a warning whenever the fallback answers.
	Logger *slog.Logger
	// Backlog reports the index jobs still to run, for Status; nil reports
	// none.
	Backlog func(ctx context.Context) (Backlog, error)

	mu         sync.Mutex
	lastFailed time.Time
}

var _ models.SearchService = (*Service)(nil)

// NewService returns the search service. fallback may be nil.
func NewService(db IssueSource, primary, fallback Engine) *Service {
	return &Service{db: db, primary: primary, fallback: fallback, Deadline: 500 * time.Millisecond, Cooldown: 5 * time.Second,
		Logger: slog.Default()}
}

// Primary returns the engine that answers when it can.
func (s *Service) Primary() Engine { return s.primary }

// Search implements models.SearchService.
func (s *Service) Search(ctx context.Context, in models.SearchRequest) (*models.SearchConnection, error) {
	req, err := s.request(in)
	if err != nil {
		return nil, err
	}
	started := time.Now()
	result, engine, fellBack, err := s.run(ctx, req)
	if err != nil {
		return nil, models.Internal(err)
	}
	if s.Observe != nil {
		s.Observe(engine, fellBack, time.Since(started))
	}
	conn, err := s.connection(ctx, in, req, result)
	if err != nil {
		return nil, models.Internal(err)
	}
	conn.Engine, conn.Fallback = engine, fellBack
	return conn, nil
}

// run asks the primary engine, or the fallback when the primary fails or is
// too slow.
func (s *Service) run(ctx context.Context, req *Request) (*Result, models.SearchEngine, bool, error) {
	if s.fallback == nil {
		result, err := s.primary.Search(ctx, req)
		return result, s.primary.Name(), false, err
	}
	s.mu.Lock()
	skip := time.Now().Before(s.lastFailed.Add(s.Cooldown))
	s.mu.Unlock()
	if !skip {
		pctx, cancel := context.WithTimeout(ctx, s.Deadline)
		result, err := s.primary.Search(pctx, req)
		cancel()
		if err == nil {
			return result, s.primary.Name(), false, nil
		}
		if ctx.Err() != nil {
			return nil, "", false, ctx.Err()
		}
		s.Logger.WarnContext(ctx, "search engine failed, answering from the database", "engine", s.primary.Name(), "error", err)
		s.mu.Lock()
		s.lastFailed = time.Now()
		s.mu.Unlock()
	}
	result, err := s.fallback.Search(ctx, req)
	return result, s.fallback.Name(), true, err
}

const maxSearchOffset = 10000

// request validates the caller's search and turns it into an engine request.
func (s *Service) request(in models.SearchRequest) (*Request, error) {
	if n := len([]rune(in.Query)); n > models.MaxSearchQuery {
		return nil, models.Invalid("query", "maksimal %d karakter", models.MaxSearchQuery)
	}
	first := 20
	if in.First != nil {
		first = *in.First
	}
	if first < 1 || first > 100 {
		return nil, models.Invalid("first", "first harus antara 1 dan 100")
	}
	order := in.Order
	if order == "" {
		order = models.SearchByRelevance
	}
	if !order.Valid() {
		return nil, models.Invalid("orderBy", "urutan %q tidak dikenal", order)
	}
	f := in.Filter
	for _, k := range f.Kind {
		if !k.Valid() {
			return nil, models.Invalid("filter.kind", "jenis %q tidak dikenal", k)
		}
	}
	for _, v := range f.Verdict {
		if !v.Valid() {
			return nil, models.Invalid("filter.verdict", "putusan %q tidak dikenal", v)
		}
	}
	for _, st := range f.Status {
		if !st.Valid() {
			return nil, models.Invalid("filter.status", "status %q tidak dikenal", st)
		}
	}
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		return nil, models.Invalid("filter.to", "tanggal akhir harus setelah tanggal awal")
	}
	req := &Request{Query: ParseQuery(in.Query), Filter: f, Order: order, Limit: first, NoFacets: in.SkipFacets, NoTotal: in.SkipTotal}
	if in.After != "" {
		offset, err := decodeSearchCursor(in.After, fingerprint(in, order))
		if err != nil {
			return nil, err
		}
		req.Offset = offset
	}
	if req.Offset+req.Limit > maxSearchOffset {
		return nil, models.Invalid("after", "hasil pencarian hanya dapat dibuka sampai %d hasil; persempit pencarian", maxSearchOffset)
	}
	return req, nil
}

// connection turns an engine's page into the API's: it loads the issues,
// dropping any that stopped being public since they were indexed, and names
// the agencies and categories of the facets.
func (s *Service) connection(ctx context.Context, in models.SearchRequest, req *Request, result *Result) (*models.SearchConnection, error) {
	ids := make([]int64, len(result.Hits))
	for i, h := range result.Hits {
		ids[i] = h.IssueID
	}
	issues := map[int64]*models.Issue{}
	if len(ids) > 0 {
		rows, err := s.db.PublicIssuesByID(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("load found issues: %w", err)
		}
		for _, i := range rows {
			issues[i.ID] = i
		}
	}
	fp := fingerprint(in, req.Order)
	conn := &models.SearchConnection{TotalCount: max(result.Total, 0), HasNextPage: req.Offset+len(result.Hits) < result.Total,
		Quality: result.Match.Quality, IgnoredWords: orNone(result.Match.Ignored), MatchedWords: orNone(result.Match.Matched)}
	if result.Total < 0 {
		// Not counted: the caller reads neither the total nor the facets.
		conn.HasNextPage = result.More
	}
	for i, h := range result.Hits {
		issue := issues[h.IssueID]
		if issue == nil {
			continue
		}
		conn.Edges = append(conn.Edges, &models.SearchEdge{
			Cursor: encodeSearchCursor(req.Offset+i+1, fp),
			Node:   &models.SearchResult{Issue: issue, Score: h.Score, Highlights: h.Highlights, MissingWords: orNone(h.Missing)},
		})
	}
	if req.NoFacets {
		// Not read: not named either.
		conn.Facets = &models.SearchFacets{Agencies: []*models.FacetCount{}, Categories: []*models.FacetCount{}, Verdicts: []*models.VerdictCount{}}
		return conn, nil
	}
	facets, err := s.facets(ctx, result.Facets)
	if err != nil {
		return nil, err
	}
	conn.Facets = facets
	return conn, nil
}

// orNone is list, or an empty list for nil, as the API always lists.
func orNone(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func (s *Service) facets(ctx context.Context, f Facets) (*models.SearchFacets, error) {
	out := &models.SearchFacets{Agencies: []*models.FacetCount{}, Categories: []*models.FacetCount{}, Verdicts: []*models.VerdictCount{}}
	// A slug without a name (an agency that no longer exists) is left out.
	agencyNames, categoryNames := f.AgencyNames, f.CategoryNames
	if (agencyNames == nil && len(f.Agencies) > 0) || (categoryNames == nil && len(f.Categories) > 0) {
		var agencySlugs, categorySlugs []string
		if agencyNames == nil {
			for slug := range f.Agencies {
				agencySlugs = append(agencySlugs, slug)
			}
		}
		if categoryNames == nil {
			for slug := range f.Categories {
				categorySlugs = append(categorySlugs, slug)
			}
		}
		agencies, categories, err := s.db.FacetNames(ctx, agencySlugs, categorySlugs)
		if err != nil {
			return nil, fmt.Errorf("name facets: %w", err)
		}
		if agencyNames == nil {
			agencyNames = agencies
		}
		if categoryNames == nil {
			categoryNames = categories
		}
	}
	names := func(counts map[string]int, known map[string]string) []*models.FacetCount {
		list := []*models.FacetCount{}
		for slug, n := range counts {
			if name, ok := known[slug]; ok {
				list = append(list, &models.FacetCount{Slug: slug, Name: name, Count: n})
			}
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Count != list[j].Count {
				return list[i].Count > list[j].Count
			}
			if list[i].Name != list[j].Name {
				return list[i].Name < list[j].Name
			}
			return list[i].Slug < list[j].Slug
		})
		return list
	}
	out.Agencies = names(f.Agencies, agencyNames)
	out.Categories = names(f.Categories, categoryNames)
	for _, v := range models.Verdicts {
		if n := f.Verdicts[string(v)]; n > 0 {
			out.Verdicts = append(out.Verdicts, &models.VerdictCount{Verdict: v, Label: v.Label(), Count: n})
		}
	}
	sort.SliceStable(out.Verdicts, func(i, j int) bool { return out.Verdicts[i].Count > out.Verdicts[j].Count })
	return out, nil
}

// fingerprint ties a cursor to the search it came from.
func fingerprint(in models.SearchRequest, order models.SearchOrder) uint32 {
	f := in.Filter
	var b strings.Builder
	b.WriteString(strings.Join(strings.Fields(in.Query), " ") + "\x00" + string(order) + "\x00")
	if f.AgencySlug != nil {
		b.WriteString(*f.AgencySlug)
	}
	b.WriteString("\x00")
	if f.CategorySlug != nil {
		b.WriteString(*f.CategorySlug)
	}
	fmt.Fprintf(&b, "\x00%v\x00%v\x00%v", f.Kind, f.Verdict, f.Status)
	if f.From != nil {
		b.WriteString(f.From.UTC().Format(time.RFC3339Nano))
	}
	b.WriteString("\x00")
	if f.To != nil {
		b.WriteString(f.To.UTC().Format(time.RFC3339Nano))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return binary.BigEndian.Uint32(sum[:4])
}

// Search cursors are opaque to clients: the offset of the next result and a
// fingerprint of the search, so a cursor cannot be replayed on another one.
func encodeSearchCursor(offset int, fp uint32) string {
	return base64.RawURLEncoding.EncodeToString([]byte("s1:" + strconv.Itoa(offset) + ":" + strconv.FormatUint(uint64(fp), 36)))
}

var errBadCursor = models.Invalid("after", "kursor tidak valid")

func decodeSearchCursor(s string, fp uint32) (int, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, errBadCursor
	}
	parts := strings.Split(string(raw), ":")
	if len(parts) != 3 || parts[0] != "s1" {
		return 0, errBadCursor
	}
	offset, err := strconv.Atoi(parts[1])
	if err != nil || offset < 0 || offset > maxSearchOffset {
		return 0, errBadCursor
	}
	if parts[2] != strconv.FormatUint(uint64(fp), 36) {
		return 0, models.Invalid("after", "kursor berasal dari pencarian lain")
	}
	return offset, nil
}

// Status implements models.SearchService.
func (s *Service) Status(ctx context.Context) (*models.SearchStatus, error) {
	st := &models.SearchStatus{Engine: s.primary.Name()}
	if s.fallback != nil {
		st.FallbackTo = s.fallback.Name()
	}
	if s.Backlog == nil {
		return st, nil
	}
	backlog, err := s.Backlog(ctx)
	if err != nil {
		return nil, models.Internal(err)
	}
	st.IndexPending, st.IndexDead, st.OldestPending = backlog.Pending, backlog.Dead, backlog.OldestAge
	return st, nil
}
