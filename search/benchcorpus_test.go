package search_test

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kotabaru/tanggap/auth"
	"github.com/kotabaru/tanggap/migrations"
	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/search"
	"github.com/kotabaru/tanggap/store"
	"github.com/kotabaru/tanggap/store/demodata"
	"github.com/kotabaru/tanggap/store/storetest"
)

// The large corpus of the speed benchmarks: 100,000 answered issues with two
// published responses each, in Indonesian, with query words planted at
// known frequencies. Building it takes minutes, so it is built once and
// kept: SQLite as a file under the temporary folder, PostgreSQL as a
// database of its own on the test server (tanggap_searchbench_…), both named by a
// key of the corpus version and the migrations, so that a schema change
// builds a new one and the old stays for comparison. Change
// largeCorpusVersion whenever the generator or the way documents are
// indexed changes; corpora of other versions are then deleted. Delete the
// folder tanggap-searchbench and the databases to reclaim the space.
const (
	largeCorpusVersion = "1"
	largeIssues        = 100_000
)

// planted is a phrase put into a share of the documents, in the title, the
// summary or one of the responses.
type planted struct {
	phrase string
	share  float64
}

// plantedTerms give the benchmark queries their selectivity. Selective
// queries match about 1.5 % of the documents, broad ones 12–15 %. Salino (a
// village) and salinan (a copy) share their beginning with the stem of
// persalinan, so a prefix search for persalinan shows whether it
// over-matches.
var plantedTerms = []planted{
	{"persalinan", 0.015},
	{"difteri", 0.015},
	{"jembatan gantung", 0.015},
	{"jembatan", 0.025},
	{"gantung", 0.01},
	{"tambang pasir", 0.015},
	{"tambang", 0.02},
	{"pasir", 0.02},
	{"Desa Salino", 0.025},
	{"salinan dokumen", 0.01},
	{"banjir", 0.13},
	{"sekolah", 0.14},
	{"jalan rusak", 0.12},
	{"jalan", 0.08},
	{"rusak", 0.03},
	{"bantuan sosial", 0.03},
	{"bansos", 0.03},
}

// largeQuery is one benchmark search.
type largeQuery struct {
	q      string
	filter models.SearchFilter
	order  models.SearchOrder
}

// A query without a trailing space is still being typed: its last word is
// also a prefix.
var (
	selectiveQueries = []largeQuery{
		{q: "persalinan "},
		{q: "persalinan"},
		{q: "difteri "},
		{q: "jembatan gantung "},
		{q: "tambang pasir"},
		{q: "difteri ", order: models.SearchByNewest},
	}
	broadQueries = []largeQuery{
		{q: "banjir "},
		{q: "sekolah "},
		{q: "jalan rusak "},
		{q: "bansos "},
		{q: "sekol"},
		{q: "banjir ", filter: models.SearchFilter{Kind: []models.IssueKind{models.KindComplaint, models.KindQuestion}}},
		{q: "jalan rusak ", order: models.SearchByNewest},
	}
	// Lists without words: the search page as it opens, and narrowed.
	listQueries = []largeQuery{
		{q: ""},
		{q: "", filter: models.SearchFilter{Verdict: []models.Verdict{models.VerdictFalse}}},
		{q: "", filter: models.SearchFilter{AgencySlug: ptr("dinkes"), Kind: []models.IssueKind{models.KindComplaint}}},
	}
)

func ptr[T any](v T) *T { return &v }

// largeCorpusKey names a built corpus: it changes with the version and with
// the migrations of the dialect, their names and their contents.
func largeCorpusKey(dialect store.Dialect) string {
	files := migrations.FS(string(dialect))
	names, err := fs.Glob(files, "*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	h := sha256.New()
	h.Write([]byte(largeCorpusVersion))
	for _, name := range names {
		content, err := fs.ReadFile(files, name)
		if err != nil {
			panic(err)
		}
		h.Write([]byte("\x00" + name + "\x00"))
		h.Write(content)
	}
	return "v" + largeCorpusVersion + "_" + hex.EncodeToString(h.Sum(nil)[:5])
}

// openLargeCorpus opens the built corpus of the dialect, building it first
// when there is none for the current key.
func openLargeCorpus(b *testing.B, c engineCase) *store.DB {
	b.Helper()
	key := largeCorpusKey(c.dialect)
	switch c.dialect {
	case store.SQLite:
		dir := filepath.Join(os.TempDir(), "tanggap-searchbench")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(dir, "corpus-"+key+".db")
		if _, err := os.Stat(path); err != nil {
			// Corpora of other generator versions are stale; those of other
			// migrations are kept, to compare one schema with another.
			old, _ := filepath.Glob(filepath.Join(dir, "corpus-*"))
			for _, f := range old {
				if !strings.HasPrefix(filepath.Base(f), "corpus-v"+largeCorpusVersion+"_") {
					os.Remove(f)
				}
			}
			building := path + ".building"
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(building + suffix) // left by an interrupted build
			}
			buildLargeCorpus(b, c, "sqlite:"+building)
			if err := os.Rename(building, path); err != nil {
				b.Fatal(err)
			}
		}
		return openStore(b, "sqlite:"+path)
	default:
		base := os.Getenv(storetest.PostgresURLEnv)
		admin, err := sql.Open("postgres", base)
		if err != nil {
			b.Fatal(err)
		}
		defer admin.Close()
		name := "tanggap_searchbench_" + key
		var exists bool
		if err := admin.QueryRow("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
			b.Fatal(err)
		}
		if !exists {
			rows, err := admin.Query("SELECT datname FROM pg_database WHERE datname LIKE 'tanggap\\_searchbench\\_v%' AND datname NOT LIKE $1",
				"tanggap\\_searchbench\\_v"+largeCorpusVersion+"\\_%")
			if err != nil {
				b.Fatal(err)
			}
			var old []string
			for rows.Next() {
				var n string
				rows.Scan(&n) //nolint:errcheck
				old = append(old, n)
			}
			rows.Close()
			for _, n := range old {
				if _, err := admin.Exec("DROP DATABASE IF EXISTS " + n + " WITH (FORCE)"); err != nil {
					b.Fatal(err)
				}
			}
			building := name + "_building"
			if _, err := admin.Exec("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)"); err != nil {
				b.Fatal(err)
			}
			if _, err := admin.Exec("CREATE DATABASE " + building); err != nil {
				b.Fatal(err)
			}
			buildLargeCorpus(b, c, databaseURL(b, base, building))
			if _, err := admin.Exec("ALTER DATABASE " + building + " RENAME TO " + name); err != nil {
				b.Fatal(err)
			}
		}
		return openStore(b, databaseURL(b, base, name))
	}
}

func databaseURL(b *testing.B, base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func openStore(b *testing.B, rawURL string) *store.DB {
	b.Helper()
	db, err := store.Open(rawURL, store.Options{Hasher: auth.Argon2id{}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx()); err != nil {
		b.Fatal(err)
	}
	return db
}

// buildLargeCorpus writes the corpus into the empty database at rawURL and
// indexes it with the engine of c.
func buildLargeCorpus(b *testing.B, c engineCase, rawURL string) {
	b.Helper()
	started := time.Now()
	db, err := store.Open(rawURL, store.Options{Hasher: auth.Argon2id{}})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx()); err != nil {
		b.Fatal(err)
	}
	storetest.MustLoadDemo(b, db, time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC))
	g := newCorpusGenerator()
	var agencies []*models.Agency
	var categories []*models.Category
	if err := db.Bun().NewSelect().Model(&agencies).OrderExpr("id").Scan(ctx()); err != nil {
		b.Fatal(err)
	}
	if err := db.Bun().NewSelect().Model(&categories).OrderExpr("id").Scan(ctx()); err != nil {
		b.Fatal(err)
	}
	kinds := []models.IssueKind{models.KindMisinformation, models.KindMisinformation, models.KindComplaint,
		models.KindComplaint, models.KindQuestion, models.KindAspiration, models.KindInformationRequest}
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	const batch = 500
	for start := 0; start < largeIssues; start += batch {
		issues := make([]*models.Issue, 0, batch)
		var texts []generatedIssue
		for i := start; i < start+batch && i < largeIssues; i++ {
			gi := g.issue()
			texts = append(texts, gi)
			at := base.Add(time.Duration(i) * 15 * time.Minute)
			answered := at.Add(30 * time.Hour)
			agency := agencies[g.rng.IntN(len(agencies))]
			issue := &models.Issue{
				Number: fmt.Sprintf("BEN-%06d", i+1), Title: gi.title, Summary: gi.summary,
				Kind: kinds[g.rng.IntN(len(kinds))], Status: models.StatusAnswered, AgencyID: &agency.ID,
				CreatedAt: at, UpdatedAt: answered, AssignedAt: &at, AnsweredAt: &answered,
			}
			if g.rng.IntN(10) > 0 {
				issue.CategoryID = &categories[g.rng.IntN(len(categories))].ID
			}
			if g.rng.IntN(7) == 0 {
				issue.Status = models.StatusClosed
				issue.ClosedAt = &answered
			}
			if issue.Kind == models.KindMisinformation {
				v := models.Verdicts[g.rng.IntN(len(models.Verdicts))]
				issue.Verdict = &v
			}
			issues = append(issues, issue)
		}
		if _, err := db.Bun().NewInsert().Model(&issues).Exec(ctx()); err != nil {
			b.Fatal(err)
		}
		responses := make([]*models.Response, 0, 2*len(issues))
		for j, issue := range issues {
			second := agencies[(int(*issue.AgencyID)+1+j%3)%len(agencies)]
			if second.ID == *issue.AgencyID {
				second = agencies[(int(*issue.AgencyID)+5)%len(agencies)]
			}
			for k, body := range texts[j].responses {
				agencyID := *issue.AgencyID
				if k == 1 {
					agencyID = second.ID
				}
				published := issue.AnsweredAt.Add(time.Duration(k) * time.Hour)
				responses = append(responses, &models.Response{
					IssueID: issue.ID, AgencyID: agencyID, Status: models.ResponsePublished, Body: body,
					Verdict: issue.Verdict, Revision: 1, CreatedAt: published, UpdatedAt: published, PublishedAt: &published,
				})
			}
		}
		if _, err := db.Bun().NewInsert().Model(&responses).Exec(ctx()); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%s: wrote %d issues in %s", c.name, largeIssues, time.Since(started).Round(time.Second))
	engine := c.build(b, db, search.NewSynonymSource(db, time.Minute))
	n, err := engine.Rebuild(ctx(), search.AllDocuments(db, 500))
	if err != nil {
		b.Fatal(err)
	}
	// What autovacuum would do in a while: index-only scans need the
	// visibility map.
	maintenance := "VACUUM ANALYZE search_documents"
	if c.dialect == store.SQLite {
		maintenance = "PRAGMA wal_checkpoint(TRUNCATE)"
	}
	if _, err := db.Bun().ExecContext(ctx(), maintenance); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: built the corpus of %d documents in %s", c.name, n, time.Since(started).Round(time.Second))
}

// generatedIssue is the text of one generated issue.
type generatedIssue struct {
	title, summary string
	responses      [2]string
}

// corpusGenerator writes Indonesian issues from the sentences of the demo
// corpus, village names and planted phrases, deterministically.
type corpusGenerator struct {
	rng       *rand.Rand
	sentences []string
	titles    []string
	villages  []string
}

var sentenceEnd = regexp.MustCompile(`[.!?]\s+|\n`)

func newCorpusGenerator() *corpusGenerator {
	g := &corpusGenerator{rng: rand.New(rand.NewPCG(2026, 11))}
	// Sentences holding a planted word would blur the planted frequencies.
	reserved := map[string]bool{}
	for _, p := range plantedTerms {
		for _, s := range search.Stems(search.Tokenize(p.phrase)) {
			reserved[s] = true
		}
	}
	clean := func(s string) bool {
		for _, t := range search.Tokenize(s) {
			st := search.Stem(t)
			if reserved[st] || strings.HasPrefix(t, "salin") || strings.HasPrefix(t, "sekol") || strings.HasPrefix(st, "salin") {
				return false
			}
		}
		return true
	}
	seen := map[string]bool{}
	add := func(text string) {
		for _, s := range sentenceEnd.Split(search.MarkdownText(text), -1) {
			s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".!?"))
			if len(strings.Fields(s)) < 4 || seen[s] || !clean(s) {
				continue
			}
			seen[s] = true
			g.sentences = append(g.sentences, s+".")
		}
	}
	for _, d := range demodata.Issues() {
		if clean(d.Title) {
			g.titles = append(g.titles, d.Title)
		}
		add(d.Summary)
		if d.Response != nil {
			add(d.Response.Body)
			for _, r := range d.Response.Revisions {
				add(r.Body)
			}
		}
		for _, q := range d.Questions {
			add(q.Body)
		}
	}
	for _, a := range demodata.Agencies() {
		add(a.Description)
	}
	// Village names made of syllables grow the vocabulary the way place
	// and person names do.
	syllables := []string{"ba", "ta", "ri", "ku", "lo", "man", "sar", "ja", "ya", "tu", "gu", "ling", "pa", "se",
		"ra", "mu", "nga", "di", "wa", "la", "hu", "ko", "pe", "bang", "tan", "sung", "ai", "ka", "ne", "do"}
	names := map[string]bool{}
	for len(g.villages) < 20000 {
		n := 2 + g.rng.IntN(3)
		var w strings.Builder
		for range n {
			w.WriteString(syllables[g.rng.IntN(len(syllables))])
		}
		name := w.String()
		if names[name] || !clean(name) {
			continue
		}
		names[name] = true
		g.villages = append(g.villages, strings.ToUpper(name[:1])+name[1:])
	}
	return g
}

func (g *corpusGenerator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *corpusGenerator) paragraph(n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = g.pick(g.sentences)
	}
	return strings.Join(out, " ")
}

// plantedTemplates put a planted phrase (%s) into a sentence about a
// village (%s).
var plantedTemplates = []string{
	"Warga mengeluhkan %s di %s.",
	"Laporan mengenai %s di %s sudah diteruskan ke petugas.",
	"Petugas meninjau %s di %s pekan ini.",
	"Pesan berantai menyebut %s di %s tanpa sumber yang jelas.",
}

func (g *corpusGenerator) issue() generatedIssue {
	village := g.pick(g.villages)
	gi := generatedIssue{
		title:   g.pick(g.titles) + " di " + village,
		summary: g.paragraph(3 + g.rng.IntN(3)),
	}
	gi.responses[0] = "## Tanggapan\n\n" + g.paragraph(5+g.rng.IntN(6)) +
		"\n\nNarahubung: " + g.pick(g.villages) + " " + g.pick(g.villages) + "."
	gi.responses[1] = g.paragraph(3 + g.rng.IntN(4))
	for _, p := range plantedTerms {
		if g.rng.Float64() >= p.share {
			continue
		}
		sentence := fmt.Sprintf(g.pick(plantedTemplates), p.phrase, g.pick(g.villages))
		switch r := g.rng.IntN(10); {
		case r < 3:
			gi.title = strings.ToUpper(p.phrase[:1]) + p.phrase[1:] + ": " + gi.title
		case r < 6:
			gi.summary = sentence + " " + gi.summary
		case r < 9:
			gi.responses[0] += "\n\n" + sentence
		default:
			gi.responses[1] = sentence + " " + gi.responses[1]
		}
	}
	return gi
}
