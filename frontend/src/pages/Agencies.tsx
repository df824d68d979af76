import { ErrorBox, ISSUE_SUMMARY_FIELDS, IssueCard, type IssueSummary, Loading, useQuery, useTitle } from '../components';
import { formatDate } from '../format';
import { type AgencyFigures, FIGURES, median, p90, percent } from '../report';
import { NotFound } from './NotFound';
import { useDirectory } from './directory';

export function AgencyList() {
  useTitle('Instansi');
  const { data, error, loading, reload } = useDirectory();
  return (
    <section>
      <h1>Instansi</h1>
      <p>Setiap isu diteruskan ke instansi yang bertanggung jawab. Pilih instansi untuk melihat isu dan kecepatan tanggapannya.</p>
      {error ? <ErrorBox error={error} retry={reload} /> : null}
      {loading && <Loading />}
      <ul class="agency-list">
        {(data?.agencies ?? []).map((a) => (
          <li class="card">
            <h2 class="card-title">
              <a href={`/instansi/${a.slug}`}>{a.name}</a>
            </h2>
            <p class="muted">{a.shortName}</p>
            {a.description && <p>{a.description}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface AgencyData {
  agency: { slug: string; name: string; shortName: string; description: string } | null;
  open: { totalCount: number };
  answered: { totalCount: number };
  recent: { totalCount: number; edges: { node: IssueSummary }[] };
  report: { from: string; to: string; minimumCount: number; total: AgencyFigures };
}

// Counts come from the public issue list, one alias per status group.
const AGENCY = `query Agency($slug: String!) {
  agency(slug: $slug) { slug name shortName description }
  open: issues(filter: { agencySlug: $slug, status: [ASSIGNED, IN_PROGRESS] }, first: 1) { totalCount }
  answered: issues(filter: { agencySlug: $slug, status: [ANSWERED, CLOSED] }, first: 1) { totalCount }
  recent: issues(filter: { agencySlug: $slug }, first: 10) { totalCount edges { node { ${ISSUE_SUMMARY_FIELDS} } } }
  report: responseTimeReport(agencySlug: $slug) { from to minimumCount total { ${FIGURES} } }
}`;

export function AgencyPage({ slug }: { slug: string }) {
  const { data, error, loading, reload } = useQuery<AgencyData>(AGENCY, { slug });
  useTitle(data?.agency?.name ?? 'Instansi');
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (loading || !data) return <Loading />;
  if (!data.agency) return <NotFound what="Instansi" />;
  const a = data.agency;
  return (
    <section>
      <nav aria-label="Remah roti" class="crumbs">
        <a href="/instansi">Instansi</a> <span aria-hidden="true">›</span> <span>{a.shortName}</span>
      </nav>
      <h1>{a.name}</h1>
      {a.description && <p class="lead">{a.description}</p>}
      <h2>Kecepatan tanggapan</h2>
      <p class="muted">
        Isu yang diteruskan {formatDate(data.report.from)} – {formatDate(data.report.to)}. Waktu dihitung dalam jam kerja
        (Senin–Jumat 08.00–16.00 WITA, di luar hari libur); angka dari kurang dari {data.report.minimumCount} isu ditampilkan
        sebagai "Belum cukup data".
      </p>
      <ResponseFigures figures={data.report.total} />
      <h2>Semua isu publik</h2>
      <dl class="stats">
        <div>
          <dt>Isu publik</dt>
          <dd>{data.recent.totalCount}</dd>
        </div>
        <div>
          <dt>Sudah dijawab</dt>
          <dd>{data.answered.totalCount}</dd>
        </div>
        <div>
          <dt>Masih ditangani</dt>
          <dd>{data.open.totalCount}</dd>
        </div>
      </dl>
      <h2>Isu terbaru</h2>
      {data.recent.edges.length === 0 && <p>Belum ada isu publik untuk instansi ini.</p>}
      <div class="card-list">
        {data.recent.edges.map((e) => (
          <IssueCard issue={e.node} />
        ))}
      </div>
      {data.recent.totalCount > data.recent.edges.length && (
        <p>
          <a href={`/?instansi=${a.slug}`}>Lihat semua {data.recent.totalCount} isu {a.shortName}</a>
        </p>
      )}
    </section>
  );
}

export function ResponseFigures({ figures: f }: { figures: AgencyFigures }) {
  return (
    <dl class="stats" data-testid="response-figures">
      <div>
        <dt>Diteruskan</dt>
        <dd>{f.assigned}</dd>
      </div>
      <div>
        <dt>Dijawab</dt>
        <dd>{f.answered}</dd>
      </div>
      <div>
        <dt>Terlambat saat ini</dt>
        <dd>{f.overdueNow}</dd>
      </div>
      <div>
        <dt>Dijawab tepat waktu</dt>
        <dd class="stat-text">{percent(f.answeredOnTime)}</dd>
      </div>
      <div>
        <dt>Median waktu jawab</dt>
        <dd class="stat-text">{median(f.timeToAnswer)}</dd>
      </div>
      <div>
        <dt>Persentil ke-90 waktu jawab</dt>
        <dd class="stat-text">{p90(f.timeToAnswer)}</dd>
      </div>
      <div>
        <dt>Dikonfirmasi tepat waktu</dt>
        <dd class="stat-text">{percent(f.acknowledgedOnTime)}</dd>
      </div>
      <div>
        <dt>Median waktu konfirmasi</dt>
        <dd class="stat-text">{median(f.timeToAcknowledge)}</dd>
      </div>
    </dl>
  );
}
