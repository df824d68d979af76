package demodata

import (
	"cmp"
	"slices"
)

// Issues are the demo issues, oldest first. They are kept in three files by
// period, plus issues_more.go with later additions that fall between the
// others in time; inLoggingOrder merges them by logging time.
//
// Within the files, DuplicateOf and the index comments count across
// issuesOlder, issuesMiddle and issuesRecent concatenated in that order;
// inLoggingOrder renumbers DuplicateOf so that it counts across Issues.
var Issues = inLoggingOrder(slices.Concat(issuesOlder, issuesMiddle, issuesRecent, issuesMore))

// inLoggingOrder returns the issues sorted oldest first (by LoggedDaysAgo,
// descending, keeping the order of equal values) with every DuplicateOf
// turned from an index into list into an index into the result.
func inLoggingOrder(list []Issue) []Issue {
	order := make([]int, len(list))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(list[b].LoggedDaysAgo, list[a].LoggedDaysAgo)
	})
	position := make([]int, len(list))
	for p, i := range order {
		position[i] = p
	}
	out := make([]Issue, len(list))
	for p, i := range order {
		out[p] = list[i]
		if out[p].Status == "DUPLICATE" {
			out[p].DuplicateOf = position[list[i].DuplicateOf]
		}
	}
	return out
}

// issuesOlder covers roughly the sixth to the fourth month before loading
// (indexes 0–19).
var issuesOlder = []Issue{
	// 0
	{
		Title:            "Pesan berantai: vaksinasi di puskesmas dipungut biaya Rp150.000",
		Summary:          "Pesan berantai di WhatsApp dan Facebook menyebut warga harus membayar Rp150.000 untuk mendapat vaksin di puskesmas. Dinas Kesehatan memastikan imunisasi program pemerintah tidak dipungut biaya.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "CLOSED",
		AgencySlug:       "dinkes",
		Priority:         "HIGH",
		LoggedDaysAgo:    178.4,
		AssignAfter:      90 * minute,
		AcknowledgeAfter: 2*hour + 45*minute,
		AnswerAfter:      20 * hour,
		CloseAfter:       8 * day,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "INFO PENTING!! Mulai minggu depan vaksin di puskesmas tdk gratis lagi, tiap orang bayar Rp150.000, siapkan uang pas. Sebarkan ke keluarga!!",
				DetectedBefore: 9 * hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500009921/",
				ClaimText:      "Benarkah vaksin anak di puskesmas sekarang bayar 150 ribu? Tetangga sy dapat pesan ini dari grup arisan.",
				AccountHandle:  "Mama Alya Saijaan 27",
				DetectedBefore: 6 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Klarifikasi Dinas Kesehatan Kabupaten Kotabaru

Menanggapi pesan berantai yang menyebut warga harus membayar **Rp150.000** untuk vaksinasi di puskesmas, Dinas Kesehatan (Dinkes) Kabupaten Kotabaru menyatakan informasi tersebut **tidak benar**.

### Fakta

- Imunisasi rutin bayi dan balita, imunisasi anak sekolah, serta vaksinasi program pemerintah lainnya di **28 puskesmas** dan puskesmas pembantu **tidak dipungut biaya**.
- Vaksin disediakan pemerintah pusat dan disalurkan melalui Instalasi Farmasi Kabupaten, sehingga tidak ada komponen biaya yang dibebankan kepada warga.
- Sepanjang bulan lalu, **3.412 anak** menerima imunisasi rutin di seluruh kecamatan tanpa pungutan apa pun.

### Jika Anda diminta membayar

1. Catat nama fasilitas, waktu, dan petugas yang meminta pembayaran.
2. Laporkan melalui [kanal pengaduan Pemkab Kotabaru](https://kotabarukab.go.id/pengaduan) atau WhatsApp layanan Dinkes **0811-0000-4120** (Senin–Jumat, 08.00–16.00 WITA).
3. Jangan meneruskan pesan yang belum jelas sumbernya.

Jadwal posyandu dan imunisasi di setiap puskesmas dapat dilihat di [laman Dinkes](https://dinkes.kotabarukab.go.id/jadwal-imunisasi).`,
		},
	},
	// 1
	{
		Title:            "Air PDAM tidak mengalir tiga hari di Kelurahan Baharu Utara",
		Summary:          "Warga Kelurahan Baharu Utara, Kecamatan Pulau Laut Utara, mengeluhkan air PDAM tidak mengalir sejak tiga hari lalu tanpa pemberitahuan. Keluhan disampaikan di kolom komentar akun Instagram resmi pemerintah kabupaten.",
		Kind:             "COMPLAINT",
		CategorySlug:     "air-bersih",
		Status:           "CLOSED",
		AgencySlug:       "perumda-air-minum",
		Priority:         "HIGH",
		LoggedDaysAgo:    175.1,
		AssignAfter:      2 * hour,
		AcknowledgeAfter: 3*hour + 30*minute,
		AnswerAfter:      day + 2*hour,
		CloseAfter:       6 * day,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/C7kT2xBaR4q/",
				ClaimText:      "Sdh 3 hari air PDAM di Baharu Utara mati total, gak ada info apa2. Kami beli air galon terus, tolong PDAM jgn diam saja.",
				AccountHandle:  "@nadia.bu_2204",
				DetectedBefore: 5 * hour,
			},
		},
		Response: &Response{
			Body: `## Penjelasan Perumda Air Minum Kotabaru

Kami memohon maaf atas terhentinya pasokan air di **Kelurahan Baharu Utara** dan sebagian Kelurahan Baharu Selatan, serta atas tidak adanya pemberitahuan sejak hari pertama.

### Penyebab

Pipa transmisi berdiameter **250 mm** bocor setelah tertimpa alat berat pada pekerjaan galian pihak ketiga. Sekitar **4.300 sambungan** pelanggan terdampak.

### Penanganan

- Perbaikan pipa selesai pada hari ketiga pukul 21.40 WITA. Aliran kembali normal secara bertahap dalam 12–24 jam; rumah di dataran yang lebih tinggi menerima air paling akhir.
- Selama gangguan, **6 mobil tangki** menyalurkan **96.000 liter** air bersih gratis ke 31 titik.
- Ke depan, setiap gangguan yang diperkirakan lebih dari 6 jam akan diumumkan melalui kanal resmi dan ketua RT.

### Tagihan

Tagihan dihitung dari angka meter, sehingga hari tanpa aliran tidak menambah pemakaian. Pelanggan yang menilai tagihannya tidak wajar dapat meminta pemeriksaan meter tanpa biaya.

Layanan pelanggan: WhatsApp **0811-0000-5210** atau [info gangguan](https://kotabarukab.go.id/perumda-air-minum/gangguan).`,
		},
	},
	// 2
	{
		Title:            "Tawaran kelulusan PPPK Pemkab Kotabaru lewat \"jalur khusus\" dengan biaya Rp25 juta",
		Summary:          "Video TikTok dan pesan WhatsApp menawarkan kelulusan PPPK lewat jalur khusus dengan membayar Rp25 juta kepada orang yang mengaku pegawai BKPSDM. BKPSDM memastikan seleksi hanya melalui SSCASN dan tanpa biaya.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kepegawaian",
		Status:           "CLOSED",
		AgencySlug:       "bkpsdm",
		Priority:         "URGENT",
		LoggedDaysAgo:    171.6,
		AssignAfter:      25 * minute,
		AcknowledgeAfter: 40 * minute,
		AnswerAfter:      4*hour + 10*minute,
		CloseAfter:       10 * day,
		Sources: []Source{
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@peluang_asn_kalsel77/video/7391046628810000101",
				ClaimText:      "Jalur khusus PPPK Kotabaru masih ada 12 kursi, DP 10 jt lunas setelah SK keluar, total 25 jt. DM yg serius aja.",
				AccountHandle:  "@peluang_asn_kalsel77",
				DetectedBefore: day + 6*hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/2207718400001174/posts/2207718400052290/",
				ClaimText:      "Yang mau jadi PPPK tanpa tes, hubungi orang dalam BKPSDM, biaya 25 juta bisa dicicil.",
				AccountHandle:  "Lowongan Kerja Banua 88",
				DetectedBefore: 20 * hour,
			},
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Info dr orang BKD: kuota titipan PPPK tinggal sedikit, 25 juta langsung aman. Japri sy.",
				DetectedBefore: 14 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Klarifikasi BKPSDM Kabupaten Kotabaru

Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) Kabupaten Kotabaru menegaskan bahwa tawaran **"jalur khusus" PPPK dengan biaya Rp25 juta adalah hoaks dan penipuan**.

### Ketentuan resmi

- Pendaftaran PPPK hanya dilakukan melalui portal nasional **SSCASN** milik BKN.
- Seleksi kompetensi memakai sistem CAT BKN; nilai peserta langsung tampil dan dapat dipantau.
- **Tidak ada jalur khusus, kuota titipan, atau pungutan biaya** dalam bentuk apa pun.
- Pengumuman hasil seleksi administrasi dijadwalkan pada **14 Oktober** di laman resmi BKPSDM.

### Langkah yang kami lakukan

Akun penyebar tawaran telah dilaporkan ke Polres Kotabaru dan ke platform terkait. Orang yang mengaku pegawai BKPSDM dalam video tersebut **bukan pegawai kami**.

Apabila Anda sudah mentransfer uang, simpan bukti transfer dan percakapan, lalu laporkan ke kepolisian serta ke [layanan pengaduan BKPSDM](https://bkpsdm.kotabarukab.go.id/pengaduan).

Informasi resmi seleksi ASN: [bkpsdm.kotabarukab.go.id/seleksi-asn](https://bkpsdm.kotabarukab.go.id/seleksi-asn).`,
			Revisions: []Revision{
				{
					After:   2 * day,
					Verdict: "FALSE",
					Reason:  "Ralat tanggal pengumuman hasil seleksi administrasi: tertulis 14 Oktober, yang benar 21 Oktober sesuai jadwal resmi BKN.",
					Body: `## Klarifikasi BKPSDM Kabupaten Kotabaru

Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) Kabupaten Kotabaru menegaskan bahwa tawaran **"jalur khusus" PPPK dengan biaya Rp25 juta adalah hoaks dan penipuan**.

### Ketentuan resmi

- Pendaftaran PPPK hanya dilakukan melalui portal nasional **SSCASN** milik BKN.
- Seleksi kompetensi memakai sistem CAT BKN; nilai peserta langsung tampil dan dapat dipantau.
- **Tidak ada jalur khusus, kuota titipan, atau pungutan biaya** dalam bentuk apa pun.
- Pengumuman hasil seleksi administrasi dijadwalkan pada **21 Oktober** di laman resmi BKPSDM.

### Langkah yang kami lakukan

Akun penyebar tawaran telah dilaporkan ke Polres Kotabaru dan ke platform terkait. Orang yang mengaku pegawai BKPSDM dalam video tersebut **bukan pegawai kami**.

Apabila Anda sudah mentransfer uang, simpan bukti transfer dan percakapan, lalu laporkan ke kepolisian serta ke [layanan pengaduan BKPSDM](https://bkpsdm.kotabarukab.go.id/pengaduan).

Informasi resmi seleksi ASN: [bkpsdm.kotabarukab.go.id/seleksi-asn](https://bkpsdm.kotabarukab.go.id/seleksi-asn).`,
				},
			},
		},
	},
	// 3
	{
		Title:            "Kapan blangko e-KTP kembali tersedia di Disdukcapil Kotabaru?",
		Summary:          "Sejumlah warga menanyakan blangko KTP elektronik yang kosong sehingga mereka hanya menerima surat keterangan pengganti. Pertanyaan masuk melalui portal dan kolom komentar Facebook.",
		Kind:             "QUESTION",
		CategorySlug:     "administrasi-kependudukan",
		Status:           "CLOSED",
		AgencySlug:       "disdukcapil",
		Priority:         "NORMAL",
		LoggedDaysAgo:    168.2,
		AssignAfter:      3 * hour,
		AcknowledgeAfter: 20 * hour,
		AnswerAfter:      2*day + 4*hour,
		CloseAfter:       9 * day,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/2291",
				ClaimText:      "Sudah sebulan lebih rekam KTP tapi katanya blangko habis. Sampai kapan?",
				DetectedBefore: 2 * day,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500013377/",
				ClaimText:      "Di Disdukcapil blangko KTP kosong, cuma dikasih kertas suket. Ada yg tau kapan ada lagi?",
				AccountHandle:  "Udin Kelumpang 05",
				DetectedBefore: day,
			},
		},
		Response: &Response{
			Body: `## Ketersediaan Blangko KTP Elektronik

Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kabupaten Kotabaru menyampaikan bahwa blangko KTP elektronik (e-KTP) sempat kosong selama tiga pekan karena menunggu distribusi dari Kementerian Dalam Negeri.

### Kondisi terkini

- Sebanyak **2.500 keping blangko** telah diterima dan pencetakan dimulai kembali.
- Urutan prioritas: (1) pemula usia 17 tahun, (2) KTP rusak atau hilang, (3) pemegang surat keterangan (Suket) terlama.
- Tercatat **1.780 warga** pemegang Suket; seluruhnya ditargetkan tercetak dalam **dua pekan**.

### Cara mengambil

- Warga Kecamatan Pulau Laut Utara dan Pulau Laut Sigam mengambil di kantor Disdukcapil.
- Warga kecamatan lain mengambil di kantor kecamatan masing-masing; jadwal dikirim melalui SMS atau WhatsApp ke nomor yang terdaftar.

### Apakah Suket berlaku?

Ya. Suket berlaku sama dengan KTP-el untuk layanan publik, perbankan, BPJS, dan melamar kerja selama masa berlakunya. Warga juga dapat mengaktifkan **Identitas Kependudukan Digital (IKD)** di kantor Disdukcapil atau kecamatan.

Seluruh layanan adminduk **gratis**. Informasi: [laman Disdukcapil](https://disdukcapil.kotabarukab.go.id/layanan-ktp).`,
		},
		Questions: []Question{
			{
				Body:    "Saya sudah rekam e-KTP dua bulan lalu di Kecamatan Kelumpang Hilir dan hanya dapat surat keterangan. Kapan KTP fisiknya bisa diambil dan apakah harus datang ke kantor kabupaten?",
				Name:    "Rudiansyah",
				Contact: "rudi.ansyah@example.com",
				After:   6 * hour,
			},
			{
				Body:    "Anak saya baru 17 tahun dan mau melamar kerja. Apakah surat keterangan pengganti KTP bisa dipakai untuk melamar kerja dan membuka rekening bank?",
				Name:    "Maslianti",
				Contact: "0812-0000-3471",
				After:   day + 3*hour,
			},
		},
	},
	// 4
	{
		Title:            "Video banjir bandang viral diklaim terjadi di Kotabaru",
		Summary:          "Video arus deras menyeret rumah dan kendaraan beredar di TikTok dengan keterangan \"Kotabaru kebanjiran parah malam ini\". Penelusuran BPBD menunjukkan video itu direkam di provinsi lain dua tahun lalu.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "bencana",
		Status:           "ANSWERED",
		AgencySlug:       "bpbd",
		Priority:         "URGENT",
		LoggedDaysAgo:    165.7,
		AssignAfter:      20 * minute,
		AcknowledgeAfter: 35 * minute,
		AnswerAfter:      3*hour + 40*minute,
		Sources: []Source{
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@kabar_ktb_2291/video/7398120045510000204",
				ClaimText:      "Kotabaru kebanjiran parah malam ini, rumah warga hanyut. Doakan saudara kita 😭",
				AccountHandle:  "@kabar_ktb_2291",
				DetectedBefore: 2 * hour,
			},
			{
				Platform:       "YOUTUBE",
				URL:            "https://www.youtube.com/shorts/Qx7bN2kLm0A",
				ClaimText:      "DETIK-DETIK BANJIR BANDANG HANTAM KOTABARU KALSEL",
				AccountHandle:  "Berita Viral Nusantara 71",
				DetectedBefore: 90 * minute,
			},
			{
				Platform:       "X",
				URL:            "https://x.com/pantau_banua19/status/1830000000000000204",
				ClaimText:      "Banjir bandang di Kotabaru malam ini, semoga semua selamat #PrayForKotabaru",
				AccountHandle:  "@pantau_banua19",
				DetectedBefore: 45 * minute,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Video Banjir Bandang Bukan di Kotabaru

Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Kotabaru memastikan video arus deras yang menyeret rumah dan kendaraan dengan keterangan *"Kotabaru kebanjiran parah malam ini"* **bukan kejadian di Kabupaten Kotabaru**.

### Hasil penelusuran

- Video yang sama telah diunggah di media sosial **sejak dua tahun lalu** dengan keterangan lokasi di provinsi lain.
- Pusat Pengendalian Operasi (Pusdalops) BPBD **tidak menerima laporan banjir bandang** dari 22 kecamatan pada malam tersebut.
- Curah hujan tertinggi tercatat 38 mm di Kecamatan Kelumpang Hulu, kategori sedang, tanpa genangan berarti.

### Tetap waspada

Kotabaru memasuki puncak musim hujan. Warga di bantaran sungai di Kecamatan Sungai Durian, Pamukan Selatan, dan Kelumpang Hulu diimbau memantau peringatan dini dan menyiapkan tas siaga.

Laporkan banjir atau bencana lain ke **Call Center 112** (gratis, 24 jam). Informasi resmi kebencanaan: [bpbd.kotabarukab.go.id](https://bpbd.kotabarukab.go.id/informasi-bencana).

Mohon tidak menyebarkan video bencana sebelum memastikan lokasi dan waktunya.`,
		},
	},
	// 5
	{
		Title:            "Jembatan kayu penghubung dua desa di Pulau Laut Tengah lapuk dan berlubang",
		Summary:          "Warga melaporkan papan lantai jembatan kayu sepanjang 18 meter di Kecamatan Pulau Laut Tengah lapuk dan berlubang. Jembatan itu dilalui anak sekolah dan pengendara sepeda motor setiap hari.",
		Kind:             "COMPLAINT",
		CategorySlug:     "infrastruktur",
		Status:           "CLOSED",
		AgencySlug:       "pupr",
		Priority:         "NORMAL",
		LoggedDaysAgo:    162.3,
		AssignAfter:      4 * hour,
		AcknowledgeAfter: day + 2*hour,
		AnswerAfter:      6*day + 5*hour,
		CloseAfter:       20 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/3310456200000825/posts/3310456200041187/",
				ClaimText:      "Jembatan di desa kami papannya sudah banyak yang patah, anak sekolah lewat tiap hari. Tolong Dinas PUPR lihat foto2 ini.",
				AccountHandle:  "Pemuda Pulau Laut Tengah",
				DetectedBefore: 11 * hour,
			},
		},
		Response: &Response{
			Body: `## Tindak Lanjut Jembatan Kayu di Pulau Laut Tengah

Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Kabupaten Kotabaru mohon maaf atas keterlambatan jawaban ini.

### Hasil peninjauan

- Tim Bidang Bina Marga meninjau jembatan kayu sepanjang **18 meter** dan lebar 2,5 meter yang menghubungkan dua desa di Kecamatan Pulau Laut Tengah.
- Ditemukan **24 papan lantai** lapuk dan dua gelagar yang mulai keropos.

### Penanganan

1. **Perbaikan sementara**: penggantian 24 papan lantai dan penguatan dua gelagar oleh tim pemeliharaan bersama warga secara gotong royong, selesai dalam empat hari.
2. **Pembatasan beban**: dipasang rambu batas muatan **2 ton**; mobil bak terbuka dimohon melewati jalur alternatif.
3. **Penanganan permanen**: penggantian dengan jembatan beton telah diusulkan melalui Musrenbang kecamatan dan masuk daftar prioritas anggaran tahun depan.

Kerusakan jalan dan jembatan kabupaten dapat dilaporkan melalui [layanan pengaduan PUPR](https://pupr.kotabarukab.go.id/pengaduan) dengan menyertakan foto dan titik lokasi.`,
		},
	},
	// 6
	{
		Title:            "Permintaan jadwal resmi penyeberangan feri Tanjung Serdang–Batulicin",
		Summary:          "Seorang warga meminta jadwal dan tarif resmi penyeberangan feri dari Pelabuhan Tanjung Serdang ke Batulicin karena informasi di media sosial berbeda-beda.",
		Kind:             "INFORMATION_REQUEST",
		CategorySlug:     "transportasi",
		Status:           "CLOSED",
		AgencySlug:       "dishub",
		Priority:         "LOW",
		LoggedDaysAgo:    158.5,
		AssignAfter:      day,
		AcknowledgeAfter: 2*day + 3*hour,
		AnswerAfter:      5 * day,
		CloseAfter:       15 * day,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/2417",
				ClaimText:      "Mohon informasi jadwal kapal feri Tanjung Serdang ke Batulicin dan tarif untuk mobil pribadi. Di grup FB jadwalnya beda-beda.",
				DetectedBefore: 3 * hour,
			},
		},
		Response: &Response{
			Body: `## Jadwal Penyeberangan Tanjung Serdang–Batulicin

Dinas Perhubungan (Dishub) Kabupaten Kotabaru menyampaikan informasi penyeberangan yang berlaku saat ini.

### Jadwal

- Kapal feri beroperasi setiap hari **pukul 06.00 hingga 21.00 WITA** dari kedua arah.
- Keberangkatan rata-rata **setiap 60 menit**, bergantung pada jumlah kapal yang siap operasi (saat ini 5 kapal).
- Waktu tempuh sekitar **40–50 menit**.

### Tarif (termasuk asuransi)

- Penumpang dewasa pejalan kaki: Rp10.500
- Sepeda motor beserta pengendara: Rp32.000
- Mobil penumpang (golongan IV): Rp205.000

Tarif mengikuti ketetapan Kementerian Perhubungan dan tercantum di loket resmi. Pembayaran hanya di loket atau kanal resmi operator; **jangan membeli tiket dari calo**.

### Catatan

Jadwal dapat berubah saat cuaca buruk berdasarkan keputusan syahbandar. Pembaruan disiarkan melalui kanal resmi Dishub dan [laman transportasi Pemkab](https://kotabarukab.go.id/dishub/penyeberangan). Informasi langsung tersedia di Pos Dishub Pelabuhan Tanjung Serdang.`,
		},
	},
	// 7
	{
		Title:            "Nomor WhatsApp palsu mengatasnamakan Bupati Kotabaru meminta transfer dana",
		Summary:          "Sejumlah kepala desa dan pengusaha menerima pesan dari nomor WhatsApp berfoto profil Bupati Kotabaru yang meminta transfer dana untuk bantuan mendesak. Pemkab memastikan nomor itu palsu.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "pemerintahan",
		Status:           "ANSWERED",
		AgencySlug:       "diskominfo",
		Priority:         "URGENT",
		LoggedDaysAgo:    155.8,
		AssignAfter:      15 * minute,
		AcknowledgeAfter: 25 * minute,
		AnswerAfter:      2*hour + 30*minute,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Assalamualaikum, ini nomor baru saya. Mohon bantu dulu transfer Rp7.500.000 untuk keperluan mendesak kegiatan sosial, nanti saya ganti. Jangan hubungi nomor lama. Bupati.",
				DetectedBefore: 3 * hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500017702/",
				ClaimText:      "Hati-hati, ada WA atas nama Pak Bupati minta transfer. Sy sdh dapat 2x, fotonya pakai foto resmi.",
				AccountHandle:  "Haji Usman Sebelimbingan",
				DetectedBefore: 2 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Waspada Nomor WhatsApp Palsu Mengatasnamakan Bupati

Pemerintah Kabupaten Kotabaru melalui Dinas Komunikasi dan Informatika (Diskominfo) menegaskan bahwa nomor WhatsApp yang memakai foto profil Bupati Kotabaru dan meminta transfer dana **adalah palsu**.

### Fakta

- Bupati dan pejabat Pemkab Kotabaru **tidak pernah meminta uang, sumbangan, atau pulsa** melalui pesan pribadi.
- Nomor yang digunakan pelaku berawalan **0852-xxxx** dan telah dilaporkan ke WhatsApp serta Polres Kotabaru.
- Hingga klarifikasi ini terbit, **11 laporan** diterima dari kepala desa, pengurus rumah ibadah, dan pelaku usaha; dua di antaranya sempat mentransfer dana.

### Yang perlu dilakukan

1. Jangan menanggapi dan jangan mentransfer uang.
2. Konfirmasi melalui kanal resmi Bagian Protokol dan Komunikasi Pimpinan atau Diskominfo.
3. Laporkan nomor tersebut dengan fitur **Laporkan** di WhatsApp.
4. Jika sudah mentransfer, segera hubungi bank Anda dan buat laporan polisi.

Daftar kanal resmi Pemkab Kotabaru: [kotabarukab.go.id/kanal-resmi](https://kotabarukab.go.id/kanal-resmi).`,
			Revisions: []Revision{
				{
					After:   day,
					Verdict: "FALSE",
					Reason:  "Pembaruan: ditambahkan nomor palsu kedua yang dilaporkan warga setelah klarifikasi terbit, dan jumlah laporan diperbarui dari 11 menjadi 19.",
					Body: `## Waspada Nomor WhatsApp Palsu Mengatasnamakan Bupati

Pemerintah Kabupaten Kotabaru melalui Dinas Komunikasi dan Informatika (Diskominfo) menegaskan bahwa nomor WhatsApp yang memakai foto profil Bupati Kotabaru dan meminta transfer dana **adalah palsu**.

### Fakta

- Bupati dan pejabat Pemkab Kotabaru **tidak pernah meminta uang, sumbangan, atau pulsa** melalui pesan pribadi.
- Nomor yang digunakan pelaku berawalan **0852-xxxx** dan telah dilaporkan ke WhatsApp serta Polres Kotabaru.
- Setelah klarifikasi terbit, warga melaporkan **nomor palsu kedua** berawalan **0853-xxxx** dengan modus yang sama; nomor ini juga sudah dilaporkan.
- Sampai pembaruan ini, **19 laporan** diterima dari kepala desa, pengurus rumah ibadah, dan pelaku usaha; dua di antaranya sempat mentransfer dana.

### Yang perlu dilakukan

1. Jangan menanggapi dan jangan mentransfer uang.
2. Konfirmasi melalui kanal resmi Bagian Protokol dan Komunikasi Pimpinan atau Diskominfo.
3. Laporkan nomor tersebut dengan fitur **Laporkan** di WhatsApp.
4. Jika sudah mentransfer, segera hubungi bank Anda dan buat laporan polisi.

Daftar kanal resmi Pemkab Kotabaru: [kotabarukab.go.id/kanal-resmi](https://kotabarukab.go.id/kanal-resmi).`,
				},
			},
		},
	},
	// 8
	{
		Title:            "Klaim lima anak meninggal akibat DBD di Kotabaru dalam sebulan",
		Summary:          "Unggahan Facebook menyebut kasus demam berdarah dengue melonjak dan lima anak meninggal dalam sebulan. Data Dinkes membenarkan kenaikan kasus DBD, tetapi jumlah kematian tidak sesuai.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "ANSWERED",
		AgencySlug:       "dinkes",
		Priority:         "HIGH",
		LoggedDaysAgo:    152.4,
		AssignAfter:      70 * minute,
		AcknowledgeAfter: 2 * hour,
		AnswerAfter:      22 * hour,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/3310456200000825/posts/3310456200052614/",
				ClaimText:      "DBD di Kotabaru sudah parah, bulan ini 5 anak meninggal tapi pemerintah diam saja. Fogging juga tidak ada!",
				AccountHandle:  "Suara Rakyat Saijaan 09",
				DetectedBefore: 8 * hour,
			},
			{
				Platform:       "NEWS",
				URL:            "https://kabarpesisir.example/kesehatan/kasus-dbd-kotabaru-naik-warga-minta-fogging",
				ClaimText:      "Kasus DBD di Kotabaru naik, warga sebut sudah ada korban jiwa.",
				DetectedBefore: 4 * hour,
			},
		},
		Response: &Response{
			Verdict: "PARTLY_TRUE",
			Body: `## Kasus DBD di Kabupaten Kotabaru

Dinas Kesehatan (Dinkes) Kabupaten Kotabaru menanggapi unggahan yang menyebut lima anak meninggal akibat demam berdarah dengue (DBD) dalam sebulan.

### Yang benar

- Kasus DBD memang **meningkat**: dalam empat pekan terakhir tercatat **86 kasus**, naik dari 41 kasus pada empat pekan sebelumnya.
- Kasus terbanyak berada di Kecamatan Pulau Laut Utara, Pulau Laut Sigam, dan Kelumpang Hilir.

### Yang tidak benar

- Jumlah kematian **bukan lima**. Tercatat **satu kematian**, seorang anak usia 9 tahun yang tiba di rumah sakit dalam fase syok.

### Langkah Dinkes

- Penyelidikan epidemiologi di setiap lokasi kasus dan pengasapan (fogging) fokus di **14 titik** yang memenuhi kriteria.
- Gerakan **3M Plus** serentak setiap Jumat bersama kelurahan dan sekolah.
- Perawatan pasien DBD peserta BPJS Kesehatan di puskesmas dan RSUD tidak dipungut biaya.

### Kenali tanda bahaya

Segera bawa anak ke puskesmas atau IGD bila demam tinggi disertai muntah terus-menerus, nyeri perut hebat, mimisan, atau anak tampak lemas dan gelisah.

Data mingguan DBD: [dinkes.kotabarukab.go.id/dbd](https://dinkes.kotabarukab.go.id/dbd).`,
			Revisions: []Revision{
				{
					After:   3 * day,
					Verdict: "PARTLY_TRUE",
					Reason:  "Ralat angka: 18 pasien rujukan antarfasilitas tercatat dua kali, sehingga jumlah kasus yang benar 68, bukan 86.",
					Body: `## Kasus DBD di Kabupaten Kotabaru

Dinas Kesehatan (Dinkes) Kabupaten Kotabaru menanggapi unggahan yang menyebut lima anak meninggal akibat demam berdarah dengue (DBD) dalam sebulan.

### Yang benar

- Kasus DBD memang **meningkat**: dalam empat pekan terakhir tercatat **68 kasus**, naik dari 41 kasus pada empat pekan sebelumnya.
- Kasus terbanyak berada di Kecamatan Pulau Laut Utara, Pulau Laut Sigam, dan Kelumpang Hilir.

### Yang tidak benar

- Jumlah kematian **bukan lima**. Tercatat **satu kematian**, seorang anak usia 9 tahun yang tiba di rumah sakit dalam fase syok.

### Langkah Dinkes

- Penyelidikan epidemiologi di setiap lokasi kasus dan pengasapan (fogging) fokus di **14 titik** yang memenuhi kriteria.
- Gerakan **3M Plus** serentak setiap Jumat bersama kelurahan dan sekolah.
- Perawatan pasien DBD peserta BPJS Kesehatan di puskesmas dan RSUD tidak dipungut biaya.

### Kenali tanda bahaya

Segera bawa anak ke puskesmas atau IGD bila demam tinggi disertai muntah terus-menerus, nyeri perut hebat, mimisan, atau anak tampak lemas dan gelisah.

Data mingguan DBD: [dinkes.kotabarukab.go.id/dbd](https://dinkes.kotabarukab.go.id/dbd).`,
				},
			},
		},
	},
	// 9
	{
		Title:         "Pesan WhatsApp atas nama Bupati meminta sumbangan pembangunan masjid",
		Summary:       "Pengurus masjid di Kecamatan Pulau Laut Sigam menerima pesan dari nomor yang mengaku Bupati Kotabaru dan meminta sumbangan ditransfer ke rekening pribadi. Modusnya sama dengan nomor palsu yang sudah diklarifikasi.",
		Kind:          "MISINFORMATION",
		CategorySlug:  "pemerintahan",
		Status:        "DUPLICATE",
		LoggedDaysAgo: 149.3,
		DuplicateOf:   7,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Saya Bupati Kotabaru, mohon panitia masjid bantu transfer dana talangan Rp5.000.000 ke rekening berikut, nanti diganti dari bantuan pemda.",
				DetectedBefore: 5 * hour,
			},
		},
	},
	// 10
	{
		Title:            "Sampah plastik menumpuk di Pantai Gedambaan setelah libur panjang",
		Summary:          "Pengunjung mengunggah foto tumpukan sampah plastik dan styrofoam di bibir Pantai Gedambaan. Mereka meminta petugas kebersihan dan tempat sampah ditambah.",
		Kind:             "COMPLAINT",
		CategorySlug:     "lingkungan",
		Status:           "ANSWERED",
		AgencySlug:       "dlh",
		Priority:         "NORMAL",
		LoggedDaysAgo:    146.6,
		AssignAfter:      day + 3*hour,
		AcknowledgeAfter: day + 8*hour,
		AnswerAfter:      3*day + 2*hour,
		DeclinedBy:       "diskan",
		DeclineReason:    "Pengelolaan sampah di kawasan wisata pantai merupakan tugas Dinas Lingkungan Hidup; Dinas Perikanan hanya membina kelompok nelayan di sekitar lokasi.",
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/C8pWq1sNd7e/",
				ClaimText:      "Pantai Gedambaan habis libur panjang jadi lautan sampah. Sayang banget pantai secantik ini. Tempat sampahnya cuma 2!",
				AccountHandle:  "@jalanjalan.pulaulaut_15",
				DetectedBefore: 7 * hour,
			},
		},
		Response: &Response{
			Body: `## Penanganan Sampah di Pantai Gedambaan

Dinas Lingkungan Hidup (DLH) Kabupaten Kotabaru berterima kasih atas laporan pengunjung.

### Yang telah dilakukan

- Pembersihan bersama petugas kebersihan, kelompok sadar wisata, dan relawan pada Sabtu pagi mengangkut **2,3 ton** sampah, sebagian besar plastik kemasan dan styrofoam.
- Penambahan **12 tong sampah terpilah** (organik dan anorganik) di sepanjang bibir pantai.
- Jadwal pengangkutan dinaikkan dari dua menjadi **tiga kali sepekan**, dan setiap hari selama libur panjang.

### Imbauan

Pengunjung diminta membawa pulang sampahnya atau membuangnya di tempat yang disediakan. Pedagang di kawasan pantai wajib menyediakan wadah sampah sendiri. Membuang sampah sembarangan di kawasan wisata dapat dikenai sanksi sesuai peraturan daerah tentang pengelolaan sampah.

Ingin ikut aksi bersih pantai berikutnya? Daftar melalui [laman DLH](https://dlh.kotabarukab.go.id/aksi-bersih) atau laporkan tumpukan sampah di [kanal pengaduan](https://kotabarukab.go.id/pengaduan).`,
		},
	},
	// 11
	{
		Title:            "Usulan perlindungan dan penanaman kembali mangrove di pesisir Pulau Laut Timur",
		Summary:          "Kelompok pemuda pesisir mengusulkan agar kawasan mangrove yang mulai rusak di Kecamatan Pulau Laut Timur dilindungi dan ditanami kembali dengan melibatkan warga.",
		Kind:             "ASPIRATION",
		CategorySlug:     "lingkungan",
		Status:           "ANSWERED",
		AgencySlug:       "dlh",
		Priority:         "LOW",
		LoggedDaysAgo:    143.2,
		AssignAfter:      day + 4*hour,
		AcknowledgeAfter: 3 * day,
		AnswerAfter:      9 * day,
		Sources: []Source{
			{
				Platform:       "OTHER",
				ClaimText:      "Surat usulan kelompok pemuda pesisir Pulau Laut Timur yang diserahkan saat audiensi dan difoto untuk TRC: mohon mangrove di pesisir desa kami dilindungi karena terus ditebang untuk tambak.",
				DetectedBefore: 2 * day,
			},
		},
		Response: &Response{
			Body: `## Tanggapan atas Usulan Perlindungan Mangrove

Dinas Lingkungan Hidup (DLH) menyambut baik usulan kelompok pemuda pesisir Pulau Laut Timur.

### Kondisi

- Berdasarkan pemetaan terakhir, mangrove di Kabupaten Kotabaru tersebar di **9 kecamatan pesisir**; sekitar **180 hektare** di antaranya rusak sedang hingga berat.
- Kerusakan terutama akibat pembukaan tambak dan penebangan untuk kayu bakar.

### Rencana tindak lanjut

1. Penanaman **15.000 bibit** mangrove di pesisir Pulau Laut Timur bersama Dinas Perikanan dan kelompok masyarakat pada awal musim hujan.
2. Pembentukan **kelompok pengelola mangrove** tingkat desa yang mendapat pelatihan pembibitan.
3. Pengusulan kawasan mangrove yang masih baik sebagai kawasan lindung setempat dalam revisi rencana tata ruang.

### Cara terlibat

Kelompok yang ingin bergabung dapat mendaftar melalui kantor desa atau [formulir DLH](https://dlh.kotabarukab.go.id/mangrove). Dukungan perusahaan melalui program tanggung jawab sosial (CSR) dikoordinasikan DLH agar lokasi penanaman tidak tumpang tindih.`,
		},
	},
	// 12
	{
		Title:            "Beredar daftar penerima BLT yang disebut dicoret karena memiliki ponsel Android",
		Summary:          "Tangkapan layar daftar nama berjudul penerima BLT dicoret beredar dengan klaim warga yang punya ponsel Android otomatis dicoret. Dinsos menjelaskan pemutakhiran data memang berjalan, tetapi kepemilikan ponsel bukan alasan pencoretan.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "bantuan-sosial",
		Status:           "CLOSED",
		AgencySlug:       "dinsos",
		Priority:         "HIGH",
		LoggedDaysAgo:    140.5,
		AssignAfter:      2 * hour,
		AcknowledgeAfter: 3 * hour,
		AnswerAfter:      23 * hour,
		CloseAfter:       14 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/2207718400001174/posts/2207718400066031/",
				ClaimText:      "Ini daftar penerima BLT yg dicoret, katanya yg punya HP Android langsung dicoret. Cek nama keluarga kalian!",
				AccountHandle:  "Info Bansos Kalsel 12",
				DetectedBefore: 10 * hour,
			},
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Daftar BLT dicoret sekecamatan. Yg punya HP Android dianggap mampu, tdk dapat lagi.",
				DetectedBefore: 7 * hour,
			},
		},
		Response: &Response{
			Verdict: "MISLEADING",
			Body: `## Penjelasan tentang Daftar Penerima BLT yang "Dicoret"

Dinas Sosial (Dinsos) Kabupaten Kotabaru menjelaskan tangkapan layar daftar penerima bantuan langsung tunai (BLT) yang beredar.

### Yang perlu diluruskan

- Pemutakhiran data penerima bantuan sosial (bansos) **memang sedang berjalan**; daftar itu adalah hasil musyawarah desa yang belum final.
- Kepemilikan **ponsel Android bukan kriteria** pencoretan. Klaim tersebut menyesatkan.

### Alasan penonaktifan yang berlaku

- Penerima meninggal dunia atau pindah domisili;
- NIK ganda atau tidak padan dengan data Disdukcapil;
- Penerima berstatus ASN, TNI/Polri, atau kondisi ekonominya sudah membaik berdasarkan verifikasi lapangan.

Dari **9.870** keluarga penerima manfaat (KPM), sebanyak **1.214** diusulkan dinonaktifkan dan **1.066** keluarga baru diusulkan masuk.

### Jika nama Anda tidak ada

Ajukan **sanggahan** ke kantor desa/kelurahan atau Dinsos dengan membawa KTP dan KK, paling lambat 14 hari setelah daftar diumumkan. Status kepesertaan dapat dicek di [cekbansos.kemensos.go.id](https://cekbansos.kemensos.go.id), dan informasi daerah di [laman Dinsos](https://dinsos.kotabarukab.go.id/bansos).`,
		},
		Questions: []Question{
			{
				Body:    "Nama ibu saya tidak ada lagi di daftar BLT desa padahal kondisinya tidak berubah, beliau janda dan tinggal sendiri. Bagaimana cara mengajukan sanggahan dan berapa lama prosesnya?",
				Name:    "Rahmadani",
				Contact: "rahmadani.kpm@example.com",
				After:   10 * hour,
			},
			{
				Body:  "Apakah benar yang punya HP Android dicoret dari bansos? Saya beli HP murah untuk anak sekolah daring, takut bantuan kami dihentikan.",
				After: 2 * day,
			},
		},
	},
	// 13
	{
		Title:            "Apakah pasien BPJS Kesehatan di RSUD Pangeran Jaya Sumitra harus membeli obat sendiri?",
		Summary:          "Warga menanyakan mengapa keluarganya yang dirawat dengan BPJS Kesehatan diminta membeli obat di apotek luar rumah sakit.",
		Kind:             "QUESTION",
		CategorySlug:     "kesehatan",
		Status:           "ANSWERED",
		AgencySlug:       "rsud-pjs",
		Priority:         "NORMAL",
		LoggedDaysAgo:    137.1,
		AssignAfter:      5 * hour,
		AcknowledgeAfter: 22 * hour,
		AnswerAfter:      2*day + 6*hour,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/2630",
				ClaimText:      "Bapak saya dirawat di RSUD pakai BPJS tapi disuruh beli obat suntik di apotek luar Rp386.000. Apakah memang begitu aturannya?",
				DetectedBefore: 4 * hour,
			},
		},
		Response: &Response{
			Body: `## Obat bagi Pasien BPJS Kesehatan

RSUD Pangeran Jaya Sumitra menegaskan bahwa pasien peserta BPJS Kesehatan **tidak boleh diminta membeli obat sendiri** untuk obat yang termasuk dalam Formularium Nasional dan diresepkan sesuai indikasi.

### Ketentuan

- Obat rawat inap peserta JKN ditanggung dalam paket layanan rumah sakit.
- Bila stok kosong, instalasi farmasi wajib menyediakan obat pengganti yang setara atau mengadakannya melalui apotek jejaring **tanpa biaya tambahan** bagi pasien.
- Pembelian mandiri hanya dimungkinkan untuk obat di luar indikasi medis atau atas permintaan pasien sendiri, dengan persetujuan tertulis.

### Tindak lanjut

Kasus yang dilaporkan telah ditelusuri: pada hari tersebut terjadi kekosongan satu jenis antibiotik injeksi. Biaya yang dikeluarkan keluarga pasien sebesar **Rp386.000 telah dikembalikan**, dan prosedur pengadaan darurat obat sudah diperbaiki.

### Pengaduan

- Unit Pengaduan RSUD, lantai 1 gedung rawat jalan, setiap hari 08.00–20.00 WITA;
- BPJS Kesehatan Care Center **165**;
- [Formulir pengaduan RSUD](https://rsud.kotabarukab.go.id/pengaduan).`,
		},
	},
	// 14
	{
		Title:         "Keluhan bunga dan denda kartu kredit dari bank swasta",
		Summary:       "Seorang warga mengeluhkan bunga dan denda kartu kredit yang menurutnya tidak wajar dari sebuah bank swasta.",
		Kind:          "COMPLAINT",
		CategorySlug:  "ekonomi",
		Status:        "REJECTED",
		LoggedDaysAgo: 134.4,
		RejectReason:  "Bukan kewenangan Pemerintah Kabupaten Kotabaru. Sengketa layanan jasa keuangan diarahkan ke Kontak OJK 157, dan arahan itu telah disampaikan kepada pelapor.",
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/2688",
				ClaimText:      "Tagihan kartu kredit saya naik terus karena denda, padahal sudah bayar minimum. Mohon pemda menegur banknya.",
				DetectedBefore: 2 * hour,
			},
		},
	},
	// 15
	{
		Title:            "Kabar harga LPG 3 kg naik menjadi Rp45.000 per tabung di Kotabaru",
		Summary:          "Unggahan di Facebook dan TikTok menyebut harga LPG 3 kg di Kotabaru naik menjadi Rp45.000 per tabung mulai bulan depan. Dinas Perdagangan memastikan tidak ada perubahan harga eceran tertinggi.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "ekonomi",
		Status:           "CLOSED",
		AgencySlug:       "disdag",
		Priority:         "HIGH",
		LoggedDaysAgo:    131.3,
		AssignAfter:      hour,
		AcknowledgeAfter: 2*hour + 20*minute,
		AnswerAfter:      19 * hour,
		CloseAfter:       7 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500024418/",
				ClaimText:      "Siap2 bulan depan gas melon jadi 45 ribu, pangkalan sudah dikasih tahu. Borong dari sekarang!",
				AccountHandle:  "Warung Acil Ijah 33",
				DetectedBefore: 15 * hour,
			},
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@dapur_banjar_ktb/video/7405561190330000315",
				ClaimText:      "Harga LPG 3 kg di Kotabaru naik jadi Rp45.000, emak-emak makin pusing.",
				AccountHandle:  "@dapur_banjar_ktb",
				DetectedBefore: 9 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Harga LPG 3 Kg di Kotabaru Tidak Naik

Dinas Perdagangan Kabupaten Kotabaru memastikan kabar kenaikan harga LPG 3 kg menjadi **Rp45.000** per tabung adalah **hoaks**.

### Fakta

- Tidak ada perubahan harga eceran tertinggi (HET) LPG 3 kg. Di pangkalan resmi wilayah Kecamatan Pulau Laut Utara, HET tetap **Rp19.500** per tabung; kecamatan lain mengikuti HET sesuai jarak distribusi yang ditetapkan pemerintah provinsi.
- Pasokan bulan ini **412.000 tabung** untuk **146 pangkalan**, sama dengan bulan sebelumnya.

### Pengawasan

Tim gabungan Dinas Perdagangan, Bagian Perekonomian, dan agen resmi memeriksa 38 pangkalan dalam sepekan terakhir. Dua pangkalan diberi teguran tertulis karena menjual di atas HET.

### Imbauan

- Beli LPG 3 kg di pangkalan resmi yang memasang papan nama dan daftar HET.
- LPG 3 kg diperuntukkan bagi rumah tangga kurang mampu dan usaha mikro; tidak perlu memborong.
- Laporkan pangkalan yang menjual di atas HET melalui [kanal pengaduan](https://kotabarukab.go.id/pengaduan) dengan menyebutkan nama dan alamat pangkalan.

Daftar pangkalan dan HET per kecamatan: [laman Dinas Perdagangan](https://disdag.kotabarukab.go.id/lpg).`,
		},
	},
	// 16
	{
		Title:            "Jalan berlubang di ruas Jalan Raya Stagen menuju bandara rawan kecelakaan",
		Summary:          "Pengendara melaporkan lubang-lubang besar yang tergenang air di ruas jalan menuju Bandara Gusti Syamsir Alam, Stagen. Dua pengendara sepeda motor dilaporkan terjatuh pada malam hari.",
		Kind:             "COMPLAINT",
		CategorySlug:     "infrastruktur",
		Status:           "CLOSED",
		AgencySlug:       "pupr",
		Priority:         "HIGH",
		LoggedDaysAgo:    128.7,
		AssignAfter:      hour,
		AcknowledgeAfter: 3 * hour,
		AnswerAfter:      22 * hour,
		CloseAfter:       12 * day,
		Sources: []Source{
			{
				Platform:       "X",
				URL:            "https://x.com/ojol_ktb_01/status/1836000000000000416",
				ClaimText:      "Jalan ke bandara Stagen lubangnya makin dalam, semalam 2 motor jatuh. @PemkabKotabaru kapan diperbaiki?",
				AccountHandle:  "@ojol_ktb_01",
				DetectedBefore: 6 * hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/3310456200000825/posts/3310456200066710/",
				ClaimText:      "Hati-hati lewat jalan Stagen malam hari, lubang besar tertutup air hujan tidak kelihatan.",
				AccountHandle:  "Relawan Lalu Lintas Saijaan",
				DetectedBefore: 3 * hour,
			},
		},
		Response: &Response{
			Body: `## Perbaikan Jalan Raya Stagen

Dinas PUPR Kabupaten Kotabaru telah menindaklanjuti laporan jalan berlubang di ruas Jalan Raya Stagen menuju Bandara Gusti Syamsir Alam.

### Penanganan

- Lokasi: **km 7 hingga km 8** dari pusat kota.
- Penambalan lubang (patching) seluas **640 m²** dikerjakan mulai besok dan ditargetkan selesai dalam **lima hari kerja**.
- Rambu peringatan dan lampu kedip sementara dipasang di titik rawan sejak malam ini.
- Saluran tepi jalan dibersihkan agar air tidak lagi menggenang di badan jalan.

### Selama pekerjaan

Pengendara dimohon mengurangi kecepatan dan mengikuti arahan petugas. Pekerjaan dilakukan pukul 08.00–17.00 WITA dengan sistem buka-tutup.

Penanganan jangka panjang berupa pelapisan ulang permukaan ruas ini telah masuk rencana pemeliharaan berkala.

Laporan kerusakan jalan kabupaten: [pupr.kotabarukab.go.id/pengaduan](https://pupr.kotabarukab.go.id/pengaduan).`,
			Revisions: []Revision{
				{
					After:  2 * day,
					Reason: "Ralat lokasi: penanganan dilakukan di km 9 hingga km 10, bukan km 7 hingga km 8 seperti tertulis sebelumnya.",
					Body: `## Perbaikan Jalan Raya Stagen

Dinas PUPR Kabupaten Kotabaru telah menindaklanjuti laporan jalan berlubang di ruas Jalan Raya Stagen menuju Bandara Gusti Syamsir Alam.

### Penanganan

- Lokasi: **km 9 hingga km 10** dari pusat kota.
- Penambalan lubang (patching) seluas **640 m²** dikerjakan mulai besok dan ditargetkan selesai dalam **lima hari kerja**.
- Rambu peringatan dan lampu kedip sementara dipasang di titik rawan sejak malam ini.
- Saluran tepi jalan dibersihkan agar air tidak lagi menggenang di badan jalan.

### Selama pekerjaan

Pengendara dimohon mengurangi kecepatan dan mengikuti arahan petugas. Pekerjaan dilakukan pukul 08.00–17.00 WITA dengan sistem buka-tutup.

Penanganan jangka panjang berupa pelapisan ulang permukaan ruas ini telah masuk rencana pemeliharaan berkala.

Laporan kerusakan jalan kabupaten: [pupr.kotabarukab.go.id/pengaduan](https://pupr.kotabarukab.go.id/pengaduan).`,
				},
			},
		},
	},
	// 17
	{
		Title:            "Benarkah penyeberangan feri Tanjung Serdang–Batulicin dihentikan sementara?",
		Summary:          "Unggahan Instagram menyebut seluruh pelayaran feri Tanjung Serdang–Batulicin dihentikan akibat cuaca buruk. Dishub membenarkan penghentian sementara berdasarkan peringatan dini BMKG.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "transportasi",
		Status:           "ANSWERED",
		AgencySlug:       "dishub",
		Priority:         "HIGH",
		LoggedDaysAgo:    125.2,
		AssignAfter:      30 * minute,
		AcknowledgeAfter: hour,
		AnswerAfter:      4 * hour,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/C9aLr5vTq2m/",
				ClaimText:      "INFO: feri Tanjung Serdang–Batulicin STOP hari ini karena angin kencang, antrean truk sudah panjang.",
				AccountHandle:  "@lintas.selatlaut_03",
				DetectedBefore: 2 * hour,
			},
			{
				Platform:       "X",
				URL:            "https://x.com/sopir_lintas_kalsel/status/1837000000000000517",
				ClaimText:      "Sudah 3 jam di Tanjung Serdang, katanya kapal tidak jalan. Ada info resmi?",
				AccountHandle:  "@sopir_lintas_kalsel",
				DetectedBefore: hour,
			},
		},
		Response: &Response{
			Verdict: "TRUE",
			Body: `## Penyeberangan Tanjung Serdang–Batulicin Ditunda Sementara

Dinas Perhubungan (Dishub) Kabupaten Kotabaru membenarkan bahwa pelayaran feri Tanjung Serdang–Batulicin **dihentikan sementara**.

### Fakta

- Penundaan diputuskan syahbandar sejak **pukul 14.00 WITA** berdasarkan peringatan dini BMKG tentang gelombang **2,5–3 meter** dan angin kencang di Selat Laut.
- Saat ini sekitar **130 kendaraan** dan 400 penumpang menunggu di kedua pelabuhan.
- Pelayaran dibuka kembali setelah syahbandar menyatakan kondisi aman.

### Layanan selama penundaan

- Posko terpadu Dishub, BPBD, dan Dinas Kesehatan di Pelabuhan Tanjung Serdang menyediakan air minum dan layanan kesehatan.
- Pengemudi truk diminta parkir di kantong parkir yang ditentukan agar jalan umum tidak tertutup.
- Penumpang dengan kondisi darurat medis dapat menghubungi petugas posko atau **Call Center 112**.

Pembaruan jadwal diumumkan melalui kanal resmi Dishub dan [laman Pemkab](https://kotabarukab.go.id/dishub/penyeberangan). Mohon tidak menyeberang dengan perahu kecil selama cuaca buruk.`,
		},
	},
	// 18
	{
		Title:            "Permintaan data jumlah keluarga penerima PKH per kecamatan",
		Summary:          "Jurnalis media lokal meminta data jumlah keluarga penerima manfaat Program Keluarga Harapan per kecamatan untuk liputan tentang kemiskinan di wilayah kepulauan.",
		Kind:             "INFORMATION_REQUEST",
		CategorySlug:     "bantuan-sosial",
		Status:           "ANSWERED",
		AgencySlug:       "dinsos",
		Priority:         "NORMAL",
		LoggedDaysAgo:    122.6,
		AssignAfter:      6 * hour,
		AcknowledgeAfter: day,
		AnswerAfter:      4 * day,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/2795",
				ClaimText:      "Mohon data jumlah KPM PKH per kecamatan tahap penyaluran terakhir, khususnya kecamatan kepulauan, untuk keperluan liputan.",
				DetectedBefore: hour,
			},
		},
		Response: &Response{
			Body: `## Data Keluarga Penerima Manfaat PKH

Menanggapi permintaan informasi, Dinas Sosial (Dinsos) Kabupaten Kotabaru menyampaikan data Program Keluarga Harapan (PKH) pada tahap penyaluran terakhir.

### Ringkasan

- Jumlah keluarga penerima manfaat (KPM): **8.640 KPM** di 22 kecamatan.
- Kecamatan dengan KPM terbanyak:
  - Pulau Laut Utara: 1.105 KPM
  - Kelumpang Hilir: 612 KPM
  - Pulau Laut Sigam: 588 KPM
  - Pamukan Selatan: 541 KPM
- Wilayah kepulauan (Pulau Sebuku, Pulau Sembilan, Pulau Laut Kepulauan): **1.032 KPM** atau 11,9% dari total.

### Catatan

- Data bersumber dari sistem informasi kesejahteraan sosial Kementerian Sosial dan dapat berubah setiap tahap penyaluran.
- Data per desa tersedia dalam format lembar kerja dan dapat diminta melalui PPID Pemkab Kotabaru sesuai Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik.

Tabel lengkap: [data PKH per kecamatan](https://kotabarukab.go.id/ppid/data/pkh-per-kecamatan). Permintaan data lain: [ppid.kotabarukab.go.id](https://ppid.kotabarukab.go.id).`,
		},
	},
	// 19
	{
		Title:            "Surat edaran palsu tentang perpanjangan libur sekolah dua pekan",
		Summary:          "Foto surat edaran berkop Dinas Pendidikan yang menyebut libur sekolah diperpanjang dua pekan beredar di grup WhatsApp orang tua murid. Disdik memastikan surat itu palsu.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "pendidikan",
		Status:           "ANSWERED",
		AgencySlug:       "disdik",
		Priority:         "HIGH",
		LoggedDaysAgo:    119.4,
		AssignAfter:      hour,
		AcknowledgeAfter: hour + 50*minute,
		AnswerAfter:      9 * hour,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Surat Edaran Kadisdik: libur semester diperpanjang 2 minggu karena perbaikan gedung sekolah. Mohon diteruskan ke wali murid.",
				DetectedBefore: 12 * hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/2207718400001174/posts/2207718400071502/",
				ClaimText:      "Alhamdulillah libur diperpanjang, ini suratnya dari dinas pendidikan.",
				AccountHandle:  "Bunda Raffa Semayap",
				DetectedBefore: 8 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Surat Edaran Perpanjangan Libur Sekolah adalah Palsu

Dinas Pendidikan (Disdik) Kabupaten Kotabaru menegaskan **tidak pernah menerbitkan** surat edaran tentang perpanjangan libur sekolah selama dua pekan.

### Ciri-ciri surat palsu

- Nomor surat tidak tercatat dalam agenda persuratan Disdik.
- Kop surat memakai logo lama dan alamat kantor yang keliru.
- Tanda tangan berupa tempelan gambar, tanpa tanda tangan elektronik yang dapat diverifikasi.

### Jadwal yang berlaku

Sesuai kalender pendidikan, kegiatan belajar mengajar di **TK, SD, dan SMP** se-Kabupaten Kotabaru dimulai kembali **Senin pekan depan** sesuai jadwal semula.

### Imbauan

- Orang tua dan guru diminta mengecek informasi melalui kepala sekolah, pengawas, atau kanal resmi Disdik.
- Keaslian surat resmi Disdik dapat dicek dengan memindai kode QR tanda tangan elektronik atau melalui [layanan verifikasi dokumen](https://disdik.kotabarukab.go.id/verifikasi-surat).

Kalender pendidikan: [disdik.kotabarukab.go.id/kalender](https://disdik.kotabarukab.go.id/kalender).`,
		},
	},
}
