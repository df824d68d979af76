package search

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
)

// Search implements Engine for both database engines.
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
	from, fromArgs, score, scoreArgs, conds, condArgs := e.dialect.match(p)
	fconds, fargs := filterConditions(req.Filter)
	conds, condArgs = append(conds, fconds...), append(condArgs, fargs...)
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}

	order := "score DESC, d.issue_id DESC"
	if req.Order == models.SearchByNewest || p == nil || len(p.must) == 0 {
		order = "d.created_at DESC, d.issue_id DESC"
	}
	pageSQL := "SELECT d.issue_id, d.title, d.summary, d.body, " + score + " AS score FROM " + from + where +
		" ORDER BY " + order + " LIMIT ? OFFSET ?"
	args := append(append(append(append([]any{}, scoreArgs...), fromArgs...), condArgs...), req.Limit, req.Offset)
	var rows []struct {
		IssueID int64   `bun:"issue_id"`
		Title   string  `bun:"title"`
		Summary string  `bun:"summary"`
		Body    string  `bun:"body"`
		Score   float64 `bun:"score"`
	}

	// One grouping by all three facets reads the matches once; the counts
	// per facet are summed from its rows.
	facetSQL := "SELECT d.agency_slug, d.category_slug, d.verdict, count(*) AS n FROM " + from + where +
		" GROUP BY d.agency_slug, d.category_slug, d.verdict"
	var groups []struct {
		Agency   sql.NullString `bun:"agency_slug"`
		Category sql.NullString `bun:"category_slug"`
		Verdict  sql.NullString `bun:"verdict"`
		N        int            `bun:"n"`
	}
	run := func(ctx context.Context, idb bun.IDB) error {
		if err := idb.NewRaw(pageSQL, args...).Scan(ctx, &rows); err != nil {
			return fmt.Errorf("search page: %w", err)
		}
		if err := idb.NewRaw(facetSQL, append(append([]any{}, fromArgs...), condArgs...)...).Scan(ctx, &groups); err != nil {
			return fmt.Errorf("search facets: %w", err)
		}
		return nil
	}
	var err error
	if tuner, ok := e.dialect.(planTuner); ok && p != nil {
		err = e.db.RunInTx(ctx, &sql.TxOptions{ReadOnly: true}, func(ctx context.Context, tx bun.Tx) error {
			if err := tuner.tune(ctx, tx); err != nil {
				return err
			}
			return run(ctx, tx)
		})
	} else {
		err = run(ctx, e.db)
	}
	if err != nil {
		return nil, err
	}
	result := &Result{Facets: newFacets()}
	for _, g := range groups {
		result.Total += g.N
		if g.Agency.Valid {
			result.Facets.Agencies[g.Agency.String] += g.N
		}
		if g.Category.Valid {
			result.Facets.Categories[g.Category.String] += g.N
		}
		if g.Verdict.Valid {
			result.Facets.Verdicts[g.Verdict.String] += g.N
		}
	}
	h := &highlighter{marks: map[string]bool{}}
	if p != nil {
		h.marks, h.prefixes = p.marks, p.prefixes
	}
	for _, r := range rows {
		result.Hits = append(result.Hits, Hit{IssueID: r.IssueID, Score: r.Score, Highlights: h.highlights(r.Title, r.Summary, r.Body)})
	}
	return result, nil
}

// planTuner is a dialect that adjusts its planner for full-text queries,
// inside a read-only transaction of their own.
type planTuner interface {
	tune(ctx context.Context, tx bun.Tx) error
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
