package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/kotabaru/tanggap/store/demodata"
)

// wita is the deployment's time zone; import reads local times in it.
var wita = time.FixedZone("WITA", 8*3600)

// The generated archive spans these instants. The end is fixed, so a data
// set of a given size is the same on every machine and every day after it.
var (
	archiveStart = time.Date(2022, 1, 3, 8, 0, 0, 0, wita)
	archiveEnd   = time.Date(2026, 11, 13, 16, 0, 0, 0, wita)
)

// issuesPerFile splits the archive into files of a size a regency would
// export at once, so that the build reports progress per file; the
// importer itself streams a file of any size.
const issuesPerFile = 10000

// importHeader is the column order of the generated import files.
var importHeader = []string{
	"external_ref", "title", "summary", "kind", "category", "logged_at",
	"source_platform", "source_url", "source_claim", "source_detected_at",
	"agency", "priority", "assigned_at", "acknowledged_at", "answered_at", "closed_at",
	"response", "verdict",
}

// extraHeader is the column order of the further responses, which the
// import cannot express (it takes one response per issue).
var extraHeader = []string{"external_ref", "agency", "answered_at", "body", "verdict"}

// genIssue is one generated issue before it is written out.
type genIssue struct {
	ref                                      string
	variant                                  int // which of a situation's parallel texts
	topic                                    *topic
	sit                                      *situation
	desa, kec                                string
	logged                                   time.Time
	status                                   string
	verdict                                  string
	priority                                 string
	assigned, acknowledged, answered, closed time.Time
}

type generator struct {
	r        *rand.Rand
	agencies map[string]demodata.Agency
	cum      []float64 // cumulative topic weights
}

// generateResult says what was written.
type generateResult struct {
	Files     []string
	Extra     string
	Issues    int
	Sources   int
	Responses int // in the import files
	Further   int // in the extra file
	Open      int // assigned or in progress: answerable by the write workloads
}

// generate writes n issues as import files issues-NNN.csv into dir, plus
// extra-responses.csv with the further responses of other agencies.
func generate(dir string, n int, seed uint64) (*generateResult, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	g := &generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), agencies: map[string]demodata.Agency{}}
	for _, a := range demodata.Agencies() {
		g.agencies[a.Slug] = a
	}
	total := 0.0
	for i := range topics {
		total += topics[i].weight
		g.cum = append(g.cum, total)
	}
	for i := range g.cum {
		g.cum[i] /= total
	}

	// Logging times first, sorted, so that issue numbers follow time as
	// they do in a real archive. Density grows linearly over the years, as
	// the portal gains users.
	times := make([]time.Time, n)
	span := archiveEnd.Sub(archiveStart)
	for i := range times {
		t := archiveStart.Add(time.Duration(math.Sqrt(g.r.Float64()) * float64(span)))
		times[i] = officeHoursBias(g.r, t)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })

	res := &generateResult{Issues: n}
	extraPath := filepath.Join(dir, "extra-responses.csv")
	ef, err := os.Create(extraPath)
	if err != nil {
		return nil, err
	}
	defer ef.Close()
	extra := csv.NewWriter(ef)
	extra.Write(extraHeader)
	res.Extra = extraPath

	for start := 0; start < n; start += issuesPerFile {
		end := min(start+issuesPerFile, n)
		path := filepath.Join(dir, fmt.Sprintf("issues-%03d.csv", start/issuesPerFile))
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		w := csv.NewWriter(f)
		w.Write(importHeader)
		for i := start; i < end; i++ {
			is := g.issue(i, times[i])
			rows := g.rows(is)
			res.Sources += len(rows)
			if is.status == "ANSWERED" || is.status == "CLOSED" {
				res.Responses++
				for _, x := range g.further(is) {
					extra.Write(x)
					res.Further++
				}
			}
			if is.status == "ASSIGNED" || is.status == "IN_PROGRESS" {
				res.Open++
			}
			for _, row := range rows {
				w.Write(row)
			}
		}
		w.Flush()
		if err := w.Error(); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
		res.Files = append(res.Files, path)
	}
	extra.Flush()
	if err := extra.Error(); err != nil {
		return nil, err
	}
	return res, ef.Close()
}

// officeHoursBias moves most instants into the day, when people write.
func officeHoursBias(r *rand.Rand, t time.Time) time.Time {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, wita)
	hour := 7 + r.Float64()*14 // 07:00–21:00
	if r.IntN(10) == 0 {
		hour = r.Float64() * 24
	}
	out := day.Add(time.Duration(hour * float64(time.Hour)))
	if out.After(archiveEnd) {
		out = archiveEnd.Add(-time.Duration(r.IntN(600)) * time.Minute)
	}
	return out
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// nth picks the variant's entry of one of a situation's parallel lists, so
// that title, claim, details and facts of an issue tell the same story.
func nth(list []string, variant int) string { return list[variant%len(list)] }

var complaintImpacts = []string{
	"Kondisi ini sudah berlangsung {hari} dan mengganggu kegiatan sehari-hari warga.",
	"Warga sudah melapor ke kantor desa tetapi belum ada tindak lanjut.",
	"Anak-anak dan lansia paling merasakan dampaknya.",
	"Keluhan serupa pernah disampaikan tahun lalu.",
}

// weighted picks a key by its weight.
func weighted(r *rand.Rand, keys []string, weights []int) string {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := r.IntN(total)
	for i, w := range weights {
		if x < w {
			return keys[i]
		}
		x -= w
	}
	return keys[len(keys)-1]
}

func (g *generator) issue(i int, logged time.Time) *genIssue {
	x := g.r.Float64()
	ti := 0
	for ti < len(g.cum)-1 && x >= g.cum[ti] {
		ti++
	}
	tp := &topics[ti]
	is := &genIssue{topic: tp, sit: &tp.situations[g.r.IntN(len(tp.situations))],
		desa: pick(g.r, villages), kec: pick(g.r, kecamatan), logged: logged.Truncate(time.Minute), variant: g.r.IntN(1 << 20)}
	is.ref = fmt.Sprintf("%s-%d-%06d", strings.ToUpper(strings.ReplaceAll(tp.agency, "-", "")), logged.Year(), i+1)
	is.status = weighted(g.r, []string{"NEW", "ASSIGNED", "IN_PROGRESS", "ANSWERED", "CLOSED"}, []int{20, 25, 35, 290, 630})
	if is.sit.kind == "MISINFORMATION" {
		is.priority = weighted(g.r, []string{"URGENT", "HIGH", "NORMAL", "LOW"}, []int{10, 40, 45, 5})
		is.verdict = is.sit.verdicts[is.variant%len(is.sit.verdicts)]
	} else {
		is.priority = weighted(g.r, []string{"URGENT", "HIGH", "NORMAL", "LOW"}, []int{3, 15, 62, 20})
	}
	step := func(from time.Time, lo, hi time.Duration) time.Time {
		t := from.Add(lo + time.Duration(g.r.Int64N(int64(hi-lo)))).Truncate(time.Minute)
		if t.After(archiveEnd) {
			t = archiveEnd
		}
		if t.Before(from) {
			t = from
		}
		return t
	}
	is.assigned = step(is.logged, 10*time.Minute, 30*time.Hour)
	is.acknowledged = step(is.assigned, 15*time.Minute, 48*time.Hour)
	is.answered = step(is.acknowledged, time.Hour, 8*24*time.Hour)
	is.closed = step(is.answered, 24*time.Hour, 14*24*time.Hour)
	return is
}

// fill replaces the placeholders of a template.
func (g *generator) fill(s string, is *genIssue) string {
	if !strings.Contains(s, "{") {
		return s
	}
	r := strings.NewReplacer(
		"{desa}", is.desa, "{kec}", is.kec, "{jalan}", pick(g.r, streets), "{hari}", pick(g.r, durations),
		"{rp}", pick(g.r, amounts), "{n}", fmt.Sprint(2+g.r.IntN(7)), "{sekolah}", pick(g.r, schools),
		"{bulan}", pick(g.r, months), "{medsos}", pick(g.r, socialPlaces),
		"{tahun}", fmt.Sprint(is.logged.Year()-g.r.IntN(2)),
	)
	return r.Replace(s)
}

func (g *generator) summary(is *genIssue) string {
	var parts []string
	switch is.sit.kind {
	case "MISINFORMATION":
		parts = append(parts, g.fill(pick(g.r, []string{
			"Pesan berantai beredar di {medsos} sejak {hari} terakhir dan sudah dibagikan ratusan kali.",
			"Sebuah unggahan di {medsos} ramai dibagikan warga Desa {desa}, Kecamatan {kec}.",
			"Tim Reaksi Cepat menemukan kabar ini di {medsos} dan menerima aduan dari warga {desa}.",
		}), is))
		parts = append(parts, "Isinya: \""+nth(is.sit.claims, is.variant)+"\"")
		parts = append(parts, g.fill(nth(is.sit.details, is.variant), is))
		parts = append(parts, g.fill(pick(g.r, []string{
			"Warga Desa {desa} meminta kepastian apakah kabar tersebut benar.",
			"Kabar ini dilaporkan dari Desa {desa}, Kecamatan {kec}, untuk diklarifikasi.",
		}), is))
	case "QUESTION":
		parts = append(parts, g.fill(pick(g.r, []string{
			"Pertanyaan ini disampaikan " + pick(g.r, askers) + " dari Desa {desa}, Kecamatan {kec}, melalui portal.",
			"Warga Desa {desa} bertanya melalui layanan pesan singkat pengaduan.",
		}), is))
		parts = append(parts, g.fill(nth(is.sit.details, is.variant), is))
		parts = append(parts, "Ia meminta penjelasan resmi yang bisa dibagikan kepada tetangga.")
	case "INFORMATION_REQUEST":
		parts = append(parts, g.fill("Permohonan informasi publik diajukan oleh "+pick(g.r, requesters)+" yang berdomisili di Desa {desa}.", is))
		parts = append(parts, g.fill(nth(is.sit.details, is.variant), is))
		parts = append(parts, "Pemohon meminta salinan data dalam bentuk tabel sesuai UU Keterbukaan Informasi Publik.")
	case "ASPIRATION":
		parts = append(parts, g.fill("Usulan ini disampaikan "+pick(g.r, groups)+" Desa {desa}, Kecamatan {kec}, dalam musyawarah perencanaan.", is))
		parts = append(parts, g.fill(nth(is.sit.details, is.variant), is))
		parts = append(parts, fmt.Sprintf("Mereka berharap usulan ini masuk rencana kerja tahun %d.", is.logged.Year()+1))
	default: // COMPLAINT
		parts = append(parts, g.fill(pick(g.r, []string{
			"Laporan masuk dari warga Desa {desa}, Kecamatan {kec}.",
			"Ketua RT di Desa {desa} menyampaikan keluhan warganya melalui portal.",
			"Sejumlah warga Desa {desa}, Kecamatan {kec}, mengadu ke posko pengaduan.",
		}), is))
		parts = append(parts, g.fill(nth(is.sit.details, is.variant), is))
		if g.r.IntN(2) == 0 {
			parts = append(parts, g.fill(pick(g.r, complaintImpacts), is))
		}
		parts = append(parts, pick(g.r, []string{
			"Warga meminta instansi terkait segera turun ke lokasi.",
			"Warga berharap masalah ini tidak terulang.",
			"Pelapor melampirkan foto kondisi di lapangan.",
		}))
	}
	return strings.Join(parts, " ")
}

var responseActions = []string{
	"Petugas telah turun ke lokasi di Desa {desa} untuk memastikan kondisi di lapangan.",
	"Kami berkoordinasi dengan pemerintah Desa {desa} dan Kecamatan {kec}.",
	"Perkembangan penanganan dipantau setiap pekan hingga tuntas.",
	"Warga diminta melapor kembali melalui portal bila masalah berulang.",
	"Informasi ini juga kami sampaikan melalui papan pengumuman kantor desa.",
	"Petugas kami mendatangi pelapor untuk menjelaskan langkah yang diambil.",
}

func (g *generator) response(is *genIssue, agencySlug string) string {
	a := g.agencies[agencySlug]
	heading := "Penjelasan"
	if is.sit.kind == "MISINFORMATION" {
		heading = "Klarifikasi"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## %s %s\n\n%s ", heading, a.ShortName, pick(g.r, acks))
	if is.sit.kind == "MISINFORMATION" {
		fmt.Fprintf(&b, "**Faktanya:** %s\n\nDengan demikian, informasi tersebut kami nyatakan **%s**.\n\n",
			g.fill(nth(is.sit.facts, is.variant), is), verdictLabels[is.verdict])
	} else {
		fmt.Fprintf(&b, "%s\n\n", g.fill(nth(is.sit.facts, is.variant), is))
	}
	actions := slices.Clone(responseActions)
	g.r.Shuffle(len(actions), func(i, j int) { actions[i], actions[j] = actions[j], actions[i] })
	for _, x := range actions[:2] {
		fmt.Fprintf(&b, "- %s\n", g.fill(x, is))
	}
	fmt.Fprintf(&b, "\n%s", pick(g.r, contacts))
	return b.String()
}

// secondResponse is another agency's response to the same issue.
func (g *generator) secondResponse(is *genIssue, agencySlug string) string {
	a, first := g.agencies[agencySlug], g.agencies[is.topic.agency]
	var fact string
	switch agencySlug {
	case "diskominfo":
		fact = "Klarifikasi resmi telah disebarluaskan melalui kanal media sosial pemerintah daerah dan grup informasi desa agar warga mendapat informasi yang benar."
	case "inspektorat":
		fact = "Inspektorat menerima tembusan laporan ini dan akan memastikan tindak lanjut sesuai ketentuan, termasuk pemeriksaan bila ditemukan pelanggaran."
	default:
		fact = fmt.Sprintf("Kami telah berkoordinasi dengan %s dan menugaskan petugas untuk membantu penanganan di lapangan sesuai kewenangan %s.", first.ShortName, a.ShortName)
	}
	return g.fill(fmt.Sprintf("## Tanggapan %s\n\n%s turut menindaklanjuti laporan tentang %s di Desa {desa}. %s\n\n%s",
		a.ShortName, a.Name, is.topic.phrase, fact, pick(g.r, contacts)), is)
}

// further returns the extra responses of an answered issue: a second
// agency's for most, a third for some, so that the archive holds about two
// responses per issue.
func (g *generator) further(is *genIssue) [][]string {
	own := func(s string) bool { return s == is.topic.agency }
	primary := slices.DeleteFunc(slices.Clone(is.topic.second), own)
	all := slices.Clone(primary)
	for _, s := range []string{"diskominfo", "inspektorat"} {
		if !slices.Contains(all, s) && !own(s) {
			all = append(all, s)
		}
	}
	count := 0
	if g.r.IntN(100) < 96 {
		count = 1
		if g.r.IntN(100) < 18 {
			count = 2
		}
	}
	var chosen []string
	if count > 0 && len(primary) > 0 {
		chosen = append(chosen, pick(g.r, primary))
	}
	if count > 1 {
		rest := slices.DeleteFunc(slices.Clone(all), func(s string) bool { return slices.Contains(chosen, s) })
		if len(rest) > 0 {
			chosen = append(chosen, pick(g.r, rest))
		}
	}
	var out [][]string
	at := is.answered
	for _, slug := range chosen {
		at = at.Add(time.Duration(30+g.r.IntN(4*24*60)) * time.Minute)
		if at.After(archiveEnd) {
			at = archiveEnd
		}
		out = append(out, []string{is.ref, slug, at.Format(time.RFC3339), g.secondResponse(is, slug), is.verdict})
	}
	return out
}

var socialPlatforms = []string{"FACEBOOK", "WHATSAPP", "TIKTOK", "INSTAGRAM", "X", "YOUTUBE"}

// source returns the source columns: platform, url, claim, detected_at.
func (g *generator) source(is *genIssue, platform string) []string {
	claim := ""
	if is.sit.kind == "MISINFORMATION" {
		claim = nth(is.sit.claims, is.variant)
	} else {
		claim = g.fill(nth(is.sit.details, is.variant), is)
	}
	id := g.r.Int64N(9e15) + 1e15
	url := ""
	switch platform {
	case "FACEBOOK":
		url = fmt.Sprintf("https://www.facebook.com/groups/infokotabaru/posts/%d", id)
	case "TIKTOK":
		url = fmt.Sprintf("https://www.tiktok.com/@warga.ktb%d/video/%d", id%997, id)
	case "INSTAGRAM":
		url = fmt.Sprintf("https://www.instagram.com/p/C%X/", id)
	case "X":
		url = fmt.Sprintf("https://x.com/kabarktb%d/status/%d", id%89, id)
	case "YOUTUBE":
		url = fmt.Sprintf("https://www.youtube.com/watch?v=%X", id%0xffffffffff)
	}
	detected := is.logged.Add(-time.Duration(g.r.IntN(12*60)) * time.Minute)
	return []string{platform, url, claim, detected.Format("2006-01-02 15:04")}
}

// rows returns the CSV rows of an issue: its own row, and a continuation
// row for a second source.
func (g *generator) rows(is *genIssue) [][]string {
	local := func(t time.Time) string { return t.In(wita).Format("2006-01-02 15:04") }
	row := make([]string, len(importHeader))
	row[0], row[1], row[2], row[3], row[4], row[5] = is.ref, g.fill(nth(is.sit.titles, is.variant), is), g.summary(is),
		is.sit.kind, is.topic.category, local(is.logged)
	var platforms []string
	switch {
	case is.sit.kind == "MISINFORMATION":
		platforms = append(platforms, pick(g.r, socialPlatforms))
		if g.r.IntN(100) < 45 {
			platforms = append(platforms, pick(g.r, socialPlatforms))
		}
	case g.r.IntN(100) < 80:
		platforms = append(platforms, pick(g.r, []string{"PORTAL", "PORTAL", "WHATSAPP", "FACEBOOK", "OTHER"}))
	}
	if len(platforms) > 0 {
		copy(row[6:10], g.source(is, platforms[0]))
	}
	if is.status != "NEW" {
		row[10], row[11], row[12] = is.topic.agency, is.priority, local(is.assigned)
	}
	if is.status == "IN_PROGRESS" || is.status == "ANSWERED" || is.status == "CLOSED" {
		row[13] = local(is.acknowledged)
	}
	if is.status == "ANSWERED" || is.status == "CLOSED" {
		row[14], row[16], row[17] = local(is.answered), g.response(is, is.topic.agency), is.verdict
	}
	if is.status == "CLOSED" {
		row[15] = local(is.closed)
	}
	rows := [][]string{row}
	if len(platforms) > 1 {
		more := make([]string, len(importHeader))
		more[0] = is.ref
		copy(more[6:10], g.source(is, platforms[1]))
		rows = append(rows, more)
	}
	return rows
}
