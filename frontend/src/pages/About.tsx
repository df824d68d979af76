import { VerdictBadge, useQuery, useTitle, useWorkingHours } from '../components';
import { allowance, priorityLabels, verdictLabels, verdictMeanings } from '../format';

interface Policy {
  priority: string;
  acknowledgeWithinMinutes: number;
  answerWithinMinutes: number;
  basis: string;
}

const POLICIES = `query Policies { responsePolicies { priority acknowledgeWithinMinutes answerWithinMinutes basis } }`;

/** The targets the portal ships with, shown while or if the live ones cannot be read. */
const DEFAULT_POLICIES: Policy[] = [
  { priority: 'URGENT', acknowledgeWithinMinutes: 60, answerWithinMinutes: 360, basis: 'CLOCK' },
  { priority: 'HIGH', acknowledgeWithinMinutes: 240, answerWithinMinutes: 480, basis: 'WORKING' },
  { priority: 'NORMAL', acknowledgeWithinMinutes: 480, answerWithinMinutes: 1440, basis: 'WORKING' },
  { priority: 'LOW', acknowledgeWithinMinutes: 1440, answerWithinMinutes: 4800, basis: 'WORKING' },
];

const STEPS: [string, string][] = [
  ['Isu dicatat', 'Tim Reaksi Cepat (TRC) memantau media sosial, berita, dan pertanyaan warga, lalu mencatat kabar atau keluhan yang perlu dijawab pemerintah daerah.'],
  ['Diteruskan ke instansi', 'TRC meneruskan isu ke instansi yang bertanggung jawab dan menetapkan prioritasnya. Sejak saat itu batas waktu berjalan.'],
  ['Diterima instansi', 'Petugas informasi instansi (PIC) menyatakan menerima isu dan menyiapkan jawaban.'],
  ['Tanggapan resmi terbit', 'PIC menerbitkan jawaban resmi atas nama instansinya. Untuk kabar yang beredar, jawaban disertai label putusan.'],
  ['Ralat bila perlu', 'Jawaban yang dikoreksi tetap menyimpan versi sebelumnya beserta alasan ralatnya, dan siapa pun dapat membacanya.'],
  ['Ditutup', 'Isu dinyatakan selesai dan ditutup. Bila ada perkembangan baru, isu dapat dibuka kembali dengan alasan yang dipublikasikan.'],
];

/** What the portal is, how issues are handled, the deadlines, the labels, privacy and the open data. */
export function About() {
  useTitle('Tentang Tanggap');
  const live = useQuery<{ responsePolicies: Policy[] }>(POLICIES);
  const week = useWorkingHours();
  const policies = live.data?.responsePolicies.length ? live.data.responsePolicies : DEFAULT_POLICIES;
  const origin = location.origin;
  return (
    <article class="about narrow">
      <h1>Tentang Tanggap</h1>
      <p class="lead">
        Tanggap adalah portal transparansi Pemerintah Kabupaten Kotabaru. Di sini warga, jurnalis, dan lembaga pengawas membaca
        klarifikasi resmi atas hoaks yang beredar, jawaban atas keluhan dan pertanyaan warga, serta seberapa cepat setiap instansi
        menjawab.
      </p>
      <p>
        Setiap jawaban, ralat, dan langkah penanganan tercatat dengan waktunya. Catatan itu tidak dapat dihapus atau diubah diam-diam:
        setiap perubahan masuk log audit berantai yang diperiksa Ombudsman.
      </p>
      <nav aria-label="Isi halaman" class="toc">
        <ul>
          <li>
            <a href="#proses">Bagaimana isu ditangani</a>
          </li>
          <li>
            <a href="#batas-waktu">Batas waktu</a>
          </li>
          <li>
            <a href="#putusan">Arti label putusan</a>
          </li>
          <li>
            <a href="#privasi">Privasi</a>
          </li>
          <li>
            <a href="#api">Data terbuka dan API</a>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="proses">
        <h2 id="proses">Bagaimana isu ditangani</h2>
        <ol class="steps">
          {STEPS.map(([what, how]) => (
            <li>
              <strong>{what}.</strong> {how}
            </li>
          ))}
        </ol>
        <p>
          Warga dapat <a href="/tanya">mengajukan pertanyaan</a> tanpa akun dan <a href="/lacak">melacaknya</a> dengan kode pelacakan.
          TRC menautkan pertanyaan ke isu yang sudah ada, membuka isu baru, atau menolaknya dengan alasan yang dapat dibaca penanya.
        </p>
      </section>

      <section aria-labelledby="batas-waktu">
        <h2 id="batas-waktu">Batas waktu</h2>
        <p>Instansi wajib menyatakan menerima isu dan menerbitkan jawaban resmi dalam batas waktu sesuai prioritasnya:</p>
        <div class="table-wrap">
          <table class="data" data-testid="policy-table">
            <caption class="sr-only">Batas waktu menurut prioritas</caption>
            <thead>
              <tr>
                <th scope="col">Prioritas</th>
                <th scope="col">Diterima instansi dalam</th>
                <th scope="col">Dijawab dalam</th>
              </tr>
            </thead>
            <tbody>
              {policies.map((p) => (
                <tr>
                  <th scope="row">{priorityLabels[p.priority] ?? p.priority}</th>
                  <td>{allowance(p.acknowledgeWithinMinutes, p.basis)}</td>
                  <td>
                    {allowance(p.answerWithinMinutes, p.basis)}
                    {p.basis === 'CLOCK' ? ', termasuk malam dan hari libur' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <strong>Jam kerja</strong> adalah {week.summary} WITA, di luar hari libur nasional, cuti bersama, dan hari
          libur daerah; satu hari kerja berarti {week.dayHours} jam kerja. Waktu dihitung sejak isu diteruskan ke instansi. Setiap halaman isu
          menjelaskan hari mana yang dihitung dan mana yang dilewati.
        </p>
        <p>
          Isu yang melewati batas waktunya ditandai <span class="badge overdue">Terlambat</span> di halaman isu, di daftar isu, dan di{' '}
          <a href="/instansi">halaman instansi</a>, beserta berapa lama keterlambatannya.
        </p>
      </section>

      <section aria-labelledby="putusan">
        <h2 id="putusan">Arti label putusan</h2>
        <p>Kabar yang beredar (cek fakta) dijawab dengan salah satu label berikut. Keluhan dan pertanyaan dijawab tanpa label.</p>
        <dl class="verdicts">
          {Object.keys(verdictLabels).map((v) => (
            <div>
              <dt>
                <VerdictBadge verdict={v} />
              </dt>
              <dd>{verdictMeanings[v]}</dd>
            </div>
          ))}
        </dl>
        <p>Bila bukti baru muncul, instansi dapat meralat jawaban dan labelnya; versi lama dan alasan ralat tetap terlihat.</p>
      </section>

      <section aria-labelledby="privasi">
        <h2 id="privasi">Privasi</h2>
        <ul>
          <li>
            <strong>Nama dan kontak Anda tidak pernah dipublikasikan.</strong> Hanya TRC, admin, auditor (Ombudsman), dan PIC instansi
            yang menangani pertanyaan Anda yang dapat melihatnya, untuk menghubungi Anda bila perlu.
          </li>
          <li>
            <strong>Teks pertanyaan dapat menjadi publik</strong> bila TRC membukanya sebagai isu publik. Jangan tuliskan data pribadi
            seperti NIK, alamat rumah, atau nomor HP di dalam teks pertanyaan.
          </li>
          <li>Siapa pun yang memegang kode pelacakan dapat melihat status dan teks pertanyaan, tetapi tidak nama dan kontak Anda.</li>
          <li>Akun media sosial yang menyebarkan sebuah klaim tidak ditampilkan kepada publik.</li>
        </ul>
      </section>

      <section aria-labelledby="api">
        <h2 id="api">Data terbuka dan API</h2>
        <p>Semua yang tampil di portal ini dapat dibaca mesin, tanpa akun dan tanpa kunci:</p>
        <ul>
          <li>
            <strong>API GraphQL</strong> di <code>{origin}/graphql</code>. Coba dan baca dokumentasi setiap kolom di{' '}
            <a href="/graphiql">GraphiQL</a>.
          </li>
          <li>
            <strong>Umpan Atom</strong> di <a href="/feed.xml">/feed.xml</a>: 50 isu yang paling baru dijawab atau diralat, dengan label
            putusannya. Untuk satu instansi: <code>/feed.xml?agency=dinkes</code>.
          </li>
          <li>
            Halaman isu memuat data <span lang="en">ClaimReview</span> (schema.org), sehingga mesin pencari dan pemeriksa fakta dapat
            membaca putusannya.
          </li>
        </ul>
        <p>Contoh: sepuluh isu yang paling baru dijawab, dengan label putusan dan instansinya.</p>
        <pre class="code">
          <code>{`curl -s ${origin}/graphql \\
  -H 'Content-Type: application/json' \\
  -d '{"query":"{ issues(filter: {status: [ANSWERED, CLOSED]}, orderBy: RECENTLY_UPDATED, first: 10) { edges { node { number title verdictLabel agency { name } } } } }"}'`}</code>
        </pre>
        <p class="hint">Jumlah permintaan dibatasi per alamat agar layanan tetap cepat untuk semua orang.</p>
      </section>
    </article>
  );
}
