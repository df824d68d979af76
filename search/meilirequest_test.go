package search

import (
	"slices"
	"testing"
)

// TestMeiliRequestsFacetsOnlyWhenSelected: Meilisearch is asked to count
// the facets only when the operation reads them.
func TestMeiliRequestsFacetsOnlyWhenSelected(t *testing.T) {
	m := &Meili{}
	q := ParseQuery("banjir")
	with := m.searchRequest(&Request{Query: q, Limit: 20}, "banjir")
	if !slices.Equal(with.Facets, []string{"agency", "category", "verdict"}) {
		t.Fatalf("facets asked %v, want agency, category, verdict", with.Facets)
	}
	without := m.searchRequest(&Request{Query: q, Limit: 20, NoFacets: true}, "banjir")
	if len(without.Facets) != 0 {
		t.Fatalf("facets asked %v although none are selected", without.Facets)
	}
}
