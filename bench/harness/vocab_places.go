package main

// villages are the desa and kelurahan the generated issues happen in: each
// issue names exactly one, chosen uniformly, so each name is held by about
// 1/len(villages) of the issues (1.4 % with 70 names), which makes them the
// selective search terms. They are single words without Indonesian affixes,
// so the stemmer leaves them distinct, and no name's stem begins another
// word of the generated text: a name stemmed to "papa" would also find
// "papan" (board) on an engine that matches the last query word as a prefix.
var villages = []string{
	"Semayap", "Sebatung", "Gedambaan", "Stagen", "Sigam", "Tirawan", "Rampa", "Sarangtiung",
	"Serudung", "Batuah", "Tegalrejo", "Lontar", "Salino", "Sungup", "Langkang", "Kemuning",
	"Maradapan", "Marabatuan", "Lalak", "Seloka", "Sekapung", "Pelayar", "Gosong", "Sengayam",
	"Samalantakan", "Tamiang", "Magalau", "Manunggul", "Pudi", "Cantung", "Bungkukan", "Banjarsari",
	"Senakin", "Sembilang", "Sepapah", "Gunungulin", "Telukaru", "Mangkalapi", "Selaru", "Sakalimau",
	"Geronggang", "Mekarpura", "Tanjungsari", "Sahapi", "Bekambit", "Betung", "Sulangkit", "Teluktamiang",
	"Rantaubuda", "Sidomulyo", "Sukamaju", "Karangsari", "Pantaibaru", "Lembu", "Mandin", "Tarjun",
	"Langadai", "Bangkalaan", "Manggalau", "Sampit", "Tampakang", "Tarusan", "Berangas", "Lasung",
	"Tanjungbatu", "Hulurawa", "Sungaibali", "Sungaitaib", "Oka", "Kulipak",
}

// kecamatan are the districts; one goes with every village mention.
var kecamatan = []string{
	"Pulau Laut Utara", "Pulau Laut Tengah", "Pulau Laut Selatan", "Pulau Laut Kepulauan",
	"Pulau Laut Barat", "Pulau Laut Timur", "Pulau Laut Tanjung Selayar", "Pulau Laut Sigam",
	"Pulau Sebuku", "Kelumpang Selatan", "Kelumpang Hilir", "Kelumpang Hulu", "Kelumpang Tengah",
	"Kelumpang Utara", "Kelumpang Barat", "Hampang", "Sungai Durian", "Pamukan Selatan",
	"Pamukan Barat", "Pamukan Utara", "Sampanahan", "Pulau Sembilan",
}

var streets = []string{
	"Jalan Batu Selira", "Jalan Raya Stagen", "Jalan Pangeran Hidayatullah", "Jalan Veteran",
	"Jalan Pramuka", "Jalan Kubah Indah", "Jalan Berangas", "Jalan Singa Karsa", "Jalan Hasan Basri",
	"Jalan Sungai Taib", "Jalan Telaga Sari", "Jalan Poros Sebelimbingan", "Jalan Merdeka",
	"Jalan Ahmad Yani", "Jalan Diponegoro", "Jalan Padat Karya", "Jalan Sukarno-Hatta", "Jalan Kartini",
}

var schools = []string{
	"SDN 1", "SDN 2", "SDN 3", "SDN 4", "SDN 5", "SMPN 1", "SMPN 2", "SMPN 3", "SMPN 4", "TK Pembina",
}

var askers = []string{
	"seorang ibu rumah tangga", "seorang pedagang", "seorang guru honorer", "seorang mahasiswa",
	"seorang nelayan", "seorang pengemudi ojek", "seorang petani sawit", "seorang pensiunan ASN",
	"seorang pegawai swasta", "seorang kader posyandu",
}

var requesters = []string{
	"Lembaga Bantuan Hukum Kotabaru", "seorang wartawan media daring", "Forum Anak Daerah",
	"sebuah lembaga swadaya masyarakat lingkungan", "seorang mahasiswa tingkat akhir",
	"Ikatan Pelajar Kotabaru", "seorang peneliti universitas", "komunitas pemantau anggaran",
}

var groups = []string{
	"kelompok tani", "karang taruna", "majelis taklim", "paguyuban pedagang pasar",
	"kelompok nelayan", "forum RT", "ikatan pemuda", "tim penggerak PKK",
}

var socialPlaces = []string{
	"grup WhatsApp warga", "Facebook", "TikTok", "Instagram", "grup Facebook jual beli Kotabaru",
	"pesan berantai WhatsApp", "X (Twitter)", "kanal YouTube lokal",
}

var durations = []string{
	"dua hari", "tiga hari", "empat hari", "sepekan", "lima hari", "dua pekan", "sebulan", "satu hari",
}

var months = []string{
	"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
	"November", "Desember",
}

var amounts = []string{
	"Rp25.000", "Rp50.000", "Rp75.000", "Rp100.000", "Rp150.000", "Rp250.000", "Rp300.000",
	"Rp500.000", "Rp600.000", "Rp1,5 juta", "Rp2 juta", "Rp5 juta",
}

var contacts = []string{
	"Warga yang memerlukan informasi lebih lanjut dapat menghubungi layanan pengaduan di nomor (0518) 21000 pada hari dan jam kerja.",
	"Informasi resmi hanya disampaikan melalui situs dan akun media sosial Pemerintah Kabupaten Kotabaru.",
	"Pertanyaan lanjutan dapat disampaikan langsung ke kantor kami pada hari kerja pukul 08.00–16.00 WITA.",
	"Kami mengimbau warga memeriksa kebenaran setiap informasi sebelum membagikannya.",
	"Perkembangan penanganan akan kami perbarui di halaman ini.",
	"Laporan susulan dapat dikirim melalui portal ini dengan menyebutkan nomor isu.",
}

var acks = []string{
	"Terima kasih atas laporan yang disampaikan.",
	"Kami telah menerima dan memeriksa laporan ini.",
	"Terima kasih kepada warga yang telah menyampaikan informasi ini.",
	"Laporan ini telah kami verifikasi ke lapangan.",
	"Kami memahami keresahan warga atas persoalan ini.",
}

var verdictLabels = map[string]string{
	"FALSE": "hoaks", "MISLEADING": "menyesatkan", "PARTLY_TRUE": "sebagian benar", "TRUE": "benar",
	"UNPROVEN": "belum terbukti",
}
