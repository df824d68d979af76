package search

import (
	"context"

	"github.com/kotabaru/tanggap/models"
)

// DocumentSource is where the documents come from: the store, which owns
// the issues, responses, sources, agencies and categories they are made of.
type DocumentSource interface {
	// PublicIssueIDs returns the ids of public issues after afterID, in
	// order, at most limit of them: the pages of a full rebuild.
	PublicIssueIDs(ctx context.Context, afterID int64, limit int) ([]int64, error)
	// SearchDocuments builds the current documents of the given issues.
	// Issues that are not public (or no longer exist) are returned in gone:
	// the engines must not hold a document for them.
	SearchDocuments(ctx context.Context, ids []int64) (docs []*Document, gone []int64, err error)
}

// IssueSource gives the search service what it shows of the issues found.
type IssueSource interface {
	// PublicIssuesByID loads the issues of ids that are public now, in any
	// order; the others are left out.
	PublicIssuesByID(ctx context.Context, ids []int64) ([]*models.Issue, error)
	// FacetNames names the agencies and categories of the given slugs;
	// unknown slugs are left out.
	FacetNames(ctx context.Context, agencySlugs, categorySlugs []string) (agencies, categories map[string]string, err error)
}

// SynonymStore holds the synonym groups ADMIN keeps.
type SynonymStore interface {
	SearchSynonymGroups(ctx context.Context) ([]*models.SearchSynonym, error)
}

// Source is all that search reads of the store.
type Source interface {
	DocumentSource
	IssueSource
	SynonymStore
}
