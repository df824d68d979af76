package demodata

// Synonym is a search synonym group: a term and the other ways of saying it.
type Synonym struct {
	Term     string
	Synonyms []string
}

// Synonyms are the demo's own search synonym groups, on top of the public
// services' groups every installation ships: how people of Kotabaru name
// its places and programmes. A regency adds its own the same way, with
// setSearchSynonyms.
var Synonyms = []Synonym{
	{"saijaan", []string{"bumi saijaan", "kabupaten kotabaru"}},
	{"bandara stagen", []string{"bandara gusti syamsir alam", "bandara kotabaru"}},
	{"rsud pjs", []string{"rsud pangeran jaya sumitra", "rumah sakit pangeran jaya sumitra"}},
	{"pelabuhan serdang", []string{"pelabuhan tanjung serdang", "pelabuhan feri tanjung serdang"}},
	{"plu", []string{"pulau laut utara"}},
	{"plt", []string{"pulau laut tengah"}},
	{"batulicin", []string{"tanah bumbu"}},
	{"bias", []string{"bulan imunisasi anak sekolah"}},
	{"musrenbang", []string{"musyawarah perencanaan pembangunan"}},
}
