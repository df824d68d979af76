import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, gql } from './api';
import {
  eventLabels,
  formatDate,
  formatDateTime,
  kindLabels,
  lateBy,
  overdueDue,
  statusLabels,
  verdictLabels,
  verdictTone,
} from './format';

export interface QueryState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs a query when its variables change and keeps the last answer. */
export function useQuery<T>(query: string, variables?: Record<string, unknown>, skip = false): QueryState<T> {
  const key = JSON.stringify(variables ?? {});
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: !skip });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (skip) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    gql<T>(query, variables).then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [query, key, tick, skip]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** The regency's working week as the portal reads it, e.g. "Senin–Jumat 08.00–16.00", and the hours of one working day. */
export interface WorkingWeek {
  summary: string;
  dayHours: number;
}

const WORKING_HOURS = `query WorkingHours { workingHours { summary dayLengthMinutes } }`;

/** The configured working hours; the portal's shipped week while they load or cannot be read. */
export function useWorkingHours(): WorkingWeek {
  const { data } = useQuery<{ workingHours: { summary: string; dayLengthMinutes: number } }>(WORKING_HOURS);
  const w = data?.workingHours;
  return w ? { summary: w.summary, dayHours: Math.round((w.dayLengthMinutes / 60) * 10) / 10 } : { summary: 'Senin–Jumat 08.00–16.00', dayHours: 8 };
}

/** The current time, refreshed every interval, for running clocks. */
export function useNow(intervalMs = 30000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** Sets the document title while a page is shown. */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · Tanggap`;
  }, [title]);
}

export function Loading({ label = 'Memuat…' }: { label?: string }) {
  return (
    <p class="loading" role="status">
      {label}
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div class="alert alert-error" role="alert">
      <p>{errorMessage(error)}</p>
      {retry && (
        <button type="button" class="btn btn-secondary" onClick={retry}>
          Coba lagi
        </button>
      )}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ComponentChildren; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div class={`alert alert-${tone}`} role="status">
      {children}
    </div>
  );
}

export function VerdictBadge({ verdict, label, large }: { verdict?: string | null; label?: string | null; large?: boolean }) {
  if (!verdict) return null;
  return (
    <span class={`badge verdict verdict-${verdictTone(verdict)}${large ? ' badge-large' : ''}`}>
      {label ?? verdictLabels[verdict] ?? verdict}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge status status-${status.toLowerCase()}`}>{statusLabels[status] ?? status}</span>;
}

export function KindBadge({ kind }: { kind: string }) {
  return <span class="badge kind">{kindLabels[kind] ?? kind}</span>;
}

/** The fields that say whether and since when an issue is overdue. */
export interface OverdueFields {
  overdue: boolean;
  overdueClock: string | null;
  acknowledgeDueAt: string | null;
  answerDueAt: string | null;
}

/** "Terlambat 5 hari" for an open issue past a due time; nothing otherwise. */
export function OverdueBadge({ issue, now }: { issue: OverdueFields; now: number }) {
  const due = issue.overdue ? overdueDue(issue) : null;
  if (!due) return null;
  const what = issue.overdueClock === 'ACKNOWLEDGE' ? 'belum diterima instansi' : 'belum dijawab';
  return (
    <span class="badge overdue" title={`Batas waktu ${formatDateTime(due)}`}>
      {lateBy(due, now)}
      <span class="sr-only"> ({what})</span>
    </span>
  );
}

export interface IssueSummary extends OverdueFields {
  number: string;
  title: string;
  summary: string;
  kind: string;
  status: string;
  verdict: string | null;
  verdictLabel: string | null;
  createdAt: string;
  answeredAt: string | null;
  agency: { slug: string; shortName: string; name: string } | null;
  category: { slug: string; name: string } | null;
}

export const ISSUE_SUMMARY_FIELDS = `number title summary kind status verdict verdictLabel createdAt answeredAt
  overdue overdueClock acknowledgeDueAt answerDueAt
  agency { slug shortName name } category { slug name }`;

/**
 * One issue in a list: where it stands first (verdict, status, how late),
 * then the title and summary, then who answers it and when.
 */
export function IssueCard({
  issue,
  href,
  highlight,
  missing,
  now,
}: {
  issue: IssueSummary;
  href?: string;
  highlight?: string[];
  /** Words of a search this issue does not hold. */
  missing?: string[];
  now: number;
}) {
  return (
    <article class="card issue-card">
      <div class="card-meta">
        <VerdictBadge verdict={issue.verdict} label={issue.verdictLabel} />
        <StatusBadge status={issue.status} />
        <OverdueBadge issue={issue} now={now} />
      </div>
      <h3 class="card-title">
        <a href={href ?? `/isu/${issue.number}`}>{issue.title}</a>
      </h3>
      {highlight && highlight.length > 0 ? (
        highlight.map((h) => <p class="snippet" dangerouslySetInnerHTML={{ __html: h }} />)
      ) : (
        <p class="card-summary">{issue.summary}</p>
      )}
      {missing && missing.length > 0 && (
        <p class="card-missing">
          Tidak memuat:{' '}
          {missing.map((w, i) => (
            <>
              {i > 0 && ', '}
              <s>{w}</s>
            </>
          ))}
        </p>
      )}
      <p class="card-foot">
        <KindBadge kind={issue.kind} />
        {issue.agency && <span> · {issue.agency.shortName}</span>}
        <span>
          {' · '}
          {issue.answeredAt ? `dijawab ${formatDate(issue.answeredAt)}` : `dicatat ${formatDate(issue.createdAt)}`}
        </span>
        <span> · </span>
        <span class="issue-number">{issue.number}</span>
      </p>
    </article>
  );
}

export interface TimelineItem {
  type: string;
  at: string;
  reason: string | null;
  agency: { name: string; shortName: string } | null;
  actor?: { name: string } | null;
}

export function Timeline({ events }: { events: TimelineItem[] }) {
  if (events.length === 0) return <p>Belum ada langkah tercatat.</p>;
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <p class="timeline-what">
            <strong>{eventLabels[e.type] ?? e.type}</strong>
            {e.agency && (e.type === 'ASSIGNED' || e.type === 'REASSIGNED') && <span> — {e.agency.name}</span>}
          </p>
          <p class="timeline-when">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            {e.actor && <span> · {e.actor.name}</span>}
          </p>
          {e.reason && <p class="timeline-reason">Alasan: {e.reason}</p>}
        </li>
      ))}
    </ol>
  );
}

/** A button that copies text and says so. */
export function CopyButton({ text, label = 'Salin', small }: { text: string; label?: string; small?: boolean }) {
  const [done, setDone] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setDone(true);
    timer.current = window.setTimeout(() => setDone(false), 2500);
  };
  return (
    <button type="button" class={`btn btn-secondary${small ? ' btn-small' : ''}`} onClick={copy} aria-live="polite">
      {done ? 'Tersalin' : label}
    </button>
  );
}

/**
 * Share buttons: the phone's own share sheet where the browser has one
 * (Web Share API), WhatsApp, and copying the link.
 */
export function ShareBar({ url, title, text }: { url: string; title: string; text: string }) {
  const canShare = typeof navigator.share === 'function';
  const share = async () => {
    try {
      await navigator.share({ title, text, url });
    } catch {
      // The reader closed the share sheet.
    }
  };
  return (
    <div class="share-actions" role="group" aria-label="Bagikan isu ini">
      {canShare && (
        <button type="button" class="btn btn-secondary btn-small" onClick={share}>
          Bagikan
        </button>
      )}
      <a class="btn btn-secondary btn-small" href={`https://wa.me/?text=${encodeURIComponent(`${text} ${url}`)}`} target="_blank" rel="noopener noreferrer">
        WhatsApp<span class="sr-only"> (tab baru)</span>
      </a>
      <CopyButton text={url} label="Salin tautan" small />
    </div>
  );
}

/** Sorts rows by a key, for small tables. */
export function byKey<T>(rows: T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => key(a).localeCompare(key(b), 'id'));
}
