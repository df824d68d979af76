package search_test

// informalQueries are questions as citizens type them, over the large
// corpus: sentences with question words and chat spellings, and words no
// document holds, so that every one ends in a partial search (see
// graceful.go) after the strict one found fewer than three documents.
var informalQueries = []largeQuery{
	{q: "benarkah air pdam tercemar bakteri dangdut"},
	{q: "apakah vaksin di puskesmas bayar konser?"},
	{q: "persalinan gratis yg katanya dangdut "},
	{q: "jembatan gantung lapuk gmn xilofon "},
	{q: "difteri di sekolah beneran gak sih konser"},
	{q: "tambang pasir bikin banjir xilofon "},
}
