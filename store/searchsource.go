package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
)

// DB is the source of package search: the documents it indexes, the issues
// it shows and the synonyms it applies are read here, from the tables the
// store owns.
var _ search.Source = (*DB)(nil)

// PublicIssueIDs implements search.DocumentSource.
func (db *DB) PublicIssueIDs(ctx context.Context, afterID int64, limit int) ([]int64, error) {
	var ids []int64
	err := db.bun.NewSelect().
		Table("issues").
		Column("id").
		Where("id > ?", afterID).
		Where(models.PublicIssueCondition("")).
		OrderExpr("id ASC").
		Limit(int64(limit)).
		Scan(ctx, &ids)
	return ids, err
}

// SearchDocuments implements search.DocumentSource: an issue's text, the
// current bodies of its published responses as plain text, the names of its
// agency and category, its verdict's label and the claims of its sources.
func (db *DB) SearchDocuments(ctx context.Context, ids []int64) (docs []*search.Document, gone []int64, err error) {
	if len(ids) == 0 {
		return nil, nil, nil
	}
	idb := db.bun
	// Only the columns a document is made of: a full rebuild reads every
	// issue, and scanning the others (times, reasons, references) costs.
	var issues []*models.Issue
	err = idb.NewSelect().Model(&issues).
		Column("id", "number", "title", "summary", "kind", "status", "verdict", "category_id", "agency_id",
			"internal", "created_at", "updated_at").
		Where("id IN (?)", bun.In(ids)).Scan(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("load issues: %w", err)
	}
	byID := map[int64]*models.Issue{}
	var public []int64
	agencyIDs, categoryIDs := []int64{}, []int64{}
	for _, i := range issues {
		if !i.IsPublic() {
			continue
		}
		byID[i.ID] = i
		public = append(public, i.ID)
		if i.AgencyID != nil {
			agencyIDs = append(agencyIDs, *i.AgencyID)
		}
		if i.CategoryID != nil {
			categoryIDs = append(categoryIDs, *i.CategoryID)
		}
	}
	for _, id := range ids {
		if byID[id] == nil {
			gone = append(gone, id)
		}
	}
	if len(public) == 0 {
		return nil, gone, nil
	}

	var responses []struct {
		IssueID int64  `bun:"issue_id"`
		Body    string `bun:"body"`
	}
	err = idb.NewSelect().
		Table("responses").
		Column("issue_id", "body").
		Where("issue_id IN (?)", bun.In(public)).
		Where("status = ?", models.ResponsePublished).
		OrderExpr("issue_id ASC, id ASC").
		Scan(ctx, &responses)
	if err != nil {
		return nil, nil, fmt.Errorf("load responses: %w", err)
	}
	bodies := map[int64][]string{}
	for _, r := range responses {
		bodies[r.IssueID] = append(bodies[r.IssueID], search.MarkdownText(r.Body))
	}

	var claims []struct {
		IssueID   int64  `bun:"issue_id"`
		ClaimText string `bun:"claim_text"`
	}
	err = idb.NewSelect().
		Table("issue_sources").
		Column("issue_id", "claim_text").
		Where("issue_id IN (?)", bun.In(public)).
		OrderExpr("issue_id ASC, id ASC").
		Scan(ctx, &claims)
	if err != nil {
		return nil, nil, fmt.Errorf("load sources: %w", err)
	}
	claimsOf := map[int64][]string{}
	for _, c := range claims {
		if c.ClaimText != "" {
			claimsOf[c.IssueID] = append(claimsOf[c.IssueID], c.ClaimText)
		}
	}

	agencies := map[int64]*models.Agency{}
	if len(agencyIDs) > 0 {
		var rows []*models.Agency
		if err := idb.NewSelect().Model(&rows).Where("id IN (?)", bun.In(agencyIDs)).Scan(ctx); err != nil {
			return nil, nil, fmt.Errorf("load agencies: %w", err)
		}
		for _, a := range rows {
			agencies[a.ID] = a
		}
	}
	categories := map[int64]*models.Category{}
	if len(categoryIDs) > 0 {
		var rows []*models.Category
		if err := idb.NewSelect().Model(&rows).Where("id IN (?)", bun.In(categoryIDs)).Scan(ctx); err != nil {
			return nil, nil, fmt.Errorf("load categories: %w", err)
		}
		for _, c := range rows {
			categories[c.ID] = c
		}
	}

	for _, id := range public {
		i := byID[id]
		doc := &search.Document{
			IssueID: i.ID, Number: i.Number, Title: i.Title, Summary: i.Summary,
			Body: strings.Join(bodies[i.ID], "\n"), Kind: i.Kind, Status: i.Status, Verdict: i.Verdict,
			CreatedAt: i.CreatedAt.UTC(), UpdatedAt: i.UpdatedAt.UTC(),
		}
		var extra []string
		if i.AgencyID != nil && agencies[*i.AgencyID] != nil {
			a := agencies[*i.AgencyID]
			doc.AgencySlug = a.Slug
			extra = append(extra, a.Name, a.ShortName)
		}
		if i.CategoryID != nil && categories[*i.CategoryID] != nil {
			c := categories[*i.CategoryID]
			doc.CategorySlug = c.Slug
			extra = append(extra, c.Name)
		}
		if i.Verdict != nil {
			extra = append(extra, i.Verdict.Label())
		}
		extra = append(extra, claimsOf[i.ID]...)
		doc.Extra = strings.Join(extra, "\n")
		docs = append(docs, doc)
	}
	return docs, gone, nil
}

// PublicIssuesByID implements search.IssueSource.
func (db *DB) PublicIssuesByID(ctx context.Context, ids []int64) ([]*models.Issue, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []*models.Issue
	err := db.bun.NewSelect().
		Model(&rows).
		Where("id IN (?)", bun.In(ids)).
		Where(models.PublicIssueCondition("")).
		Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("load found issues: %w", err)
	}
	return rows, nil
}

// FacetNames implements search.IssueSource. The names of every agency and
// category are read in one statement and kept until the next write of this
// process (or countTTL, for writes of other processes), so that a search
// does not pay a statement for them: there are tens of them, and a rename
// is rare.
func (db *DB) FacetNames(ctx context.Context, agencySlugs, categorySlugs []string) (agencies, categories map[string]string, err error) {
	agencies, categories = map[string]string{}, map[string]string{}
	if len(agencySlugs) == 0 && len(categorySlugs) == 0 {
		return agencies, categories, nil
	}
	names, err := db.facetNames.get(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	for _, slug := range agencySlugs {
		if name, ok := names.agencies[slug]; ok {
			agencies[slug] = name
		}
	}
	for _, slug := range categorySlugs {
		if name, ok := names.categories[slug]; ok {
			categories[slug] = name
		}
	}
	return agencies, categories, nil
}

// facetNameCache holds the names of all agencies and categories by slug.
type facetNameCache struct {
	mu         sync.Mutex
	names      *facetNameSet
	generation uint64
	at         time.Time
}

type facetNameSet struct{ agencies, categories map[string]string }

func (c *facetNameCache) get(ctx context.Context, db *DB) (*facetNameSet, error) {
	gen := db.Generation()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.names != nil && c.generation == gen && time.Since(c.at) < countTTL {
		return c.names, nil
	}
	var rows []struct {
		Kind string `bun:"kind"`
		Slug string `bun:"slug"`
		Name string `bun:"name"`
	}
	err := db.bun.NewRaw("SELECT 'a' AS kind, slug, name FROM agencies UNION ALL SELECT 'c' AS kind, slug, name FROM categories").
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("name facets: %w", err)
	}
	set := &facetNameSet{agencies: map[string]string{}, categories: map[string]string{}}
	for _, r := range rows {
		if r.Kind == "a" {
			set.agencies[r.Slug] = r.Name
		} else {
			set.categories[r.Slug] = r.Name
		}
	}
	c.names, c.generation, c.at = set, gen, time.Now()
	return set, nil
}

// SearchSynonymGroups implements search.SynonymStore: every group ADMIN
// keeps, by term, for every caller (the engines apply them to all).
func (db *DB) SearchSynonymGroups(ctx context.Context) ([]*models.SearchSynonym, error) {
	var rows []*models.SearchSynonym
	err := db.bun.NewSelect().Model(&rows).OrderExpr("term ASC").Scan(ctx)
	return rows, err
}

// indexLockKey is the PostgreSQL advisory lock that lets one process at a
// time read and write search documents.
const indexLockKey = 7_262_021_509

// LockIndexWrites is the search indexer's Serialize: on PostgreSQL it holds
// a session advisory lock on a connection of its own until release, so that
// index jobs of several processes never interleave their reads and writes
// of one document; SQLite serialises writers itself, and one process per
// file writes the index.
func (db *DB) LockIndexWrites(ctx context.Context) (release func(), err error) {
	if db.dialect != Postgres {
		return func() {}, nil
	}
	conn, err := db.bun.DB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock search index writes: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", indexLockKey); err != nil {
		conn.Close()
		return nil, fmt.Errorf("lock search index writes: %w", err)
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", indexLockKey); err != nil {
			// Closing a connection whose unlock failed would return it to
			// the pool still holding the lock: throw it away instead.
			conn.Raw(func(any) error { return driver.ErrBadConn }) //nolint:errcheck // the connection is discarded
		}
		conn.Close()
	}, nil
}
