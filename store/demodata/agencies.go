package demodata

// Agencies are the regional work units of the regency that answer issues.
var Agencies = []Agency{
	{
		Slug:        "diskominfo",
		Name:        "Dinas Komunikasi dan Informatika",
		ShortName:   "Diskominfo",
		Description: "Mengoordinasikan Tim Reaksi Cepat (TRC) media sosial, mengelola kanal resmi Pemerintah Kabupaten Kotabaru, dan meneruskan isu yang menjadi kewenangan instansi vertikal atau BUMN seperti PLN.",
	},
	{
		Slug:        "dinkes",
		Name:        "Dinas Kesehatan",
		ShortName:   "Dinkes",
		Description: "Menyelenggarakan urusan kesehatan: puskesmas, imunisasi, pengendalian penyakit seperti DBD dan difteri, serta layanan Cek Kesehatan Gratis.",
	},
	{
		Slug:        "rsud-pjs",
		Name:        "RSUD Pangeran Jaya Sumitra",
		ShortName:   "RSUD PJS",
		Description: "Rumah sakit umum daerah milik Pemerintah Kabupaten Kotabaru dengan layanan IGD 24 jam, rawat jalan, dan rawat inap bagi peserta JKN maupun umum.",
	},
	{
		Slug:        "disdik",
		Name:        "Dinas Pendidikan",
		ShortName:   "Disdik",
		Description: "Mengelola PAUD, SD, dan SMP, penerimaan peserta didik baru (PPDB), kalender pendidikan, dan Dana BOS Daerah.",
	},
	{
		Slug:        "pupr",
		Name:        "Dinas Pekerjaan Umum dan Penataan Ruang",
		ShortName:   "Dinas PUPR",
		Description: "Membangun dan memelihara jalan, jembatan, dan drainase kabupaten serta menyusun rencana tata ruang.",
	},
	{
		Slug:        "bpbd",
		Name:        "Badan Penanggulangan Bencana Daerah",
		ShortName:   "BPBD",
		Description: "Menangani kesiapsiagaan, tanggap darurat, dan pemulihan bencana seperti banjir, longsor, kebakaran hutan dan lahan, serta gelombang tinggi; mengelola Pusdalops 24 jam.",
	},
	{
		Slug:        "dinsos",
		Name:        "Dinas Sosial",
		ShortName:   "Dinsos",
		Description: "Mengelola data penerima dan penyaluran bantuan sosial (bansos) seperti PKH, BLT, dan bantuan pangan, serta layanan rehabilitasi sosial.",
	},
	{
		Slug:        "disdukcapil",
		Name:        "Dinas Kependudukan dan Pencatatan Sipil",
		ShortName:   "Disdukcapil",
		Description: "Menerbitkan dokumen kependudukan tanpa biaya: KTP elektronik, Kartu Keluarga, Kartu Identitas Anak, akta kelahiran dan kematian, serta Identitas Kependudukan Digital.",
	},
	{
		Slug:        "dishub",
		Name:        "Dinas Perhubungan",
		ShortName:   "Dishub",
		Description: "Mengatur lalu lintas, angkutan umum, perparkiran, penerangan jalan umum, serta mengoordinasikan informasi penyeberangan Tanjung Serdang–Batulicin.",
	},
	{
		Slug:        "dlh",
		Name:        "Dinas Lingkungan Hidup",
		ShortName:   "DLH",
		Description: "Mengelola persampahan, pengawasan pencemaran, dokumen lingkungan, dan perlindungan ekosistem pesisir termasuk mangrove.",
	},
	{
		Slug:        "perumda-air-minum",
		Name:        "Perumda Air Minum Kotabaru",
		ShortName:   "PDAM",
		Description: "Perusahaan umum daerah penyedia air minum perpipaan bagi pelanggan di Kotabaru dan ibu kota kecamatan.",
	},
	{
		Slug:        "distan",
		Name:        "Dinas Pertanian",
		ShortName:   "Distan",
		Description: "Membina petani dan kelompok tani, menyusun e-RDKK, serta mengawasi penyaluran pupuk bersubsidi melalui penyuluh di setiap kecamatan.",
	},
	{
		Slug:        "diskan",
		Name:        "Dinas Perikanan",
		ShortName:   "Diskan",
		Description: "Membina nelayan dan pembudi daya ikan, menerbitkan rekomendasi solar bersubsidi, dan mengawasi mutu hasil perikanan.",
	},
	{
		Slug:        "satpol-pp",
		Name:        "Satuan Polisi Pamong Praja dan Pemadam Kebakaran",
		ShortName:   "Satpol PP",
		Description: "Menegakkan peraturan daerah, menjaga ketertiban umum dan ketenteraman masyarakat, serta menangani kebakaran.",
	},
	{
		Slug:        "bapenda",
		Name:        "Badan Pendapatan Daerah",
		ShortName:   "Bapenda",
		Description: "Mengelola pajak daerah seperti PBB-P2, BPHTB, pajak restoran, dan pajak hotel, termasuk layanan SPPT dan program keringanan.",
	},
	{
		Slug:        "bkpsdm",
		Name:        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
		ShortName:   "BKPSDM",
		Description: "Mengelola seleksi dan manajemen ASN (PNS dan PPPK), penataan tenaga non-ASN, serta pengembangan kompetensi pegawai.",
	},
	{
		Slug:        "disdag",
		Name:        "Dinas Perdagangan",
		ShortName:   "Disdag",
		Description: "Memantau harga dan pasokan bahan pokok serta LPG 3 kg, mengelola pasar daerah, dan menyelenggarakan pasar murah.",
	},
	{
		Slug:        "inspektorat",
		Name:        "Inspektorat Daerah",
		ShortName:   "Inspektorat",
		Description: "Aparat pengawas internal pemerintah daerah: memeriksa dugaan pungutan liar, penyalahgunaan wewenang, dan pelanggaran disiplin pegawai.",
	},
}

// StaffAccounts are the demo staff logins: one administrator, two members of
// the Rapid Reaction Team, one auditor, and an information officer (PIC) for
// every agency.
var StaffAccounts = []Staff{
	{Email: "admin@demo.tanggap.id", Name: "Fajar Nugroho Santosa", Role: "ADMIN"},
	{Email: "trc.sari@demo.tanggap.id", Name: "Sari Wulandari Effendi", Role: "TRC"},
	{Email: "trc.bayu@demo.tanggap.id", Name: "Bayu Aditya Ramadhan", Role: "TRC"},
	{Email: "auditor@demo.tanggap.id", Name: "Dewi Kartika Halim", Role: "AUDITOR"},
	{Email: "pic.diskominfo@demo.tanggap.id", Name: "Rina Marlina Susanti", Role: "PIC", AgencySlug: "diskominfo"},
	{Email: "pic.dinkes@demo.tanggap.id", Name: "Nurul Hikmah Fadillah", Role: "PIC", AgencySlug: "dinkes"},
	{Email: "pic.rsud@demo.tanggap.id", Name: "Ahmad Fauzi Rahman", Role: "PIC", AgencySlug: "rsud-pjs"},
	{Email: "pic.disdik@demo.tanggap.id", Name: "Lestari Ayu Pertiwi", Role: "PIC", AgencySlug: "disdik"},
	{Email: "pic.pupr@demo.tanggap.id", Name: "Muhammad Rizal Firdaus", Role: "PIC", AgencySlug: "pupr"},
	{Email: "pic.bpbd@demo.tanggap.id", Name: "Agus Setiyono Wibowo", Role: "PIC", AgencySlug: "bpbd"},
	{Email: "pic.dinsos@demo.tanggap.id", Name: "Siti Rahmawati Noor", Role: "PIC", AgencySlug: "dinsos"},
	{Email: "pic.disdukcapil@demo.tanggap.id", Name: "Yusuf Maulana Akbar", Role: "PIC", AgencySlug: "disdukcapil"},
	{Email: "pic.dishub@demo.tanggap.id", Name: "Irwan Syahputra Lubis", Role: "PIC", AgencySlug: "dishub"},
	{Email: "pic.dlh@demo.tanggap.id", Name: "Hairul Anwar Mahdi", Role: "PIC", AgencySlug: "dlh"},
	{Email: "pic.pdam@demo.tanggap.id", Name: "Noorhayati Aulia", Role: "PIC", AgencySlug: "perumda-air-minum"},
	{Email: "pic.distan@demo.tanggap.id", Name: "Syahrani Basri", Role: "PIC", AgencySlug: "distan"},
	{Email: "pic.diskan@demo.tanggap.id", Name: "Rusdiansyah Hamdani", Role: "PIC", AgencySlug: "diskan"},
	{Email: "pic.satpolpp@demo.tanggap.id", Name: "Taufik Hidayatullah", Role: "PIC", AgencySlug: "satpol-pp"},
	{Email: "pic.bapenda@demo.tanggap.id", Name: "Mariani Ulfah", Role: "PIC", AgencySlug: "bapenda"},
	{Email: "pic.bkpsdm@demo.tanggap.id", Name: "Rahmadi Saleh Nugraha", Role: "PIC", AgencySlug: "bkpsdm"},
	{Email: "pic.disdag@demo.tanggap.id", Name: "Fitriani Hasanah", Role: "PIC", AgencySlug: "disdag"},
	{Email: "pic.inspektorat@demo.tanggap.id", Name: "Zainal Abidin Mukhlis", Role: "PIC", AgencySlug: "inspektorat"},
}
