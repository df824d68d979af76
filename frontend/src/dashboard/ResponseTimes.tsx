import { useState } from 'preact/hooks';
import { downloadWithToken, errorMessage } from '../api';
import { ErrorBox, Loading, useQuery } from '../components';
import { formatDate, formatDateTime, priorityLabels, statusLabels } from '../format';
import { type AgencyFigures, type Duration, FIGURES, median, p90, percent } from '../report';
import { shareColour, useWidth } from './charts';

interface Waiting {
  clock: 'ACKNOWLEDGE' | 'ANSWER';
  dueAt: string;
  overdueWorking: Duration;
  overdueClock: Duration;
  issue: { number: string; title: string; status: string; priority: string | null; internal: boolean; agency: { name: string } | null };
}

interface Report {
  responseTimeReport: {
    from: string;
    to: string;
    generatedAt: string;
    minimumCount: number;
    includesInternal: boolean;
    agencies: AgencyFigures[];
    total: AgencyFigures & { waiting: Waiting[] };
  };
}

const REPORT = `query Report($from: Time, $to: Time) {
  responseTimeReport(from: $from, to: $to) {
    from to generatedAt minimumCount includesInternal
    agencies { ${FIGURES} }
    total { ${FIGURES}
      waiting { clock dueAt overdueWorking { seconds text } overdueClock { seconds text }
        issue { number title status priority internal agency { name } } } }
  }
}`;

// The overdue list is not limited to the chosen period: it asks for every
// open issue assigned within the longest period a report may span.
const OVERDUE = `query Overdue($from: Time, $to: Time) {
  responseTimeReport(from: $from, to: $to) {
    total { waiting { clock dueAt overdueWorking { seconds text } overdueClock { seconds text }
      issue { number title status priority internal agency { name } } } }
  }
}`;

const OVERDUE_SPAN_DAYS = 5 * 365;

/** Response times per agency: charts, the table behind them, and who lets which issue wait. */
export function ResponseTimes({ from, to }: { from: Date; to: Date }) {
  const q = useQuery<Report>(REPORT, { from: from.toISOString(), to: to.toISOString() });
  const r = q.data?.responseTimeReport;
  const rows = r?.agencies.filter((a) => a.assigned > 0) ?? [];
  return (
    <>
      <h2>Kecepatan tanggapan per instansi</h2>
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {!r && !q.error && <Loading />}
      {r && (
        <>
          <p class="muted">
            {formatDate(r.from)} – {formatDate(new Date(Date.parse(r.to) - 1).toISOString())}, dihitung {formatDateTime(r.generatedAt)}
            {r.includesInternal ? ', termasuk isu internal' : ''}. Waktu dalam jam kerja. Instansi dengan kurang dari {r.minimumCount} isu
            ditampilkan sebagai &quot;Belum cukup data&quot;.
          </p>
          <p>
            Seluruh instansi: {r.total.assigned} isu diteruskan, {r.total.answered} dijawab, {r.total.overdueNow} terlambat saat ini; dijawab
            tepat waktu {percent(r.total.answeredOnTime)}; median waktu jawab {median(r.total.timeToAnswer)}, persentil ke-90{' '}
            {p90(r.total.timeToAnswer)}.
          </p>
          <TimeChart rows={[r.total, ...rows]} />
          <ShareChart rows={[r.total, ...rows]} />
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Angka per instansi">
            <table class="data" data-testid="response-times">
              <caption class="sr-only">Angka kecepatan tanggapan per instansi</caption>
              <thead>
                <tr>
                  <th scope="col">Instansi</th>
                  <th scope="col">Diteruskan</th>
                  <th scope="col">Dijawab</th>
                  <th scope="col">Terlambat kini</th>
                  <th scope="col">Tepat waktu (jawab)</th>
                  <th scope="col">Median jawab</th>
                  <th scope="col">P90 jawab</th>
                  <th scope="col">Median konfirmasi</th>
                  <th scope="col">P90 konfirmasi</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr>
                    <th scope="row">{a.agency?.name}</th>
                    <td>{a.assigned}</td>
                    <td>{a.answered}</td>
                    <td>{a.overdueNow}</td>
                    <td>{percent(a.answeredOnTime)}</td>
                    <td>{median(a.timeToAnswer)}</td>
                    <td>{p90(a.timeToAnswer)}</td>
                    <td>{median(a.timeToAcknowledge)}</td>
                    <td>{p90(a.timeToAcknowledge)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

/** Every open issue past a due time, whatever the period: who lets which issue wait. */
export function Overdue({ to }: { to: Date }) {
  const overdue = useQuery<Report>(OVERDUE, {
    from: new Date(to.getTime() - OVERDUE_SPAN_DAYS * 86400000).toISOString(),
    to: to.toISOString(),
  });
  const waiting = [...(overdue.data?.responseTimeReport.total.waiting ?? [])].sort(
    (a, b) => b.overdueClock.seconds - a.overdueClock.seconds,
  );
  if (overdue.error) return <ErrorBox error={overdue.error} retry={overdue.reload} />;
  if (!overdue.data) return <Loading />;
  return (
    <>
      <h2>Isu terlambat ({waiting.length})</h2>
      <p class="muted">Semua isu terbuka yang melewati batas waktu, tidak terbatas pada periode di atas; yang paling lama menunggu di atas.</p>
      {waiting.length === 0 ? (
        <p>Tidak ada isu yang terlambat.</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Isu terlambat">
          <table class="data" data-testid="overdue">
            <thead>
              <tr>
                <th scope="col">Isu</th>
                <th scope="col">Instansi</th>
                <th scope="col">Jam</th>
                <th scope="col">Batas</th>
                <th scope="col">Terlambat (jam kerja)</th>
                <th scope="col">Terlambat (jam biasa)</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((w) => (
                <tr>
                  <td>
                    <a href={`/staf/isu/${w.issue.number}`}>{w.issue.title}</a>
                    <br />
                    <span class="issue-number">{w.issue.number}</span> · {statusLabels[w.issue.status]}
                    {w.issue.priority ? ` · ${priorityLabels[w.issue.priority]}` : ''}
                    {w.issue.internal ? ' · internal' : ''}
                  </td>
                  <td>{w.issue.agency?.name}</td>
                  <td>{w.clock === 'ACKNOWLEDGE' ? 'Konfirmasi' : 'Jawaban'}</td>
                  <td>{formatDateTime(w.dueAt)}</td>
                  <td class="clock clock-late">{w.overdueWorking.text}</td>
                  <td>{w.overdueClock.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

type Row = AgencyFigures;

const BAR = 16;

/** The room for agency names: less on a phone. */
const labelWidth = (width: number) => (width < 480 ? 72 : 110);

/** Horizontal bars: median and 90th percentile of time to answer, in working hours. */
function TimeChart({ rows }: { rows: Row[] }) {
  const shown = rows.filter((r) => r.timeToAnswer.enoughData && r.timeToAnswer.workingP90);
  if (shown.length === 0) return <p>Belum ada instansi dengan cukup data untuk grafik waktu jawab.</p>;
  const [box, WIDTH] = useWidth<HTMLDivElement>();
  const LABEL = labelWidth(WIDTH);
  const max = Math.max(...shown.map((r) => r.timeToAnswer.workingP90!.seconds), 1);
  const scale = (s: number) => ((WIDTH - LABEL - 90) * s) / max;
  const rowH = BAR * 2 + 12;
  const height = shown.length * rowH + 10;
  const description = shown
    .map((r) => `${(r.agency?.shortName ?? 'Semua')}: median ${r.timeToAnswer.workingMedian?.text}, persentil ke-90 ${r.timeToAnswer.workingP90?.text}`)
    .join('; ');
  return (
    <figure>
      <figcaption>
        <strong>Waktu jawab (jam kerja)</strong>
        <span class="legend">
          <span>
            <span class="swatch" style="background:#0b4f6c" /> Median
          </span>
          <span>
            <span class="swatch" style="background:#8fb3c7" /> Persentil ke-90
          </span>
        </span>
      </figcaption>
      <div ref={box}>
      <svg class="chart" width={WIDTH} height={height} viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Waktu jawab per instansi. ${description}`}>
        {shown.map((r, i) => {
          const y = i * rowH + 5;
          const m = r.timeToAnswer.workingMedian!;
          const p = r.timeToAnswer.workingP90!;
          return (
            <g>
              <text x={0} y={y + BAR + 4}>
                {(r.agency?.shortName ?? 'Semua')}
              </text>
              <rect x={LABEL} y={y} width={Math.max(scale(m.seconds), 1)} height={BAR} fill="#0b4f6c" />
              <text x={LABEL + Math.max(scale(m.seconds), 1) + 4} y={y + BAR - 4}>
                {m.text}
              </text>
              <rect x={LABEL} y={y + BAR + 2} width={Math.max(scale(p.seconds), 1)} height={BAR} fill="#8fb3c7" />
              <text x={LABEL + Math.max(scale(p.seconds), 1) + 4} y={y + 2 * BAR - 2}>
                {p.text}
              </text>
            </g>
          );
        })}
      </svg>
      </div>
    </figure>
  );
}

/** Horizontal bars: share answered on time. */
function ShareChart({ rows }: { rows: Row[] }) {
  const shown = rows.filter((r) => r.answeredOnTime.enoughData && r.answeredOnTime.ratio !== null);
  if (shown.length === 0) return <p>Belum ada instansi dengan cukup data untuk grafik ketepatan waktu.</p>;
  const [box, WIDTH] = useWidth<HTMLDivElement>();
  const LABEL = labelWidth(WIDTH);
  const rowH = BAR + 10;
  const height = shown.length * rowH + 10;
  const span = WIDTH - LABEL - 44;
  return (
    <figure>
      <figcaption>
        <strong>Dijawab tepat waktu</strong>
      </figcaption>
      <div ref={box}>
      <svg
        class="chart"
        width={WIDTH}
        height={height}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Bagian isu yang dijawab tepat waktu. ${shown.map((r) => `${(r.agency?.shortName ?? 'Semua')}: ${percent(r.answeredOnTime)}`).join('; ')}`}
      >
        {shown.map((r, i) => {
          const y = i * rowH + 5;
          const ratio = r.answeredOnTime.ratio!;
          return (
            <g>
              <text x={0} y={y + BAR - 3}>
                {(r.agency?.shortName ?? 'Semua')}
              </text>
              <rect x={LABEL} y={y} width={span} height={BAR} fill="#e3e8ec" />
              <rect x={LABEL} y={y} width={Math.max(span * ratio, 1)} height={BAR} fill={shareColour(ratio)} />
              <text x={LABEL + span + 6} y={y + BAR - 3}>
                {Math.round(ratio * 100)}%
              </text>
            </g>
          );
        })}
      </svg>
      </div>
    </figure>
  );
}

/** CSV downloads for auditors and admins; the response times follow the chosen period. */
export function Downloads({ from, to }: { from: Date; to: Date }) {
  const period = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  const EXPORTS: [string, string, string][] = [
    ['/export/issues.csv', 'isu.csv', 'Semua isu dengan waktu dan batasnya'],
    [`/export/response-times.csv?${period}`, 'waktu-tanggap.csv', 'Kecepatan tanggapan per instansi, periode ini'],
    ['/export/audit.csv', 'log-audit.csv', 'Log audit'],
  ];
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState('');
  return (
    <>
      <h2>Unduh CSV</h2>
      <p class="muted">Berkas UTF-8 dengan judul kolom berbahasa Indonesia; durasi dalam detik dan dalam jam.</p>
      {error && (
        <div class="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <ul class="actions" style="list-style:none;padding:0">
        {EXPORTS.map(([path, name, label]) => (
          <li>
            <button
              type="button"
              class="btn btn-secondary"
              disabled={busy === path}
              onClick={async () => {
                setBusy(path);
                setError(null);
                try {
                  await downloadWithToken(path, name);
                } catch (e) {
                  setError(errorMessage(e));
                } finally {
                  setBusy('');
                }
              }}
            >
              {label} ({name})
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
