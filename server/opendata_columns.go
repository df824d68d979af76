package server

// column is one column of an open-data file: its stable name and what it
// holds, in Indonesian, for the index page.
type column struct {
	Name        string
	Description string
}

// openDataTable is one table of the open data, published as CSV and as
// JSON Lines under the same base name.
type openDataTable struct {
	Name        string // base file name, e.g. "issues"
	Title       string
	Description string
	Columns     []column
}

// The tables' columns never change name or order; new columns are added at
// the end, so scripts that read them keep working.
var (
	issuesTable = openDataTable{
		Name:        "issues",
		Title:       "Isu publik",
		Description: "Satu baris per isu publik (hoaks, keluhan, pertanyaan, permintaan informasi, aspirasi) yang dapat dilihat siapa pun.",
		Columns: []column{
			{"number", "Nomor isu yang tetap, misalnya KTB-2026-000123; dipakai di alamat dan kutipan."},
			{"url", "Alamat halaman isu di portal."},
			{"title", "Judul singkat."},
			{"summary", "Ringkasan klaim, keluhan atau pertanyaan."},
			{"kind", "Jenis: MISINFORMATION, COMPLAINT, QUESTION, INFORMATION_REQUEST atau ASPIRATION."},
			{"status", "Tahap: ASSIGNED, IN_PROGRESS, ANSWERED, CLOSED atau DUPLICATE."},
			{"priority", "Prioritas: URGENT, HIGH, NORMAL atau LOW; kosong bila belum ditetapkan."},
			{"verdict", "Putusan untuk misinformasi: FALSE, MISLEADING, PARTLY_TRUE, TRUE atau UNPROVEN."},
			{"verdict_label", "Putusan dalam bahasa Indonesia (Hoaks, Menyesatkan, …)."},
			{"category", "Slug kategori; kosong bila tidak ada."},
			{"agency", "Slug instansi penanggung jawab."},
			{"agency_name", "Nama instansi penanggung jawab."},
			{"duplicate_of", "Untuk duplikat: nomor isu yang memuat jawabannya."},
			{"created_at", "Waktu isu dicatat (RFC 3339, UTC)."},
			{"assigned_at", "Waktu isu diteruskan ke instansi; jam tanggap mulai berjalan."},
			{"acknowledged_at", "Waktu instansi menyatakan sedang menangani."},
			{"answered_at", "Waktu jawaban resmi pertama diterbitkan."},
			{"closed_at", "Waktu isu ditutup."},
			{"updated_at", "Waktu perubahan terakhir."},
		},
	}
	responsesTable = openDataTable{
		Name:        "responses",
		Title:       "Jawaban resmi dan ralatnya",
		Description: "Satu baris per versi terbit jawaban resmi: versi asli dan setiap ralat beserta alasannya. Versi yang berlaku ditandai is_current.",
		Columns: []column{
			{"issue_number", "Nomor isu yang dijawab."},
			{"agency", "Slug instansi yang menjawab."},
			{"revision", "Nomor versi: 1 untuk terbitan asli, lalu 2, 3, …"},
			{"is_current", "true untuk versi yang berlaku sekarang."},
			{"published_at", "Waktu versi ini diterbitkan (RFC 3339, UTC)."},
			{"verdict", "Putusan versi ini, untuk misinformasi."},
			{"verdict_label", "Putusan dalam bahasa Indonesia."},
			{"reason", "Alasan ralat; kosong untuk terbitan asli."},
			{"body_markdown", "Teks jawaban versi ini, dalam Markdown."},
		},
	}
	responseTimesTable = openDataTable{
		Name:        "response-times",
		Title:       "Waktu tanggap per isu",
		Description: "Satu baris per isu publik yang sudah diteruskan ke instansi: tenggat, kapan instansi menanggapi dan menjawab, dan apakah tepat waktu. Tenggat dihitung dari kebijakan waktu tanggap dan kalender kerja.",
		Columns: []column{
			{"issue_number", "Nomor isu."},
			{"agency", "Slug instansi penanggung jawab."},
			{"priority", "Prioritas yang menentukan tenggat."},
			{"assigned_at", "Waktu diteruskan ke instansi (RFC 3339, UTC)."},
			{"acknowledge_due_at", "Batas waktu menanggapi."},
			{"acknowledged_at", "Waktu instansi menanggapi; kosong bila belum."},
			{"acknowledged_on_time", "true/false; kosong bila belum ditanggapi dan tenggat belum lewat."},
			{"answer_due_at", "Batas waktu menjawab."},
			{"answered_at", "Waktu jawaban pertama terbit; kosong bila belum."},
			{"answered_on_time", "true/false; kosong bila belum dijawab dan tenggat belum lewat."},
			{"minutes_to_acknowledge", "Menit jam dinding dari penerusan sampai ditanggapi."},
			{"minutes_to_answer", "Menit jam dinding dari penerusan sampai dijawab."},
			{"overdue_now", "true bila isu masih terbuka dan melewati tenggat saat data dibuat."},
		},
	}
	openDataTables = []openDataTable{issuesTable, responsesTable, responseTimesTable}
)
