import { ErrorBox, Loading, useQuery } from '../components';
import { useDirectory } from '../pages/directory';
import type { Duration, Share } from '../report';
import { shareColour, useWidth } from './charts';
import { setQuery } from './Period';

interface TrendFigures {
  agency: { slug: string; shortName: string; name: string } | null;
  assigned: number;
  answeredOnTime: Share;
  timeToAnswer: { count: number; enoughData: boolean; workingMedian: Duration | null };
}

interface HeatFigures {
  agency: { slug: string; shortName: string; name: string } | null;
  answeredOnTime: Share;
}

interface TrendMonth {
  month: string;
  total: TrendFigures;
}

interface HeatMonth {
  month: string;
  total: { assigned: number };
  agencies: HeatFigures[];
}

interface Trend {
  responseTimeTrend: { minimumCount: number; includesInternal: boolean; months: TrendMonth[] };
}

interface Heat {
  responseTimeTrend: { minimumCount: number; months: HeatMonth[] };
}

// The charts ask for one row a month (all agencies, or the one chosen); the
// table asks for every agency's share, and nothing more, so that both stay
// within the API's cost limit.
const TREND = `query Trend($from: Time, $to: Time, $agency: String) {
  responseTimeTrend(from: $from, to: $to, agencySlug: $agency) {
    minimumCount includesInternal
    months { month total { agency { slug shortName name } assigned answeredOnTime { onTime of enoughData ratio }
      timeToAnswer { count enoughData workingMedian { seconds text } } } }
  }
}`;

const HEAT = `query TrendByAgency($from: Time, $to: Time) {
  responseTimeTrend(from: $from, to: $to) {
    minimumCount
    months { month total { assigned } agencies { agency { slug shortName name } answeredOnTime { onTime of enoughData ratio } } }
  }
}`;

/** The longest trend the dashboard draws, in months. */
const MAX_MONTHS = 24;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const MONTHS_LONG = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "Mei" for "2026-05"; the year is added where a year starts. */
function monthLabel(month: string, long = false): string {
  const [y, m] = month.split('-').map(Number);
  return `${(long ? MONTHS_LONG : MONTHS)[m - 1]}${long ? ` ${y}` : ''}`;
}

/**
 * The trend covers the twelve months up to the end of the chosen period, or
 * the whole period when it is longer, up to MAX_MONTHS.
 */
export function trendRange(from: Date, to: Date): { from: Date; to: Date; clipped: boolean } {
  const end = new Date(to.getTime() - 1 + 8 * 3600_000);
  const monthStart = (back: number) => new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - back, 1) - 8 * 3600_000);
  const twelve = monthStart(11);
  const longest = monthStart(MAX_MONTHS - 1);
  if (from >= twelve) return { from: twelve, to, clipped: false };
  if (from >= longest) return { from, to, clipped: false };
  return { from: longest, to, clipped: true };
}

/** On-time shares and median times to answer month by month, for all agencies or one. */
export function Trends({ from, to, path, query }: { from: Date; to: Date; path: string; query: URLSearchParams }) {
  const range = trendRange(from, to);
  const slug = query.get('instansi') ?? '';
  const vars = { from: range.from.toISOString(), to: range.to.toISOString() };
  const q = useQuery<Trend>(TREND, { ...vars, agency: slug || null });
  const heat = useQuery<Heat>(HEAT, vars);
  const directory = useDirectory();
  const t = q.data?.responseTimeTrend;
  // Months before the first issue of the period say nothing: the trend
  // starts at the first month with issues in any agency.
  const firstWithIssues = heat.data ? heat.data.responseTimeTrend.months.findIndex((m) => m.total.assigned > 0) : 0;
  const skip = firstWithIssues === -1 ? (heat.data?.responseTimeTrend.months.length ?? 1) - 1 : firstWithIssues;
  const months = t ? t.months.slice(skip) : [];
  const heatMonths = heat.data ? heat.data.responseTimeTrend.months.slice(skip) : [];
  const rows: { month: string; figures: TrendFigures | null }[] = months.map((m) => ({ month: m.month, figures: m.total }));
  const agencyName = slug ? (directory.data?.agencies.find((a) => a.slug === slug)?.name ?? slug) : 'Semua instansi';
  return (
    <section aria-labelledby="tren-judul">
      <h2 id="tren-judul">Tren bulanan</h2>
      <div class="field trend-agency">
        <label for="tren-instansi">Instansi</label>
        <select id="tren-instansi" value={slug} onChange={(e) => setQuery(path, query, { instansi: (e.target as HTMLSelectElement).value || null })}>
          <option value="">Semua instansi</option>
          {(directory.data?.agencies ?? []).map((a) => (
            <option value={a.slug}>{a.name}</option>
          ))}
        </select>
      </div>
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {heat.error ? <ErrorBox error={heat.error} retry={heat.reload} /> : null}
      {(!t || !heat.data) && !q.error && !heat.error && <Loading />}
      {t && heat.data && months.length > 0 && (
        <>
          {range.clipped && <p class="muted">Periode ini lebih dari {MAX_MONTHS} bulan: tren menampilkan {MAX_MONTHS} bulan terakhirnya.</p>}
          <p class="muted">
            {agencyName}, {monthLabel(months[0].month, true)} – {monthLabel(months[months.length - 1].month, true)}, menurut bulan isu diteruskan
            {t.includesInternal ? ', termasuk isu internal' : ''}. Bulan dengan kurang dari {t.minimumCount} isu ditandai &quot;–&quot; (belum cukup data).
          </p>
          <div class="trend-charts">
            <ShareTrend rows={rows} agency={agencyName} />
            <MedianTrend rows={rows} agency={agencyName} />
          </div>
          <Heatmap months={heatMonths} minimum={t.minimumCount} />
        </>
      )}
    </section>
  );
}

const PLOT_TOP = 22;
const PLOT_HEIGHT = 120;
const AXIS = 34;

/** Month slots across the width, with room on the left for the scale. */
function slots(width: number, n: number) {
  const left = 40;
  const step = (width - left - 4) / Math.max(n, 1);
  return { left, step, bar: Math.max(6, Math.min(28, step * 0.62)) };
}

function MonthAxis({ rows, left, step }: { rows: { month: string }[]; left: number; step: number }) {
  const every = step < 24 ? 2 : 1;
  return (
    <>
      {rows.map((r, i) =>
        i % every === 0 ? (
          <text x={left + step * i + step / 2} y={PLOT_TOP + PLOT_HEIGHT + 16} text-anchor="middle">
            {monthLabel(r.month)}
          </text>
        ) : null,
      )}
      {rows.map((r, i) =>
        r.month.endsWith('-01') || (i === 0 && !rows[1]?.month.endsWith('-01')) ? (
          <text x={left + step * i + step / 2} y={PLOT_TOP + PLOT_HEIGHT + 30} text-anchor="middle" class="chart-year">
            {r.month.slice(0, 4)}
          </text>
        ) : null,
      )}
    </>
  );
}

/** Vertical bars: the share answered on time, each month. */
function ShareTrend({ rows, agency }: { rows: { month: string; figures: TrendFigures | null }[]; agency: string }) {
  const [box, width] = useWidth<HTMLDivElement>();
  const { left, step, bar } = slots(width, rows.length);
  const height = PLOT_TOP + PLOT_HEIGHT + AXIS;
  const y = (ratio: number) => PLOT_TOP + PLOT_HEIGHT * (1 - ratio);
  const description = rows
    .map((r) => {
      const s = r.figures?.answeredOnTime;
      return `${monthLabel(r.month, true)}: ${s?.enoughData && s.ratio !== null ? `${Math.round(s.ratio * 100)}%` : 'belum cukup data'}`;
    })
    .join('; ');
  return (
    <figure data-testid="trend-share">
      <figcaption>
        <strong>Dijawab tepat waktu per bulan</strong>
      </figcaption>
      <div ref={box}>
        <svg class="chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Bagian isu ${agency} yang dijawab tepat waktu per bulan. ${description}`}>
          {[0, 0.5, 0.8, 1].map((g) => (
            <g>
              <line x1={left} x2={width} y1={y(g)} y2={y(g)} class={g === 0 ? 'chart-axis' : 'chart-grid'} />
              <text x={left - 4} y={y(g) + 4} text-anchor="end">
                {Math.round(g * 100)}%
              </text>
            </g>
          ))}
          {rows.map((r, i) => {
            const s = r.figures?.answeredOnTime;
            const x = left + step * i + (step - bar) / 2;
            if (!s || !s.enoughData || s.ratio === null) {
              return (
                <text x={x + bar / 2} y={y(0) - 4} text-anchor="middle" class="chart-missing">
                  –
                </text>
              );
            }
            return (
              <g data-month={r.month}>
                <rect x={x} y={y(s.ratio)} width={bar} height={Math.max(1, PLOT_HEIGHT * s.ratio)} fill={shareColour(s.ratio)} />
                <text x={x + bar / 2} y={y(s.ratio) - 4} text-anchor="middle" class="chart-value">
                  {Math.round(s.ratio * 100)}
                </text>
              </g>
            );
          })}
          <MonthAxis rows={rows} left={left} step={step} />
        </svg>
      </div>
    </figure>
  );
}

/** Vertical bars: the median time to answer in working hours, each month. */
function MedianTrend({ rows, agency }: { rows: { month: string; figures: TrendFigures | null }[]; agency: string }) {
  const [box, width] = useWidth<HTMLDivElement>();
  const { left, step, bar } = slots(width, rows.length);
  const height = PLOT_TOP + PLOT_HEIGHT + AXIS;
  const hours = rows.map((r) => {
    const t = r.figures?.timeToAnswer;
    return t?.enoughData && t.workingMedian ? t.workingMedian.seconds / 3600 : null;
  });
  const max = Math.max(8, ...hours.map((h) => h ?? 0));
  // A round top for the scale: 8, 16, 24, 40, 80 … hours.
  const top = [8, 16, 24, 40, 80, 160, 400, 800].find((v) => v >= max) ?? Math.ceil(max / 100) * 100;
  const y = (h: number) => PLOT_TOP + PLOT_HEIGHT * (1 - h / top);
  const description = rows
    .map((r, i) => `${monthLabel(r.month, true)}: ${hours[i] === null ? 'belum cukup data' : r.figures!.timeToAnswer.workingMedian!.text}`)
    .join('; ');
  return (
    <figure data-testid="trend-median">
      <figcaption>
        <strong>Median waktu jawab per bulan (jam kerja)</strong>
      </figcaption>
      <div ref={box}>
        <svg class="chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Median waktu jawab ${agency} per bulan, dalam jam kerja. ${description}`}>
          {[0, top / 2, top].map((g) => (
            <g>
              <line x1={left} x2={width} y1={y(g)} y2={y(g)} class={g === 0 ? 'chart-axis' : 'chart-grid'} />
              <text x={left - 4} y={y(g) + 4} text-anchor="end">
                {g}j
              </text>
            </g>
          ))}
          {rows.map((r, i) => {
            const h = hours[i];
            const x = left + step * i + (step - bar) / 2;
            if (h === null) {
              return (
                <text x={x + bar / 2} y={y(0) - 4} text-anchor="middle" class="chart-missing">
                  –
                </text>
              );
            }
            return (
              <g data-month={r.month}>
                <rect x={x} y={y(h)} width={bar} height={Math.max(1, PLOT_HEIGHT * (h / top))} fill="#0b4f6c" />
                <text x={x + bar / 2} y={y(h) - 4} text-anchor="middle" class="chart-value">
                  {h < 10 ? h.toFixed(1).replace('.', ',') : Math.round(h)}
                </text>
              </g>
            );
          })}
          <MonthAxis rows={rows} left={left} step={step} />
        </svg>
      </div>
    </figure>
  );
}

/** On-time share per agency and month, as a table with shaded cells. */
function Heatmap({ months, minimum }: { months: HeatMonth[]; minimum: number }) {
  const agencies = new Map<string, { slug: string; shortName: string; name: string }>();
  for (const m of months) for (const a of m.agencies) if (a.agency) agencies.set(a.agency.slug, a.agency);
  if (agencies.size === 0) return <p>Belum ada isu yang diteruskan dalam periode ini.</p>;
  const rows = [...agencies.values()].sort((a, b) => a.name.localeCompare(b.name, 'id'));
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label="Tepat waktu per instansi dan bulan">
      <table class="data heatmap" data-testid="trend-table">
        <caption>
          Dijawab tepat waktu per instansi dan bulan, dalam persen. Di bawah {minimum} isu hanya jumlahnya yang ditampilkan (tepat waktu/dinilai),
          karena persentasenya menyesatkan.
        </caption>
        <thead>
          <tr>
            <th scope="col">Instansi</th>
            {months.map((m) => (
              <th scope="col">
                <abbr title={monthLabel(m.month, true)}>{monthLabel(m.month)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((agency) => (
            <tr>
              <th scope="row">
                <abbr title={agency.name}>{agency.shortName}</abbr>
              </th>
              {months.map((m) => {
                const s = m.agencies.find((a) => a.agency?.slug === agency.slug)?.answeredOnTime;
                if (!s || s.of === 0) return <td class="heat-none" />;
                if (!s.enoughData || s.ratio === null) {
                  return (
                    <td class="heat-none heat-count" title={`Belum cukup data: ${s.onTime} tepat waktu dari ${s.of}`}>
                      {s.onTime}/{s.of}
                    </td>
                  );
                }
                const tone = s.ratio >= 0.8 ? 'good' : s.ratio >= 0.5 ? 'fair' : 'poor';
                return (
                  <td class={`heat-${tone}`} title={`${s.onTime} dari ${s.of}`}>
                    {Math.round(s.ratio * 100)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
