-- The search documents of the database engines. Only public issues have a
-- row; the indexer writes them from the search outbox.
CREATE TABLE search_documents (
    issue_id      INTEGER PRIMARY KEY REFERENCES issues (id),
    number        TEXT NOT NULL,
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL,
    body          TEXT NOT NULL,
    extra         TEXT NOT NULL,
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    verdict       TEXT,
    agency_slug   TEXT,
    category_slug TEXT,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    terms         TEXT NOT NULL
);

--bun:split

CREATE INDEX search_documents_created_idx ON search_documents (created_at, issue_id);

--bun:split

-- Stems of the document's words, one column per weighted part; the rowid
-- is the issue id.
CREATE VIRTUAL TABLE search_fts USING fts5 (
    title, summary, body, extra,
    tokenize = 'unicode61 remove_diacritics 2'
);

--bun:split

-- Every word and stem of the indexed documents with the number of documents
-- that hold it: typo tolerance looks for close words here.
CREATE TABLE search_vocabulary (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;

--bun:split

-- Rows the indexer set aside, for /readyz and /metrics.
CREATE INDEX search_outbox_failed_idx ON search_outbox (id) WHERE failed_at IS NOT NULL AND done_at IS NULL;

--bun:split

INSERT INTO search_synonyms (term, synonyms, updated_at) VALUES
    ('dinkes', 'dinas kesehatan', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('disdik', 'dinas pendidikan', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('pupr', 'pekerjaan umum', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('bpbd', 'badan penanggulangan bencana daerah, penanggulangan bencana', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('bansos', 'bantuan sosial', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('dbd', 'demam berdarah, demam berdarah dengue', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('ktp', 'kartu tanda penduduk, e-ktp, ktp-el', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('kk', 'kartu keluarga', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('rsud', 'rumah sakit umum daerah, rumah sakit', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('puskesmas', 'pusat kesehatan masyarakat', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('igd', 'instalasi gawat darurat, ugd', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('dinsos', 'dinas sosial', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('dishub', 'dinas perhubungan', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('disdukcapil', 'dukcapil, pencatatan sipil', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('diskominfo', 'kominfo, dinas komunikasi dan informatika', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('dlh', 'dinas lingkungan hidup', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('distan', 'dinas pertanian', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('diskan', 'dinas perikanan', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('satpol pp', 'satuan polisi pamong praja, satpol', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('pdam', 'perumda air minum, perusahaan daerah air minum', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('pln', 'perusahaan listrik negara', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('blt', 'bantuan langsung tunai', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('pkh', 'program keluarga harapan', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('bpjs', 'badan penyelenggara jaminan sosial', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('jkn', 'jaminan kesehatan nasional', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('asn', 'aparatur sipil negara', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('pns', 'pegawai negeri sipil', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('cpns', 'calon pegawai negeri sipil', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('pppk', 'pegawai pemerintah dengan perjanjian kerja', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('ppdb', 'penerimaan peserta didik baru, spmb', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('pemkab', 'pemerintah kabupaten, pemda', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('lpg', 'elpiji, gas melon', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('bbm', 'bahan bakar minyak', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('pbb', 'pajak bumi dan bangunan', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('sembako', 'sembilan bahan pokok', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('umkm', 'usaha mikro kecil dan menengah', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('hoaks', 'hoax, kabar bohong, berita bohong', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('medsos', 'media sosial', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('faskes', 'fasilitas kesehatan', strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('nakes', 'tenaga kesehatan', strftime('%Y-%m-%d %H:%M:%f', 'now'))
ON CONFLICT (term) DO NOTHING;
