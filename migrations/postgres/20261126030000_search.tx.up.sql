-- The search documents of the database engines. Only public issues have a
-- row; the indexer writes them from the search outbox. tsv is built with the
-- indonesian text-search configuration: title A, summary B, responses C,
-- agency, category, verdict and claims D.
CREATE TABLE search_documents (
    issue_id      bigint PRIMARY KEY REFERENCES issues (id),
    number        text NOT NULL,
    title         text NOT NULL,
    summary       text NOT NULL,
    body          text NOT NULL,
    extra         text NOT NULL,
    kind          text NOT NULL,
    status        text NOT NULL,
    verdict       text,
    agency_slug   text,
    category_slug text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    terms         text NOT NULL,
    tsv           tsvector NOT NULL
);

--bun:split

CREATE INDEX search_documents_tsv_idx ON search_documents USING GIN (tsv);

--bun:split

CREATE INDEX search_documents_created_idx ON search_documents (created_at, issue_id);

--bun:split

-- Every word and stem of the indexed documents with the number of documents
-- that hold it: typo tolerance looks for close words here.
CREATE TABLE search_vocabulary (
    term text COLLATE "C" PRIMARY KEY,
    docs integer NOT NULL
);

--bun:split

-- Rows the indexer set aside, for /readyz and /metrics.
CREATE INDEX search_outbox_failed_idx ON search_outbox (id) WHERE failed_at IS NOT NULL AND done_at IS NULL;

--bun:split

INSERT INTO search_synonyms (term, synonyms, updated_at) VALUES
    ('dinkes', 'dinas kesehatan', now()),
    ('disdik', 'dinas pendidikan', now()),
    ('pupr', 'pekerjaan umum', now()),
    ('bpbd', 'badan penanggulangan bencana daerah, penanggulangan bencana', now()),
    ('bansos', 'bantuan sosial', now()),
    ('dbd', 'demam berdarah, demam berdarah dengue', now()),
    ('ktp', 'kartu tanda penduduk, e-ktp, ktp-el', now()),
    ('kk', 'kartu keluarga', now()),
    ('rsud', 'rumah sakit umum daerah, rumah sakit', now()),
    ('puskesmas', 'pusat kesehatan masyarakat', now()),
    ('igd', 'instalasi gawat darurat, ugd', now()),
    ('dinsos', 'dinas sosial', now()),
    ('dishub', 'dinas perhubungan', now()),
    ('disdukcapil', 'dukcapil, pencatatan sipil', now()),
    ('diskominfo', 'kominfo, dinas komunikasi dan informatika', now()),
    ('dlh', 'dinas lingkungan hidup', now()),
    ('distan', 'dinas pertanian', now()),
    ('diskan', 'dinas perikanan', now()),
    ('satpol pp', 'satuan polisi pamong praja, satpol', now()),
    ('pdam', 'perumda air minum, perusahaan daerah air minum', now()),
    ('pln', 'perusahaan listrik negara', now()),
    ('blt', 'bantuan langsung tunai', now()),
    ('pkh', 'program keluarga harapan', now()),
    ('bpjs', 'badan penyelenggara jaminan sosial', now()),
    ('jkn', 'jaminan kesehatan nasional', now()),
    ('asn', 'aparatur sipil negara', now()),
    ('pns', 'pegawai negeri sipil', now()),
    ('cpns', 'calon pegawai negeri sipil', now()),
    ('pppk', 'pegawai pemerintah dengan perjanjian kerja', now()),
    ('ppdb', 'penerimaan peserta didik baru, spmb', now()),
    ('pemkab', 'pemerintah kabupaten, pemda', now()),
    ('lpg', 'elpiji, gas melon', now()),
    ('bbm', 'bahan bakar minyak', now()),
    ('pbb', 'pajak bumi dan bangunan', now()),
    ('sembako', 'sembilan bahan pokok', now()),
    ('umkm', 'usaha mikro kecil dan menengah', now()),
    ('hoaks', 'hoax, kabar bohong, berita bohong', now()),
    ('medsos', 'media sosial', now()),
    ('faskes', 'fasilitas kesehatan', now()),
    ('nakes', 'tenaga kesehatan', now())
ON CONFLICT (term) DO NOTHING;
