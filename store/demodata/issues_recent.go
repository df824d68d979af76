package demodata

// issuesRecent covers roughly the last six weeks before loading (indexes
// 44–69), including the issues still open.
var issuesRecent = []Issue{
	// 44
	{
		Title:            "Kabar wabah difteri di sebuah sekolah di Pulau Sebuku",
		Summary:          "Pesan berantai menyebut terjadi wabah difteri di sebuah sekolah dasar di Kecamatan Pulau Sebuku dan sekolah akan ditutup. Dinkes mencatat satu kasus suspek yang masih menunggu hasil laboratorium.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "ANSWERED",
		AgencySlug:       "dinkes",
		Priority:         "HIGH",
		LoggedDaysAgo:    44.6,
		AssignAfter:      hour,
		AcknowledgeAfter: 2 * hour,
		AnswerAfter:      20 * hour,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "WASPADA WABAH DIFTERI di SD Pulau Sebuku, sudah banyak anak tertular, sekolah akan ditutup sebulan.",
				DetectedBefore: 7 * hour,
			},
		},
		Response: &Response{
			Verdict: "UNPROVEN",
			Body: `## Kabar Wabah Difteri di Pulau Sebuku

Dinas Kesehatan (Dinkes) Kabupaten Kotabaru menanggapi kabar wabah difteri di salah satu sekolah di Kecamatan Pulau Sebuku.

### Fakta saat ini

- Terdapat **satu anak** dengan gejala yang mengarah ke difteri (**suspek**), kini dirawat di ruang isolasi RSUD Pangeran Jaya Sumitra dengan kondisi stabil.
- Sampel usap tenggorokan telah dikirim ke laboratorium rujukan; hasilnya diperkirakan keluar dalam **7–10 hari**.
- **Belum ada kasus terkonfirmasi**, sehingga kabar "wabah" belum dapat dibuktikan. Sekolah tidak ditutup.

### Langkah pencegahan

- Pelacakan **38 kontak erat** (keluarga, teman sekelas, guru) dan pemberian obat pencegahan.
- Pemeriksaan status imunisasi seluruh siswa di sekolah tersebut.
- Bila hasil laboratorium positif, Dinkes akan melaksanakan imunisasi tanggap wabah (**Outbreak Response Immunization**) di kecamatan tersebut.

### Imbauan

Segera periksakan anak ke puskesmas bila mengalami demam, nyeri menelan, dan selaput putih keabu-abuan di tenggorokan. Pastikan imunisasi DPT anak lengkap.

Pembaruan akan disampaikan setelah hasil laboratorium keluar. Informasi: [dinkes.kotabarukab.go.id](https://dinkes.kotabarukab.go.id/kewaspadaan-penyakit).`,
		},
	},
	// 45
	{
		Title:            "Pesan berantai pemadaman listrik total tiga hari di seluruh Kabupaten Kotabaru",
		Summary:          "Gambar pengumuman berlogo PLN yang menyebut pemadaman listrik total selama tiga hari di seluruh Kabupaten Kotabaru beredar di WhatsApp dan X. Setelah dikonfirmasi ke PLN, yang dijadwalkan hanya pemeliharaan tiga jam di sebagian wilayah.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "infrastruktur",
		Status:           "ANSWERED",
		AgencySlug:       "diskominfo",
		Priority:         "HIGH",
		LoggedDaysAgo:    41.9,
		AssignAfter:      90 * minute,
		AcknowledgeAfter: 2 * hour,
		AnswerAfter:      7 * hour,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "PENGUMUMAN PLN: pemadaman total se-Kabupaten Kotabaru selama 3 hari untuk penggantian jaringan. Siapkan genset dan isi air.",
				DetectedBefore: 5 * hour,
			},
			{
				Platform:       "X",
				URL:            "https://x.com/warga_saijaan_21/status/1855000000000000745",
				ClaimText:      "Listrik padam 3 hari full se-Kotabaru? Serius ini?",
				AccountHandle:  "@warga_saijaan_21",
				DetectedBefore: 3 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Tidak Ada Pemadaman Listrik Total Tiga Hari

Diskominfo Kabupaten Kotabaru telah mengonfirmasi kepada PT PLN (Persero) unit layanan Kotabaru mengenai pesan berantai tentang **pemadaman listrik total selama tiga hari** di seluruh kabupaten. Pesan tersebut **hoaks**.

### Penjelasan PLN

- Yang dijadwalkan adalah **pemeliharaan jaringan terencana** pada satu hari, pukul 09.00–12.00 WITA, hanya di **empat penyulang** yang melayani sebagian Kelurahan Kotabaru Hilir, Baharu Selatan, Sebelimbingan, dan Desa Sungai Taib.
- Wilayah lain tetap menyala seperti biasa.
- Gambar yang beredar adalah pengumuman lama dari daerah lain yang tanggalnya diubah.

### Informasi resmi pemadaman

- Jadwal pemeliharaan diumumkan PLN melalui aplikasi **PLN Mobile** dan kanal resmi PLN.
- Gangguan listrik dapat dilaporkan ke **Contact Center PLN 123**.

Diskominfo mengimbau warga tidak meneruskan pesan tanpa sumber resmi. Jadwal pemadaman terencana juga kami teruskan di [laman Pemkab](https://kotabarukab.go.id/berita/jadwal-pemeliharaan-listrik).`,
		},
	},
	// 46
	{
		Title:         "Pesan uji coba tanpa isi dari formulir pertanyaan publik",
		Summary:       "Formulir pertanyaan publik menerima pesan berisi teks uji coba tanpa pertanyaan atau klaim apa pun.",
		Kind:          "QUESTION",
		CategorySlug:  "pemerintahan",
		Status:        "REJECTED",
		LoggedDaysAgo: 38.4,
		RejectReason:  "Pesan berisi teks uji coba tanpa pertanyaan atau klaim, sehingga tidak ada yang perlu ditindaklanjuti.",
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3650",
				ClaimText:      "tes tes coba kirim pertanyaan dari hp, abaikan saja pesan ini",
				DetectedBefore: 20 * minute,
			},
		},
	},
	// 47
	{
		Title:            "Video klaim imunisasi campak-rubela di sekolah menyebabkan kemandulan",
		Summary:          "Video di Facebook dan TikTok menyebut imunisasi campak-rubela pada Bulan Imunisasi Anak Sekolah menyebabkan kemandulan. Dinkes menegaskan klaim itu tidak didukung bukti ilmiah.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "CLOSED",
		AgencySlug:       "dinkes",
		Priority:         "NORMAL",
		LoggedDaysAgo:    35.1,
		AssignAfter:      5 * hour,
		AcknowledgeAfter: 18 * hour,
		AnswerAfter:      2 * day,
		CloseAfter:       10 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/2207718400001174/posts/2207718400120519/",
				ClaimText:      "Jangan mau anak diimunisasi MR di sekolah, vaksinnya bikin mandul. Tonton videonya sampai habis.",
				AccountHandle:  "Bunda Cerdas Alami 14",
				DetectedBefore: day,
			},
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@sehat_alami_bunda/video/7440550012300000747",
				ClaimText:      "Fakta yang disembunyikan: vaksin MR dan kemandulan.",
				AccountHandle:  "@sehat_alami_bunda",
				DetectedBefore: 20 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Imunisasi Campak-Rubela Tidak Menyebabkan Kemandulan

Dinas Kesehatan (Dinkes) Kabupaten Kotabaru menegaskan video yang menyebut imunisasi campak-rubela (MR) di sekolah menyebabkan kemandulan **tidak benar**.

### Fakta

- Vaksin MR yang digunakan telah mendapat izin edar dari **BPOM** dan dipakai di lebih dari 140 negara.
- **Tidak ada bukti ilmiah** bahwa vaksin MR memengaruhi kesuburan. Justru infeksi rubela pada ibu hamil dapat menyebabkan keguguran dan cacat bawaan pada bayi.
- Pada Bulan Imunisasi Anak Sekolah (BIAS) kali ini, **6.870 siswa kelas 1 SD** telah diimunisasi. Tim pemantau kejadian ikutan pascaimunisasi (KIPI) mencatat 12 keluhan ringan seperti demam dan nyeri di bekas suntikan, dan **tidak ada KIPI serius**.

### Imbauan

- Anak yang belum mendapat imunisasi dapat mengikuti **imunisasi susulan** di puskesmas terdekat tanpa biaya.
- Bila ragu, konsultasikan dengan petugas kesehatan, bukan dengan video yang tidak jelas sumbernya.

Jadwal imunisasi susulan: [dinkes.kotabarukab.go.id/jadwal-imunisasi](https://dinkes.kotabarukab.go.id/jadwal-imunisasi).`,
		},
	},
	// 48
	{
		Title:            "Longsor menutup separuh badan jalan poros desa di Kecamatan Hampang",
		Summary:          "Hujan lebat semalaman memicu longsor yang menutup separuh badan jalan poros desa di Kecamatan Hampang. Kendaraan roda empat sempat tidak bisa melintas.",
		Kind:             "COMPLAINT",
		CategorySlug:     "infrastruktur",
		Status:           "ANSWERED",
		AgencySlug:       "pupr",
		Priority:         "HIGH",
		LoggedDaysAgo:    32.6,
		AssignAfter:      20 * hour,
		AcknowledgeAfter: 22 * hour,
		AnswerAfter:      day + 20*hour,
		DeclinedBy:       "bpbd",
		DeclineReason:    "Penanganan darurat sudah selesai dan satu lajur telah dibuka; pembersihan lanjutan dan perbaikan jalan kabupaten merupakan kewenangan Dinas PUPR.",
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/3310456200000825/posts/3310456200127004/",
				ClaimText:      "Longsor lagi di jalan poros desa Hampang, mobil tidak bisa lewat. Mohon alat berat segera dikirim.",
				AccountHandle:  "Hampang Bersuara",
				DetectedBefore: 5 * hour,
			},
		},
		Response: &Response{
			Body: `## Penanganan Longsor di Jalan Poros Desa, Kecamatan Hampang

Dinas PUPR Kabupaten Kotabaru menindaklanjuti laporan longsor yang menutup sebagian badan jalan poros desa di Kecamatan Hampang.

### Kondisi

- Material tanah dan batu setebal hingga **1,5 meter** menutup sekitar setengah lebar jalan sepanjang **25 meter**.
- Penanganan darurat oleh BPBD dan warga pada hari kejadian telah membuka satu lajur untuk kendaraan roda dua dan roda empat.

### Penanganan PUPR

1. **Pembersihan material** dengan satu unit ekskavator dan dua truk jungkit, selesai dalam dua hari.
2. Pembuatan **saluran air** di tebing untuk mengurangi risiko longsor susulan.
3. Perencanaan **dinding penahan tanah** sepanjang 40 meter untuk penanganan permanen.

### Imbauan

Selama musim hujan, pengendara diminta berhati-hati melintasi ruas ini, terutama pada malam hari dan setelah hujan lebat. Laporkan retakan tanah atau longsor baru ke **Call Center 112** atau melalui [kanal pengaduan PUPR](https://pupr.kotabarukab.go.id/pengaduan).`,
		},
	},
	// 49
	{
		Title:            "Apakah ada program penghapusan denda PBB-P2 tahun ini?",
		Summary:          "Warga menanyakan apakah tahun ini ada program penghapusan denda Pajak Bumi dan Bangunan karena tunggakan beberapa tahun terakhir.",
		Kind:             "QUESTION",
		CategorySlug:     "ekonomi",
		Status:           "ANSWERED",
		AgencySlug:       "bapenda",
		Priority:         "LOW",
		LoggedDaysAgo:    29.2,
		AssignAfter:      day,
		AcknowledgeAfter: 2*day + 4*hour,
		AnswerAfter:      7 * day,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DDk8sQw2Lr5/",
				ClaimText:      "Min, tahun ini ada pemutihan denda PBB tidak? Tunggakan orang tua saya sudah 3 tahun.",
				AccountHandle:  "@rizki.kelumpang_90",
				DetectedBefore: day,
			},
		},
		Response: &Response{
			Body: `## Program Penghapusan Denda PBB-P2

Badan Pendapatan Daerah (Bapenda) Kabupaten Kotabaru menyampaikan bahwa tahun ini **ada program penghapusan sanksi administratif** (denda) Pajak Bumi dan Bangunan Perdesaan dan Perkotaan (PBB-P2).

### Ketentuan

- Berlaku untuk **denda keterlambatan** PBB-P2 tahun-tahun pajak sebelumnya; pokok pajak tetap wajib dibayar.
- Periode program: **1 Juli hingga 30 September**, berdasarkan Peraturan Bupati tentang penghapusan sanksi administratif pajak daerah.
- Penghapusan diberikan **otomatis** saat pembayaran; tidak perlu mengajukan permohonan.

### Cara membayar

- Di bank yang ditunjuk, kantor pos, atau gerai mitra pembayaran;
- Secara daring dengan memasukkan Nomor Objek Pajak (NOP) yang tertera di SPPT.

### Cek tagihan

Tagihan dan riwayat pembayaran dapat dicek di [layanan e-PBB Kotabaru](https://bapenda.kotabarukab.go.id/e-pbb). Warga yang belum menerima SPPT atau mendapati data objek pajak yang keliru dapat datang ke kantor Bapenda atau kantor kecamatan setempat.

Tahun lalu, **4.215 wajib pajak** memanfaatkan program serupa.`,
		},
	},
	// 50
	{
		Title:            "Juru parkir menarik tarif Rp10.000 untuk sepeda motor di kawasan Siring Laut",
		Summary:          "Pengunjung kawasan Siring Laut mengeluhkan juru parkir yang menarik Rp10.000 untuk sepeda motor tanpa memberikan karcis.",
		Kind:             "COMPLAINT",
		CategorySlug:     "transportasi",
		Status:           "ANSWERED",
		AgencySlug:       "dishub",
		Priority:         "NORMAL",
		LoggedDaysAgo:    26.7,
		AssignAfter:      4 * hour,
		AcknowledgeAfter: day,
		AnswerAfter:      5 * day,
		Sources: []Source{
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@kuliner_ktb_malam/video/7446120087430000750",
				ClaimText:      "Parkir motor di Siring Laut 10 ribu, tanpa karcis. Ini resmi atau pungli?",
				AccountHandle:  "@kuliner_ktb_malam",
				DetectedBefore: 14 * hour,
			},
		},
		Response: &Response{
			Body: `## Tarif Parkir Resmi di Kawasan Siring Laut

Dinas Perhubungan (Dishub) Kabupaten Kotabaru menegaskan tarif parkir tepi jalan umum yang resmi adalah:

- **Sepeda motor: Rp2.000**
- **Mobil penumpang: Rp3.000**
- Truk dan bus: Rp5.000

Tarif tersebut berlaku untuk sekali parkir sesuai peraturan daerah tentang retribusi daerah. Penarikan **Rp10.000 untuk sepeda motor tidak dibenarkan**.

### Tindak lanjut

- Bersama Satpol PP, Dishub menertibkan **dua juru parkir tidak resmi** di kawasan Siring Laut pada malam hari.
- Juru parkir resmi wajib memakai **rompi dan kartu identitas** Dishub serta memberikan karcis.
- Pengawasan ditambah pada akhir pekan dan malam hari, saat pengunjung paling ramai.

### Jika ditarik lebih

Mintalah karcis resmi. Laporkan lokasi, waktu, dan ciri juru parkir melalui [kanal pengaduan](https://kotabarukab.go.id/pengaduan) atau [laman Dishub](https://kotabarukab.go.id/dishub/parkir).`,
		},
	},
	// 51
	{
		Title:            "Drainase tersumbat, rumah warga Kotabaru Tengah kebanjiran setiap hujan deras",
		Summary:          "Warga Kelurahan Kotabaru Tengah melaporkan saluran drainase tersumbat sedimen dan sampah sehingga air masuk ke rumah setiap hujan deras. Genangan setinggi lutut bertahan hingga tiga jam.",
		Kind:             "COMPLAINT",
		CategorySlug:     "infrastruktur",
		Status:           "IN_PROGRESS",
		AgencySlug:       "pupr",
		Priority:         "NORMAL",
		LoggedDaysAgo:    23.3,
		AssignAfter:      5 * hour,
		AcknowledgeAfter: day + 2*hour,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500061187/",
				ClaimText:      "Kotabaru Tengah kebanjiran lagi, air masuk rumah setinggi lutut. Got depan rumah sudah penuh lumpur bertahun-tahun.",
				AccountHandle:  "Ibu-Ibu RT 07 Kotabaru Tengah",
				DetectedBefore: 8 * hour,
			},
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3788",
				ClaimText:      "Mohon normalisasi drainase di lingkungan kami, setiap hujan deras rumah warga terendam banjir.",
				DetectedBefore: 6 * hour,
			},
		},
	},
	// 52
	{
		Title:            "Video klaim beras bantuan pangan mengandung plastik",
		Summary:          "Video yang memperlihatkan butiran beras dibakar dan meleleh disebarkan dengan klaim beras bantuan pangan dari pemerintah mengandung plastik. Uji laboratorium tidak menemukan bahan plastik.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "bantuan-sosial",
		Status:           "CLOSED",
		AgencySlug:       "dinsos",
		Priority:         "HIGH",
		LoggedDaysAgo:    20.5,
		AssignAfter:      hour,
		AcknowledgeAfter: 2 * hour,
		AnswerAfter:      21 * hour,
		CloseAfter:       9 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/2207718400001174/posts/2207718400131642/",
				ClaimText:      "Beras bantuan yang dibagikan ternyata beras plastik, lihat videonya waktu dibakar langsung meleleh!",
				AccountHandle:  "Kabar Kampung Pamukan",
				DetectedBefore: 9 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Beras Bantuan Pangan Tidak Mengandung Plastik

Dinas Sosial (Dinsos) bersama Dinas Kesehatan dan Dinas Perdagangan Kabupaten Kotabaru menegaskan video yang menyebut beras bantuan pangan mengandung plastik **tidak benar**.

### Hasil pemeriksaan

- Sampel beras dari **tiga gudang penyaluran** dan dari rumah warga diuji di laboratorium kesehatan daerah.
- Hasil uji: **tidak ditemukan** bahan plastik atau bahan sintetis. Beras termasuk kualitas medium dengan kadar air 13,8%.
- Video yang beredar merupakan rekaman lama dari luar daerah dan tidak memperlihatkan karung beras bantuan yang disalurkan di Kotabaru.

### Penyaluran

Bantuan pangan beras **10 kg per keluarga** disalurkan kepada **11.520 keluarga penerima** di 22 kecamatan melalui kantor pos dan kantor desa.

### Jika menemukan beras rusak

Beras yang berkutu, berbau apak, atau menggumpal dapat ditukar di titik penyaluran paling lambat 7 hari setelah diterima. Laporkan melalui [kanal pengaduan](https://kotabarukab.go.id/pengaduan) atau [laman Dinsos](https://dinsos.kotabarukab.go.id/bantuan-pangan).`,
		},
	},
	// 53
	{
		Title:         "Usulan perpustakaan keliling untuk desa-desa di Pulau Sebuku",
		Summary:       "Guru dan pegiat literasi di Kecamatan Pulau Sebuku mengusulkan layanan perpustakaan keliling karena desa-desa di pulau itu belum memiliki perpustakaan.",
		Kind:          "ASPIRATION",
		CategorySlug:  "pendidikan",
		Status:        "ASSIGNED",
		AgencySlug:    "disdik",
		Priority:      "LOW",
		LoggedDaysAgo: 18.1,
		AssignAfter:   day + 2*hour,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DEb2tYq7Hn3/",
				ClaimText:      "Anak-anak Sebuku haus bacaan. Kami mengusulkan perpustakaan keliling sebulan sekali ke desa-desa di pulau ini.",
				AccountHandle:  "@literasi.sebuku",
				DetectedBefore: 2 * day,
			},
		},
	},
	// 54
	{
		Title:            "Bagaimana nasib tenaga honorer Pemkab Kotabaru setelah penataan non-ASN?",
		Summary:          "Tenaga honorer menanyakan kabar bahwa seluruh tenaga non-ASN akan diberhentikan bulan depan dan bagaimana peluang mereka diangkat menjadi PPPK.",
		Kind:             "QUESTION",
		CategorySlug:     "kepegawaian",
		Status:           "ANSWERED",
		AgencySlug:       "bkpsdm",
		Priority:         "HIGH",
		LoggedDaysAgo:    16.4,
		AssignAfter:      2 * hour,
		AcknowledgeAfter: 3 * hour,
		AnswerAfter:      day + hour,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/3310456200000825/posts/3310456200135528/",
				ClaimText:      "Katanya semua honorer Pemkab diberhentikan bulan depan. Kami yang sudah 10 tahun mengabdi bagaimana?",
				AccountHandle:  "Forum Honorer Saijaan",
				DetectedBefore: 12 * hour,
			},
		},
		Response: &Response{
			Body: `## Status Tenaga Non-ASN di Lingkungan Pemkab Kotabaru

BKPSDM Kabupaten Kotabaru menjelaskan status tenaga non-ASN (honorer) setelah penataan sesuai Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara.

### Fakta

- **Tidak ada pemberhentian massal.** Tenaga non-ASN yang terdata dalam pangkalan data BKN tetap bekerja selama proses penataan.
- Dari **2.146 tenaga non-ASN** yang terdata, **1.312 orang** telah diangkat sebagai PPPK dan **834 orang** diusulkan menjadi **PPPK paruh waktu**.
- Pengangkatan PPPK paruh waktu menyesuaikan kemampuan anggaran daerah dan penetapan formasi dari pemerintah pusat.

### Yang perlu diperhatikan

- Pastikan data Anda di SSCASN sudah benar; perbaikan dapat dibantu bagian kepegawaian di unit kerja masing-masing.
- Jangan percaya tawaran "jalur cepat" atau permintaan uang untuk pengangkatan.

Tanya jawab lengkap tentang penataan non-ASN: [bkpsdm.kotabarukab.go.id/penataan-non-asn](https://bkpsdm.kotabarukab.go.id/penataan-non-asn).`,
		},
	},
	// 55
	{
		Title:         "Tautan pendaftaran CPNS palsu beredar lagi dengan tampilan baru",
		Summary:       "Tautan pendaftaran CPNS palsu berlogo Pemkab Kotabaru kembali beredar dengan tampilan dan alamat situs baru, meminta biaya verifikasi yang sama.",
		Kind:          "MISINFORMATION",
		CategorySlug:  "kepegawaian",
		Status:        "DUPLICATE",
		LoggedDaysAgo: 14.8,
		DuplicateOf:   26,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/2207718400001174/posts/2207718400138870/",
				ClaimText:      "Gelombang 2 pendaftaran CPNS Pemkab Kotabaru, daftar di sini, biaya verifikasi Rp350.000.",
				AccountHandle:  "Loker ASN Kalimantan 2",
				DetectedBefore: 6 * hour,
			},
		},
	},
	// 56
	{
		Title:            "Kabar ikan hasil tangkapan di Teluk Tamiang tercemar merkuri",
		Summary:          "Pesan di WhatsApp dan Facebook menyebut ikan hasil tangkapan nelayan di perairan Teluk Tamiang tercemar merkuri dan tidak layak dikonsumsi. Dinas Perikanan mengambil sampel dan menunggu hasil uji laboratorium.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "lingkungan",
		Status:           "IN_PROGRESS",
		AgencySlug:       "diskan",
		Priority:         "HIGH",
		LoggedDaysAgo:    12.2,
		AssignAfter:      hour,
		AcknowledgeAfter: 3 * hour,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Jangan beli ikan dari Teluk Tamiang dulu, katanya sudah kena merkuri dari tambang. Sebarkan ke keluarga.",
				DetectedBefore: 10 * hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500066420/",
				ClaimText:      "Harga ikan di pasar anjlok gara-gara isu merkuri, nelayan Teluk Tamiang rugi besar.",
				AccountHandle:  "Forum Nelayan Selat Laut",
				DetectedBefore: 4 * hour,
			},
		},
	},
	// 57
	{
		Title:            "Pedagang kaki lima menutup trotoar di kawasan Siring Laut pada malam hari",
		Summary:          "Pejalan kaki mengeluhkan lapak pedagang kaki lima yang menutup trotoar di kawasan Siring Laut sehingga mereka terpaksa berjalan di badan jalan.",
		Kind:             "COMPLAINT",
		CategorySlug:     "pemerintahan",
		Status:           "IN_PROGRESS",
		AgencySlug:       "satpol-pp",
		Priority:         "NORMAL",
		LoggedDaysAgo:    10.6,
		AssignAfter:      6 * hour,
		AcknowledgeAfter: day + 4*hour,
		Sources: []Source{
			{
				Platform:       "X",
				URL:            "https://x.com/jalan_kaki_ktb/status/1861000000000000757",
				ClaimText:      "Trotoar Siring Laut tiap malam penuh lapak, pejalan kaki harus turun ke jalan. Bahaya buat anak-anak.",
				AccountHandle:  "@jalan_kaki_ktb",
				DetectedBefore: 15 * hour,
			},
		},
	},
	// 58
	{
		Title:            "Biaya pendaftaran Rp50.000 untuk Cek Kesehatan Gratis yang baru diluncurkan",
		Summary:          "Setelah Pemkab meluncurkan layanan Cek Kesehatan Gratis di puskesmas, beredar pesan yang meminta warga membayar Rp50.000 lewat tautan untuk mendapat kuota. Dinkes memastikan layanan itu tanpa biaya dan tanpa kuota berbayar.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "ANSWERED",
		AgencySlug:       "dinkes",
		Priority:         "URGENT",
		LoggedDaysAgo:    8.4,
		AssignAfter:      20 * minute,
		AcknowledgeAfter: 30 * minute,
		AnswerAfter:      3*hour + 15*minute,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Cek Kesehatan Gratis kuotanya terbatas! Amankan jadwal Anda dengan transfer Rp50.000 lewat link resmi dinkes berikut.",
				DetectedBefore: 6 * hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/3310456200000825/posts/3310456200141139/",
				ClaimText:      "Ada yang sudah bayar 50 ribu buat cek kesehatan gratis? Kok gratis tapi bayar?",
				AccountHandle:  "Acil Warung Stagen",
				DetectedBefore: 4 * hour,
			},
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DFc9nRa1Kt6/",
				ClaimText:      "Kuota CKG Kotabaru tinggal sedikit, daftar via link di bio sebelum ditutup.",
				AccountHandle:  "@promo_sehat_kalsel",
				DetectedBefore: 3 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Cek Kesehatan Gratis Tidak Dipungut Biaya

Dinas Kesehatan (Dinkes) Kabupaten Kotabaru menegaskan pesan yang meminta warga membayar **Rp50.000** melalui tautan agar mendapat kuota Cek Kesehatan Gratis (CKG) adalah **hoaks dan penipuan**.

### Fakta

- Sejak **peluncuran** layanan CKG di Kotabaru pekan lalu, pemeriksaan dilaksanakan di **28 puskesmas** dan **tidak dipungut biaya** sama sekali.
- Tidak ada kuota berbayar. Pendaftaran melalui aplikasi resmi **SATUSEHAT Mobile** atau langsung di puskesmas dengan membawa KTP.
- Sampai kemarin, **2.934 warga** telah menjalani pemeriksaan.

### Yang diperiksa

Pemeriksaan disesuaikan dengan usia, antara lain tekanan darah, gula darah, kolesterol, skrining penglihatan dan pendengaran, serta skrining kesehatan jiwa.

### Waspada

- Jangan mentransfer uang atau memberikan kode OTP kepada siapa pun yang mengatasnamakan Dinkes.
- Tautan dalam pesan tersebut sudah dilaporkan untuk diblokir.

Daftar puskesmas dan jam layanan: [dinkes.kotabarukab.go.id/ckg](https://dinkes.kotabarukab.go.id/ckg).`,
		},
	},
	// 59
	{
		Title:            "Cara mengurus akta kelahiran anak yang lahir di rumah di Pulau Sembilan",
		Summary:          "Warga Kecamatan Pulau Sembilan menanyakan syarat akta kelahiran bagi anak yang lahir di rumah dengan bantuan dukun beranak, tanpa surat keterangan lahir dari bidan.",
		Kind:             "QUESTION",
		CategorySlug:     "administrasi-kependudukan",
		Status:           "IN_PROGRESS",
		AgencySlug:       "disdukcapil",
		Priority:         "NORMAL",
		LoggedDaysAgo:    7.2,
		AssignAfter:      5 * hour,
		AcknowledgeAfter: day,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3902",
				ClaimText:      "Anak kami lahir di rumah dibantu dukun, tidak ada surat dari bidan. Bagaimana cara membuat akta kelahirannya? Ke kabupaten harus naik kapal.",
				DetectedBefore: 40 * minute,
			},
		},
		Questions: []Question{
			{
				Body:    "Saya tinggal di Pulau Sembilan, anak kedua saya lahir di rumah. Apakah akta kelahiran bisa diurus di kantor kecamatan atau secara daring tanpa harus menyeberang ke Kotabaru?",
				Name:    "Hasanuddin",
				Contact: "0852-0000-7316",
				After:   2 * day,
			},
		},
	},
	// 60
	{
		Title:            "Tanggul penahan air di Pamukan Utara retak, warga khawatir banjir susulan",
		Summary:          "Warga di Kecamatan Pamukan Utara melaporkan retakan memanjang pada tanggul penahan air di tepi sungai setelah banjir pekan lalu. Mereka khawatir tanggul jebol bila hujan deras kembali turun.",
		Kind:             "COMPLAINT",
		CategorySlug:     "bencana",
		Status:           "IN_PROGRESS",
		AgencySlug:       "bpbd",
		Priority:         "HIGH",
		LoggedDaysAgo:    6.1,
		AssignAfter:      40 * minute,
		AcknowledgeAfter: 2 * hour,
		Sources: []Source{
			{
				Platform:       "YOUTUBE",
				URL:            "https://www.youtube.com/watch?v=Tg5kW2nPz8Q",
				ClaimText:      "Tanggul di Pamukan Utara retak panjang, warga waswas banjir datang lagi.",
				AccountHandle:  "Kanal Warga Pamukan",
				DetectedBefore: 9 * hour,
			},
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Tanggul dekat sungai retak sepanjang puluhan meter, mohon BPBD cek sebelum hujan besar.",
				DetectedBefore: 5 * hour,
			},
		},
	},
	// 61
	{
		Title:         "Air PDAM tidak mengalir lima hari di Kelurahan Dirgahayu",
		Summary:       "Warga Kelurahan Dirgahayu melaporkan air PDAM tidak mengalir selama lima hari, sementara tagihan tetap datang. Mereka membeli air tangki dengan biaya sendiri.",
		Kind:          "COMPLAINT",
		CategorySlug:  "air-bersih",
		Status:        "ASSIGNED",
		AgencySlug:    "perumda-air-minum",
		Priority:      "HIGH",
		LoggedDaysAgo: 5.3,
		AssignAfter:   2 * hour,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500070233/",
				ClaimText:      "Lima hari air PDAM di Dirgahayu tidak mengalir, beli air tangki 150 ribu sekali. Tagihan tetap jalan.",
				AccountHandle:  "Warga Dirgahayu 11",
				DetectedBefore: 7 * hour,
			},
		},
	},
	// 62
	{
		Title:            "Permintaan daftar ruas jalan kabupaten yang akan diperbaiki tahun ini",
		Summary:          "Forum warga meminta daftar ruas jalan kabupaten yang dijadwalkan diperbaiki tahun ini beserta panjang penanganan dan nilai anggarannya.",
		Kind:             "INFORMATION_REQUEST",
		CategorySlug:     "infrastruktur",
		Status:           "IN_PROGRESS",
		AgencySlug:       "pupr",
		Priority:         "LOW",
		LoggedDaysAgo:    4.2,
		AssignAfter:      20 * hour,
		AcknowledgeAfter: 2 * day,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3947",
				ClaimText:      "Kami meminta daftar ruas jalan kabupaten yang akan diperbaiki tahun ini, panjang penanganan, dan nilai anggarannya per ruas.",
				DetectedBefore: 2 * hour,
			},
		},
	},
	// 63
	{
		Title:         "Pesan berantai: air PDAM Kotabaru tercemar bakteri koli",
		Summary:       "Pesan berantai menyebut hasil uji laboratorium menemukan bakteri koli dalam air PDAM Kotabaru dan meminta warga berhenti memakainya untuk memasak.",
		Kind:          "MISINFORMATION",
		CategorySlug:  "air-bersih",
		Status:        "ASSIGNED",
		AgencySlug:    "perumda-air-minum",
		Priority:      "NORMAL",
		LoggedDaysAgo: 3.4,
		AssignAfter:   5 * hour,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "HASIL LAB: air PDAM Kotabaru positif bakteri koli! Jangan dipakai masak dan minum walau sudah direbus.",
				DetectedBefore: 11 * hour,
			},
		},
	},
	// 64
	{
		Title:         "Usulan beasiswa daerah bagi mahasiswa asal pulau-pulau kecil",
		Summary:       "Ikatan mahasiswa asal Kotabaru mengusulkan beasiswa daerah khusus bagi mahasiswa dari Pulau Sembilan, Pulau Sebuku, dan Pulau Laut Kepulauan yang menanggung biaya perjalanan tinggi.",
		Kind:          "ASPIRATION",
		CategorySlug:  "pendidikan",
		Status:        "ASSIGNED",
		AgencySlug:    "disdik",
		Priority:      "NORMAL",
		LoggedDaysAgo: 2.6,
		AssignAfter:   22 * hour,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DGa4wLs8Mv2/",
				ClaimText:      "Kami mahasiswa dari pulau-pulau kecil Kotabaru mengusulkan beasiswa daerah khusus, ongkos pulang-pergi kuliah sangat mahal.",
				AccountHandle:  "@ikatan.mahasiswa.saijaan",
				DetectedBefore: day,
			},
		},
	},
	// 65
	{
		Title:          "Rekaman suara diduga oknum aparat desa meminta potongan bantuan sosial",
		Summary:        "Rekaman suara yang beredar diduga memperdengarkan oknum aparat desa meminta potongan Rp200.000 dari setiap penerima bantuan sosial.",
		Kind:           "COMPLAINT",
		CategorySlug:   "bantuan-sosial",
		Status:         "ASSIGNED",
		AgencySlug:     "inspektorat",
		Priority:       "HIGH",
		LoggedDaysAgo:  2.1,
		AssignAfter:    3 * hour,
		Internal:       true,
		InternalReason: "Rekaman memuat suara dan identitas warga serta pelapor; sedang diverifikasi Inspektorat bersama Dinas Sosial sebelum dapat dipublikasikan.",
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Rekaman suara berdurasi dua menit tentang permintaan potongan bansos Rp200.000 per penerima (isi tidak dikutip karena memuat identitas warga).",
				DetectedBefore: 8 * hour,
			},
		},
	},
	// 66
	{
		Title:         "Kabar sekolah di Kotabaru diliburkan sepekan karena kabut asap",
		Summary:       "Unggahan Facebook menyebut seluruh sekolah di Kotabaru diliburkan sepekan mulai besok karena kabut asap kebakaran lahan.",
		Kind:          "MISINFORMATION",
		CategorySlug:  "pendidikan",
		Status:        "NEW",
		LoggedDaysAgo: 1.9,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/2207718400001174/posts/2207718400145801/",
				ClaimText:      "Besok semua sekolah di Kotabaru libur seminggu karena asap, info dari grup guru.",
				AccountHandle:  "Info Sekolah Banua 4",
				DetectedBefore: 3 * hour,
			},
		},
	},
	// 67
	{
		Title:         "Lampu lalu lintas di simpang empat dekat pasar tidak menyala sejak kemarin",
		Summary:       "Pengendara melaporkan lampu lalu lintas di simpang empat dekat pasar di pusat kota tidak menyala sejak kemarin sehingga arus kendaraan semrawut pada jam sibuk.",
		Kind:          "COMPLAINT",
		CategorySlug:  "transportasi",
		Status:        "NEW",
		LoggedDaysAgo: 1.6,
		Sources: []Source{
			{
				Platform:       "X",
				URL:            "https://x.com/ojol_ktb_01/status/1864000000000000767",
				ClaimText:      "Lampu merah simpang empat dekat pasar mati dari kemarin, tadi pagi hampir tabrakan.",
				AccountHandle:  "@ojol_ktb_01",
				DetectedBefore: 2 * hour,
			},
		},
	},
	// 68
	{
		Title:         "Permintaan jadwal pasar murah menjelang hari raya di setiap kecamatan",
		Summary:       "Warga meminta jadwal dan lokasi pasar murah menjelang hari raya di setiap kecamatan, termasuk kecamatan kepulauan.",
		Kind:          "INFORMATION_REQUEST",
		CategorySlug:  "ekonomi",
		Status:        "NEW",
		LoggedDaysAgo: 1.3,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3991",
				ClaimText:      "Mohon informasi jadwal dan lokasi pasar murah menjelang hari raya, apakah ada juga di Pulau Sebuku dan Pulau Sembilan?",
				DetectedBefore: hour,
			},
		},
	},
	// 69
	{
		Title:         "Pesan WhatsApp pembagian sembako gratis dengan syarat mengirim foto KTP",
		Summary:       "Pesan berantai mengatasnamakan Pemkab Kotabaru menawarkan paket sembako gratis dengan syarat mengirim foto KTP dan Kartu Keluarga ke sebuah nomor WhatsApp.",
		Kind:          "MISINFORMATION",
		CategorySlug:  "bantuan-sosial",
		Status:        "NEW",
		LoggedDaysAgo: 1.05,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Pemkab Kotabaru bagi-bagi sembako gratis! Kirim foto KTP dan KK ke nomor ini, paket diantar ke rumah.",
				DetectedBefore: 5 * hour,
			},
			{
				Platform:       "OTHER",
				URL:            "https://t.me/s/kabar_banua_terkini/4417",
				ClaimText:      "Pendaftaran sembako gratis Pemkab Kotabaru, kirim KTP dan KK via WA.",
				AccountHandle:  "kabar_banua_terkini",
				DetectedBefore: 3 * hour,
			},
		},
	},
}
