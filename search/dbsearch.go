package search

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// Search implements Engine for both database engines. After its plan, a
// search is one statement: the page, which ranks ids and scores and reads
// the texts of the page's rows alone, together with what the request asks
// to be counted: one grouping of every match by agency, category and
// verdict that gives the facets, their names and the exact total; a plain
// count of the matches for the total alone; or nothing, the page then
// reading one row more to tell whether another follows. When too few
// documents hold every free word, a second statement returns the partial
// matches (see graceful.go); when a free word is held by no document at
// all, only that one runs.
func (e *dbEngine) Search(ctx context.Context, req *Request) (*Result, error) {
	var p *plan
	if !req.Query.IsEmpty() {
		syn, err := e.synonyms.Get(ctx)
		if err != nil {
			return nil, fmt.Errorf("read synonyms: %w", err)
		}
		if p, err = buildPlan(ctx, req.Query, syn, dbVocabulary{e.db}); err != nil {
			return nil, fmt.Errorf("plan query: %w", err)
		}
	}
	conds, args := filterConditions(req.Filter)
	if p == nil || len(p.must) == 0 {
		if p != nil && len(p.not) > 0 {
			c, a := e.dialect.excluding(p)
			conds, args = append(conds, c), append(args, a...)
		}
		result, found, err := e.strict(ctx, p, req, 1, func(req *Request) statement {
			st := listing(req, conds, args, tally(req, e.dialect.grouping()))
			// An exclusion reads the full-text index too.
			st.tune = p != nil
			return st
		})
		if err == nil {
			result.Match = strongMatch(req.Query, found)
		}
		return result, err
	}
	graceful := gracefulApplies(p, req)
	strict := allKnown(p)
	if strict || !graceful {
		need := 1
		if graceful {
			need = gracefulBelow
		}
		result, found, err := e.strict(ctx, p, req, need, func(req *Request) statement {
			return e.dialect.matching(p, req, conds, args)
		})
		if err != nil || !graceful || found >= gracefulBelow {
			if err == nil {
				result.Match = strongMatch(req.Query, found)
			}
			return result, err
		}
	}
	n, err := e.size.get(ctx, e.db)
	if err != nil {
		return nil, err
	}
	sel := selective(p.must, n)
	if len(sel) == 0 {
		result := &Result{Facets: newFacets(), Match: partialMatch(req.Query, p.must, nil, n, false)}
		if req.NoTotal && req.NoFacets {
			result.Total = -1
		}
		return result, nil
	}
	result, err := e.run(ctx, p, e.dialect.partial(p, sel, strict, pageRequest(req), conds, args), req)
	if err != nil {
		return nil, err
	}
	markPartial(req.Query, p, n, result)
	return result, nil
}

// strict runs the statement of a strict search, which build writes for a
// request, and returns how many documents it found: the total when it
// counted them, else at least need when its page shows that many, else
// exactly. A page that cannot tell (a later page found empty, or a short
// page of more) is followed by the counted statement; cursors come from
// earlier pages, so that is rare.
func (e *dbEngine) strict(ctx context.Context, p *plan, req *Request, need int, build func(*Request) statement) (*Result, int, error) {
	result, err := e.run(ctx, p, build(pageRequest(req)), req)
	if err != nil {
		return nil, 0, err
	}
	if result.Total >= 0 {
		return result, result.Total, nil
	}
	seen := req.Offset + len(result.Hits)
	if result.More {
		seen++
	}
	switch {
	case seen >= need && (len(result.Hits) > 0 || req.Offset == 0):
		return result, seen, nil
	case !result.More && (len(result.Hits) > 0 || req.Offset == 0):
		return result, seen, nil // the last page: seen is the total
	}
	counted := *req
	counted.NoTotal = false
	result, err = e.run(ctx, p, build(&counted), &counted)
	if err != nil {
		return nil, 0, err
	}
	return result, result.Total, nil
}

// pageRequest is the request a statement is written for: one row more than
// the page when nothing is counted, to tell whether another page follows.
func pageRequest(req *Request) *Request {
	if !req.NoTotal || !req.NoFacets {
		return req
	}
	r := *req
	r.Limit++
	return &r
}

// run runs the statement of a search and reads its rows into the result of
// req.
func (e *dbEngine) run(ctx context.Context, p *plan, st statement, req *Request) (*Result, error) {
	var rows []searchRow
	run := func(ctx context.Context, idb bun.IDB) error {
		if err := idb.NewRaw(st.sql, st.args...).Scan(ctx, &rows); err != nil {
			return fmt.Errorf("search: %w", err)
		}
		return nil
	}
	if tuner, ok := e.dialect.(planTuner); ok && st.tune {
		st.sql = tuner.tuning() + st.sql
	}
	if err := run(ctx, e.db); err != nil {
		return nil, err
	}
	return e.result(p, rows, req, st), nil
}

// markPartial marks what each result of a partial search lacks and how
// well the best one matched.
func markPartial(q Query, p *plan, n int, result *Result) {
	for i := range result.Hits {
		h := &result.Hits[i]
		h.Missing, _, _ = judge(q, p.must, heldBy(p.must, termsOf(h.texts...)), n)
	}
	if result.best == nil {
		result.Match = partialMatch(q, p.must, nil, n, false)
		return
	}
	result.Match = partialMatch(q, p.must, heldBy(p.must, termsOf(result.best...)), n, true)
}

// corpusSize caches the number of indexed documents for a minute: partial
// searches weigh words by it, and it moves slowly.
type corpusSize struct {
	mu sync.Mutex
	n  int
	at time.Time
}

func (c *corpusSize) get(ctx context.Context, db bun.IDB) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at.IsZero() && time.Since(c.at) < time.Minute {
		return c.n, nil
	}
	var n int
	if err := db.NewRaw("SELECT count(*) FROM search_documents").Scan(ctx, &n); err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	c.n, c.at = n, time.Now()
	return n, nil
}

// searchRow is a row of a search statement: a result of the page (kind p,
// in the order of ord) or a group of the facets (kind f, of the grouping
// set grp).
type searchRow struct {
	Kind         string         `bun:"kind"`
	Ord          int            `bun:"ord"`
	IssueID      int64          `bun:"issue_id"`
	Title        string         `bun:"title"`
	Summary      string         `bun:"summary"`
	Body         string         `bun:"body"`
	Extra        string         `bun:"extra"`
	Score        float64        `bun:"score"`
	Grp          int            `bun:"grp"`
	Agency       sql.NullString `bun:"agency_slug"`
	AgencyName   sql.NullString `bun:"agency_name"`
	Category     sql.NullString `bun:"category_slug"`
	CategoryName sql.NullString `bun:"category_name"`
	Verdict      sql.NullString `bun:"verdict"`
	N            int            `bun:"n"`
}

// facetGrouping is how a dialect groups the matches for the facets: by
// agency, category and verdict together (set 0), or by each alone, with
// GROUPING SETS, where the set is GROUPING() of the three (agency 3,
// category 5, verdict 6).
type facetGrouping struct{ set, groupBy string }

var (
	jointGrouping = facetGrouping{"0", "GROUP BY d.agency_slug, d.category_slug, d.verdict"}
	setsGrouping  = facetGrouping{"GROUPING(d.agency_slug, d.category_slug, d.verdict)",
		"GROUP BY GROUPING SETS ((d.agency_slug), (d.category_slug), (d.verdict))"}
)

// The grouping sets of the facet rows; groupedAll is the row of a plain
// count.
const (
	groupedJointly    = 0
	groupedByAgency   = 3
	groupedByCategory = 5
	groupedByVerdict  = 6
	groupedAll        = 7
)

// countOnly counts the matches in one row, for a request that reads the
// total but not the facets; noCount counts nothing.
var (
	countOnly = facetGrouping{set: "7"}
	noCount   = facetGrouping{}
)

// tally is what the statement of req counts besides its page: the facets
// grouped by g (which give the total too), the total alone, or nothing.
func tally(req *Request, g facetGrouping) facetGrouping {
	switch {
	case !req.NoFacets:
		return g
	case !req.NoTotal:
		return countOnly
	}
	return noCount
}

func (e *dbEngine) result(p *plan, rows []searchRow, req *Request, st statement) *Result {
	result := &Result{Facets: newFacets()}
	if !st.counted {
		result.Total = -1
	}
	var page []searchRow
	for _, r := range rows {
		if r.Kind == "p" {
			if st.absolute && r.Ord == 1 {
				result.best = []string{r.Title, r.Summary, r.Body, r.Extra}
			}
			if !st.absolute || r.Ord > req.Offset {
				page = append(page, r)
			}
			continue
		}
		if r.Grp == groupedJointly || r.Grp == groupedByAgency || r.Grp == groupedAll {
			result.Total += r.N
		}
		if r.Agency.Valid && (r.Grp == groupedJointly || r.Grp == groupedByAgency) {
			result.Facets.Agencies[r.Agency.String] += r.N
		}
		if r.Category.Valid && (r.Grp == groupedJointly || r.Grp == groupedByCategory) {
			result.Facets.Categories[r.Category.String] += r.N
		}
		if r.Verdict.Valid && (r.Grp == groupedJointly || r.Grp == groupedByVerdict) {
			result.Facets.Verdicts[r.Verdict.String] += r.N
		}
	}
	// UNION ALL promises no order; the page says its own.
	sort.Slice(page, func(i, j int) bool { return page[i].Ord < page[j].Ord })
	if len(page) > req.Limit {
		// The row read beyond the page of a statement that counts nothing.
		page, result.More = page[:req.Limit], true
	}
	h := &highlighter{marks: map[string]bool{}}
	if p != nil {
		h.marks, h.prefixes = p.marks, p.prefixes
	}
	for _, r := range page {
		result.Hits = append(result.Hits, Hit{IssueID: r.IssueID, Score: r.Score, Highlights: h.highlights(r.Title, r.Summary, r.Body),
			texts: []string{r.Title, r.Summary, r.Body, r.Extra}})
	}
	return result
}

// statement is the one statement of a search.
type statement struct {
	sql  string
	args []any
	// tune runs it after the settings of the dialect's planTuner, for
	// dialects whose planner needs them.
	tune bool
	// absolute says the page's ord counts from the first match, and the
	// page also holds the first match (ord 1), as partial searches do.
	absolute bool
	// counted says the statement counts the matches (facets or a count).
	counted bool
}

// searchStatement joins the page and the facets or the count of a search
// into one statement. with, when set, is a WITH clause both may use. page
// selects ord, issue_id, title, summary, body, extra and score; grouped is
// the FROM clause (with its conditions) of the documents to count, aliased
// d, and g how to count them (see tally). The groups are named by the
// search service through its IssueSource: the agencies and categories
// belong to the store.
func searchStatement(with string, withArgs []any, page string, pageArgs []any, grouped string, groupedArgs []any, g facetGrouping) (string, []any) {
	q := with + "SELECT 'p' AS kind, p.ord, p.issue_id, p.title, p.summary, p.body, p.extra, p.score, 0 AS grp, " +
		"NULL AS agency_slug, NULL AS agency_name, NULL AS category_slug, NULL AS category_name, NULL AS verdict, 0 AS n " +
		"FROM (" + page + ") AS p"
	args := append(append([]any{}, withArgs...), pageArgs...)
	switch {
	case g == noCount:
		return q, args
	case g == countOnly:
		q += " UNION ALL SELECT 'f', 0, 0, '', '', '', '', CAST(0 AS REAL), " + g.set + ", NULL, NULL, NULL, NULL, NULL, count(*) FROM " + grouped
	default:
		q += " UNION ALL SELECT 'f', 0, 0, '', '', '', '', CAST(0 AS REAL), g.grp, g.agency_slug, NULL, g.category_slug, NULL, g.verdict, g.n FROM (" +
			"SELECT " + g.set + " AS grp, d.agency_slug, d.category_slug, d.verdict, count(*) AS n FROM " + grouped + " " + g.groupBy + ") AS g"
	}
	return q, append(args, groupedArgs...)
}

// listing returns the statement of a search without words: every document
// that passes the conditions, newest first. The page picks its ids from the
// date index before it reads the texts of those rows only.
func listing(req *Request, conds []string, args []any, g facetGrouping) statement {
	where := whereClause(conds)
	page := "SELECT row_number() OVER (ORDER BY t.created_at DESC, t.issue_id DESC) AS ord, " +
		"d.issue_id, d.title, d.summary, d.body, d.extra, CAST(0 AS REAL) AS score FROM (" +
		"SELECT d.issue_id, d.created_at FROM search_documents AS d" + where +
		" ORDER BY d.created_at DESC, d.issue_id DESC LIMIT ? OFFSET ?) AS t " +
		"JOIN search_documents AS d ON d.issue_id = t.issue_id"
	q, a := searchStatement("", nil, page, append(append([]any{}, args...), req.Limit, req.Offset), "search_documents AS d"+where, args, g)
	return statement{sql: q, args: a, counted: g != noCount}
}

func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// planTuner is a dialect that adjusts its planner for full-text queries.
type planTuner interface {
	// tuning is the statements that go before the query, in the same
	// query and so the same transaction: settings made with SET LOCAL
	// end with it.
	tuning() string
}

// filterConditions turns a filter into conditions on the documents table.
func filterConditions(f models.SearchFilter) ([]string, []any) {
	var conds []string
	var args []any
	if f.AgencySlug != nil && *f.AgencySlug != "" {
		conds, args = append(conds, "d.agency_slug = ?"), append(args, *f.AgencySlug)
	}
	if f.CategorySlug != nil && *f.CategorySlug != "" {
		conds, args = append(conds, "d.category_slug = ?"), append(args, *f.CategorySlug)
	}
	if len(f.Kind) > 0 {
		conds, args = append(conds, "d.kind IN (?)"), append(args, bun.In(f.Kind))
	}
	if len(f.Verdict) > 0 {
		conds, args = append(conds, "d.verdict IN (?)"), append(args, bun.In(f.Verdict))
	}
	if len(f.Status) > 0 {
		conds, args = append(conds, "d.status IN (?)"), append(args, bun.In(f.Status))
	}
	if f.From != nil {
		conds, args = append(conds, "d.created_at >= ?"), append(args, f.From.UTC())
	}
	if f.To != nil {
		conds, args = append(conds, "d.created_at < ?"), append(args, f.To.UTC())
	}
	return conds, args
}

// documentColumns are the columns of search_documents both databases write.
const documentColumns = "issue_id, number, title, summary, body, extra, kind, status, verdict, agency_slug, category_slug, created_at, updated_at, terms"

// documentUpdates replaces every column of an existing row on conflict.
const documentUpdates = "number = excluded.number, title = excluded.title, summary = excluded.summary, " +
	"body = excluded.body, extra = excluded.extra, kind = excluded.kind, status = excluded.status, " +
	"verdict = excluded.verdict, agency_slug = excluded.agency_slug, category_slug = excluded.category_slug, " +
	"created_at = excluded.created_at, updated_at = excluded.updated_at, terms = excluded.terms"

// documentArgs are the values of documentColumns.
func documentArgs(d *Document, terms []string) []any {
	var verdict, agency, category any
	if d.Verdict != nil {
		verdict = string(*d.Verdict)
	}
	if d.AgencySlug != "" {
		agency = d.AgencySlug
	}
	if d.CategorySlug != "" {
		category = d.CategorySlug
	}
	return []any{d.IssueID, d.Number, d.Title, d.Summary, d.Body, d.Extra, string(d.Kind), string(d.Status),
		verdict, agency, category, d.CreatedAt.UTC(), d.UpdatedAt.UTC(), strings.Join(terms, " ")}
}
