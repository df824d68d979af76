package models

import "sort"

// auditActionLabels names each action of the audit log in Indonesian, as
// auditors read it.
var auditActionLabels = map[string]string{
	"auth.login":               "Masuk",
	"auth.logout":              "Keluar",
	"auth.session_end":         "Sesi lain diakhiri",
	"auth.refresh_reuse":       "Sesi diakhiri: token sesi dipakai ulang",
	"issue.create":             "Isu dicatat",
	"issue.import":             "Isu diimpor dari spreadsheet",
	"issue.edited":             "Teks isu diubah",
	"issue.source_added":       "Sumber ditambahkan",
	"issue.source_updated":     "Sumber diperbaiki",
	"issue.source_removed":     "Sumber dihapus",
	"issue.assigned":           "Diteruskan ke instansi",
	"issue.reassigned":         "Dialihkan ke instansi lain",
	"issue.acknowledged":       "Diterima instansi",
	"issue.declined":           "Dikembalikan ke TRC",
	"issue.answered":           "Tanggapan resmi terbit",
	"issue.revised":            "Tanggapan diralat",
	"issue.closed":             "Isu ditutup",
	"issue.reopened":           "Isu dibuka kembali",
	"issue.rejected":           "Isu ditolak",
	"issue.marked_duplicate":   "Ditandai duplikat",
	"issue.made_internal":      "Disembunyikan dari publik",
	"issue.made_public":        "Ditampilkan ke publik",
	"response.draft":           "Draf tanggapan disimpan",
	"response.discard":         "Draf tanggapan dibuang",
	"question.submit":          "Pertanyaan warga masuk",
	"subscription.request":     "Permintaan mengikuti (menunggu konfirmasi)",
	"subscription.confirm":     "Langganan dikonfirmasi",
	"question.link":            "Pertanyaan ditautkan ke isu",
	"question.open_issue":      "Isu dibuka dari pertanyaan",
	"question.reject":          "Pertanyaan ditolak",
	"agency.create":            "Instansi ditambahkan",
	"agency.update":            "Instansi diubah",
	"category.create":          "Kategori ditambahkan",
	"category.update":          "Kategori diubah",
	"user.create":              "Akun staf dibuat",
	"user.update":              "Akun staf diubah",
	"user.deactivate":          "Akun staf dinonaktifkan",
	"calendar.add_holiday":     "Hari libur ditambahkan",
	"calendar.remove_holiday":  "Hari libur dihapus",
	"calendar.import_holidays": "Hari libur diimpor",
	"calendar.working_hours":   "Jam kerja diubah",
	"policy.update":            "Target waktu diubah",
	"search.synonyms.set":      "Sinonim pencarian disimpan",
	"search.synonyms.delete":   "Sinonim pencarian dihapus",
	"demo.load":                "Data demo dimuat",
	"webhook.create":           "Webhook didaftarkan",
	"webhook.update":           "Webhook diubah",
	"webhook.delete":           "Webhook dihapus",
	"webhook.rotate_secret":    "Rahasia webhook diganti",
	"webhook.replay":           "Pengiriman webhook diulang",
	"webhook.disabled":         "Webhook dinonaktifkan otomatis",
}

// AuditActionLabel is the Indonesian name of an audit action; an action
// without one is shown as it is written.
func AuditActionLabel(action string) string {
	if label, ok := auditActionLabels[action]; ok {
		return label
	}
	return action
}

// AuditAction is an action of the audit log with its Indonesian name.
type AuditAction struct {
	Action, Label string
}

// AuditActions lists every known audit action, by its Indonesian name.
func AuditActions() []AuditAction {
	out := make([]AuditAction, 0, len(auditActionLabels))
	for action, label := range auditActionLabels {
		out = append(out, AuditAction{Action: action, Label: label})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}
