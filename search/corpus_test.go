package search_test

import (
	"time"

	"github.com/kotabaru/tanggap/models"
	"github.com/kotabaru/tanggap/store/storetest"
)

// fixture is one issue of the conformance corpus and how far it gets.
type fixture struct {
	key, title, summary   string
	kind                  models.IssueKind
	agency, category      string
	response, verdict     string
	state                 string // ANSWERED (default), CLOSED, ASSIGNED, DRAFT, NEW, REJECTED, INTERNAL
	claim, accountHandle  string
	questionName, contact string
}

// corpus is small and written so that every behaviour of the contract has a
// document that shows it and one that must not be found. Fixtures are
// logged an hour apart, in this order.
var corpus = []fixture{
	{key: "vaksin", kind: models.KindMisinformation, agency: "dinkes", category: "kesehatan", verdict: "FALSE",
		title:   "Peluncuran vaksinasi keliling disebut berbayar",
		summary: "Pesan berantai menyebut warga harus membayar Rp50.000 saat peluncuran vaksinasi keliling di Pulau Laut.",
		response: "## Klarifikasi\n\nDinas Kesehatan menegaskan **vaksinasi keliling gratis**. Tidak ada pungutan apa pun. " +
			"Layanan persalinan di puskesmas juga tidak dipungut biaya.",
		claim:         "vaksin keliling bayar 50rb, siapkan uang pas",
		accountHandle: "@penyebar_rahasia77"},
	{key: "kebanjiran", kind: models.KindComplaint, agency: "pupr", category: "infrastruktur",
		title:    "Rumah warga Semayap kebanjiran setiap hujan deras",
		summary:  "Drainase tersumbat sehingga air masuk ke rumah warga.",
		response: "Dinas PUPR akan membersihkan saluran drainase pekan ini."},
	{key: "rob", kind: models.KindMisinformation, agency: "bpbd", category: "bencana", verdict: "TRUE",
		title:    "Banjir rob menggenangi jalan pesisir Sungai Bali",
		summary:  "Air laut pasang merendam jalan desa selama dua hari.",
		response: "Petugas penanggulangan bencana membenarkan banjir rob akibat pasang laut maksimum. Warga diminta waspada."},
	{key: "dbd", kind: models.KindQuestion, agency: "dinkes", category: "kesehatan",
		title:    "Kasus demam berdarah meningkat di Kelurahan Baharu",
		summary:  "Warga melaporkan tetangga dirawat karena demam berdarah.",
		response: "Petugas melakukan fogging dan pemberantasan sarang nyamuk di Kelurahan Baharu."},
	{key: "bansos", kind: models.KindQuestion, agency: "dinsos",
		title:    "Penyaluran bansos beras tertunda di Kecamatan Hampang",
		summary:  "Warga menanyakan jadwal penyaluran bansos beras bulan ini.",
		response: "Penyaluran dijadwalkan pekan depan setelah data penerima diverifikasi."},
	{key: "airbersih", kind: models.KindComplaint, agency: "pupr",
		title:    "Warga Dirgahayu kesulitan air bersih",
		summary:  "Sumur warga kering; air bersih & sanitasi harus dibeli dari truk tangki.",
		response: "Dinas PUPR mengirim truk tangki setiap pagi."},
	{key: "sungai", kind: models.KindAspiration, agency: "pupr",
		title:    "Air sungai di Tanjung Selayar tidak lagi bersih",
		summary:  "Warga menduga sungai tercemar limbah yang dibuang dari bawah jembatan.",
		response: "Sampel air sungai sudah diperiksa di laboratorium, termasuk salinitasnya."},
	{key: "jembatan", kind: models.KindComplaint, agency: "pupr", category: "infrastruktur", state: "CLOSED",
		title:    "Jembatan gantung Desa Tanjung Lalak rusak",
		summary:  "Papan lapuk dan berlubang membahayakan anak sekolah yang menyeberang.",
		response: "Perbaikan dijadwalkan bulan depan."},
	{key: "baru", kind: models.KindMisinformation, category: "kesehatan", state: "NEW",
		title:   "Kabar sekolah diliburkan karena kabut asap",
		summary: "Pesan berantai menyebut sekolah diliburkan sepekan karena kabut asap."},
	{key: "ditolak", kind: models.KindComplaint, state: "REJECTED",
		title:   "Keluhan kartu kredit bank swasta",
		summary: "Warga mengeluhkan bunga kartu kredit dari bank swasta."},
	{key: "internal", kind: models.KindComplaint, agency: "dinsos", state: "INTERNAL",
		title:    "Dugaan pungutan liar pengurusan akta",
		summary:  "Rekaman menyebut pungutan liar saat pengurusan akta di kantor desa.",
		response: "Inspektorat menelusuri laporan ini bersama aparat desa."},
	{key: "draf", kind: models.KindInformationRequest, agency: "dinsos", state: "DRAFT",
		title:        "Permintaan data penerima beasiswa daerah",
		summary:      "Mahasiswa meminta daftar penerima beasiswa daerah tahun ini.",
		response:     "Draf jawaban menyebut xilofon sebagai kata yang tidak boleh terbit.",
		questionName: "Wahyuningsih Pratiwi", contact: "0812-3456-7890"},
}

// publicKeys are the fixtures the public may find.
var publicKeys = []string{"vaksin", "kebanjiran", "rob", "dbd", "bansos", "airbersih", "sungai", "jembatan", "draf"}

// loadCorpus writes the corpus through the store, so that every fixture's
// outbox rows are written as in production, and drains the outbox.
func (e *env) loadCorpus() {
	e.t.Helper()
	admin := storetest.As(e.admin)
	// Short names avoid the abbreviations, so that a search for "dinkes"
	// or "BPBD" finds these agencies' issues through the synonyms alone.
	for _, a := range [][3]string{{"dinkes", "Dinas Kesehatan", "Kesehatan"},
		{"pupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "Pekerjaan Umum"},
		{"bpbd", "Badan Penanggulangan Bencana Daerah", "Penanggulangan Bencana"}, {"dinsos", "Dinas Sosial", "Sosial"}} {
		slug, name, short := a[0], a[1], a[2]
		if _, err := e.db.CreateAgency(admin, models.AgencyInput{Slug: &slug, Name: &name, ShortName: &short}); err != nil {
			e.t.Fatalf("create agency %s: %v", slug, err)
		}
	}
	for _, c := range [][2]string{{"kesehatan", "Kesehatan"}, {"infrastruktur", "Infrastruktur"},
		{"bencana", "Kebencanaan"}} {
		slug, name := c[0], c[1]
		if _, err := e.db.CreateCategory(admin, models.CategoryInput{Slug: &slug, Name: &name}); err != nil {
			e.t.Fatalf("create category %s: %v", slug, err)
		}
	}
	e.trc = storetest.MustUser(e.t, e.db, "trc@kotabarukab.go.id", models.RoleTRC, "")
	for _, f := range corpus {
		e.clock.Advance(time.Hour)
		e.issues[f.key] = e.addFixture(f)
	}
	e.drain()
}

func (e *env) addFixture(f fixture) *models.Issue {
	e.t.Helper()
	trc := storetest.As(e.trc)
	must := func(issue *models.Issue, err error) *models.Issue {
		e.t.Helper()
		if err != nil {
			e.t.Fatalf("fixture %s: %v", f.key, err)
		}
		return issue
	}
	in := models.NewIssue{Title: f.title, Summary: f.summary, Kind: f.kind, CategorySlug: f.category}
	if f.claim != "" {
		in.Sources = []models.IssueSourceInput{{Platform: models.PlatformWhatsApp, ClaimText: f.claim, AccountHandle: f.accountHandle}}
	}
	issue := must(e.db.CreateIssue(trc, in))
	switch f.state {
	case "NEW":
		return issue
	case "REJECTED":
		return must(e.db.RejectIssue(trc, issue.Number, "Bukan kewenangan pemerintah daerah."))
	}
	issue = must(e.db.AssignIssue(trc, models.Assignment{IssueNumber: issue.Number, AgencySlug: f.agency, Priority: models.PriorityNormal}))
	if f.questionName != "" {
		q, _, err := e.db.SubmitQuestion(ctx(), models.NewQuestion{
			Body: "Mohon informasi daftar penerima beasiswa daerah tahun ini.", Name: f.questionName, Contact: f.contact})
		if err != nil {
			e.t.Fatalf("fixture %s: submit question: %v", f.key, err)
		}
		if _, err := e.db.LinkQuestion(trc, q.ID, issue.Number); err != nil {
			e.t.Fatalf("fixture %s: link question: %v", f.key, err)
		}
	}
	var verdict *models.Verdict
	if f.verdict != "" {
		v := models.Verdict(f.verdict)
		verdict = &v
	}
	draft := models.ResponseDraftInput{IssueNumber: issue.Number, Body: f.response, Verdict: verdict}
	switch f.state {
	case "ASSIGNED":
		return issue
	case "DRAFT":
		if _, err := e.db.SaveDraft(trc, draft); err != nil {
			e.t.Fatalf("fixture %s: save draft: %v", f.key, err)
		}
		return issue
	}
	if _, err := e.db.PublishResponse(trc, draft); err != nil {
		e.t.Fatalf("fixture %s: publish: %v", f.key, err)
	}
	switch f.state {
	case "CLOSED":
		return must(e.db.CloseIssue(trc, issue.Number))
	case "INTERNAL":
		return must(e.db.SetInternal(trc, issue.Number, true, "Menyangkut penyelidikan yang sedang berjalan."))
	}
	return must(e.db.IssueByNumber(trc, issue.Number))
}
