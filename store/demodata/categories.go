package demodata

// Categories are the topics issues are filed under.
var Categories = []Category{
	{
		Slug:        "kesehatan",
		Name:        "Kesehatan",
		Description: "Puskesmas, rumah sakit, imunisasi, penyakit menular seperti DBD, dan jaminan kesehatan (BPJS Kesehatan).",
	},
	{
		Slug:        "pendidikan",
		Name:        "Pendidikan",
		Description: "Sekolah, PPDB dan zonasi, kalender pendidikan, biaya sekolah, beasiswa, dan perpustakaan.",
	},
	{
		Slug:        "infrastruktur",
		Name:        "Infrastruktur",
		Description: "Jalan, jembatan, drainase, penerangan jalan, dan listrik.",
	},
	{
		Slug:        "bencana",
		Name:        "Kebencanaan",
		Description: "Banjir, longsor, gelombang tinggi, kebakaran, peringatan dini, dan penanganan darurat.",
	},
	{
		Slug:        "bantuan-sosial",
		Name:        "Bantuan Sosial",
		Description: "Bansos PKH, BLT, bantuan pangan, data penerima, dan penyalurannya.",
	},
	{
		Slug:        "administrasi-kependudukan",
		Name:        "Administrasi Kependudukan",
		Description: "KTP elektronik, Kartu Keluarga, akta kelahiran, dan dokumen kependudukan lainnya.",
	},
	{
		Slug:        "transportasi",
		Name:        "Transportasi",
		Description: "Penyeberangan feri, angkutan umum, parkir, dan lalu lintas.",
	},
	{
		Slug:        "lingkungan",
		Name:        "Lingkungan Hidup",
		Description: "Sampah, pencemaran, mangrove, pertambangan, dan satwa liar.",
	},
	{
		Slug:        "air-bersih",
		Name:        "Air Bersih",
		Description: "Layanan air minum perpipaan: gangguan aliran, kualitas air, dan tagihan.",
	},
	{
		Slug:        "ekonomi",
		Name:        "Ekonomi dan Harga",
		Description: "Harga bahan pokok dan LPG 3 kg, BBM nelayan, pupuk bersubsidi, pajak daerah, dan pasar murah.",
	},
	{
		Slug:        "kepegawaian",
		Name:        "Kepegawaian",
		Description: "Seleksi CPNS dan PPPK, tenaga non-ASN, dan informasi kepegawaian pemerintah daerah.",
	},
	{
		Slug:        "pemerintahan",
		Name:        "Pemerintahan dan Ketertiban Umum",
		Description: "Pelayanan pemerintahan, pencatutan nama pejabat, pungutan liar, dan ketertiban umum.",
	},
}
