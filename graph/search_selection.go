package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kotabaru/tanggap/models"
)

// searchSelection sets what a search may skip computing: the facets and
// the total count when the operation selects neither on the connection
// (docs/search.md, "Speed at 100,000 documents"). Outside an operation
// everything is computed.
func searchSelection(ctx context.Context, req *models.SearchRequest) {
	if graphql.GetFieldContext(ctx) == nil || !graphql.HasOperationContext(ctx) {
		return
	}
	fields := selectedFields(ctx)
	_, facets := fields["facets"]
	_, total := fields["totalCount"]
	req.SkipFacets, req.SkipTotal = !facets, !total
}
