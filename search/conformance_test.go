package search_test

import (
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store/storetest"
)

// TestConformance runs the one suite of docs/search.md against every engine.
func TestConformance(t *testing.T) {
	for _, c := range engineCases(t) {
		t.Run(c.name, func(t *testing.T) { runConformance(t, c) })
	}
}

// TestConformanceMeilisearchLive runs the suite against a real Meilisearch.
func TestConformanceMeilisearchLive(t *testing.T) {
	url := os.Getenv(meiliURLEnv)
	if url == "" {
		t.Skipf("%s is not set: the suite ran against the in-process Meilisearch fake only; "+
			"set it (and %s if the server has a master key) to run it against a real Meilisearch", meiliURLEnv, meiliKeyEnv)
	}
	runConformance(t, liveMeiliCase(url))
}

func same(got []string, want ...string) bool {
	a, b := slices.Clone(got), slices.Clone(want)
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}

func runConformance(t *testing.T, c engineCase) {
	e := newEnv(t, c)
	e.loadCorpus()

	// expect checks which documents hold every word of q: exactly want,
	// before any partial match (see graceful.go).
	expect := func(t *testing.T, q string, want ...string) {
		t.Helper()
		conn := e.search(q)
		whole := wholeMatches(t, conn)
		if got := e.keys(&models.SearchConnection{Edges: whole}); !same(got, want...) {
			t.Errorf("search %q holds every word in %v, want %v (all results: %v)", q, got, want, e.keys(conn))
		}
		if len(want) == 0 && conn.Quality == models.SearchStrong {
			t.Errorf("search %q is a strong match: %v", q, e.keys(conn))
		}
	}
	contains := func(t *testing.T, q string, want ...string) []string {
		t.Helper()
		got := e.keys(e.search(q))
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("search %q = %v, want it to contain %s", q, got, w)
			}
		}
		return got
	}
	lacks := func(t *testing.T, got []string, q string, unwanted ...string) {
		t.Helper()
		for _, u := range unwanted {
			if slices.Contains(got, u) {
				t.Errorf("search %q = %v, want it without %s", q, got, u)
			}
		}
	}

	t.Run("Engine", func(t *testing.T) {
		conn := e.search("banjir")
		if conn.Engine != c.engine || conn.Fallback {
			t.Errorf("engine = %s (fallback %v), want %s", conn.Engine, conn.Fallback, c.engine)
		}
	})

	t.Run("Morphology", func(t *testing.T) {
		expect(t, "diluncurkan", "vaksin")
		expect(t, "meluncurkan", "vaksin")
		expect(t, "kebanjiran", "kebanjiran", "rob")
		expect(t, "banjir ", "kebanjiran", "rob")
		expect(t, "pembersihan saluran", "kebanjiran")
	})

	t.Run("Prefix", func(t *testing.T) {
		// The word being typed is a prefix as typed, never as its stem:
		// persalinan stems to salin, and salin* finds salinitas.
		expect(t, "persalinan", "vaksin")
		expect(t, "persalin", "vaksin")
		expect(t, "salin", "vaksin", "sungai")
		expect(t, "laboratori", "sungai")
	})

	t.Run("Synonyms", func(t *testing.T) {
		got := contains(t, "dinkes", "vaksin", "dbd")
		lacks(t, got, "dinkes", "bansos", "kebanjiran")
		contains(t, "dinas kesehatan", "vaksin", "dbd")
		expect(t, "DBD", "dbd")
		expect(t, "bantuan sosial beras", "bansos")
		expect(t, "BPBD waspada", "rob")
		expect(t, "bpbd ", "rob")
	})

	t.Run("Typos", func(t *testing.T) {
		expect(t, "vaksinsai", "vaksin")
		contains(t, "jembtan", "jembatan", "sungai")
		contains(t, "kebanjirsn", "kebanjiran")
		contains(t, "tersumbt drainase", "kebanjiran")
		// Four letters leave no room for a typo.
		expect(t, "jaln ")
	})

	t.Run("Graceful", func(t *testing.T) {
		// No document holds every word: the one that holds the most, and
		// the rarest, comes first, saying what it lacks.
		conn := e.search("banjir rob sungai bali kemarin sore")
		got := e.keys(conn)
		if len(got) == 0 || got[0] != "rob" {
			t.Fatalf("search banjir rob sungai bali kemarin sore = %v, want rob first", got)
		}
		if conn.Quality != models.SearchPartial || !same(conn.IgnoredWords, "kemarin", "sore") ||
			!same(conn.Edges[0].Node.MissingWords, "kemarin", "sore") || !slices.Contains(conn.MatchedWords, "rob") {
			t.Errorf("quality %s, ignored %v, matched %v, first lacks %v; want PARTIAL ignoring kemarin and sore",
				conn.Quality, conn.IgnoredWords, conn.MatchedWords, conn.Edges[0].Node.MissingWords)
		}
		// A document that holds a common word of a long question does not
		// outrank the one that holds its rare, specific words.
		got = e.keys(e.search("warga desa tanjung lalak bilang papan lapuk sudah jatuh"))
		if len(got) == 0 || got[0] != "jembatan" {
			t.Errorf("search warga … papan lapuk = %v, want jembatan first", got)
		}
		// Phrases and exclusions keep their strict meaning.
		for _, key := range e.keys(e.search(`"air bersih" truk tangki kemarin sore`)) {
			if key != "airbersih" {
				t.Errorf(`search "air bersih" truk tangki kemarin sore found %s, which lacks the phrase`, key)
			}
		}
		got = e.keys(e.search("banjir rob kemarin sore -pesisir"))
		lacks(t, got, "banjir rob kemarin sore -pesisir", "rob")
		// Words no document holds find nothing, and say so.
		conn = e.search("konser dangdut")
		if len(conn.Edges) != 0 || conn.Quality != models.SearchNone || !same(conn.IgnoredWords, "konser", "dangdut") {
			t.Errorf("search konser dangdut: %v, quality %s, ignored %v; want nothing, NONE", e.keys(conn), conn.Quality, conn.IgnoredWords)
		}
		// A result holding a small share of the question is no good match.
		if conn = e.search("jadwal konser dangdut bersama warga"); conn.Quality != models.SearchNone {
			t.Errorf("search jadwal konser dangdut bersama warga is %s (%v), want NONE", conn.Quality, e.keys(conn))
		}
		// When enough documents hold every word, search stays strict.
		conn = e.search("warga")
		for _, edge := range conn.Edges {
			if len(edge.Node.MissingWords) > 0 {
				t.Errorf("search warga: %s lacks %v", edge.Node.Issue.Title, edge.Node.MissingWords)
			}
		}
		if conn.Quality != models.SearchStrong || len(conn.IgnoredWords) != 0 {
			t.Errorf("search warga: quality %s, ignored %v; want STRONG", conn.Quality, conn.IgnoredWords)
		}
		// Newest first, a document holding one word would lead: strict.
		if got := e.keys(e.search("banjir rob kemarin sore", func(r *models.SearchRequest) { r.Order = models.SearchByNewest })); len(got) != 0 {
			t.Errorf("newest first: search banjir rob kemarin sore = %v, want nothing", got)
		}
		// Later pages judge the search by its first result too.
		const question = "banjir kemarin sore"
		page := e.search(question, func(r *models.SearchRequest) { r.First = first(1) })
		if !page.HasNextPage || page.Quality == models.SearchStrong {
			t.Fatalf("search %s: one of %d results, %s", question, page.TotalCount, page.Quality)
		}
		next := e.search(question, func(r *models.SearchRequest) { r.First, r.After = first(1), page.Edges[0].Cursor })
		if len(next.Edges) != 1 || next.Edges[0].Node.Issue.Number == page.Edges[0].Node.Issue.Number ||
			next.Quality != page.Quality || !same(next.IgnoredWords, page.IgnoredWords...) {
			t.Errorf("second page: %v %s %v, first page: %v %s %v", e.keys(next), next.Quality, next.IgnoredWords,
				e.keys(page), page.Quality, page.IgnoredWords)
		}
	})

	t.Run("Informal", func(t *testing.T) {
		strong := func(t *testing.T, q, want string) {
			t.Helper()
			conn := e.search(q)
			if got := e.keys(conn); len(got) == 0 || got[0] != want || conn.Quality != models.SearchStrong {
				t.Errorf("search %q = %v (%s, ignoring %v), want %s first, STRONG", q, got, conn.Quality, conn.IgnoredWords, want)
			}
		}
		strong(t, "gmn sih vaksinasi keliling yg bayar 50rb?", "vaksin")
		strong(t, "vaksinasi keliling Rp 50.000", "vaksin")
		strong(t, "vaksinasi keliling 50 ribu", "vaksin")
		strong(t, "rmh2 warga kebanjiran gmn", "kebanjiran")
		strong(t, "hoax vaksinasi keliling", "vaksin")
		strong(t, "banjir rob 2 hari", "rob")
		strong(t, "air laut pasang 2 hari", "rob")
		// A wrong first letter in a long word.
		strong(t, "lebanjiran drainase", "kebanjiran")
	})

	t.Run("Phrases", func(t *testing.T) {
		expect(t, `"air bersih"`, "airbersih")
		contains(t, "air bersih", "airbersih", "sungai")
		expect(t, `"demam berdarah" baharu`, "dbd")
	})

	t.Run("Exclusion", func(t *testing.T) {
		expect(t, "banjir -rob", "kebanjiran")
		got := contains(t, `air -"air bersih"`, "sungai", "rob")
		lacks(t, got, `air -"air bersih"`, "airbersih")
		got = contains(t, "-banjir", "vaksin", "jembatan")
		lacks(t, got, "-banjir", "kebanjiran", "rob")
	})

	t.Run("Filters", func(t *testing.T) {
		filter := func(f models.SearchFilter) func(*models.SearchRequest) {
			return func(r *models.SearchRequest) { r.Filter = f }
		}
		str := func(s string) *string { return &s }
		cases := []struct {
			name   string
			q      string
			filter models.SearchFilter
			want   []string
		}{
			{"agency", "", models.SearchFilter{AgencySlug: str("pupr")}, []string{"kebanjiran", "airbersih", "sungai", "jembatan"}},
			{"agency and words", "warga", models.SearchFilter{AgencySlug: str("dinkes")}, []string{"vaksin", "dbd"}},
			{"kind", "", models.SearchFilter{Kind: []models.IssueKind{models.KindMisinformation}}, []string{"vaksin", "rob"}},
			{"category", "", models.SearchFilter{CategorySlug: str("kesehatan")}, []string{"vaksin", "dbd"}},
			{"verdict", "", models.SearchFilter{Verdict: []models.Verdict{models.VerdictTrue}}, []string{"rob"}},
			{"status", "", models.SearchFilter{Status: []models.IssueStatus{models.StatusClosed, models.StatusAssigned}}, []string{"jembatan", "draf"}},
			{"dates", "", models.SearchFilter{From: &e.issues["rob"].CreatedAt, To: &e.issues["bansos"].CreatedAt}, []string{"rob", "dbd"}},
			{"several", "banjir", models.SearchFilter{Kind: []models.IssueKind{models.KindComplaint, models.KindQuestion}, AgencySlug: str("pupr")}, []string{"kebanjiran"}},
		}
		for _, tc := range cases {
			if got := e.keys(e.search(tc.q, filter(tc.filter))); !same(got, tc.want...) {
				t.Errorf("%s: search %q = %v, want %v", tc.name, tc.q, got, tc.want)
			}
		}
	})

	t.Run("Facets", func(t *testing.T) {
		conn := e.search("")
		if conn.TotalCount != len(publicKeys) {
			t.Errorf("totalCount = %d, want %d", conn.TotalCount, len(publicKeys))
		}
		agencies := map[string]int{}
		for _, f := range conn.Facets.Agencies {
			agencies[f.Slug] = f.Count
		}
		if want := map[string]int{"pupr": 4, "dinkes": 2, "dinsos": 2, "bpbd": 1}; !mapsEqual(agencies, want) {
			t.Errorf("agency facets = %v, want %v", agencies, want)
		}
		if conn.Facets.Agencies[0].Slug != "pupr" || conn.Facets.Agencies[0].Name != "Dinas Pekerjaan Umum dan Penataan Ruang" {
			t.Errorf("first agency facet = %+v, want PUPR with its name", conn.Facets.Agencies[0])
		}
		categories := map[string]int{}
		for _, f := range conn.Facets.Categories {
			categories[f.Slug] = f.Count
		}
		if want := map[string]int{"kesehatan": 2, "infrastruktur": 2, "bencana": 1}; !mapsEqual(categories, want) {
			t.Errorf("category facets = %v, want %v", categories, want)
		}
		verdicts := map[string]int{}
		for _, f := range conn.Facets.Verdicts {
			verdicts[string(f.Verdict)+"/"+f.Label] = f.Count
		}
		if want := map[string]int{"FALSE/Hoaks": 1, "TRUE/Benar": 1}; !mapsEqual(verdicts, want) {
			t.Errorf("verdict facets = %v, want %v", verdicts, want)
		}
		// Facets count every match of the query, not the page.
		page := e.search("warga", func(r *models.SearchRequest) { r.First = first(1) })
		sum := 0
		for _, f := range page.Facets.Agencies {
			sum += f.Count
		}
		if len(page.Edges) != 1 || sum != page.TotalCount || page.TotalCount < 5 {
			t.Errorf("one of %d results: %d edges, agency facets sum to %d", page.TotalCount, len(page.Edges), sum)
		}
	})

	t.Run("Ordering", func(t *testing.T) {
		got := e.keys(e.search("jembatan"))
		if len(got) != 2 || got[0] != "jembatan" {
			t.Errorf("relevance: search jembatan = %v, want the issue with it in the title first", got)
		}
		conn := e.search("warga", func(r *models.SearchRequest) { r.Order = models.SearchByNewest })
		if len(conn.Edges) < 5 {
			t.Fatalf("newest: %d results, want at least 5", len(conn.Edges))
		}
		for i := 1; i < len(conn.Edges); i++ {
			if conn.Edges[i].Node.Issue.CreatedAt.After(conn.Edges[i-1].Node.Issue.CreatedAt) {
				t.Errorf("newest: %v comes after an older issue", e.keys(conn))
			}
		}
		relevance := e.search("air bersih")
		if first := e.keys(relevance)[0]; first != "airbersih" {
			t.Errorf("relevance: search air bersih starts with %s, want airbersih", first)
		}
		for i := 1; i < len(relevance.Edges); i++ {
			if relevance.Edges[i].Node.Score > relevance.Edges[i-1].Node.Score {
				t.Errorf("relevance: scores rise at %d", i)
			}
		}
	})

	t.Run("Pagination", func(t *testing.T) {
		var seen []string
		after := ""
		for page := 0; ; page++ {
			conn := e.search("", func(r *models.SearchRequest) { r.First, r.After = first(4), after })
			if conn.TotalCount != len(publicKeys) {
				t.Fatalf("page %d: totalCount %d, want %d", page, conn.TotalCount, len(publicKeys))
			}
			seen = append(seen, e.keys(conn)...)
			if !conn.HasNextPage {
				break
			}
			if page > 5 || len(conn.Edges) == 0 {
				t.Fatalf("pagination does not end: %v", seen)
			}
			after = conn.Edges[len(conn.Edges)-1].Cursor
		}
		if !same(seen, publicKeys...) {
			t.Errorf("pages hold %v, want each of %v once", seen, publicKeys)
		}
		_, err := e.service.Search(ctx(), models.SearchRequest{Query: "banjir", After: after})
		if models.ErrorCode(err) != models.EINVALID {
			t.Errorf("a cursor of another search: %v, want %s", err, models.EINVALID)
		}
		_, err = e.service.Search(ctx(), models.SearchRequest{Query: "banjir", First: first(101)})
		if models.ErrorCode(err) != models.EINVALID || models.ErrorField(err) != "first" {
			t.Errorf("first 101: %v, want %s on first", err, models.EINVALID)
		}
	})

	t.Run("Visibility", func(t *testing.T) {
		for _, q := range []string{"kabut asap", "kartu kredit", "pungutan liar", "xilofon", "wahyuningsih", "penyebar rahasia77", "0812"} {
			expect(t, q)
			lacks(t, e.keys(e.search(q)), q, "baru", "ditolak", "internal")
		}
		expect(t, "beasiswa", "draf")
		// An issue made internal disappears at once, before the indexer ran …
		trc := storetest.As(e.trc)
		if _, err := e.db.SetInternal(trc, e.issues["rob"].Number, true, "Data korban belum diverifikasi."); err != nil {
			t.Fatal(err)
		}
		expect(t, "banjir", "kebanjiran")
		// … and from the engine's counts once it did.
		e.drain()
		if conn := e.search("banjir"); conn.TotalCount != 1 {
			t.Errorf("after indexing, banjir has %d results, want 1", conn.TotalCount)
		}
		if _, err := e.db.SetInternal(trc, e.issues["rob"].Number, false, "Data korban sudah diverifikasi."); err != nil {
			t.Fatal(err)
		}
		e.drain()
		expect(t, "banjir", "kebanjiran", "rob")
	})

	t.Run("Highlights", func(t *testing.T) {
		conn := e.search("vaksinasi")
		if len(conn.Edges) != 1 {
			t.Fatalf("search vaksinasi: %v", e.keys(conn))
		}
		joined := strings.Join(conn.Edges[0].Node.Highlights, " | ")
		if !strings.Contains(strings.ToLower(joined), "<mark>vaksinasi</mark>") {
			t.Errorf("highlights %q do not mark vaksinasi", joined)
		}
		conn = e.search("sanitasi")
		joined = strings.Join(conn.Edges[0].Node.Highlights, " | ")
		if !strings.Contains(joined, "&amp;") || !strings.Contains(joined, "<mark>sanitasi</mark>") {
			t.Errorf("highlights %q are not escaped HTML with the match marked", joined)
		}
		conn = e.search("diluncurkan")
		if joined = strings.Join(conn.Edges[0].Node.Highlights, " | "); !strings.Contains(joined, "<mark>Peluncuran</mark>") {
			t.Errorf("highlights %q do not mark the other form of the word", joined)
		}
	})

	t.Run("Revision", func(t *testing.T) {
		trc := storetest.As(e.trc)
		responses, err := e.db.ResponsesByIssueIDs(trc, []int64{e.issues["bansos"].ID})
		if err != nil || len(responses) != 1 {
			t.Fatalf("responses: %v %v", responses, err)
		}
		e.clock.Advance(time.Hour)
		_, err = e.db.ReviseResponse(trc, models.Revise{ResponseID: responses[0].ID,
			Body: "Penyaluran dipercepat ke hari Kamis di balai desa Hampang.", Reason: "Jadwal penyaluran berubah."})
		if err != nil {
			t.Fatal(err)
		}
		e.drain()
		expect(t, "kamis balai", "bansos")
		expect(t, "diverifikasi penerima")
	})
}

// wholeMatches returns the results that hold every word of the query, and
// fails the test if one comes after a partial match.
func wholeMatches(t *testing.T, conn *models.SearchConnection) []*models.SearchEdge {
	t.Helper()
	var whole []*models.SearchEdge
	partial := false
	for _, edge := range conn.Edges {
		if len(edge.Node.MissingWords) > 0 {
			partial = true
			continue
		}
		if partial {
			t.Errorf("%s holds every word but comes after a partial match", edge.Node.Issue.Title)
		}
		whole = append(whole, edge)
	}
	return whole
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
