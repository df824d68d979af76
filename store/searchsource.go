package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"
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

// FacetNames implements search.IssueSource. The names come from the
// agencies and categories kept between writes (directory.go), so that a
// search does not pay a statement for them.
func (db *DB) FacetNames(ctx context.Context, agencySlugs, categorySlugs []string) (agencies, categories map[string]string, err error) {
	agencies, categories = map[string]string{}, map[string]string{}
	if len(agencySlugs) > 0 {
		all, _, err := db.agencyDirectory(ctx)
		if err != nil {
			return nil, nil, err
		}
		for _, a := range all {
			if slices.Contains(agencySlugs, a.Slug) {
				agencies[a.Slug] = a.Name
			}
		}
	}
	if len(categorySlugs) > 0 {
		all, _, err := db.categoryDirectory(ctx)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range all {
			if slices.Contains(categorySlugs, c.Slug) {
				categories[c.Slug] = c.Name
			}
		}
	}
	return agencies, categories, nil
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
