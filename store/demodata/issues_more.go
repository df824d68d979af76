package demodata

// issuesMore are issues of the last three months for the four agencies that
// receive most reports (Dinas Kesehatan, Dinas PUPR, Perumda Air Minum and
// Disdukcapil), so that their response-time figures rest on enough issues.
// They interleave with the other files by logging time; see inLoggingOrder.
// None of them is a duplicate.
var issuesMore = []Issue{
	{
		Title:            "Video TikTok: obat TBC boleh dihentikan setelah batuk reda",
		Summary:          "Video TikTok yang ditonton puluhan ribu kali menyarankan pasien tuberkulosis berhenti minum obat begitu batuk mereda. Dinas Kesehatan menegaskan pengobatan harus dituntaskan paling singkat enam bulan.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "CLOSED",
		AgencySlug:       "dinkes",
		Priority:         "HIGH",
		LoggedDaysAgo:    84.35,
		AssignAfter:      75 * minute,
		AcknowledgeAfter: 2*hour + 30*minute,
		AnswerAfter:      7*hour + 30*minute,
		CloseAfter:       6 * day,
		Sources: []Source{
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@herbal_banua_sehat/video/7391045526610073862",
				ClaimText:      "Batuk udah hilang? Stop aja obat TBC-nya, kelamaan minum obat kimia malah rusak hati. Ganti rebusan daun sirih 2 minggu.",
				AccountHandle:  "@herbal_banua_sehat",
				DetectedBefore: 20 * hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500031187/",
				ClaimText:      "Bapak sy sdh 2 bulan minum obat TB, batuknya sdh hilang. Kata video ini boleh berhenti, benar kah?",
				AccountHandle:  "Ijah Sebelimbingan",
				DetectedBefore: 7 * hour,
			},
		},
		Response: &Response{
			Verdict: "MISLEADING",
			Body: `## Pengobatan TBC Harus Tuntas

Dinas Kesehatan Kabupaten Kotabaru menilai video yang menyarankan pasien tuberkulosis (TBC) **berhenti minum obat begitu batuk reda** bersifat **menyesatkan**. Batuk memang biasanya berkurang setelah dua sampai tiga minggu pengobatan, tetapi kuman TBC masih hidup di dalam tubuh.

### Fakta

- Pengobatan TBC sensitif obat berlangsung **paling singkat 6 bulan** dan dinyatakan selesai oleh dokter setelah pemeriksaan dahak ulang.
- Pasien yang berhenti di tengah jalan berisiko kambuh dan mengalami **TBC resisten obat**, yang pengobatannya jauh lebih lama dan berat.
- Obat TBC tersedia **tanpa biaya** di seluruh puskesmas dan RSUD Pangeran Jaya Sumitra.

### Bantuan

Pasien yang mengalami efek samping seperti mual atau gatal diminta tidak menghentikan obat sendiri, melainkan menghubungi petugas TBC puskesmas terdekat. Daftar layanan: [layanan TBC](https://dinkes.kotabarukab.go.id/layanan-tbc).`,
		},
	},
	{
		Title:            "Tagihan PDAM melonjak tiga kali lipat di Kelurahan Kotabaru Hilir",
		Summary:          "Seorang pelanggan di Kelurahan Kotabaru Hilir mengeluhkan tagihan air bulan ini naik dari sekitar Rp90.000 menjadi Rp287.000, padahal pemakaian di rumahnya tidak berubah. Beberapa tetangga melaporkan hal serupa di grup Facebook warga.",
		Kind:             "COMPLAINT",
		CategorySlug:     "air-bersih",
		Status:           "CLOSED",
		AgencySlug:       "perumda-air-minum",
		Priority:         "NORMAL",
		LoggedDaysAgo:    83.85,
		AssignAfter:      3 * hour,
		AcknowledgeAfter: 6 * hour,
		AnswerAfter:      20 * hour,
		CloseAfter:       9 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500030412/",
				ClaimText:      "Tagihan PDAM sy bulan ini 287 ribu, biasanya cuma 90an. Pemakaian sama aja, di rumah cuma bertiga. Ada yg sama kah di Kotabaru Hilir?",
				AccountHandle:  "Fahrul Kotabaru Hilir",
				DetectedBefore: 10 * hour,
			},
		},
		Response: &Response{
			Body: `## Penjelasan Tagihan Pelanggan Kotabaru Hilir

Perumda Air Minum Kotabaru telah memeriksa **14 sambungan** di Kelurahan Kotabaru Hilir yang tagihannya naik tajam bulan ini.

### Hasil pemeriksaan

- Pada **9 sambungan**, petugas pencatat bulan sebelumnya tidak dapat membaca meter karena pagar terkunci, sehingga pemakaian dua bulan tercatat sekaligus pada tagihan bulan ini.
- Pada **3 sambungan** ditemukan kebocoran pipa setelah meter, di dalam persil pelanggan.
- **2 sambungan** memakai meter yang rusak dan telah diganti tanpa biaya.

### Tindak lanjut

Tagihan pelanggan yang terdampak salah catat dihitung ulang dan selisihnya dikreditkan pada rekening bulan berikutnya. Pelanggan juga dapat mengirim foto angka meter setiap tanggal 20 agar pemakaian tidak lagi ditaksir. Pengaduan tagihan: WhatsApp **0811-0000-5210** atau [layanan pelanggan](https://kotabarukab.go.id/perumda-air-minum/pelanggan).`,
		},
	},
	{
		Title:            "Jalan tanah poros Desa Sungup Kanan berlumpur, mobil pengangkut hasil kebun terjebak",
		Summary:          "Warga Desa Sungup Kanan, Kecamatan Pulau Laut Utara, mengunggah foto mobil pengangkut hasil kebun yang terjebak lumpur di jalan poros desa. Mereka meminta jalan sepanjang sekitar dua kilometer itu segera ditimbun.",
		Kind:             "COMPLAINT",
		CategorySlug:     "infrastruktur",
		Status:           "CLOSED",
		AgencySlug:       "pupr",
		Priority:         "NORMAL",
		LoggedDaysAgo:    82.55,
		AssignAfter:      4 * hour,
		AcknowledgeAfter: 9 * hour,
		AnswerAfter:      26 * hour,
		CloseAfter:       12 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500030877/",
				ClaimText:      "Tiap hujan jalan poros Sungup Kanan jadi kubangan. Pagi ini pick up angkut sawit terjebak 3 jam. Mohon PUPR turun tangan.",
				AccountHandle:  "Anang Sungup Kanan",
				DetectedBefore: 14 * hour,
			},
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Foto2 jalan poros Sungup Kanan hari ini, tolong diteruskan ke dinas. Anak sekolah jalan kaki berlumpur sampai lutut.",
				DetectedBefore: 9 * hour,
			},
		},
		Response: &Response{
			Body: `## Tanggapan Dinas PUPR atas Jalan Poros Sungup Kanan

Tim Bidang Bina Marga Dinas PUPR Kabupaten Kotabaru telah meninjau jalan poros Desa Sungup Kanan sehari setelah laporan diterima.

### Hasil peninjauan

- Ruas yang rusak sepanjang **1,8 km** berupa jalan tanah tanpa lapis perkerasan, dengan genangan di **6 titik** karena saluran tepi jalan tertimbun.
- Ruas ini berstatus **jalan kabupaten** sehingga penanganannya menjadi kewenangan Dinas PUPR.

### Penanganan

1. Penimbunan sirtu dan pembukaan saluran tepi jalan oleh tim pemeliharaan rutin dimulai pekan ini dan ditargetkan selesai dalam **10 hari kerja**, tergantung cuaca.
2. Peningkatan menjadi jalan beton diusulkan dalam musyawarah perencanaan pembangunan tahun depan.

Perkembangan pekerjaan dapat dipantau melalui [daftar pekerjaan PUPR](https://pupr.kotabarukab.go.id/pekerjaan). Titik rusak lain dapat dilaporkan melalui [kanal pengaduan](https://pupr.kotabarukab.go.id/pengaduan).`,
		},
	},
	{
		Title:            "Apa syarat membuat Kartu Identitas Anak untuk anak usia sekolah dasar?",
		Summary:          "Seorang ibu di Kecamatan Pulau Laut Sigam menanyakan syarat dan lama pembuatan Kartu Identitas Anak (KIA) karena diminta pihak sekolah. Ia juga bertanya apakah KIA bisa diurus tanpa datang ke kantor dinas.",
		Kind:             "QUESTION",
		CategorySlug:     "administrasi-kependudukan",
		Status:           "CLOSED",
		AgencySlug:       "disdukcapil",
		Priority:         "NORMAL",
		LoggedDaysAgo:    81.25,
		AssignAfter:      5 * hour,
		AcknowledgeAfter: 11 * hour,
		AnswerAfter:      28 * hour,
		CloseAfter:       8 * day,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3094",
				ClaimText:      "Sekolah anak saya meminta fotokopi KIA. Apa saja syaratnya dan berapa lama jadinya? Apakah harus ke kantor Disdukcapil di kota?",
				DetectedBefore: 30 * minute,
			},
		},
		Response: &Response{
			Body: `## Cara Mengurus Kartu Identitas Anak (KIA)

Terima kasih atas pertanyaan Ibu. Kartu Identitas Anak (KIA) diterbitkan Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kabupaten Kotabaru untuk anak berusia **di bawah 17 tahun** dan **tidak dipungut biaya**.

### Persyaratan

- Fotokopi **akta kelahiran** anak dan **Kartu Keluarga** terbaru.
- KTP elektronik kedua orang tua atau wali.
- Pasfoto anak berwarna ukuran 2x3 sebanyak dua lembar bagi anak berusia 5 tahun ke atas.

### Tempat pengurusan

KIA dapat diurus di kantor Disdukcapil, di **kantor kecamatan** yang memiliki layanan administrasi kependudukan, atau dititipkan melalui sekolah yang mengikuti program jemput bola. Kartu selesai dalam **1 hari kerja** bila berkas lengkap.

Informasi lebih lanjut: [layanan KIA](https://disdukcapil.kotabarukab.go.id/kia) atau WhatsApp layanan **0812-0000-6730**.`,
		},
	},
	{
		Title:            "Puskesmas pembantu di Desa Tanjung Seloka tutup pada jam pelayanan",
		Summary:          "Warga Desa Tanjung Seloka, Kecamatan Pulau Laut Selatan, mengeluhkan puskesmas pembantu sering tutup pada jam pelayanan sehingga warga yang sakit harus menyeberang ke puskesmas induk. Keluhan disertai foto pintu pustu yang terkunci pada pukul 10 pagi.",
		Kind:             "COMPLAINT",
		CategorySlug:     "kesehatan",
		Status:           "ANSWERED",
		AgencySlug:       "dinkes",
		Priority:         "NORMAL",
		LoggedDaysAgo:    76.45,
		AssignAfter:      6 * hour,
		AcknowledgeAfter: 10 * hour,
		AnswerAfter:      8*day + 3*hour,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500032650/",
				ClaimText:      "Jam 10 pagi pustu Tanjung Seloka masih terkunci. Sudah ketiga kalinya minggu ini. Orang sakit disuruh ke mana?",
				AccountHandle:  "Nelayan Seloka Bersatu",
				DetectedBefore: 16 * hour,
			},
		},
		Response: &Response{
			Body: `## Tanggapan Dinas Kesehatan atas Layanan Pustu Tanjung Seloka

Dinas Kesehatan Kabupaten Kotabaru memohon maaf atas terganggunya pelayanan di **Puskesmas Pembantu (Pustu) Tanjung Seloka** dan atas lamanya jawaban ini, karena jadwal petugas perlu kami periksa bersama puskesmas induk.

### Hasil pemeriksaan

- Pustu hanya memiliki **1 perawat** yang juga bertugas posyandu keliling ke dua dusun, sehingga pustu tutup pada hari kunjungan tersebut tanpa pengumuman.
- Pada pekan laporan, petugas mengikuti pelatihan di kabupaten selama tiga hari tanpa pengganti.

### Perbaikan

1. Mulai bulan ini seorang **bidan desa** ditempatkan di pustu sehingga layanan buka **Senin–Sabtu pukul 08.00–14.00 WITA**.
2. Jadwal posyandu keliling ditempel di pintu pustu dan diumumkan melalui kepala desa.
3. Di luar jam layanan, warga dapat menghubungi puskesmas induk untuk keadaan darurat.

Jadwal puskesmas dan pustu: [layanan puskesmas](https://dinkes.kotabarukab.go.id/puskesmas).`,
		},
	},
	{
		Title:            "Pesan berantai: pelanggan PDAM yang menunggak dua bulan langsung diputus permanen",
		Summary:          "Pesan berantai di WhatsApp menyebut Perumda Air Minum Kotabaru akan memutus permanen dan membongkar meter pelanggan yang menunggak dua bulan mulai pekan depan. Pesan itu mencampurkan aturan penyegelan sementara dengan pemutusan permanen.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "air-bersih",
		Status:           "ANSWERED",
		AgencySlug:       "perumda-air-minum",
		Priority:         "HIGH",
		LoggedDaysAgo:    75.15,
		AssignAfter:      hour,
		AcknowledgeAfter: 2*hour + 30*minute,
		AnswerAfter:      6*hour + 30*minute,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "PENGUMUMAN PDAM: mulai minggu depan pelanggan yg nunggak 2 bulan langsung DIPUTUS PERMANEN & meteran dibongkar. Segera lunasi!!",
				DetectedBefore: 11 * hour,
			},
		},
		Response: &Response{
			Verdict: "MISLEADING",
			Body: `## Klarifikasi Perumda Air Minum tentang Tunggakan

Perumda Air Minum Kotabaru menyatakan pesan berantai tentang **pemutusan permanen setelah dua bulan menunggak** adalah **menyesatkan**.

### Fakta

- Pelanggan yang menunggak **tiga bulan** menerima surat peringatan, lalu sambungannya **disegel sementara**, bukan dibongkar.
- Segel dibuka paling lambat **1×24 jam** setelah tunggakan dilunasi atau dicicil sesuai kesepakatan.
- Pemutusan permanen hanya dilakukan bila tunggakan tidak diselesaikan selama **enam bulan** setelah penyegelan, dan selalu didahului pemberitahuan tertulis.
- Tidak ada perubahan aturan yang berlaku mulai pekan depan.

### Keringanan

Pelanggan yang kesulitan membayar dapat mengajukan **cicilan tunggakan** di kantor pelayanan Perumda atau melalui WhatsApp **0811-0000-5210**. Ketentuan lengkap: [aturan pelanggan](https://kotabarukab.go.id/perumda-air-minum/pelanggan).`,
		},
	},
	{
		Title:            "Kabar pembangunan jalan lingkar Pulau Laut dihentikan karena kontraktor kabur",
		Summary:          "Video TikTok menyebut proyek jalan lingkar Pulau Laut ditinggalkan kontraktor dan dihentikan selamanya, disertai rekaman alat berat yang terparkir. Dinas PUPR menjelaskan paket tahap ini sudah selesai dan tahap berikutnya masih ditender.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "infrastruktur",
		Status:           "ANSWERED",
		AgencySlug:       "pupr",
		Priority:         "HIGH",
		LoggedDaysAgo:    73.65,
		AssignAfter:      50 * minute,
		AcknowledgeAfter: hour + 40*minute,
		AnswerAfter:      7 * hour,
		Sources: []Source{
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@kabar_ktb_terkini/video/7393318820453122309",
				ClaimText:      "Jalan lingkar Pulau Laut MANGKRAK! Kontraktor kabur, alat berat ditinggal begitu saja. Uang rakyat ke mana??",
				AccountHandle:  "@kabar_ktb_terkini",
				DetectedBefore: day,
			},
		},
		Response: &Response{
			Verdict: "MISLEADING",
			Body: `## Penjelasan Dinas PUPR tentang Jalan Lingkar Pulau Laut

Dinas PUPR Kabupaten Kotabaru menilai video yang menyebut proyek jalan lingkar Pulau Laut **dihentikan karena kontraktor kabur** bersifat **menyesatkan**.

### Fakta

- Paket pekerjaan tahap ini, sepanjang **6,4 km** di Kecamatan Pulau Laut Timur, telah **selesai dan diserahterimakan** bulan lalu. Alat berat dalam video adalah milik penyedia yang menunggu diangkut.
- Paket tahap berikutnya sedang dalam proses **tender** melalui LPSE dan belum memiliki kontraktor, sehingga lapangan memang terlihat sepi.
- Pekerjaan tanah juga dijeda selama puncak musim hujan agar timbunan tidak rusak.

### Pemantauan

Jadwal, nilai kontrak, dan progres setiap paket dapat dilihat di [daftar pekerjaan PUPR](https://pupr.kotabarukab.go.id/pekerjaan). Pertanyaan mengenai proyek dapat disampaikan melalui [kanal pengaduan](https://pupr.kotabarukab.go.id/pengaduan).`,
		},
	},
	{
		Title:            "Kabar KTP elektronik tidak berlaku lagi jika belum beralih ke KTP digital",
		Summary:          "Unggahan di grup Facebook menyebut KTP elektronik fisik tidak berlaku mulai tahun depan bagi warga yang belum mengaktifkan Identitas Kependudukan Digital (IKD). Disdukcapil menjelaskan IKD bersifat pelengkap dan KTP elektronik tetap sah.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "administrasi-kependudukan",
		Status:           "ANSWERED",
		AgencySlug:       "disdukcapil",
		Priority:         "HIGH",
		LoggedDaysAgo:    72.35,
		AssignAfter:      80 * minute,
		AcknowledgeAfter: 3 * hour,
		AnswerAfter:      8 * hour,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500033714/",
				ClaimText:      "Info: akhir tahun ini KTP fisik tdk berlaku lagi, wajib pindah ke KTP digital di HP. Yg belum aktivasi nanti tidak bisa urus bank dan BPJS.",
				AccountHandle:  "Info Warga Kotabaru",
				DetectedBefore: 13 * hour,
			},
		},
		Response: &Response{
			Verdict: "MISLEADING",
			Body: `## KTP Elektronik Tetap Berlaku

Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kabupaten Kotabaru menyatakan unggahan yang menyebut KTP elektronik **tidak berlaku lagi** bagi warga yang belum beralih ke **Identitas Kependudukan Digital (IKD)** adalah **menyesatkan**.

### Fakta

- KTP elektronik **berlaku seumur hidup** sepanjang data di dalamnya tidak berubah, dan tetap sah untuk semua layanan.
- IKD adalah **pelengkap** dalam bentuk aplikasi; aktivasinya dianjurkan tetapi tidak menggugurkan KTP fisik.
- Tidak ada tenggat akhir tahun untuk beralih ke IKD.

### Aktivasi IKD

Warga yang ingin mengaktifkan IKD dapat datang ke kantor Disdukcapil atau ke **petugas administrasi kependudukan kecamatan** dengan membawa KTP elektronik dan telepon pintar. Aktivasi tidak dipungut biaya. Informasi: [layanan IKD](https://disdukcapil.kotabarukab.go.id/ikd).`,
		},
	},
	{
		Title:            "Di mana warga Pulau Laut Barat bisa memeriksakan anggota keluarga dengan gangguan jiwa?",
		Summary:          "Seorang warga Kecamatan Pulau Laut Barat menanyakan layanan kesehatan jiwa terdekat untuk saudaranya yang sering mengamuk dan menolak makan. Ia khawatir dengan biaya perjalanan ke rumah sakit di luar daerah.",
		Kind:             "QUESTION",
		CategorySlug:     "kesehatan",
		Status:           "CLOSED",
		AgencySlug:       "dinkes",
		Priority:         "NORMAL",
		LoggedDaysAgo:    69.15,
		AssignAfter:      3 * hour,
		AcknowledgeAfter: 7 * hour,
		AnswerAfter:      22 * hour,
		CloseAfter:       10 * day,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3156",
				ClaimText:      "Adik saya sering mengamuk dan tidak mau makan sudah sebulan. Kami di Pulau Laut Barat, apakah ada layanan kejiwaan di Kotabaru atau harus ke Banjarmasin?",
				DetectedBefore: 45 * minute,
			},
		},
		Response: &Response{
			Body: `## Layanan Kesehatan Jiwa di Kabupaten Kotabaru

Terima kasih telah menghubungi kami. Dinas Kesehatan Kabupaten Kotabaru memahami kekhawatiran keluarga dan menyampaikan layanan yang dapat diakses tanpa harus ke luar daerah.

### Langkah yang dapat ditempuh

1. Datang ke **Puskesmas Tanjung Lalak** atau puskesmas terdekat. Setiap puskesmas memiliki **petugas program kesehatan jiwa** yang dapat melakukan pemeriksaan awal dan kunjungan rumah.
2. Bila diperlukan, puskesmas merujuk ke **poli jiwa RSUD Pangeran Jaya Sumitra**, yang buka setiap Selasa dan Kamis.
3. Dalam keadaan gawat darurat, keluarga dapat langsung membawa anggota keluarga ke IGD rumah sakit.

### Biaya

Pemeriksaan dan terapi ditanggung **Jaminan Kesehatan Nasional (JKN)**. Keluarga yang belum terdaftar dapat didaftarkan sebagai peserta yang iurannya dibayar pemerintah melalui dinas sosial.

Daftar puskesmas: [layanan puskesmas](https://dinkes.kotabarukab.go.id/puskesmas).`,
		},
	},
	{
		Title:            "Berapa biaya dan syarat pemasangan sambungan baru PDAM untuk rumah tangga?",
		Summary:          "Warga perumahan baru di Desa Sebelimbingan menanyakan biaya, syarat, dan lama pemasangan sambungan baru Perumda Air Minum. Mereka juga bertanya apakah biaya boleh dicicil.",
		Kind:             "QUESTION",
		CategorySlug:     "air-bersih",
		Status:           "CLOSED",
		AgencySlug:       "perumda-air-minum",
		Priority:         "NORMAL",
		LoggedDaysAgo:    66.35,
		AssignAfter:      4 * hour,
		AcknowledgeAfter: 9 * hour,
		AnswerAfter:      27 * hour,
		CloseAfter:       7 * day,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3201",
				ClaimText:      "Kami warga perumahan baru di Sebelimbingan. Mau pasang PDAM, berapa biayanya dan apa syaratnya? Bisa dicicil atau tidak?",
				DetectedBefore: 2 * hour,
			},
		},
		Response: &Response{
			Body: `## Syarat dan Biaya Sambungan Baru

Perumda Air Minum Kotabaru menyampaikan ketentuan pemasangan sambungan baru untuk **golongan rumah tangga**.

### Persyaratan

- Fotokopi KTP elektronik pemohon dan Kartu Keluarga.
- Fotokopi bukti kepemilikan atau sewa bangunan.
- Denah lokasi sederhana atau titik koordinat dari ponsel.

### Biaya

- Biaya pemasangan rumah tangga sebesar **Rp1.250.000**, sudah termasuk meter air dan pipa hingga 6 meter.
- Biaya dapat **dicicil hingga 6 kali** bersama rekening bulanan.

### Jangkauan di Sebelimbingan

Jaringan pipa distribusi sudah menjangkau sebagian besar perumahan di **Desa Sebelimbingan**. Petugas melakukan survei lokasi paling lambat **3 hari kerja** setelah berkas lengkap, dan pemasangan selesai dalam **7 hari kerja** setelah pembayaran pertama.

Pendaftaran: [sambungan baru](https://kotabarukab.go.id/perumda-air-minum/sambungan-baru) atau kantor pelayanan Perumda.`,
		},
		Questions: []Question{
			{
				Body:    "Kami baru menempati rumah di perumahan dekat Sebelimbingan. Apakah jaringan pipa Perumda sudah sampai ke sana dan berapa biaya pasang baru?",
				Name:    "Rahmawati",
				Contact: "rahma.sebelimbingan@example.com",
				After:   2 * day,
			},
		},
	},
	{
		Title:            "Bagaimana cara mengurus Persetujuan Bangunan Gedung untuk rumah tinggal?",
		Summary:          "Seorang warga Kelurahan Baharu Selatan yang hendak membangun rumah dua lantai menanyakan cara mengurus Persetujuan Bangunan Gedung (PBG) dan perbedaannya dengan IMB. Ia juga bertanya berapa lama prosesnya.",
		Kind:             "QUESTION",
		CategorySlug:     "infrastruktur",
		Status:           "ANSWERED",
		AgencySlug:       "pupr",
		Priority:         "NORMAL",
		LoggedDaysAgo:    64.75,
		AssignAfter:      5 * hour,
		AcknowledgeAfter: 12 * hour,
		AnswerAfter:      28 * hour,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DHq3kVm2Xe7/",
				ClaimText:      "Min, sekarang bangun rumah masih perlu IMB kah? Katanya diganti PBG, ngurusnya di mana dan berapa lama?",
				AccountHandle:  "@andi.baharu_ktb",
				DetectedBefore: 6 * hour,
			},
		},
		Response: &Response{
			Body: `## Pengurusan Persetujuan Bangunan Gedung (PBG)

Sejak berlakunya PP Nomor 16 Tahun 2021, Izin Mendirikan Bangunan (IMB) digantikan oleh **Persetujuan Bangunan Gedung (PBG)**. Dinas PUPR Kabupaten Kotabaru melaksanakan pemeriksaan teknisnya.

### Langkah pengurusan

1. Daftar dan unggah dokumen di aplikasi **SIMBG** milik pemerintah pusat.
2. Siapkan data pemohon, bukti kepemilikan tanah, serta **gambar arsitektur** dan **gambar struktur** untuk bangunan dua lantai.
3. Tim Penilai Teknis memeriksa dokumen dan dapat meminta perbaikan.
4. Setelah dinyatakan memenuhi standar, pemohon membayar **retribusi PBG** dan PBG diterbitkan secara elektronik.

### Lama proses

Untuk rumah tinggal sederhana, proses berlangsung paling lama **28 hari kerja** sejak dokumen lengkap. Konsultasi gratis tersedia di kantor Dinas PUPR setiap hari kerja.

Informasi: [layanan PBG](https://pupr.kotabarukab.go.id/pbg).`,
		},
	},
	{
		Title:            "Nomor antrean layanan Disdukcapil habis sebelum pukul sembilan pagi",
		Summary:          "Warga mengeluhkan kuota nomor antrean harian di kantor Disdukcapil sudah habis sekitar pukul 08.30 WITA sehingga mereka yang datang dari kecamatan jauh pulang tanpa dilayani. Keluhan ramai di kolom komentar akun Instagram pemerintah kabupaten.",
		Kind:             "COMPLAINT",
		CategorySlug:     "administrasi-kependudukan",
		Status:           "ANSWERED",
		AgencySlug:       "disdukcapil",
		Priority:         "NORMAL",
		LoggedDaysAgo:    63.55,
		AssignAfter:      4 * hour,
		AcknowledgeAfter: 8 * hour,
		AnswerAfter:      7*day + 2*hour,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DHt8nQw4Lb1/",
				ClaimText:      "Berangkat subuh dari Sungai Durian, sampai Disdukcapil jam 9 nomor antrean sudah habis. Disuruh datang besok. Tolong ditambah kuotanya!",
				AccountHandle:  "@yanti_sgdurian",
				DetectedBefore: 8 * hour,
			},
		},
		Response: &Response{
			Body: `## Tanggapan Disdukcapil atas Antrean Layanan

Disdukcapil Kabupaten Kotabaru memohon maaf kepada warga yang tidak terlayani, terlebih yang datang dari kecamatan jauh, serta atas jawaban yang terlambat karena kami menunggu hasil uji coba sistem antrean baru.

### Penyebab

Kuota **150 nomor antrean** per hari habis lebih cepat karena lonjakan permohonan menjelang pendaftaran sekolah dan seleksi kerja.

### Perbaikan yang sudah berjalan

- Kuota harian dinaikkan menjadi **220 nomor** dengan menambah dua loket.
- **40% kuota** kini dapat dipesan sehari sebelumnya melalui [antrean daring](https://disdukcapil.kotabarukab.go.id/antrean).
- Warga dari Kecamatan Pulau Sembilan, Pulau Laut Kepulauan, dan Sungai Durian mendapat **loket prioritas** dengan menunjukkan alamat pada KTP.
- Perubahan KK, akta, dan KIA dapat diajukan lewat layanan daring tanpa datang ke kantor.

Pengaduan layanan: WhatsApp **0812-0000-6730**.`,
		},
	},
	{
		Title:            "Kabar kejadian luar biasa malaria di Kecamatan Sampanahan",
		Summary:          "Pesan WhatsApp dan unggahan Facebook menyebut Kecamatan Sampanahan berstatus kejadian luar biasa (KLB) malaria dengan puluhan warga dirawat. Dinas Kesehatan membenarkan ada kenaikan kasus, tetapi status KLB tidak pernah ditetapkan.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "ANSWERED",
		AgencySlug:       "dinkes",
		Priority:         "HIGH",
		LoggedDaysAgo:    60.85,
		AssignAfter:      hour,
		AcknowledgeAfter: 2 * hour,
		AnswerAfter:      8 * hour,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Sampanahan sudah KLB malaria, puluhan orang dirawat di puskesmas. Jangan masuk hutan dulu, bawa anak2 jauh dari sana.",
				DetectedBefore: 15 * hour,
			},
			{
				Platform:       "NEWS",
				URL:            "https://www.kabarbanua-online.com/daerah/warga-sampanahan-resah-kasus-malaria-naik",
				ClaimText:      "Warga Sampanahan resah, kasus malaria disebut melonjak dan sejumlah pasien dirawat.",
				DetectedBefore: 5 * hour,
			},
		},
		Response: &Response{
			Verdict: "PARTLY_TRUE",
			Body: `## Klarifikasi Kasus Malaria di Sampanahan

Dinas Kesehatan Kabupaten Kotabaru menilai kabar **kejadian luar biasa (KLB) malaria** di Kecamatan Sampanahan **sebagian benar**.

### Yang benar

- Dalam empat minggu terakhir tercatat **17 kasus malaria** di Sampanahan, naik dari rata-rata 3–5 kasus per bulan. Sebagian besar penderita adalah pekerja kebun dan pencari kayu yang bermalam di hutan.

### Yang tidak benar

- Status KLB **tidak ditetapkan**; kenaikan ini ditangani sebagai peningkatan kasus dengan pengawasan ketat.
- Tidak ada "puluhan warga dirawat". Hanya **2 penderita** yang sempat dirawat inap dan kini sudah pulang.

### Penanganan

- Pemeriksaan darah massal di tiga desa, pembagian **1.200 kelambu berinsektisida**, dan penyemprotan rumah di sekitar kasus.
- Obat malaria tersedia gratis di Puskesmas Sampanahan.

Warga yang menggigil dan panas tinggi setelah bermalam di hutan diminta segera memeriksakan darah. Informasi: [pencegahan malaria](https://dinkes.kotabarukab.go.id/malaria).`,
		},
	},
	{
		Title:            "Pipa PDAM bocor di Jalan Batu Selira, air terbuang berhari-hari",
		Summary:          "Seorang pengguna X mengunggah video air menyembur dari pipa yang bocor di tepi Jalan Batu Selira dan menyebut kebocoran sudah berlangsung lima hari. Ia mempertanyakan mengapa air terbuang sementara sebagian warga kekurangan pasokan.",
		Kind:             "COMPLAINT",
		CategorySlug:     "air-bersih",
		Status:           "ANSWERED",
		AgencySlug:       "perumda-air-minum",
		Priority:         "HIGH",
		LoggedDaysAgo:    55.55,
		AssignAfter:      90 * minute,
		AcknowledgeAfter: 3*hour + 30*minute,
		AnswerAfter:      4*day + 6*hour,
		Sources: []Source{
			{
				Platform:       "X",
				URL:            "https://x.com/warga_saijaan_21/status/1817204493551296512",
				ClaimText:      "Lima hari pipa PDAM di Jl Batu Selira nyembur kayak air mancur. Di rumah orang tua saya air kecil sekali. @PemkabKotabaru tolong.",
				AccountHandle:  "@warga_saijaan_21",
				DetectedBefore: 4 * hour,
			},
		},
		Response: &Response{
			Body: `## Perbaikan Pipa Bocor di Jalan Batu Selira

Perumda Air Minum Kotabaru berterima kasih atas laporan warga dan memohon maaf karena perbaikan baru tuntas empat hari setelah laporan masuk.

### Kronologi

- Kebocoran terjadi pada pipa distribusi **150 mm** yang berada di bawah badan jalan, sehingga penggaliannya memerlukan pengaturan lalu lintas.
- Perbaikan tertunda dua hari karena **sambungan pipa pengganti** harus didatangkan dari Banjarmasin.
- Pipa diperbaiki pada malam hari untuk mengurangi gangguan bagi sekitar **1.100 pelanggan** di Kelurahan Kotabaru Tengah dan Kotabaru Hilir.

### Perbaikan ke depan

Perumda kini menyimpan **stok suku cadang** untuk pipa utama dan menargetkan kebocoran besar ditutup paling lambat 24 jam. Kebocoran dapat dilaporkan dengan foto dan titik lokasi ke WhatsApp **0811-0000-5210** atau [info gangguan](https://kotabarukab.go.id/perumda-air-minum/gangguan).`,
		},
	},
	{
		Title:            "Permintaan data prevalensi stunting per kecamatan tahun berjalan",
		Summary:          "Sebuah lembaga swadaya masyarakat di Kotabaru meminta data prevalensi stunting dan jumlah balita yang diukur per kecamatan untuk bahan kajian. Permintaan diajukan melalui formulir PPID.",
		Kind:             "INFORMATION_REQUEST",
		CategorySlug:     "kesehatan",
		Status:           "ANSWERED",
		AgencySlug:       "dinkes",
		Priority:         "LOW",
		LoggedDaysAgo:    52.65,
		AssignAfter:      20 * hour,
		AcknowledgeAfter: 30 * hour,
		AnswerAfter:      3*day + 8*hour,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://ppid.kotabarukab.go.id/permohonan/2417",
				ClaimText:      "Mohon data prevalensi stunting dan jumlah balita yang diukur per kecamatan tahun ini, untuk kajian program gizi desa.",
				DetectedBefore: 3 * hour,
			},
		},
		Response: &Response{
			Body: `## Data Stunting per Kecamatan

Dinas Kesehatan Kabupaten Kotabaru menyampaikan data yang diminta sesuai **UU Nomor 14 Tahun 2008** tentang Keterbukaan Informasi Publik.

### Ringkasan

- Penimbangan dan pengukuran serentak di posyandu mencakup **18.640 balita** atau 91% dari sasaran.
- Prevalensi stunting hasil pengukuran tingkat kabupaten tercatat **14,2%**, turun dari 16,8% pada tahun sebelumnya.
- Tiga kecamatan dengan angka tertinggi adalah **Pamukan Barat**, **Pulau Sembilan**, dan **Kelumpang Barat**.

### Catatan penggunaan

Angka ini berasal dari pencatatan rutin (e-PPGBM) dan dapat berbeda dengan hasil survei nasional yang memakai metode sampel. Data per desa tidak kami buka karena jumlah kasus yang kecil berisiko mengungkap identitas anak.

Berkas lengkap per kecamatan (CSV dan PDF) tersedia di [data stunting](https://ppid.kotabarukab.go.id/data/stunting-per-kecamatan).`,
		},
	},
	{
		Title:            "Tautan pembaruan data Kartu Keluarga berbayar Rp25.000 mengatasnamakan Disdukcapil",
		Summary:          "Pesan WhatsApp berisi tautan yang meminta warga memperbarui data Kartu Keluarga, mengunggah foto KTP, dan membayar Rp25.000 agar data tidak dinonaktifkan. Disdukcapil memastikan tautan itu palsu.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "administrasi-kependudukan",
		Status:           "CLOSED",
		AgencySlug:       "disdukcapil",
		Priority:         "URGENT",
		LoggedDaysAgo:    50.15,
		AssignAfter:      20 * minute,
		AcknowledgeAfter: 40 * minute,
		AnswerAfter:      3*hour + 45*minute,
		CloseAfter:       7 * day,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "PEMBERITAHUAN DISDUKCAPIL: data KK yg tidak diperbarui sebelum akhir bulan akan DINONAKTIFKAN. Perbarui di link berikut, biaya admin Rp25.000.",
				DetectedBefore: 5 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Tautan Pembaruan KK Berbayar adalah Palsu

Disdukcapil Kabupaten Kotabaru menegaskan pesan berisi tautan **pembaruan data Kartu Keluarga** dengan biaya **Rp25.000** adalah **hoaks** dan berindikasi penipuan.

### Fakta

- Disdukcapil **tidak pernah** meminta pembaruan data melalui tautan di WhatsApp, dan tidak ada data penduduk yang dinonaktifkan karena tidak diperbarui.
- Seluruh layanan administrasi kependudukan **gratis** sesuai Undang-Undang Administrasi Kependudukan.
- Situs dalam pesan tersebut tidak memakai alamat pemerintah dan telah dilaporkan untuk diblokir.

### Jika sudah mengisi

1. Jangan membayar dan jangan membagikan kode OTP kepada siapa pun.
2. Segera ganti kata sandi akun yang memakai data yang sama.
3. Laporkan ke Disdukcapil agar NIK Anda dipantau dari penyalahgunaan.

Layanan resmi hanya melalui [situs Disdukcapil](https://disdukcapil.kotabarukab.go.id) dan WhatsApp **0812-0000-6730**.`,
		},
	},
	{
		Title:            "Penutup saluran di trotoar Jalan Pangeran Hidayatullah hilang, pejalan kaki terperosok",
		Summary:          "Warga mengunggah foto lubang saluran tanpa penutup di trotoar depan deretan toko Jalan Pangeran Hidayatullah setelah seorang pelajar terperosok dan terluka. Mereka meminta penutup segera dipasang sebelum ada korban lain.",
		Kind:             "COMPLAINT",
		CategorySlug:     "infrastruktur",
		Status:           "ANSWERED",
		AgencySlug:       "pupr",
		Priority:         "HIGH",
		LoggedDaysAgo:    48.85,
		AssignAfter:      hour,
		AcknowledgeAfter: 2*hour + 30*minute,
		AnswerAfter:      5 * day,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DIb2sRk7Ny4/",
				ClaimText:      "Tadi sore anak SMP jatuh ke lubang saluran di trotoar Jl Pangeran Hidayatullah, kakinya robek. Penutupnya sudah lama hilang!",
				AccountHandle:  "@ktb.update24",
				DetectedBefore: 3 * hour,
			},
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Hati2 lewat trotoar depan toko2 Pangeran Hidayatullah, banyak penutup got hilang. Sudah ada korban.",
				DetectedBefore: 2 * hour,
			},
		},
		Response: &Response{
			Body: `## Pemasangan Penutup Saluran di Jalan Pangeran Hidayatullah

Dinas PUPR Kabupaten Kotabaru memohon maaf kepada pelajar yang terluka dan keluarganya, serta atas lamanya jawaban resmi ini.

### Yang sudah dilakukan

- Pada hari laporan masuk, petugas memasang **pembatas dan rambu sementara** di sekitar lubang.
- Penutup beton pracetak untuk **12 titik** yang hilang atau pecah di ruas tersebut harus dicetak terlebih dahulu; pemasangan selesai pada hari kelima.
- Penutup kini dipasang dengan **angkur besi** agar tidak mudah diangkat atau dicuri.

### Tindak lanjut

Dinas PUPR akan memeriksa trotoar di ruas pertokoan lain di pusat kota dalam dua pekan ke depan. Keluarga pelajar dapat menghubungi kami untuk pendampingan pengurusan biaya pengobatan.

Penutup saluran yang hilang atau rusak dapat dilaporkan melalui [kanal pengaduan](https://pupr.kotabarukab.go.id/pengaduan).`,
		},
	},
	{
		Title:            "Video TikTok: kadar kaporit air PDAM Kotabaru disebut berbahaya bagi ginjal",
		Summary:          "Video TikTok memperlihatkan air PDAM yang diteteskan cairan uji hingga berwarna kuning pekat dan menyebut kadar kaporit berbahaya bagi ginjal. Perumda Air Minum menyatakan hasil uji laboratorium menunjukkan sisa klor dalam batas aman.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "air-bersih",
		Status:           "CLOSED",
		AgencySlug:       "perumda-air-minum",
		Priority:         "HIGH",
		LoggedDaysAgo:    45.75,
		AssignAfter:      80 * minute,
		AcknowledgeAfter: 2 * hour,
		AnswerAfter:      7*hour + 30*minute,
		CloseAfter:       8 * day,
		Sources: []Source{
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@cek_air_rumahku/video/7402215530918417669",
				ClaimText:      "Lihat warnanya! Air PDAM Kotabaru penuh kaporit, tiap hari kita minum racun buat ginjal. Mending pakai air sumur.",
				AccountHandle:  "@cek_air_rumahku",
				DetectedBefore: 18 * hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500036025/",
				ClaimText:      "Ada yg lihat video tes air PDAM yang kuning itu? Jadi takut masak pakai air keran.",
				AccountHandle:  "Bunda Zahra Semayap",
				DetectedBefore: 6 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Sisa Klor Air Perumda Masih Aman

Perumda Air Minum Kotabaru menyatakan klaim bahwa kadar kaporit dalam air pelanggan **berbahaya bagi ginjal** adalah **tidak benar**.

### Fakta

- Kaporit dipakai untuk membunuh kuman. Sisa klor yang dipersyaratkan di titik pelanggan adalah **0,2–0,5 mg/l**.
- Uji pada **24 titik** sampel pekan ini, termasuk rumah yang tampil dalam video, menunjukkan sisa klor **0,22–0,41 mg/l**. Uji pembanding oleh laboratorium kesehatan daerah memberi hasil serupa.
- Cairan uji dalam video diteteskan berlebihan sehingga warnanya menjadi pekat; takaran yang benar hanya beberapa tetes pada 10 ml air.

### Bila air berbau kaporit

Bau kaporit biasanya hilang bila air didiamkan dalam wadah terbuka selama 30 menit. Pelanggan dapat meminta **uji kualitas air gratis** melalui WhatsApp **0811-0000-5210**. Hasil uji bulanan: [kualitas air](https://kotabarukab.go.id/perumda-air-minum/kualitas-air).`,
		},
	},
	{
		Title:            "Permintaan data kondisi jaringan irigasi di Kecamatan Pamukan Selatan",
		Summary:          "Kelompok tani di Kecamatan Pamukan Selatan mengirim surat meminta data kondisi saluran irigasi dan rencana perbaikannya. Data itu akan dipakai untuk menyusun usulan musyawarah desa.",
		Kind:             "INFORMATION_REQUEST",
		CategorySlug:     "infrastruktur",
		Status:           "CLOSED",
		AgencySlug:       "pupr",
		Priority:         "LOW",
		LoggedDaysAgo:    40.35,
		AssignAfter:      22 * hour,
		AcknowledgeAfter: 40 * hour,
		AnswerAfter:      4 * day,
		CloseAfter:       14 * day,
		Sources: []Source{
			{
				Platform:       "OTHER",
				ClaimText:      "Surat Gapoktan Pamukan Selatan: mohon data kondisi saluran irigasi dan rencana perbaikan pintu air untuk bahan usulan musyawarah desa.",
				DetectedBefore: 2 * day,
			},
		},
		Response: &Response{
			Body: `## Data Jaringan Irigasi Pamukan Selatan

Dinas PUPR Kabupaten Kotabaru menyampaikan data yang diminta kelompok tani sesuai ketentuan keterbukaan informasi publik.

### Kondisi jaringan

- Daerah irigasi di Kecamatan Pamukan Selatan melayani sekitar **1.150 hektare** sawah di empat desa.
- Dari **23,6 km** saluran, **61%** dalam kondisi baik, **27%** rusak ringan, dan **12%** rusak berat, terutama saluran sekunder yang tertimbun sedimen.
- Dua pintu air di saluran induk tidak berfungsi dan masuk daftar prioritas perbaikan.

### Rencana perbaikan

1. Normalisasi saluran sekunder sepanjang **2,8 km** melalui pemeliharaan rutin tahun ini.
2. Penggantian dua pintu air diusulkan dalam anggaran tahun depan.

Tabel lengkap per ruas saluran dapat diunduh di [data irigasi](https://ppid.kotabarukab.go.id/data/irigasi-pamukan-selatan). Kelompok tani dapat mengajukan usulan melalui musyawarah desa dan kecamatan.`,
		},
	},
	{
		Title:            "Kabar rawat inap Puskesmas Sengayam dihentikan sementara",
		Summary:          "Unggahan Instagram menyebut layanan rawat inap Puskesmas Sengayam di Kecamatan Pamukan Barat tidak lagi menerima pasien. Dinas Kesehatan membenarkan penghentian sementara selama renovasi dan menjelaskan rujukan penggantinya.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "ANSWERED",
		AgencySlug:       "dinkes",
		Priority:         "HIGH",
		LoggedDaysAgo:    37.25,
		AssignAfter:      hour,
		AcknowledgeAfter: hour + 45*minute,
		AnswerAfter:      6 * hour,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DJf5hTc1Wq8/",
				ClaimText:      "Rawat inap Puskesmas Sengayam tutup, pasien disuruh pulang atau cari sendiri ke kota. Warga Pamukan Barat mau berobat ke mana?",
				AccountHandle:  "@pamukan_barat_info",
				DetectedBefore: 9 * hour,
			},
		},
		Response: &Response{
			Verdict: "TRUE",
			Body: `## Rawat Inap Puskesmas Sengayam Dihentikan Sementara

Dinas Kesehatan Kabupaten Kotabaru membenarkan bahwa layanan **rawat inap** Puskesmas Sengayam **dihentikan sementara** mulai pekan ini.

### Penjelasan

- Gedung rawat inap sedang **direnovasi** karena atap dan instalasi listriknya rusak. Pekerjaan dijadwalkan selesai dalam **45 hari kalender**.
- Layanan **rawat jalan, persalinan, dan gawat darurat 24 jam tetap buka** seperti biasa.

### Rujukan selama renovasi

- Pasien yang perlu dirawat inap dirujuk ke **Puskesmas Sungai Kupang** atau RSUD Pangeran Jaya Sumitra dengan ambulans puskesmas tanpa biaya.
- Ibu hamil yang mendekati hari perkiraan lahir diminta membuat rencana persalinan bersama bidan desa.

Kami memohon maaf atas ketidaknyamanan ini. Perkembangan renovasi diumumkan di [layanan puskesmas](https://dinkes.kotabarukab.go.id/puskesmas).`,
		},
	},
	{
		Title:            "Permintaan data tingkat kehilangan air dan cakupan layanan Perumda Air Minum",
		Summary:          "Seorang jurnalis media daring lokal meminta data tingkat kehilangan air, jumlah pelanggan, dan cakupan layanan Perumda Air Minum Kotabaru selama tiga tahun terakhir. Permintaan diajukan melalui formulir permohonan informasi PPID.",
		Kind:             "INFORMATION_REQUEST",
		CategorySlug:     "air-bersih",
		Status:           "ANSWERED",
		AgencySlug:       "perumda-air-minum",
		Priority:         "LOW",
		LoggedDaysAgo:    34.65,
		AssignAfter:      18 * hour,
		AcknowledgeAfter: 26 * hour,
		AnswerAfter:      3 * day,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://ppid.kotabarukab.go.id/permohonan/2503",
				ClaimText:      "Mohon data tingkat kehilangan air (NRW), jumlah sambungan aktif, dan cakupan layanan Perumda Air Minum tiga tahun terakhir untuk bahan liputan.",
				DetectedBefore: 4 * hour,
			},
		},
		Response: &Response{
			Body: `## Data Kinerja Layanan Perumda Air Minum

Perumda Air Minum Kotabaru menyampaikan data yang diminta sebagai informasi publik yang wajib tersedia setiap saat.

### Ringkasan tiga tahun terakhir

- Jumlah sambungan aktif naik dari **17.820** menjadi **20.410** pelanggan.
- Cakupan layanan di wilayah kerja meningkat dari **58%** menjadi **64%** penduduk.
- Tingkat **kehilangan air** (air yang diproduksi tetapi tidak tertagih) turun dari **36,4%** menjadi **31,9%**, masih di atas batas ideal 25%.

### Penyebab kehilangan air

Sebagian besar berasal dari pipa tua berumur lebih dari 25 tahun di pusat kota, meter pelanggan yang tidak akurat, dan sambungan ilegal. Program penggantian **8 km pipa tua** dan **2.000 meter air** sedang berjalan.

Tabel lengkap per tahun dan per zona: [data kinerja](https://kotabarukab.go.id/perumda-air-minum/data-kinerja). Permohonan data lanjutan: [PPID](https://ppid.kotabarukab.go.id/permohonan).`,
		},
	},
	{
		Title:            "Permintaan data jumlah penduduk per desa hasil konsolidasi semester pertama",
		Summary:          "Seorang mahasiswa yang menyusun skripsi meminta data jumlah penduduk per desa menurut jenis kelamin dan kelompok umur dari konsolidasi data kependudukan semester pertama. Ia meminta data dalam format lembar kerja.",
		Kind:             "INFORMATION_REQUEST",
		CategorySlug:     "administrasi-kependudukan",
		Status:           "ANSWERED",
		AgencySlug:       "disdukcapil",
		Priority:         "LOW",
		LoggedDaysAgo:    31.65,
		AssignAfter:      20 * hour,
		AcknowledgeAfter: 28 * hour,
		AnswerAfter:      3*day + 4*hour,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://ppid.kotabarukab.go.id/permohonan/2538",
				ClaimText:      "Saya mahasiswa tingkat akhir, mohon data jumlah penduduk per desa menurut jenis kelamin dan kelompok umur semester I dalam format Excel.",
				DetectedBefore: 90 * minute,
			},
		},
		Response: &Response{
			Body: `## Data Penduduk per Desa Semester I

Disdukcapil Kabupaten Kotabaru menyampaikan data agregat kependudukan hasil **konsolidasi semester I** yang telah diverifikasi Direktorat Jenderal Kependudukan dan Pencatatan Sipil.

### Ringkasan

- Jumlah penduduk tercatat **331.870 jiwa**, terdiri atas 171.240 laki-laki dan 160.630 perempuan, tersebar di **22 kecamatan** dan 202 desa/kelurahan.
- Kecamatan dengan penduduk terbanyak adalah **Pulau Laut Utara**, sedangkan yang paling sedikit adalah Pulau Sembilan.

### Berkas yang dapat diunduh

- Tabel penduduk per desa menurut jenis kelamin dan **kelompok umur lima tahunan** (format XLSX dan CSV).
- Catatan metodologi dan perbedaan dengan angka proyeksi BPS.

Data ini bersifat agregat dan tidak memuat data perseorangan. Silakan unduh di [data kependudukan](https://ppid.kotabarukab.go.id/data/penduduk-per-desa). Rincian lain dapat diajukan melalui [permohonan informasi](https://ppid.kotabarukab.go.id/permohonan).`,
		},
	},
	{
		Title:            "Pesan berantai: warga diminta menyetor Rp2 juta agar gang masuk program betonisasi",
		Summary:          "Pesan WhatsApp yang beredar di Kecamatan Pulau Laut Tengah menyebut setiap RT harus menyetor Rp2 juta kepada seseorang yang mengaku konsultan Dinas PUPR agar gangnya masuk program betonisasi. Dinas PUPR menegaskan tidak ada pungutan semacam itu.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "infrastruktur",
		Status:           "ANSWERED",
		AgencySlug:       "pupr",
		Priority:         "HIGH",
		LoggedDaysAgo:    27.45,
		AssignAfter:      45 * minute,
		AcknowledgeAfter: 90 * minute,
		AnswerAfter:      6 * hour,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Kpd Yth Ketua RT se-Pulau Laut Tengah, agar gang masuk program betonisasi tahun depan harap setor Rp2.000.000 ke konsultan PUPR a.n. Sdr. Ardi paling lambat Jumat.",
				DetectedBefore: 10 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Tidak Ada Setoran untuk Program Betonisasi

Dinas PUPR Kabupaten Kotabaru menegaskan pesan yang meminta setiap RT menyetor **Rp2 juta** agar gangnya masuk program betonisasi adalah **hoaks** dan patut diduga penipuan.

### Fakta

- Usulan betonisasi jalan lingkungan diajukan melalui **musyawarah perencanaan pembangunan** desa dan kecamatan, tanpa biaya apa pun.
- Dinas PUPR **tidak menunjuk konsultan** untuk menjaring usulan warga dari rumah ke rumah.
- Nama yang tercantum dalam pesan bukan pegawai maupun penyedia jasa Dinas PUPR.

### Imbauan

1. Jangan menyerahkan uang kepada siapa pun yang menjanjikan proyek.
2. Catat identitas pelaku dan laporkan kepada kepala desa, Polsek setempat, atau Dinas PUPR.

Daftar paket yang sah dapat diperiksa di [daftar pekerjaan PUPR](https://pupr.kotabarukab.go.id/pekerjaan). Laporan dugaan penipuan: [kanal pengaduan](https://pupr.kotabarukab.go.id/pengaduan).`,
		},
	},
	{
		Title:            "Video TikTok: Kartu Keluarga lama tanpa tanda tangan elektronik tidak berlaku lagi",
		Summary:          "Video TikTok menyebut Kartu Keluarga lama yang masih memakai tanda tangan basah dan stempel tidak berlaku lagi untuk semua urusan, sehingga warga ramai mendatangi kantor Disdukcapil. Disdukcapil menjelaskan KK lama tetap sah selama datanya tidak berubah.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "administrasi-kependudukan",
		Status:           "ANSWERED",
		AgencySlug:       "disdukcapil",
		Priority:         "HIGH",
		LoggedDaysAgo:    24.85,
		AssignAfter:      70 * minute,
		AcknowledgeAfter: 2 * hour,
		AnswerAfter:      6*hour + 30*minute,
		Sources: []Source{
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@info_adminduk_kalsel/video/7409936172254418181",
				ClaimText:      "KK yang masih ada cap basah sudah TIDAK BERLAKU ya guys, buruan ganti yang ada barcode sebelum dipakai daftar sekolah!",
				AccountHandle:  "@info_adminduk_kalsel",
				DetectedBefore: day,
			},
			{
				Platform:       "X",
				URL:            "https://x.com/pantau_banua19/status/1823319942268092418",
				ClaimText:      "Kantor Disdukcapil Kotabaru penuh orang ganti KK gara-gara video TikTok. Benar nggak sih KK lama tidak berlaku?",
				AccountHandle:  "@pantau_banua19",
				DetectedBefore: 5 * hour,
			},
		},
		Response: &Response{
			Verdict: "PARTLY_TRUE",
			Body: `## Penjelasan tentang Kartu Keluarga Lama

Disdukcapil Kabupaten Kotabaru menilai isi video tentang Kartu Keluarga (KK) lama **sebagian benar**.

### Yang benar

- Sejak 2020, KK baru diterbitkan dengan **tanda tangan elektronik (TTE)** dan kode QR, dan dapat dicetak sendiri pada kertas HVS.
- Beberapa instansi, misalnya untuk pendaftaran sekolah atau perbankan, meminta KK yang memuat **data terbaru**.

### Yang tidak benar

- KK lama bertanda tangan basah **tetap berlaku** selama susunan dan data anggota keluarga tidak berubah. Tidak ada kewajiban mengganti seluruh KK.

### Bila perlu memperbarui

Perubahan data atau penggantian KK lama menjadi KK ber-TTE dapat diajukan **secara daring** tanpa datang ke kantor, gratis, dan hasilnya dikirim dalam bentuk PDF. Ajukan di [layanan daring](https://disdukcapil.kotabarukab.go.id/layanan-daring) atau tanyakan melalui WhatsApp **0812-0000-6730**.`,
		},
	},
	{
		Title:            "Ambulans puskesmas di Pulau Laut Kepulauan tidak bisa dihubungi saat warga akan melahirkan",
		Summary:          "Seorang warga menulis di X bahwa keluarganya tidak berhasil menghubungi nomor ambulans puskesmas pada malam hari ketika istrinya akan melahirkan, sehingga harus menyewa perahu sendiri. Ia meminta nomor darurat yang benar-benar aktif.",
		Kind:             "COMPLAINT",
		CategorySlug:     "kesehatan",
		Status:           "CLOSED",
		AgencySlug:       "dinkes",
		Priority:         "HIGH",
		LoggedDaysAgo:    22.15,
		AssignAfter:      50 * minute,
		AcknowledgeAfter: hour + 50*minute,
		AnswerAfter:      7 * hour,
		CloseAfter:       6 * day,
		Sources: []Source{
			{
				Platform:       "X",
				URL:            "https://x.com/jalan_kaki_ktb/status/1824402113977843779",
				ClaimText:      "Semalam istri mau melahirkan, nomor ambulans puskesmas ditelpon 10x tidak aktif. Akhirnya sewa kelotok sendiri ke puskesmas. Tolong nomor daruratnya dibenahi.",
				AccountHandle:  "@jalan_kaki_ktb",
				DetectedBefore: 6 * hour,
			},
		},
		Response: &Response{
			Body: `## Tanggapan atas Layanan Ambulans Puskesmas Pulau Laut Kepulauan

Dinas Kesehatan Kabupaten Kotabaru memohon maaf kepada keluarga pelapor. Kami bersyukur ibu dan bayi dalam keadaan sehat setelah persalinan di puskesmas.

### Hasil penelusuran

- Nomor ambulans yang tercantum di papan puskesmas adalah **nomor lama** milik petugas yang sudah pindah tugas; nomor pengganti belum diumumkan.
- Ambulans laut puskesmas sebenarnya siaga malam itu dengan **2 petugas jaga**.

### Perbaikan

1. Puskesmas kini memakai **satu nomor siaga 24 jam** yang dipegang bergantian oleh petugas jaga: **0813-0000-2418**.
2. Nomor tersebut dipasang di papan puskesmas dan kantor desa, serta dibagikan kepada bidan dan kader posyandu.
3. Biaya sewa perahu yang dikeluarkan keluarga diganti melalui dana operasional puskesmas.

Nomor darurat seluruh puskesmas: [layanan gawat darurat](https://dinkes.kotabarukab.go.id/gawat-darurat).`,
		},
	},
	{
		Title:            "Kabar tarif air Perumda Kotabaru naik 30 persen mulai bulan depan",
		Summary:          "Unggahan Instagram dan sebuah berita daring menyebut tarif air Perumda Air Minum Kotabaru naik 30 persen mulai bulan depan. Perumda membenarkan ada usulan penyesuaian tarif, tetapi besaran dan waktunya belum ditetapkan.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "air-bersih",
		Status:           "ANSWERED",
		AgencySlug:       "perumda-air-minum",
		Priority:         "HIGH",
		LoggedDaysAgo:    19.85,
		AssignAfter:      90 * minute,
		AcknowledgeAfter: 3 * hour,
		AnswerAfter:      8 * hour,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DKm7pLx3Va2/",
				ClaimText:      "Siap-siap! Tarif air PDAM Kotabaru naik 30% mulai bulan depan. Rakyat kecil makin tercekik.",
				AccountHandle:  "@suara_saijaan",
				DetectedBefore: 12 * hour,
			},
			{
				Platform:       "NEWS",
				URL:            "https://www.kabarbanua-online.com/ekonomi/tarif-air-kotabaru-disebut-naik-30-persen",
				ClaimText:      "Tarif air Perumda Kotabaru disebut naik 30 persen mulai bulan depan.",
				DetectedBefore: 7 * hour,
			},
		},
		Response: &Response{
			Verdict: "PARTLY_TRUE",
			Body: `## Klarifikasi Rencana Penyesuaian Tarif Air

Perumda Air Minum Kotabaru menilai kabar kenaikan tarif **30 persen mulai bulan depan** sebagai **sebagian benar**.

### Yang benar

- Perumda telah mengajukan **usulan penyesuaian tarif** kepada Bupati karena tarif belum berubah sejak 2017, sementara biaya listrik, bahan kimia, dan perawatan pipa terus naik.

### Yang tidak benar

- Besaran 30 persen adalah salah satu **simulasi** dalam kajian, bukan keputusan.
- Tarif baru **belum ditetapkan** dan tidak akan berlaku bulan depan. Usulan harus melalui **konsultasi publik** dengan pelanggan terlebih dahulu.
- Golongan rumah tangga sederhana dan sosial diusulkan tidak mengalami kenaikan.

### Konsultasi publik

Jadwal konsultasi publik di setiap kecamatan dan dokumen kajian tarif akan diumumkan di [informasi tarif](https://kotabarukab.go.id/perumda-air-minum/tarif). Pelanggan dapat menyampaikan pendapat tertulis melalui kantor pelayanan.`,
		},
	},
	{
		Title:            "Tebing Sungai Bali terkikis arus dan tinggal dua meter dari jalan desa",
		Summary:          "Video YouTube warga memperlihatkan tebing Sungai Bali yang terus terkikis arus hingga tersisa sekitar dua meter dari badan jalan desa. Warga khawatir jalan satu-satunya menuju dermaga akan putus pada musim hujan.",
		Kind:             "COMPLAINT",
		CategorySlug:     "infrastruktur",
		Status:           "IN_PROGRESS",
		AgencySlug:       "pupr",
		Priority:         "NORMAL",
		LoggedDaysAgo:    11.25,
		AssignAfter:      5 * hour,
		AcknowledgeAfter: 11 * hour,
		Sources: []Source{
			{
				Platform:       "YOUTUBE",
				URL:            "https://www.youtube.com/watch?v=Rb8mT3wKq5E",
				ClaimText:      "Tebing sungai makin dekat ke jalan, tinggal 2 meter. Kalau jalan ini putus kami tidak bisa ke dermaga. Mohon pemerintah segera pasang turap.",
				AccountHandle:  "Kampung Sungai Bali TV",
				DetectedBefore: 2 * day,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500041338/",
				ClaimText:      "Tolong bantu share video warga Sungai Bali soal tebing yang terkikis, biar cepat ditangani PUPR.",
				AccountHandle:  "Rusmini Sungai Bali",
				DetectedBefore: 20 * hour,
			},
		},
	},
	{
		Title:            "Pesan berantai: petugas kesehatan membagikan obat cacing dari rumah ke rumah dengan biaya",
		Summary:          "Pesan WhatsApp menyebut petugas Dinas Kesehatan akan mendatangi rumah warga di Kecamatan Kelumpang Selatan untuk membagikan obat cacing dengan biaya Rp15.000 per anak. Warga bertanya apakah kegiatan itu resmi.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "IN_PROGRESS",
		AgencySlug:       "dinkes",
		Priority:         "HIGH",
		LoggedDaysAgo:    9.35,
		AssignAfter:      hour,
		AcknowledgeAfter: 2*hour + 30*minute,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Besok petugas dinas kesehatan keliling rumah bagi obat cacing utk anak, siapkan Rp15.000 per anak. Harap ibu2 ada di rumah.",
				DetectedBefore: 8 * hour,
			},
		},
	},
	{
		Title:            "Tekanan air PDAM lemah setiap sore di Perumahan Griya Stagen Permai",
		Summary:          "Warga Perumahan Griya Stagen Permai mengeluhkan tekanan air sangat lemah setiap sore hingga malam sehingga bak penampungan kosong. Keluhan sudah berlangsung dua pekan.",
		Kind:             "COMPLAINT",
		CategorySlug:     "air-bersih",
		Status:           "IN_PROGRESS",
		AgencySlug:       "perumda-air-minum",
		Priority:         "NORMAL",
		LoggedDaysAgo:    6.35,
		AssignAfter:      4 * hour,
		AcknowledgeAfter: 10 * hour,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Sudah 2 minggu tiap sore air PDAM di Griya Stagen Permai cuma menetes. Mandi anak pakai air galon. Mohon dicek.",
				DetectedBefore: 5 * hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500043906/",
				ClaimText:      "Warga Griya Stagen Permai, ada yg air PDAM-nya kecil juga tiap sore? Mau kita laporkan bareng.",
				AccountHandle:  "Ketua RT 07 Griya Stagen",
				DetectedBefore: 3 * hour,
			},
		},
	},
	{
		Title:            "Bagaimana mengurus akta kematian anggota keluarga yang meninggal di luar daerah?",
		Summary:          "Warga Kecamatan Kelumpang Hilir menanyakan cara mengurus akta kematian ayahnya yang meninggal saat berobat di Banjarmasin. Ia juga bertanya apakah nama ayahnya di Kartu Keluarga akan otomatis dihapus.",
		Kind:             "QUESTION",
		CategorySlug:     "administrasi-kependudukan",
		Status:           "IN_PROGRESS",
		AgencySlug:       "disdukcapil",
		Priority:         "NORMAL",
		LoggedDaysAgo:    4.65,
		AssignAfter:      5 * hour,
		AcknowledgeAfter: 12 * hour,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3968",
				ClaimText:      "Ayah saya meninggal di rumah sakit Banjarmasin saat berobat. Akta kematiannya diurus di mana, dan apakah KK kami harus dibuat ulang?",
				DetectedBefore: hour,
			},
		},
		Questions: []Question{
			{
				Body:    "Ibu saya meninggal di rumah sakit Banjarmasin bulan lalu. Surat kematian dari rumah sakit sudah ada, apakah akta bisa langsung diurus di Kotabaru atau harus ke Banjarmasin?",
				Name:    "Muhammad Ridwan",
				Contact: "0853-0000-4417",
				After:   day,
			},
		},
	},
}
