package demodata

// issuesMiddle covers roughly the fourth month to the seventh week before
// loading (indexes 20–43).
var issuesMiddle = []Issue{
	// 20
	{
		Title:            "Antrean poliklinik RSUD Pangeran Jaya Sumitra mengular hingga siang hari",
		Summary:          "Pasien mengeluhkan antrean rawat jalan di RSUD yang baru dipanggil dokter menjelang siang meski sudah datang sejak subuh.",
		Kind:             "COMPLAINT",
		CategorySlug:     "kesehatan",
		Status:           "CLOSED",
		AgencySlug:       "rsud-pjs",
		Priority:         "HIGH",
		LoggedDaysAgo:    116.8,
		AssignAfter:      3 * hour,
		AcknowledgeAfter: 5 * hour,
		AnswerAfter:      3*day + 4*hour,
		CloseAfter:       10 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500031205/",
				ClaimText:      "Datang jam 6 pagi ke poli penyakit dalam RSUD, baru diperiksa jam 12. Kasihan lansia duduk berjam-jam.",
				AccountHandle:  "Mahfuz Hilir Muara",
				DetectedBefore: 5 * hour,
			},
		},
		Response: &Response{
			Body: `## Upaya Mengurangi Antrean Rawat Jalan

RSUD Pangeran Jaya Sumitra memohon maaf atas lamanya antrean di poliklinik dan atas jawaban yang melewati target waktu.

### Kondisi

- Rata-rata kunjungan rawat jalan mencapai **480 pasien per hari**, naik sekitar 20% dibanding tahun lalu.
- Waktu tunggu rata-rata dari pendaftaran hingga diperiksa dokter tercatat **2 jam 45 menit**, terutama di poli penyakit dalam, anak, dan saraf.

### Langkah perbaikan

1. Pendaftaran daring melalui aplikasi **Mobile JKN** dan WhatsApp pendaftaran, sehingga pasien dapat datang sesuai jam perkiraan.
2. Penambahan **dua loket** pendaftaran serta satu loket khusus lansia dan penyandang disabilitas.
3. Penyesuaian jadwal praktik dokter spesialis agar poli dibuka tepat **pukul 08.00 WITA**.
4. Pemantauan waktu tunggu harian yang hasilnya diumumkan di ruang tunggu.

Kami menargetkan waktu tunggu turun di bawah **90 menit** dalam tiga bulan.

Saran dan pengaduan: [rsud.kotabarukab.go.id/pengaduan](https://rsud.kotabarukab.go.id/pengaduan).`,
		},
	},
	// 21
	{
		Title:            "Kabar buaya berkeliaran di Pantai Sarang Tiung",
		Summary:          "Foto buaya di tepi pantai disebarkan dengan klaim diambil di Pantai Sarang Tiung pagi itu. BPBD bersama petugas konservasi menelusuri kebenarannya.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "lingkungan",
		Status:           "CLOSED",
		AgencySlug:       "bpbd",
		Priority:         "HIGH",
		LoggedDaysAgo:    113.3,
		AssignAfter:      hour,
		AcknowledgeAfter: 2 * hour,
		AnswerAfter:      12 * hour,
		CloseAfter:       6 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/3310456200000825/posts/3310456200078043/",
				ClaimText:      "AWAS! Buaya muncul di Pantai Sarang Tiung tadi pagi, jangan bawa anak berenang dulu.",
				AccountHandle:  "Kabar Pesisir Saijaan 41",
				DetectedBefore: 4 * hour,
			},
		},
		Response: &Response{
			Verdict: "UNPROVEN",
			Body: `## Kabar Buaya di Pantai Sarang Tiung

BPBD Kabupaten Kotabaru bersama petugas konservasi sedang menelusuri foto buaya yang disebut diambil di Pantai Sarang Tiung.

### Hasil sementara

- Tim gabungan menyusuri garis pantai sepanjang **3 km** pada sore hari dan **belum menemukan** jejak atau penampakan buaya.
- Belum ada warga atau pengelola wisata yang melihat langsung; asal-usul foto yang beredar masih ditelusuri.

Karena itu informasi ini kami nyatakan **belum terbukti**.

### Imbauan

- Pengunjung tetap berhati-hati dan tidak berenang di muara sungai saat senja atau malam hari.
- Bila melihat buaya, jauhi lokasi, jangan memberi makan atau memancing, dan segera laporkan ke **Call Center 112**.

Perkembangan penelusuran akan kami sampaikan melalui pembaruan tanggapan ini dan [laman BPBD](https://bpbd.kotabarukab.go.id/informasi-bencana).`,
			Revisions: []Revision{
				{
					After:   2 * day,
					Verdict: "FALSE",
					Reason:  "Perubahan status dari Belum terbukti menjadi Hoaks: foto terbukti berasal dari daerah lain dan patroli dua hari tidak menemukan buaya.",
					Body: `## Kabar Buaya di Pantai Sarang Tiung

BPBD Kabupaten Kotabaru bersama petugas konservasi telah menuntaskan penelusuran foto buaya yang disebut diambil di Pantai Sarang Tiung. Informasi tersebut **tidak benar (hoaks)**.

### Hasil penelusuran

- Foto yang beredar **identik dengan foto yang diunggah setahun lalu** di daerah lain; latar belakangnya sungai berair keruh, bukan pantai berpasir.
- Patroli selama **dua hari** di sepanjang **3 km** garis pantai dan muara sekitarnya tidak menemukan jejak atau penampakan buaya.
- Tidak ada laporan dari warga, nelayan, maupun pengelola wisata.

### Imbauan

- Pantai Sarang Tiung aman dikunjungi. Tetap ikuti petunjuk penjaga pantai.
- Bila melihat buaya di mana pun, jauhi lokasi, jangan memberi makan atau memancing, dan segera laporkan ke **Call Center 112**.

Informasi resmi: [laman BPBD](https://bpbd.kotabarukab.go.id/informasi-bencana).`,
				},
			},
		},
	},
	// 22
	{
		Title:            "Usulan angkutan umum dari pusat kota ke Pelabuhan Tanjung Serdang",
		Summary:          "Warga dalam forum Musrenbang kecamatan mengusulkan angkutan umum tetap dari pusat kota ke Pelabuhan Tanjung Serdang karena penumpang pejalan kaki bergantung pada ojek.",
		Kind:             "ASPIRATION",
		CategorySlug:     "transportasi",
		Status:           "ANSWERED",
		AgencySlug:       "dishub",
		Priority:         "LOW",
		LoggedDaysAgo:    110.9,
		AssignAfter:      2 * day,
		AcknowledgeAfter: 4 * day,
		AnswerAfter:      12 * day,
		Sources: []Source{
			{
				Platform:       "OTHER",
				ClaimText:      "Catatan notulen Musrenbang Kecamatan Pulau Laut Utara: warga mengusulkan angkutan umum trayek tetap ke Pelabuhan Tanjung Serdang dengan tarif terjangkau.",
				DetectedBefore: 3 * day,
			},
		},
		Response: &Response{
			Body: `## Tanggapan Usulan Angkutan ke Pelabuhan Tanjung Serdang

Dinas Perhubungan (Dishub) berterima kasih atas usulan warga.

### Hasil kajian

- Survei sepekan mencatat rata-rata **620 penumpang pejalan kaki** per hari di Pelabuhan Tanjung Serdang; sebagian besar menggunakan ojek atau kendaraan pribadi.
- Jarak dari Terminal Kotabaru ke pelabuhan sekitar 14 km dan belum dilayani angkutan umum tetap.

### Rencana

- Dishub akan **meluncurkan uji coba trayek** Terminal Kotabaru–Pelabuhan Tanjung Serdang selama tiga bulan dengan **4 armada** minibus milik koperasi angkutan setempat.
- Tarif uji coba Rp10.000 per penumpang; pelajar dan lansia Rp5.000.
- Layanan beroperasi pukul 05.30–20.00 WITA dengan selang waktu sekitar 45 menit.

Jadwal peluncuran uji coba dan titik pemberhentian diumumkan setelah izin trayek terbit. Masukan tentang rute dapat disampaikan melalui [formulir Dishub](https://kotabarukab.go.id/dishub/usulan-trayek).`,
		},
	},
	// 23
	{
		Title:            "Pesan berantai: air kelapa dan garam dapat menyembuhkan DBD",
		Summary:          "Pesan berantai di WhatsApp menganjurkan penderita demam berdarah cukup minum campuran air kelapa dan garam tanpa perlu ke puskesmas. Dinkes meluruskan bahwa minuman itu hanya membantu cairan tubuh.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "ANSWERED",
		AgencySlug:       "dinkes",
		Priority:         "NORMAL",
		LoggedDaysAgo:    107.5,
		AssignAfter:      4 * hour,
		AcknowledgeAfter: 9 * hour,
		AnswerAfter:      day + 20*hour,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Obat DBD paling ampuh: air kelapa hijau + 1 sendok garam, minum 3x sehari, trombosit langsung naik, tidak perlu ke rumah sakit.",
				DetectedBefore: day,
			},
		},
		Response: &Response{
			Verdict: "MISLEADING",
			Body: `## Air Kelapa dan Garam Tidak Menyembuhkan DBD

Dinas Kesehatan (Dinkes) Kabupaten Kotabaru meluruskan pesan berantai yang menyebut campuran air kelapa dan garam dapat menyembuhkan demam berdarah dengue (DBD).

### Penjelasan

- Air kelapa dan oralit memang **membantu mencukupi cairan tubuh**, yang penting bagi penderita DBD.
- Namun, **tidak ada minuman yang dapat membunuh virus dengue** atau menghentikan kebocoran pembuluh darah. Pesan itu menyesatkan bila membuat penderita menunda berobat.

### Yang dianjurkan

1. Minum cukup cairan: air putih, oralit, jus, atau air kelapa.
2. Periksakan diri ke puskesmas bila demam tinggi berlangsung **dua hari atau lebih**.
3. Waspadai fase kritis pada hari ke-3 sampai ke-5, ketika demam turun tetapi kondisi bisa memburuk.

### Tanda bahaya, segera ke IGD

Muntah terus-menerus, nyeri perut hebat, mimisan atau gusi berdarah, tangan dan kaki dingin, serta anak tampak sangat lemas.

Pemeriksaan darah untuk suspek DBD di puskesmas tersedia tanpa biaya bagi peserta JKN. Informasi lengkap: [dinkes.kotabarukab.go.id/dbd](https://dinkes.kotabarukab.go.id/dbd).`,
		},
	},
	// 24
	{
		Title:            "Air PDAM keruh dan berbau di Kelurahan Semayap",
		Summary:          "Warga Kelurahan Semayap melaporkan air PDAM berwarna cokelat dan berbau lumpur sejak pagi. Sebagian warga khawatir air tidak aman untuk dimasak.",
		Kind:             "COMPLAINT",
		CategorySlug:     "air-bersih",
		Status:           "ANSWERED",
		AgencySlug:       "perumda-air-minum",
		Priority:         "URGENT",
		LoggedDaysAgo:    104.2,
		AssignAfter:      30 * minute,
		AcknowledgeAfter: 50 * minute,
		AnswerAfter:      5 * hour,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DA3fKe9sYw1/",
				ClaimText:      "Air PDAM di Semayap warnanya kayak teh susu dan bau lumpur. Ini masih aman dipakai masak?",
				AccountHandle:  "@semayap.kita_62",
				DetectedBefore: 3 * hour,
			},
		},
		Response: &Response{
			Body: `## Air Keruh di Kelurahan Semayap

Perumda Air Minum Kotabaru mohon maaf atas kualitas air yang keruh dan berbau di Kelurahan Semayap dan sekitarnya.

### Penyebab

Hujan deras dua hari berturut-turut membuat kekeruhan air baku di intake naik hingga **enam kali** dari biasanya. Endapan di jaringan pipa distribusi ikut terbawa saat tekanan air kembali normal.

### Penanganan

- Penambahan dosis koagulan dan penyesuaian proses di instalasi pengolahan air sejak pagi ini.
- **Pengurasan pipa** distribusi di Semayap dan Sebelimbingan pada **16–17 Maret**, pukul 22.00–04.00 WITA.
- Dua mobil tangki menyalurkan air bersih gratis ke RT terdampak; titik pengisian diumumkan ketua RT.

### Kualitas air

Hasil uji laboratorium sampel air produksi pagi ini menunjukkan kekeruhan **2,1 NTU**, di bawah batas 3 NTU. Air di jaringan rumah akan berangsur jernih setelah pengurasan. Sementara itu, **rebus air hingga mendidih** sebelum diminum.

Layanan pelanggan: WhatsApp **0811-0000-5210** atau [info gangguan](https://kotabarukab.go.id/perumda-air-minum/gangguan).`,
			Revisions: []Revision{
				{
					After:  18 * hour,
					Reason: "Ralat jadwal pengurasan pipa: dilaksanakan 18–19 Maret, bukan 16–17 Maret, karena menunggu kedatangan pompa penguras.",
					Body: `## Air Keruh di Kelurahan Semayap

Perumda Air Minum Kotabaru mohon maaf atas kualitas air yang keruh dan berbau di Kelurahan Semayap dan sekitarnya.

### Penyebab

Hujan deras dua hari berturut-turut membuat kekeruhan air baku di intake naik hingga **enam kali** dari biasanya. Endapan di jaringan pipa distribusi ikut terbawa saat tekanan air kembali normal.

### Penanganan

- Penambahan dosis koagulan dan penyesuaian proses di instalasi pengolahan air sejak pagi ini.
- **Pengurasan pipa** distribusi di Semayap dan Sebelimbingan pada **18–19 Maret**, pukul 22.00–04.00 WITA.
- Dua mobil tangki menyalurkan air bersih gratis ke RT terdampak; titik pengisian diumumkan ketua RT.

### Kualitas air

Hasil uji laboratorium sampel air produksi pagi ini menunjukkan kekeruhan **2,1 NTU**, di bawah batas 3 NTU. Air di jaringan rumah akan berangsur jernih setelah pengurasan. Sementara itu, **rebus air hingga mendidih** sebelum diminum.

Layanan pelanggan: WhatsApp **0811-0000-5210** atau [info gangguan](https://kotabarukab.go.id/perumda-air-minum/gangguan).`,
				},
			},
		},
	},
	// 25
	{
		Title:         "Video TikTok banjir bandang disebut terjadi di Sungai Durian",
		Summary:       "Video banjir bandang yang sama dengan video viral sebelumnya diunggah ulang dengan keterangan lokasi Kecamatan Sungai Durian.",
		Kind:          "MISINFORMATION",
		CategorySlug:  "bencana",
		Status:        "DUPLICATE",
		LoggedDaysAgo: 101.6,
		DuplicateOf:   4,
		Sources: []Source{
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@durian_viral_88/video/7421003358720000625",
				ClaimText:      "Sungai Durian kebanjiran, rumah warga hanyut terbawa arus. Mohon bantuannya!",
				AccountHandle:  "@durian_viral_88",
				DetectedBefore: 5 * hour,
			},
		},
	},
	// 26
	{
		Title:            "Tautan pendaftaran CPNS Pemkab Kotabaru yang meminta data pribadi dan biaya verifikasi",
		Summary:          "Tautan berlogo Pemkab Kotabaru mengajak warga mendaftar CPNS dengan mengunggah foto KTP, swafoto, dan membayar biaya verifikasi Rp350.000. BKPSDM memastikan tautan itu palsu.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kepegawaian",
		Status:           "CLOSED",
		AgencySlug:       "bkpsdm",
		Priority:         "HIGH",
		LoggedDaysAgo:    98.3,
		AssignAfter:      80 * minute,
		AcknowledgeAfter: 2 * hour,
		AnswerAfter:      18 * hour,
		CloseAfter:       9 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/2207718400001174/posts/2207718400083377/",
				ClaimText:      "PENDAFTARAN CPNS PEMKAB KOTABARU SUDAH DIBUKA! Daftar lewat link ini sebelum kuota penuh, biaya verifikasi Rp350.000.",
				AccountHandle:  "Loker ASN Kalimantan 2",
				DetectedBefore: 7 * hour,
			},
			{
				Platform:       "X",
				URL:            "https://x.com/infocpns_banua/status/1845000000000000626",
				ClaimText:      "Formasi CPNS Kotabaru dibuka, cek link di bio.",
				AccountHandle:  "@infocpns_banua",
				DetectedBefore: 5 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Tautan Pendaftaran CPNS yang Beredar adalah Palsu

Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) Kabupaten Kotabaru memastikan tautan "Pendaftaran CPNS Pemkab Kotabaru" yang meminta foto KTP, swafoto, dan biaya verifikasi **Rp350.000** adalah **hoaks dan upaya penipuan (phishing)**.

### Fakta

- Pendaftaran CPNS dan PPPK **hanya** melalui portal nasional SSCASN milik BKN, dan seluruh tahapan **tidak dipungut biaya**.
- Saat ini **belum ada** pengumuman formasi CPNS untuk Pemkab Kotabaru. Pengumuman resmi selalu diterbitkan di laman BKPSDM dan kanal resmi Pemkab.
- Situs palsu tersebut memakai domain gratisan dan logo Pemkab tanpa izin; situs itu sudah dilaporkan untuk diblokir.

### Jika Anda sudah mengisi data

1. Segera ganti kata sandi surel dan akun media sosial Anda.
2. Waspadai panggilan atau pesan yang mengaku petugas dan meminta kode OTP.
3. Laporkan penyalahgunaan data ke kepolisian dan ke [layanan pengaduan BKPSDM](https://bkpsdm.kotabarukab.go.id/pengaduan).

Informasi resmi seleksi ASN: [bkpsdm.kotabarukab.go.id/seleksi-asn](https://bkpsdm.kotabarukab.go.id/seleksi-asn).`,
		},
	},
	// 27
	{
		Title:            "Bagaimana ketentuan zonasi PPDB SMP negeri di Kotabaru?",
		Summary:          "Orang tua calon siswa menanyakan cara jarak zonasi dihitung, syarat lama domisili pada Kartu Keluarga, dan pilihan bagi anak dari pulau-pulau kecil.",
		Kind:             "QUESTION",
		CategorySlug:     "pendidikan",
		Status:           "ANSWERED",
		AgencySlug:       "disdik",
		Priority:         "NORMAL",
		LoggedDaysAgo:    95.7,
		AssignAfter:      5 * hour,
		AcknowledgeAfter: day + hour,
		AnswerAfter:      2*day + 20*hour,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3012",
				ClaimText:      "Bagaimana cara menghitung jarak zonasi PPDB SMP? Apakah pakai alamat KK atau alamat tinggal sekarang?",
				DetectedBefore: 2 * hour,
			},
		},
		Response: &Response{
			Body: `## Ketentuan Zonasi PPDB SMP Negeri

Dinas Pendidikan (Disdik) Kabupaten Kotabaru menyampaikan ketentuan penerimaan peserta didik baru (PPDB) jenjang SMP negeri yang berlaku tahun ini.

### Jalur dan kuota

- **Zonasi (domisili)**: paling sedikit 50% daya tampung;
- **Afirmasi** bagi siswa dari keluarga kurang mampu dan penyandang disabilitas: 15%;
- **Perpindahan tugas orang tua/wali**: 5%;
- **Prestasi** akademik dan nonakademik: sisa kuota.

### Ketentuan zonasi

- Jarak dihitung dari alamat pada **Kartu Keluarga (KK)** ke sekolah, menggunakan titik koordinat yang diverifikasi sekolah.
- KK harus diterbitkan **paling singkat satu tahun** sebelum pendaftaran. Calon siswa yang KK-nya lebih baru dapat mendaftar melalui jalur lain, atau jalur perpindahan tugas bila memenuhi syarat.
- Untuk **wilayah kepulauan** (Pulau Sembilan, Pulau Sebuku, Pulau Laut Kepulauan), zona ditetapkan per kecamatan dan siswa dapat memilih SMP negeri terdekat yang menyediakan asrama atau SMP satu atap.

### Bantuan

Help desk PPDB dibuka di kantor Disdik dan di setiap SMP negeri, Senin–Jumat 08.00–15.00 WITA. Petunjuk teknis dan peta zonasi: [ppdb.kotabarukab.go.id](https://ppdb.kotabarukab.go.id).`,
		},
		Questions: []Question{
			{
				Body:    "Kami pindah ke Kelurahan Dirgahayu delapan bulan lalu dan KK sudah diperbarui. Apakah anak saya masih bisa mendaftar jalur zonasi ke SMP negeri terdekat?",
				Name:    "Nor Aini",
				Contact: "noraini.ktb@example.com",
				After:   day,
			},
			{
				Body:    "Anak saya lulus SD di Pulau Sembilan, SMP negeri terdekat ada di pulau lain. Apakah ada jalur khusus atau asrama untuk anak dari pulau kecil?",
				Name:    "Samsul Hadi",
				Contact: "0813-0000-5820",
				After:   3 * day,
			},
		},
	},
	// 28
	{
		Title:            "Oprit jembatan di Kecamatan Kelumpang Hulu amblas, kendaraan harus bergantian",
		Summary:          "Jalan pendekat sebuah jembatan di Kecamatan Kelumpang Hulu amblas sehingga kendaraan harus melintas bergantian. Warga khawatir truk pengangkut sawit memperparah kerusakan.",
		Kind:             "COMPLAINT",
		CategorySlug:     "infrastruktur",
		Status:           "ANSWERED",
		AgencySlug:       "pupr",
		Priority:         "NORMAL",
		LoggedDaysAgo:    92.4,
		AssignAfter:      3 * hour,
		AcknowledgeAfter: 2 * day,
		AnswerAfter:      8 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/3310456200000825/posts/3310456200090318/",
				ClaimText:      "Oprit jembatan di kampung kami amblas, truk sawit masih lewat terus. Tunggu ambruk dulu baru diperbaiki?",
				AccountHandle:  "Warga Kelumpang Hulu Bersatu",
				DetectedBefore: 9 * hour,
			},
		},
		Response: &Response{
			Body: `## Penanganan Oprit Jembatan di Kelumpang Hulu

Dinas PUPR Kabupaten Kotabaru mohon maaf karena jawaban atas laporan ini melewati batas waktu layanan. Peninjauan memerlukan koordinasi dengan tim teknis yang sedang bertugas di wilayah lain.

### Hasil peninjauan

- Oprit (jalan pendekat) sisi timur jembatan **amblas sepanjang 6 meter** dengan kedalaman hingga 40 cm.
- Penyebabnya gerusan arus sungai yang mengikis timbunan di bawah pasangan batu.

### Penanganan

1. **Sementara**: penimbunan sirtu dan pemasangan karung pasir, selesai dalam tiga hari; lalu lintas diatur bergantian dengan batas muatan **8 ton**.
2. **Permanen**: pemasangan **bronjong** sepanjang 30 meter dan pembangunan ulang oprit, diusulkan dalam anggaran perubahan tahun berjalan.

Warga diimbau tidak melintas dengan truk bermuatan berat sampai penanganan permanen selesai. Perkembangan pekerjaan dapat dipantau di [laman PUPR](https://pupr.kotabarukab.go.id/pekerjaan), dan laporan baru dapat dikirim melalui [kanal pengaduan](https://kotabarukab.go.id/pengaduan).`,
		},
	},
	// 29
	{
		Title:            "Kuota solar bersubsidi untuk nelayan Kotabaru disebut dipangkas setengah",
		Summary:          "Pesan di Facebook dan WhatsApp menyebut kuota solar bersubsidi bagi nelayan dipangkas 50% mulai bulan ini. Dinas Perikanan membenarkan adanya pengurangan, tetapi besarannya tidak setengah.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "ekonomi",
		Status:           "ANSWERED",
		AgencySlug:       "diskan",
		Priority:         "HIGH",
		LoggedDaysAgo:    89.8,
		AssignAfter:      2 * hour,
		AcknowledgeAfter: 4 * hour,
		AnswerAfter:      day + 5*hour,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500040962/",
				ClaimText:      "Nelayan Kotabaru makin susah, jatah solar dipotong separuh. Mau melaut pakai apa?",
				AccountHandle:  "Forum Nelayan Selat Laut",
				DetectedBefore: 10 * hour,
			},
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Mulai bulan ini solar nelayan cuma dapat setengah dari biasanya, info dari SPBUN.",
				DetectedBefore: 6 * hour,
			},
		},
		Response: &Response{
			Verdict: "PARTLY_TRUE",
			Body: `## Kuota Solar Nelayan: Dikurangi, Bukan Dipangkas Setengah

Dinas Perikanan Kabupaten Kotabaru menanggapi kabar bahwa kuota solar bersubsidi bagi nelayan dipangkas 50%.

### Yang benar

- Penyaluran solar di **SPBU Nelayan (SPBUN)** di Kecamatan Pulau Laut Utara dan Kelumpang Selatan bulan ini memang **berkurang sekitar 20%** karena penyesuaian alokasi dari BPH Migas untuk seluruh Kalimantan Selatan.

### Yang tidak benar

- Pengurangan **bukan 50%**. Nelayan dengan surat rekomendasi yang masih berlaku tetap dilayani sesuai volume rekomendasi, paling banyak **25 liter per hari** untuk kapal di bawah 5 GT.

### Data

- Nelayan pemegang rekomendasi aktif: **1.870 orang**.
- Alokasi bulan ini **312 kiloliter**, turun dari 390 kiloliter bulan lalu.

### Langkah Dinas Perikanan

- Mengajukan tambahan kuota kepada pemerintah provinsi dan BPH Migas.
- Mempercepat penerbitan rekomendasi baru: cukup membawa KTP, kartu KUSUKA, dan bukti kepemilikan kapal ke kantor Dinas Perikanan atau penyuluh di kecamatan.

Informasi: [diskan.kotabarukab.go.id/solar-nelayan](https://diskan.kotabarukab.go.id/solar-nelayan).`,
		},
	},
	// 30
	{
		Title:            "Pemadaman listrik hampir setiap malam di Pulau Sebuku",
		Summary:          "Warga Kecamatan Pulau Sebuku mengeluhkan pemadaman listrik bergilir hampir setiap malam selama dua pekan. Peralatan elektronik rusak dan usaha es batu nelayan terganggu.",
		Kind:             "COMPLAINT",
		CategorySlug:     "infrastruktur",
		Status:           "ANSWERED",
		AgencySlug:       "diskominfo",
		Priority:         "HIGH",
		LoggedDaysAgo:    86.5,
		AssignAfter:      day + 2*hour,
		AcknowledgeAfter: day + 4*hour,
		AnswerAfter:      2 * day,
		DeclinedBy:       "pupr",
		DeclineReason:    "Kelistrikan merupakan layanan PT PLN (Persero), bukan kewenangan Dinas PUPR. Mohon diteruskan ke PLN melalui Diskominfo.",
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/2207718400001174/posts/2207718400094455/",
				ClaimText:      "Sebuku gelap lagi malam ini, sudah 2 minggu tiap malam padam. Es batu untuk nelayan tidak bisa dibuat, kulkas warga rusak.",
				AccountHandle:  "Anak Sebuku Merantau",
				DetectedBefore: day,
			},
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@sebuku_hari_ini/video/7426770014550000630",
				ClaimText:      "Potret malam di Pulau Sebuku: lilin lagi, lilin lagi.",
				AccountHandle:  "@sebuku_hari_ini",
				DetectedBefore: 20 * hour,
			},
		},
		Response: &Response{
			Body: `## Pemadaman Listrik di Pulau Sebuku

Dinas Komunikasi dan Informatika (Diskominfo) Kabupaten Kotabaru telah meneruskan keluhan warga kepada PT PLN (Persero) unit layanan setempat, karena kelistrikan merupakan kewenangan PLN. Berikut penjelasan yang kami terima.

### Penyebab

- Pulau Sebuku dilayani pembangkit listrik tenaga diesel (PLTD) dengan **4 unit mesin**. Dua unit sedang menjalani perbaikan besar sehingga daya mampu turun dari 2,4 MW menjadi **1,3 MW**, di bawah beban puncak malam sekitar 1,8 MW.
- Akibatnya, PLN menerapkan pemadaman bergilir pukul 18.00–23.00 WITA.

### Rencana PLN

- **Satu mesin sewa** berkapasitas 1 MW dijadwalkan tiba dan beroperasi dalam 10 hari.
- Selama perbaikan, jadwal giliran padam per desa diumumkan setiap hari melalui kantor kecamatan.

### Saran

Hemat listrik pada jam beban puncak. Kerusakan peralatan dapat dilaporkan ke PLN melalui aplikasi **PLN Mobile** atau Contact Center **123**.

Diskominfo akan memantau hingga pasokan normal dan memperbarui informasi di [laman Pemkab](https://kotabarukab.go.id/berita/listrik-pulau-sebuku).`,
		},
	},
	// 31
	{
		Title:            "Tautan pendaftaran bansos tunai Rp600.000 lewat situs tidak resmi",
		Summary:          "Tautan yang mengajak warga mendaftar bansos tunai Rp600.000 dengan mengisi NIK, nomor rekening, dan kode OTP beredar di WhatsApp dan Facebook. Dinsos menegaskan tautan itu bukan dari pemerintah.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "bantuan-sosial",
		Status:           "ANSWERED",
		AgencySlug:       "dinsos",
		Priority:         "NORMAL",
		LoggedDaysAgo:    83.1,
		AssignAfter:      3 * hour,
		AcknowledgeAfter: 6 * hour,
		AnswerAfter:      day + 4*hour,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Bansos tunai Rp600.000 cair minggu ini! Daftar di link berikut, isi NIK dan no rekening, masukkan kode yang dikirim ke HP Anda.",
				DetectedBefore: 16 * hour,
			},
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500047118/",
				ClaimText:      "Sudah daftar bansos 600 ribu belum? Link di komentar, cepat sebelum ditutup.",
				AccountHandle:  "Berbagi Info Bantuan 19",
				DetectedBefore: 12 * hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## Tautan Pendaftaran Bansos Rp600.000 adalah Hoaks

Dinas Sosial (Dinsos) Kabupaten Kotabaru menegaskan tautan yang mengajak warga mendaftar "bansos tunai Rp600.000" dengan mengisi NIK, nomor rekening, dan kode OTP **bukan berasal dari pemerintah**.

### Fakta

- Penerima bantuan sosial (bansos) ditetapkan dari data sosial ekonomi yang diverifikasi desa/kelurahan dan Dinsos, **bukan melalui pendaftaran daring lewat tautan**.
- Pemerintah **tidak pernah meminta kode OTP**, PIN, atau kata sandi rekening.
- Situs itu memakai nama domain asing dan sudah dilaporkan untuk diblokir.

### Cara resmi

- Cek status penerima di [cekbansos.kemensos.go.id](https://cekbansos.kemensos.go.id) cukup dengan nama dan wilayah.
- Usulan penerima baru diajukan melalui **musyawarah desa/kelurahan** atau langsung ke kantor Dinsos dengan membawa KTP dan KK.

### Jika sudah mengisi data

Segera hubungi bank untuk memblokir rekening atau kartu, ganti PIN, dan laporkan ke kepolisian.

Informasi program bansos di Kabupaten Kotabaru: [dinsos.kotabarukab.go.id/bansos](https://dinsos.kotabarukab.go.id/bansos).`,
		},
	},
	// 32
	{
		Title:         "Unggahan berisi tuduhan urusan rumah tangga seorang perangkat desa",
		Summary:       "Sebuah unggahan menuduh seorang perangkat desa terlibat masalah rumah tangga dan menyertakan foto serta nama keluarganya.",
		Kind:          "COMPLAINT",
		CategorySlug:  "pemerintahan",
		Status:        "REJECTED",
		LoggedDaysAgo: 80.6,
		RejectReason:  "Berisi tuduhan tentang urusan pribadi yang tidak menyangkut layanan publik dan memuat data pribadi pihak ketiga. Pelapor diarahkan ke jalur hukum yang sesuai bila merasa dirugikan.",
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/3310456200000825/posts/3310456200101276/",
				ClaimText:      "Unggahan berisi tuduhan pribadi terhadap perangkat desa beserta foto keluarganya (isi tidak dikutip karena memuat data pribadi).",
				AccountHandle:  "Akun Anonim 5521",
				DetectedBefore: 3 * hour,
			},
		},
	},
	// 33
	{
		Title:            "Ikan mati di pesisir Teluk Kotabaru diklaim akibat limbah tambang batu bara",
		Summary:          "Foto dan video ratusan ikan mati di pesisir Teluk Kotabaru disebarkan dengan klaim penyebabnya limbah tambang batu bara. Uji air DLH tidak menemukan logam berat di atas baku mutu.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "lingkungan",
		Status:           "CLOSED",
		AgencySlug:       "dlh",
		Priority:         "HIGH",
		LoggedDaysAgo:    77.3,
		AssignAfter:      90 * minute,
		AcknowledgeAfter: 3 * hour,
		AnswerAfter:      2*day + 3*hour,
		CloseAfter:       16 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/2207718400001174/posts/2207718400104183/",
				ClaimText:      "Ratusan ikan mati di pesisir Teluk Kotabaru, pasti limbah tambang batu bara! Pemerintah harus tutup tambangnya.",
				AccountHandle:  "Peduli Lingkungan Pulau Laut",
				DetectedBefore: 6 * hour,
			},
			{
				Platform:       "YOUTUBE",
				URL:            "https://www.youtube.com/watch?v=Lm4pR8sTq2Z",
				ClaimText:      "IKAN MATI MASSAL DI KOTABARU, DIDUGA KARENA LIMBAH TAMBANG",
				AccountHandle:  "Jejak Borneo TV 23",
				DetectedBefore: 3 * hour,
			},
		},
		Response: &Response{
			Verdict: "MISLEADING",
			Body: `## Ikan Mati di Teluk Kotabaru: Tidak Terbukti Akibat Limbah Tambang

Dinas Lingkungan Hidup (DLH) Kabupaten Kotabaru menanggapi unggahan yang mengaitkan ikan mati di pesisir Teluk Kotabaru dengan limbah tambang batu bara.

### Hasil pengujian

- Tim DLH mengambil sampel air di **4 titik** sehari setelah laporan.
- Kadar logam berat (merkuri, timbal, kadmium) di keempat titik **di bawah baku mutu** air laut.
- Kadar oksigen terlarut sangat rendah, **2,1 mg/L**, dan ditemukan ledakan populasi plankton.

### Kesimpulan

Kematian ikan paling mungkin disebabkan **kekurangan oksigen** akibat ledakan plankton setelah hujan lebat yang membawa limpasan unsur hara dari darat. Mengaitkannya dengan limbah tambang tanpa bukti merupakan klaim **menyesatkan**.

Meski demikian, DLH tetap **memeriksa dokumen pengelolaan limbah** dua perusahaan di hulu dan menjadwalkan pemantauan ulang dua pekan lagi.

### Imbauan

Jangan mengonsumsi ikan yang ditemukan sudah mati. Laporan dugaan pencemaran dapat dikirim ke [pengaduan lingkungan DLH](https://dlh.kotabarukab.go.id/pengaduan) dengan foto, waktu, dan titik lokasi.`,
		},
	},
	// 34
	{
		Title:            "Permintaan data izin dan kewajiban reklamasi tambang di Pulau Laut",
		Summary:          "Sebuah lembaga swadaya masyarakat meminta data izin tambang, luas konsesi, dan kewajiban reklamasi perusahaan tambang di Pulau Laut, serta langkah pemerintah terhadap tambang ilegal.",
		Kind:             "INFORMATION_REQUEST",
		CategorySlug:     "lingkungan",
		Status:           "ANSWERED",
		AgencySlug:       "dlh",
		Priority:         "LOW",
		LoggedDaysAgo:    74.8,
		AssignAfter:      day,
		AcknowledgeAfter: 2 * day,
		AnswerAfter:      8 * day,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3240",
				ClaimText:      "Kami memohon data izin usaha pertambangan di Pulau Laut, luas konsesi, dan status jaminan reklamasi, serta penanganan penambangan tanpa izin.",
				DetectedBefore: hour,
			},
		},
		Response: &Response{
			Body: `## Informasi Izin dan Reklamasi Tambang di Pulau Laut

Dinas Lingkungan Hidup (DLH) Kabupaten Kotabaru menyampaikan tanggapan atas permintaan data izin tambang dan kewajiban reklamasi di Pulau Laut.

### Kewenangan

- Sejak berlakunya Undang-Undang Nomor 3 Tahun 2020, **izin usaha pertambangan mineral dan batu bara diterbitkan pemerintah pusat**. Data izin, luas konsesi, dan jaminan reklamasi dapat diminta melalui layanan informasi Kementerian ESDM.
- Pemerintah kabupaten tidak menerbitkan maupun memperpanjang izin tambang.

### Data yang ada di DLH

- DLH menyimpan salinan **dokumen lingkungan** (AMDAL atau UKL-UPL) yang pernah dinilai di daerah serta laporan pemantauan berkala. Untuk Pulau Laut tercatat **7 dokumen** yang masih berlaku.
- Ringkasan dokumen tersebut dapat diminta melalui PPID dengan mengisi formulir permohonan informasi.

### Tambang tanpa izin

Aktivitas **penambangan ilegal** dapat dilaporkan ke DLH dan Polres Kotabaru; DLH akan mendokumentasikan dampak lingkungannya untuk mendukung penegakan hukum.

Permohonan informasi: [ppid.kotabarukab.go.id](https://ppid.kotabarukab.go.id/permohonan). Pengaduan lingkungan: [dlh.kotabarukab.go.id/pengaduan](https://dlh.kotabarukab.go.id/pengaduan).`,
		},
	},
	// 35
	{
		Title:            "Apakah SMP negeri di Kotabaru boleh memungut SPP bulanan?",
		Summary:          "Orang tua siswa menanyakan kebenaran kabar bahwa SMP negeri akan memungut SPP bulanan karena sekolah gratis dihapus.",
		Kind:             "QUESTION",
		CategorySlug:     "pendidikan",
		Status:           "ANSWERED",
		AgencySlug:       "disdik",
		Priority:         "NORMAL",
		LoggedDaysAgo:    71.2,
		AssignAfter:      6 * hour,
		AcknowledgeAfter: day,
		AnswerAfter:      2 * day,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "Katanya mulai semester ini SMP negeri bayar SPP 100 ribu sebulan, sekolah gratis sudah dihapus. Benar tidak?",
				DetectedBefore: 10 * hour,
			},
		},
		Response: &Response{
			Body: `## SMP Negeri Tidak Boleh Memungut SPP

Dinas Pendidikan (Disdik) Kabupaten Kotabaru menegaskan bahwa **SMP negeri dilarang memungut SPP** atau iuran bulanan yang bersifat wajib.

### Dasar

- Biaya operasional sekolah negeri jenjang pendidikan dasar ditanggung melalui **Dana BOS** dari pemerintah pusat dan **BOS Daerah** dari APBD Kabupaten Kotabaru.
- Komite sekolah hanya boleh menggalang **sumbangan sukarela** yang tidak ditentukan jumlah dan waktunya, bukan pungutan, sesuai Permendikbud Nomor 75 Tahun 2016 tentang Komite Sekolah.

### Data

Tahun ini, **43 SMP negeri** di Kabupaten Kotabaru menerima Dana BOS untuk lebih dari **11.000 siswa**.

### Bila ada pungutan

1. Minta penjelasan tertulis kepada kepala sekolah.
2. Laporkan ke Disdik melalui [kanal pengaduan pendidikan](https://disdik.kotabarukab.go.id/pengaduan) dengan menyebut nama sekolah, jenis, dan besaran pungutan.
3. Identitas pelapor dirahasiakan.

Disdik akan memeriksa setiap laporan dan memerintahkan pengembalian bila terbukti ada pungutan wajib.`,
		},
	},
	// 36
	{
		Title:            "Dugaan pungutan liar pengurusan KTP dan KK di sebuah kantor kecamatan",
		Summary:          "Warga melaporkan diminta membayar Rp100.000 untuk mempercepat pengurusan KTP dan Kartu Keluarga di sebuah kantor kecamatan.",
		Kind:             "COMPLAINT",
		CategorySlug:     "administrasi-kependudukan",
		Status:           "ANSWERED",
		AgencySlug:       "inspektorat",
		Priority:         "HIGH",
		LoggedDaysAgo:    68.5,
		AssignAfter:      2 * hour,
		AcknowledgeAfter: 3 * hour,
		AnswerAfter:      day,
		Internal:         true,
		InternalReason:   "Menyangkut pemeriksaan Inspektorat terhadap pegawai yang belum selesai dan memuat identitas pelapor; dapat dibuka setelah pemeriksaan rampung.",
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3318",
				ClaimText:      "Saya diminta 100 ribu oleh petugas loket agar KK dan KTP cepat jadi, katanya kalau tidak bayar bisa sebulan.",
				DetectedBefore: hour,
			},
		},
		Response: &Response{
			Body: `## Tindak Lanjut Dugaan Pungutan Liar Layanan Adminduk

Inspektorat Kabupaten Kotabaru telah menerima dan menindaklanjuti laporan dugaan pungutan dalam pengurusan KTP dan Kartu Keluarga di salah satu kantor kecamatan.

### Langkah yang diambil

- Pemeriksaan khusus terhadap pegawai yang dilaporkan dimulai dalam **dua hari kerja** setelah laporan diterima.
- Keterangan diminta dari **6 warga** yang mengurus dokumen pada periode yang sama.
- Pegawai yang bersangkutan untuk sementara **dibebastugaskan dari layanan loket** selama pemeriksaan.

### Penegasan

Seluruh layanan administrasi kependudukan, termasuk KTP-el, KK, akta kelahiran, dan akta kematian, **tidak dipungut biaya** sesuai undang-undang tentang administrasi kependudukan. Warga tidak perlu memberikan uang jasa atau "uang rokok" kepada petugas.

### Melapor

Laporan pungutan liar dapat disampaikan melalui [kanal pengaduan Inspektorat](https://inspektorat.kotabarukab.go.id/pengaduan). Identitas pelapor dilindungi. Hasil pemeriksaan dilaporkan kepada Bupati dan ditindaklanjuti sesuai ketentuan disiplin pegawai.`,
		},
	},
	// 37
	{
		Title:            "Kabar IGD RSUD Pangeran Jaya Sumitra tutup karena dokter mogok",
		Summary:          "Pesan yang beredar di Facebook dan TikTok menyebut IGD RSUD tutup dan pasien diminta ke rumah sakit di luar daerah karena dokter mogok. RSUD memastikan IGD tetap buka 24 jam.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "kesehatan",
		Status:           "ANSWERED",
		AgencySlug:       "rsud-pjs",
		Priority:         "URGENT",
		LoggedDaysAgo:    65.9,
		AssignAfter:      15 * minute,
		AcknowledgeAfter: 30 * minute,
		AnswerAfter:      2*hour + 40*minute,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/1048275500000317/posts/1048275500053340/",
				ClaimText:      "IGD RSUD Kotabaru tutup mulai malam ini, dokter mogok. Kalau darurat langsung ke Batulicin saja.",
				AccountHandle:  "Info Kesehatan Banua 5",
				DetectedBefore: 2 * hour,
			},
			{
				Platform:       "TIKTOK",
				URL:            "https://www.tiktok.com/@curhat_pasien_ktb/video/7433120098870000637",
				ClaimText:      "Dokter RSUD mogok, IGD tidak terima pasien?",
				AccountHandle:  "@curhat_pasien_ktb",
				DetectedBefore: hour,
			},
		},
		Response: &Response{
			Verdict: "FALSE",
			Body: `## IGD RSUD Pangeran Jaya Sumitra Tetap Buka 24 Jam

RSUD Pangeran Jaya Sumitra menegaskan kabar bahwa Instalasi Gawat Darurat (IGD) ditutup karena dokter mogok **tidak benar**.

### Fakta

- IGD beroperasi **24 jam setiap hari** dan tidak pernah ditutup.
- Setiap giliran jaga diisi **dua dokter umum** dan perawat, dengan dokter spesialis siaga (on call).
- Bulan lalu IGD melayani **1.126 pasien**; pada hari beredarnya kabar tersebut tercatat 41 pasien dilayani.
- Rapat internal tentang jadwal jaga pada pekan lalu **bukan aksi mogok** dan tidak mengganggu layanan.

### Layanan gawat darurat

- Datang langsung ke IGD RSUD; pasien gawat darurat, termasuk peserta BPJS Kesehatan, dilayani **tanpa syarat rujukan**.
- Hubungi **Public Safety Center (PSC) 119** untuk layanan ambulans gawat darurat.

Periksa informasi melalui kanal resmi rumah sakit: [rsud.kotabarukab.go.id](https://rsud.kotabarukab.go.id/informasi).`,
		},
	},
	// 38
	{
		Title:            "Petani Kelumpang Tengah meminta pupuk bersubsidi tersedia sebelum musim tanam",
		Summary:          "Dalam siaran interaktif radio daerah, kelompok tani Kecamatan Kelumpang Tengah meminta pupuk bersubsidi sudah tersedia di kios sebelum musim tanam dimulai.",
		Kind:             "ASPIRATION",
		CategorySlug:     "ekonomi",
		Status:           "ANSWERED",
		AgencySlug:       "distan",
		Priority:         "LOW",
		LoggedDaysAgo:    62.4,
		AssignAfter:      day + 6*hour,
		AcknowledgeAfter: 3 * day,
		AnswerAfter:      10 * day,
		Sources: []Source{
			{
				Platform:       "OTHER",
				ClaimText:      "Penelepon siaran interaktif radio daerah: tiap musim tanam pupuk subsidi baru datang saat padi sudah ditanam, mohon dikirim lebih awal.",
				DetectedBefore: day,
			},
		},
		Response: &Response{
			Body: `## Penyaluran Pupuk Bersubsidi untuk Petani Kelumpang Tengah

Dinas Pertanian Kabupaten Kotabaru menerima aspirasi kelompok tani Kecamatan Kelumpang Tengah agar pupuk bersubsidi tersedia sebelum musim tanam.

### Kondisi alokasi

- Alokasi pupuk bersubsidi Kabupaten Kotabaru tahun ini: **urea 4.850 ton** dan **NPK 5.120 ton**.
- Kecamatan Kelumpang Tengah mendapat urea 310 ton dan NPK 335 ton untuk **1.240 petani** yang terdaftar dalam e-RDKK.

### Tindak lanjut

1. Dinas Pertanian meminta distributor mengirim **stok awal 40%** ke kios pupuk resmi di Kelumpang Tengah paling lambat dua pekan sebelum perkiraan tanam.
2. Penyuluh pertanian membantu kelompok tani memeriksa dan memutakhirkan data e-RDKK.
3. Petani yang belum terdaftar dapat mendaftar melalui kelompok tani dan penyuluh di Balai Penyuluhan Pertanian (BPP) kecamatan.

Kelangkaan atau harga pupuk di atas HET dapat dilaporkan ke [layanan pengaduan Dinas Pertanian](https://distan.kotabarukab.go.id/pengaduan-pupuk).`,
		},
	},
	// 39
	{
		Title:            "Apakah Kartu Tani masih diperlukan untuk menebus pupuk bersubsidi?",
		Summary:          "Petani menanyakan kabar bahwa Kartu Tani tidak berlaku lagi dan petani harus mendaftar ulang dengan membayar biaya aktivasi.",
		Kind:             "QUESTION",
		CategorySlug:     "ekonomi",
		Status:           "CLOSED",
		AgencySlug:       "distan",
		Priority:         "NORMAL",
		LoggedDaysAgo:    59.7,
		AssignAfter:      4 * hour,
		AcknowledgeAfter: 20 * hour,
		AnswerAfter:      2*day + 5*hour,
		CloseAfter:       8 * day,
		Sources: []Source{
			{
				Platform:       "FACEBOOK",
				URL:            "https://www.facebook.com/groups/3310456200000825/posts/3310456200112760/",
				ClaimText:      "Ada orang keliling desa bilang Kartu Tani harus diaktifkan ulang bayar 50 ribu, kalau tidak tidak bisa tebus pupuk. Benar?",
				AccountHandle:  "Kelompok Tani Sumber Rejeki 3",
				DetectedBefore: 8 * hour,
			},
		},
		Response: &Response{
			Body: `## Penebusan Pupuk Bersubsidi Tanpa Kartu Tani

Dinas Pertanian Kabupaten Kotabaru menjelaskan bahwa petani **tidak wajib memiliki Kartu Tani** untuk menebus pupuk bersubsidi.

### Ketentuan yang berlaku

- Penebusan dilakukan di kios pupuk resmi dengan menunjukkan **KTP-el**. Petugas kios mencocokkan data dengan e-RDKK melalui aplikasi penebusan.
- Syaratnya, petani **terdaftar dalam e-RDKK** melalui kelompok taninya.
- **Tidak ada biaya pendaftaran ulang** apa pun. Pihak yang menarik biaya dengan alasan "aktivasi kartu" tidak berasal dari pemerintah dan dapat dilaporkan.

### Jumlah kios

Terdapat **64 kios pupuk resmi** di 22 kecamatan. Daftar lengkap beserta alamatnya tersedia di laman Dinas Pertanian.

### Butuh bantuan?

Hubungi penyuluh di Balai Penyuluhan Pertanian (BPP) kecamatan, atau kunjungi [distan.kotabarukab.go.id/pupuk](https://distan.kotabarukab.go.id/pupuk).`,
		},
	},
	// 40
	{
		Title:         "Daftar penerima BLT yang dicoret kembali beredar di grup WhatsApp",
		Summary:       "Tangkapan layar daftar penerima BLT yang disebut dicoret karena memiliki ponsel Android kembali beredar dengan judul baru.",
		Kind:          "MISINFORMATION",
		CategorySlug:  "bantuan-sosial",
		Status:        "DUPLICATE",
		LoggedDaysAgo: 56.2,
		DuplicateOf:   12,
		Sources: []Source{
			{
				Platform:       "WHATSAPP",
				ClaimText:      "UPDATE daftar coret BLT, yg punya HP bagus dan motor baru tidak dapat lagi. Cek nama kalian.",
				DetectedBefore: 4 * hour,
			},
		},
	},
	// 41
	{
		Title:            "Lampu penerangan jalan padam di ruas menuju Pelabuhan Tanjung Serdang",
		Summary:          "Pengemudi yang menuju pelabuhan pada malam hari melaporkan sebagian besar lampu penerangan jalan umum padam sehingga jalan gelap dan rawan.",
		Kind:             "COMPLAINT",
		CategorySlug:     "infrastruktur",
		Status:           "CLOSED",
		AgencySlug:       "dishub",
		Priority:         "LOW",
		LoggedDaysAgo:    53.5,
		AssignAfter:      day,
		AcknowledgeAfter: 2 * day,
		AnswerAfter:      6 * day,
		CloseAfter:       13 * day,
		Sources: []Source{
			{
				Platform:       "X",
				URL:            "https://x.com/sopir_lintas_kalsel/status/1853000000000000741",
				ClaimText:      "Jalan ke Tanjung Serdang gelap gulita, lampu jalan banyak yang mati. Rawan kalau malam.",
				AccountHandle:  "@sopir_lintas_kalsel",
				DetectedBefore: 13 * hour,
			},
		},
		Response: &Response{
			Body: `## Perbaikan Lampu Penerangan Jalan Menuju Pelabuhan Tanjung Serdang

Dinas Perhubungan (Dishub) Kabupaten Kotabaru telah memperbaiki lampu penerangan jalan umum (PJU) yang padam di ruas jalan menuju Pelabuhan Tanjung Serdang.

### Hasil pemeriksaan

- Dari **36 titik** lampu di ruas tersebut, **21 titik** padam karena kabel jaringan putus tersangkut muatan truk, dan 5 lampu lainnya rusak.
- Perbaikan jaringan dan penggantian lampu dengan jenis LED yang lebih hemat energi selesai dalam **tiga hari kerja**.
- Kabel pada dua titik persimpangan dinaikkan agar tidak lagi tersangkut kendaraan tinggi.

### Pemeliharaan

Tim PJU melakukan patroli malam dua kali sepekan di jalan-jalan utama. Warga dapat membantu dengan melaporkan nomor tiang lampu yang padam beserta lokasinya.

Laporan PJU padam: [kotabarukab.go.id/dishub/pju](https://kotabarukab.go.id/dishub/pju) atau melalui [kanal pengaduan](https://kotabarukab.go.id/pengaduan).`,
		},
	},
	// 42
	{
		Title:            "Peringatan gelombang tinggi hingga 4 meter di perairan Kotabaru",
		Summary:          "Unggahan Instagram dan berita daring menyebut ada peringatan gelombang setinggi hingga 4 meter dan nelayan dilarang melaut. BPBD membenarkan peringatan dini dari BMKG tersebut.",
		Kind:             "MISINFORMATION",
		CategorySlug:     "bencana",
		Status:           "ANSWERED",
		AgencySlug:       "bpbd",
		Priority:         "URGENT",
		LoggedDaysAgo:    50.8,
		AssignAfter:      10 * minute,
		AcknowledgeAfter: 20 * minute,
		AnswerAfter:      hour + 50*minute,
		Sources: []Source{
			{
				Platform:       "INSTAGRAM",
				URL:            "https://www.instagram.com/p/DC1xHn4uPq8/",
				ClaimText:      "Gelombang 4 meter 3 hari ke depan di perairan Kotabaru, nelayan jangan melaut dulu!",
				AccountHandle:  "@nelayan.pulaulaut_07",
				DetectedBefore: 90 * minute,
			},
			{
				Platform:       "NEWS",
				URL:            "https://kabarpesisir.example/peristiwa/gelombang-tinggi-ancam-perairan-kotabaru",
				ClaimText:      "Gelombang tinggi ancam perairan Kotabaru, pelayaran ke pulau-pulau kecil terganggu.",
				DetectedBefore: hour,
			},
		},
		Response: &Response{
			Verdict: "TRUE",
			Body: `## Peringatan Dini Gelombang Tinggi di Perairan Kotabaru

BPBD Kabupaten Kotabaru membenarkan adanya **peringatan dini gelombang tinggi** dari BMKG untuk perairan Kotabaru.

### Isi peringatan

- Tinggi gelombang **2,5–4 meter** di Laut Jawa bagian timur dan perairan selatan Pulau Laut; 1,25–2,5 meter di Selat Laut.
- Kecepatan angin hingga 25 knot.
- Berlaku **tiga hari** sejak peringatan diterbitkan dan dapat diperpanjang.

### Dampak dan langkah

- Pelayaran speedboat dan kapal kayu rute Kotabaru–Pulau Sembilan dan Kotabaru–Pulau Sebuku **ditunda** oleh syahbandar sampai kondisi aman.
- Nelayan dengan perahu di bawah 10 GT diimbau **tidak melaut**.
- BPBD menyiagakan personel di posko pesisir Pulau Laut Selatan dan Pulau Laut Kepulauan.

### Kontak darurat

Laporkan kejadian darurat ke **Call Center 112**. Pantau pembaruan di [bpbd.kotabarukab.go.id](https://bpbd.kotabarukab.go.id/peringatan-dini) dan kanal resmi BMKG.`,
		},
	},
	// 43
	{
		Title:            "Bagaimana cara mengecek apakah keluarga terdaftar sebagai penerima PKH?",
		Summary:          "Warga menanyakan cara memastikan keluarganya terdaftar sebagai penerima Program Keluarga Harapan dan ke mana harus datang bila belum terdaftar.",
		Kind:             "QUESTION",
		CategorySlug:     "bantuan-sosial",
		Status:           "ANSWERED",
		AgencySlug:       "dinsos",
		Priority:         "NORMAL",
		LoggedDaysAgo:    47.3,
		AssignAfter:      4 * hour,
		AcknowledgeAfter: day,
		AnswerAfter:      2*day + 8*hour,
		Sources: []Source{
			{
				Platform:       "PORTAL",
				URL:            "https://kotabarukab.go.id/pengaduan/laporan/3507",
				ClaimText:      "Bagaimana cara cek apakah keluarga kami terdaftar PKH? Pendamping di desa sudah lama tidak datang.",
				DetectedBefore: 30 * minute,
			},
		},
		Response: &Response{
			Body: `## Cara Mengecek Kepesertaan PKH

Dinas Sosial (Dinsos) Kabupaten Kotabaru menjelaskan cara mengetahui apakah keluarga Anda terdaftar sebagai penerima Program Keluarga Harapan (PKH).

### Secara daring

1. Buka [cekbansos.kemensos.go.id](https://cekbansos.kemensos.go.id).
2. Isi provinsi, kabupaten, kecamatan, desa/kelurahan, dan **nama sesuai KTP**.
3. Ketik kode yang tampil, lalu pilih **Cari Data**.

### Secara langsung

- Tanyakan kepada **pendamping PKH** di kecamatan; daftar nama pendamping tersedia di kantor desa/kelurahan.
- Datang ke layanan informasi bansos Dinsos di **Kompleks Perkantoran Pemkab, Gedung B lantai 1**, Senin–Jumat 08.00–15.00 WITA, dengan membawa KTP dan KK.

### Belum terdaftar?

Usulkan melalui desa/kelurahan agar dimasukkan dalam pemutakhiran data. Penetapan penerima dilakukan Kementerian Sosial berdasarkan hasil verifikasi.

Layanan ini **gratis**. Informasi lebih lanjut: [dinsos.kotabarukab.go.id/pkh](https://dinsos.kotabarukab.go.id/pkh).`,
			Revisions: []Revision{
				{
					After:  4 * day,
					Reason: "Ralat alamat: layanan informasi bansos Dinsos kini berada di Gedung C lantai 2, bukan Gedung B lantai 1.",
					Body: `## Cara Mengecek Kepesertaan PKH

Dinas Sosial (Dinsos) Kabupaten Kotabaru menjelaskan cara mengetahui apakah keluarga Anda terdaftar sebagai penerima Program Keluarga Harapan (PKH).

### Secara daring

1. Buka [cekbansos.kemensos.go.id](https://cekbansos.kemensos.go.id).
2. Isi provinsi, kabupaten, kecamatan, desa/kelurahan, dan **nama sesuai KTP**.
3. Ketik kode yang tampil, lalu pilih **Cari Data**.

### Secara langsung

- Tanyakan kepada **pendamping PKH** di kecamatan; daftar nama pendamping tersedia di kantor desa/kelurahan.
- Datang ke layanan informasi bansos Dinsos di **Kompleks Perkantoran Pemkab, Gedung C lantai 2**, Senin–Jumat 08.00–15.00 WITA, dengan membawa KTP dan KK.

### Belum terdaftar?

Usulkan melalui desa/kelurahan agar dimasukkan dalam pemutakhiran data. Penetapan penerima dilakukan Kementerian Sosial berdasarkan hasil verifikasi.

Layanan ini **gratis**. Informasi lebih lanjut: [dinsos.kotabarukab.go.id/pkh](https://dinsos.kotabarukab.go.id/pkh).`,
				},
			},
		},
		Questions: []Question{
			{
				Body:    "Saya sudah cek di situs cekbansos tapi nama saya tidak keluar, padahal tahun lalu masih menerima PKH. Apakah saya harus datang ke kantor Dinsos atau cukup lewat desa?",
				Name:    "Juliansyah",
				Contact: "0821-0000-6194",
				After:   3 * day,
			},
		},
	},
}
