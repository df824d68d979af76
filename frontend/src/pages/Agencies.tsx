import { ErrorBox, ISSUE_SUMMARY_FIELDS, IssueCard, type IssueSummary, Loading, useNow, useQuery, useTitle, useWorkingHours } from '../components';
import { formatDate } from '../format';
import { type AgencyFigures, type DurationStats, type Share, FIGURES, NOT_ENOUGH, medianWorking, nineInTen, onTimeShare } from '../report';
import { FollowButton } from '../follow';
import { NotFound } from './NotFound';
import { useDirectory } from './directory';

interface ListFigures {
  agency: { slug: string } | null;
  assigned: number;
  answeredOnTime: Share;
  timeToAnswer: DurationStats;
}

interface AgencyListData {
  report: { from: string; to: string; minimumCount: number; agencies: ListFigures[] };
  overdue: { totalCount: number; edges: { node: { agency: { slug: string } | null } }[] };
}

const STATS = 'count enoughData workingMedian { seconds text } workingP90 { seconds text } clockMedian { seconds text } clockP90 { seconds text }';

// Overdue counts come from the live issue list, not the report's period, so
// an issue that has waited longer than the period still counts.
const AGENCY_LIST = `query AgencyFigures {
  report: responseTimeReport {
    from to minimumCount
    agencies { agency { slug } assigned answeredOnTime { onTime of enoughData ratio } timeToAnswer { ${STATS} } }
  }
  overdue: issues(filter: { overdue: true }, first: 100) { totalCount edges { node { agency { slug } } } }
}`;

export function AgencyList() {
  useTitle('Instansi');
  const { data, error, loading, reload } = useDirectory();
  const figures = useQuery<AgencyListData>(AGENCY_LIST);
  const bySlug = new Map((figures.data?.report.agencies ?? []).map((row) => [row.agency?.slug ?? '', row]));
  const overdue = new Map<string, number>();
  for (const e of figures.data?.overdue.edges ?? []) {
    const slug = e.node.agency?.slug ?? '';
    overdue.set(slug, (overdue.get(slug) ?? 0) + 1);
  }
  return (
    <section>
      <h1>Instansi</h1>
      <p>
        Setiap isu diteruskan ke instansi yang bertanggung jawab. Di bawah ini seberapa cepat setiap instansi menjawab. Pilih
        instansi untuk melihat isunya.
      </p>
      {figures.data && <Method from={figures.data.report.from} to={figures.data.report.to} minimum={figures.data.report.minimumCount} />}
      {error ? <ErrorBox error={error} retry={reload} /> : null}
      {figures.error ? <ErrorBox error={figures.error} retry={figures.reload} /> : null}
      {loading && <Loading />}
      <ul class="agency-list">
        {(data?.agencies ?? []).map((a) => {
          const row = bySlug.get(a.slug);
          return (
            <li class="card" data-agency={a.slug}>
              <h2 class="card-title">
                <a href={`/instansi/${a.slug}`}>{a.name}</a>
              </h2>
              <p class="muted">{a.shortName}</p>
              {figures.data && <ListRow row={row} late={overdue.get(a.slug) ?? 0} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** An agency's three headline figures; one line when there are too few issues for any. */
function ListRow({ row, late }: { row: ListFigures | undefined; late: number }) {
  const few = !row || (!row.answeredOnTime.enoughData && !row.timeToAnswer.enoughData);
  const assigned = row?.assigned ?? 0;
  return (
    <dl class="agency-figures">
      {few ? (
        <div>
          <dt>Kecepatan jawab</dt>
          <dd>{assigned === 0 ? 'Belum ada isu' : `${NOT_ENOUGH} (${assigned} isu diteruskan)`}</dd>
        </div>
      ) : (
        <>
          <div>
            <dt>Dijawab tepat waktu</dt>
            <dd>{onTimeShare(row.answeredOnTime)}</dd>
          </div>
          <div>
            <dt>Waktu jawab (median)</dt>
            <dd>{medianWorking(row.timeToAnswer)}</dd>
          </div>
        </>
      )}
      <div>
        <dt>Terlambat saat ini</dt>
        <dd class={late > 0 ? 'figure-late' : undefined}>{late > 0 ? `${late} isu` : 'Tidak ada'}</dd>
      </div>
    </dl>
  );
}

/** How the figures are made, in a few sentences. */
function Method({ from, to, minimum }: { from: string; to: string; minimum: number }) {
  const week = useWorkingHours();
  return (
    <details class="method">
      <summary>Cara membaca angka ini</summary>
      <ul>
        <li>
          Angka dihitung dari isu publik yang diteruskan ke instansi antara {formatDate(from)} dan {formatDate(to)} (90 hari
          terakhir).
        </li>
        <li>
          <strong>Tepat waktu</strong> berarti jawaban resmi terbit sebelum batas waktu prioritas isu itu (
          <a href="/tentang#batas-waktu">lihat batas waktu</a>). Isu yang belum dijawab padahal batasnya lewat dihitung terlambat.
        </li>
        <li>
          <strong>Waktu jawab</strong> dihitung sejak isu diteruskan sampai jawaban resmi terbit, dalam jam kerja: {week.summary} WITA,
          di luar hari libur; 1 hari kerja = {week.dayHours} jam kerja. <strong>Median</strong> berarti separuh isu dijawab
          lebih cepat dari angka itu.
        </li>
        <li>
          <strong>Terlambat saat ini</strong> menghitung semua isu yang masih terbuka dan sudah lewat batas waktunya, berapa pun
          umurnya.
        </li>
        <li>Angka dari kurang dari {minimum} isu tidak ditampilkan ("Belum cukup data"), karena mudah menyesatkan.</li>
      </ul>
    </details>
  );
}

interface AgencyData {
  agency: { slug: string; name: string; shortName: string; description: string } | null;
  open: { totalCount: number };
  answered: { totalCount: number };
  overdue: { totalCount: number; edges: { node: IssueSummary }[] };
  recent: { totalCount: number; edges: { node: IssueSummary }[] };
  report: { from: string; to: string; minimumCount: number; total: AgencyFigures };
}

// Counts come from the public issue list, one alias per status group.
const AGENCY = `query Agency($slug: String!) {
  agency(slug: $slug) { slug name shortName description }
  open: issues(filter: { agencySlug: $slug, status: [ASSIGNED, IN_PROGRESS] }, first: 1) { totalCount }
  answered: issues(filter: { agencySlug: $slug, status: [ANSWERED, CLOSED] }, first: 1) { totalCount }
  overdue: issues(filter: { agencySlug: $slug, overdue: true }, orderBy: OLDEST, first: 50) { totalCount edges { node { ${ISSUE_SUMMARY_FIELDS} } } }
  recent: issues(filter: { agencySlug: $slug }, first: 10) { totalCount edges { node { ${ISSUE_SUMMARY_FIELDS} } } }
  report: responseTimeReport(agencySlug: $slug) { from to minimumCount total { ${FIGURES} } }
}`;

export function AgencyPage({ slug }: { slug: string }) {
  const { data, error, loading, reload } = useQuery<AgencyData>(AGENCY, { slug });
  const now = useNow();
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
      <div class="follow" data-testid="follow-agency">
        <FollowButton target={{ agencySlug: a.slug }} what={`jawaban baru ${a.shortName}`} />
      </div>

      <h2 id="terlambat">Terlambat saat ini</h2>
      {data.overdue.totalCount === 0 ? (
        <p>Tidak ada isu {a.shortName} yang melewati batas waktu saat ini.</p>
      ) : (
        <>
          <p>
            {data.overdue.totalCount} isu masih terbuka dan sudah melewati batas waktunya.
          </p>
          <div class="card-list" data-testid="overdue-list">
            {data.overdue.edges.map((e) => (
              <IssueCard issue={e.node} now={now} />
            ))}
          </div>
        </>
      )}

      <h2>Kecepatan tanggapan</h2>
      <ResponseFigures figures={data.report.total} />
      <Method from={data.report.from} to={data.report.to} minimum={data.report.minimumCount} />

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
          <IssueCard issue={e.node} now={now} />
        ))}
      </div>
      {data.recent.totalCount > data.recent.edges.length && (
        <p>
          <a href={`/?instansi=${a.slug}&status=semua`}>Lihat semua {data.recent.totalCount} isu {a.shortName}</a>
        </p>
      )}
    </section>
  );
}

/** An agency's figures for the period, in durations people use. */
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
        <dt>Dijawab tepat waktu</dt>
        <dd class="stat-text">{onTimeShare(f.answeredOnTime)}</dd>
      </div>
      <div>
        <dt>Waktu jawab (median)</dt>
        <dd class="stat-text">{medianWorking(f.timeToAnswer)}</dd>
      </div>
      <div>
        <dt>9 dari 10 jawaban terbit dalam</dt>
        <dd class="stat-text">{nineInTen(f.timeToAnswer)}</dd>
      </div>
      <div>
        <dt>Diterima instansi tepat waktu</dt>
        <dd class="stat-text">{onTimeShare(f.acknowledgedOnTime)}</dd>
      </div>
      <div>
        <dt>Waktu sampai diterima (median)</dt>
        <dd class="stat-text">{medianWorking(f.timeToAcknowledge)}</dd>
      </div>
    </dl>
  );
}
