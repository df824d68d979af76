import {
  ErrorBox,
  KindBadge,
  Loading,
  OverdueBadge,
  type OverdueFields,
  ShareBar,
  StatusBadge,
  Timeline,
  type TimelineItem,
  VerdictBadge,
  useNow,
  useQuery,
  useWorkingHours,
  useTitle,
} from '../components';
import { allowance, formatDateTime, formatLocalDate, lateBy, overdueDue, platformLabels, priorityLabels, verdictMeanings } from '../format';
import { FollowButton } from '../follow';
import { NotFound } from './NotFound';

interface Revision {
  number: number;
  bodyHTML: string;
  verdict: string | null;
  reason: string | null;
  createdAt: string;
}

export interface PublicResponse {
  id: string;
  status: string;
  bodyHTML: string;
  verdict: string | null;
  verdictLabel: string | null;
  revision: number;
  publishedAt: string | null;
  updatedAt: string;
  agency: { slug: string; name: string };
  revisions: Revision[];
}

export interface IssueDetail extends OverdueFields {
  number: string;
  title: string;
  summary: string;
  kind: string;
  status: string;
  priority: string | null;
  verdict: string | null;
  verdictLabel: string | null;
  category: { slug: string; name: string } | null;
  agency: { slug: string; name: string; shortName: string } | null;
  duplicateOf: { number: string; title: string } | null;
  sources: { platform: string; url: string | null; claimText: string; detectedAt: string }[];
  responses: PublicResponse[];
  timeline: TimelineItem[];
  createdAt: string;
  assignedAt: string | null;
  answeredAt: string | null;
  acknowledgeDueAt: string | null;
  answerDueAt: string | null;
  dueExplanation: DueExplanation | null;
}

interface DueExplanation {
  policy: { priority: string; basis: string; acknowledgeWithinMinutes: number; answerWithinMinutes: number };
  days: { date: string; counted: boolean; reason: string; workingMinutes: number }[];
}

export const ISSUE_DETAIL_FIELDS = `number title summary kind status priority verdict verdictLabel
  category { slug name }
  agency { slug name shortName }
  duplicateOf { number title }
  sources { platform url claimText detectedAt }
  responses { id status bodyHTML verdict verdictLabel revision publishedAt updatedAt agency { slug name }
    revisions { number bodyHTML verdict reason createdAt } }
  timeline { type at reason agency { name shortName } }
  createdAt assignedAt answeredAt acknowledgeDueAt answerDueAt overdue overdueClock
  dueExplanation { policy { priority basis acknowledgeWithinMinutes answerWithinMinutes } days { date counted reason workingMinutes } }`;

const ISSUE = `query Issue($number: String!) { issue(number: $number) { ${ISSUE_DETAIL_FIELDS} } }`;

export function IssuePage({ number }: { number: string }) {
  const { data, error, loading, reload } = useQuery<{ issue: IssueDetail | null }>(ISSUE, { number });
  // The same title the server puts in the page's head for link previews.
  const issue = data?.issue;
  useTitle(issue ? (issue.verdictLabel ? `${issue.verdictLabel}: ${issue.title}` : issue.title) : data ? 'Isu tidak ditemukan' : number);
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (loading || !data) return <Loading label="Memuat isu…" />;
  if (!data.issue) return <NotFound what="Isu" />;
  return <IssueView issue={data.issue} />;
}

/**
 * An issue as the public reads it: where it stands and the official answer
 * first, with the share buttons beside them; the claim, the facts and the
 * timeline follow.
 */
export function IssueView({ issue }: { issue: IssueDetail }) {
  const now = useNow();
  const published = issue.responses.filter((r) => r.status === 'PUBLISHED');
  const shareUrl = `${location.origin}/isu/${issue.number}`;
  const shareTitle = issue.verdictLabel ? `${issue.verdictLabel}: ${issue.title}` : issue.title;
  const answer = (
    <section aria-labelledby="tanggapan">
      <h2 id="tanggapan">Tanggapan resmi</h2>
      {published.length === 0 && (
        <p>
          Belum ada tanggapan resmi.
          {issue.agency ? ` Isu ini sedang ditangani ${issue.agency.name}.` : ''}
        </p>
      )}
      {published.map((r) => (
        <ResponseView response={r} />
      ))}
    </section>
  );
  return (
    <article class="issue">
      <nav aria-label="Remah roti" class="crumbs">
        <a href="/">Cari isu</a> <span aria-hidden="true">›</span> <span>{issue.number}</span>
      </nav>
      <header class="issue-head">
        <p class="card-meta">
          <StatusBadge status={issue.status} />
          <OverdueBadge issue={issue} now={now} />
          <KindBadge kind={issue.kind} />
        </p>
        <h1>{issue.title}</h1>
        {issue.verdict && (
          <div class="verdict-line">
            <p>
              Putusan: <VerdictBadge verdict={issue.verdict} label={issue.verdictLabel} large />
            </p>
            {verdictMeanings[issue.verdict] && (
              <p class="verdict-meaning">
                {verdictMeanings[issue.verdict]} <a href="/tentang#putusan">Arti label putusan</a>
              </p>
            )}
          </div>
        )}
        <OverdueNotice issue={issue} now={now} />
        <ShareBar url={shareUrl} title={shareTitle} text={shareTitle} />
        <div class="follow" data-testid="follow-issue">
          <FollowButton target={{ issueNumber: issue.number }} what="isu ini" />
        </div>
        {issue.duplicateOf && (
          <p class="alert alert-info">
            Isu ini sama dengan <a href={`/isu/${issue.duplicateOf.number}`}>{issue.duplicateOf.title}</a>, yang memuat
            jawabannya.
          </p>
        )}
      </header>

      {published.length > 0 && answer}

      <section aria-labelledby="tentang-isu">
        <h2 id="tentang-isu">Tentang isu ini</h2>
        <p class="lead">{issue.summary}</p>
        <dl class="facts">
          {issue.agency && (
            <>
              <dt>Instansi penanggung jawab</dt>
              <dd>
                <a href={`/instansi/${issue.agency.slug}`}>{issue.agency.name}</a>
              </dd>
            </>
          )}
          {issue.category && (
            <>
              <dt>Kategori</dt>
              <dd>
                <a href={`/?kategori=${issue.category.slug}&status=semua`}>{issue.category.name}</a>
              </dd>
            </>
          )}
          {issue.priority && (
            <>
              <dt>Prioritas</dt>
              <dd>{priorityLabels[issue.priority] ?? issue.priority}</dd>
            </>
          )}
          <dt>Dicatat</dt>
          <dd>{formatDateTime(issue.createdAt)}</dd>
          {!issue.answeredAt && issue.answerDueAt && (
            <>
              <dt>Batas waktu jawaban</dt>
              <dd>{formatDateTime(issue.answerDueAt)}</dd>
            </>
          )}
          {issue.answeredAt && (
            <>
              <dt>Dijawab</dt>
              <dd>{formatDateTime(issue.answeredAt)}</dd>
            </>
          )}
        </dl>
        {issue.dueExplanation && <DueDays explanation={issue.dueExplanation} />}
      </section>

      {published.length === 0 && answer}

      {issue.sources.length > 0 && (
        <section aria-labelledby="klaim">
          <h2 id="klaim">Klaim yang beredar</h2>
          <ul class="sources">
            {issue.sources.map((s) => (
              <li class="source">
                <p class="source-meta">
                  <strong>{platformLabels[s.platform] ?? s.platform}</strong> · terlihat{' '}
                  <time dateTime={s.detectedAt}>{formatDateTime(s.detectedAt)}</time>
                </p>
                {s.claimText && <blockquote>{s.claimText}</blockquote>}
                {s.url && (
                  <p>
                    <a href={s.url} rel="nofollow noopener noreferrer ugc" target="_blank">
                      Lihat sumber<span class="sr-only"> di {platformLabels[s.platform] ?? s.platform} (tab baru)</span>
                    </a>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="linimasa">
        <h2 id="linimasa">Linimasa</h2>
        <Timeline events={issue.timeline} />
      </section>
    </article>
  );
}

/** Says plainly that an agency let its due time pass, and which one. */
function OverdueNotice({ issue, now }: { issue: IssueDetail; now: number }) {
  const due = issue.overdue ? overdueDue(issue) : null;
  if (!due) return null;
  const agency = issue.agency?.name ?? 'Instansi';
  const what =
    issue.overdueClock === 'ACKNOWLEDGE'
      ? `${agency} belum menyatakan menerima isu ini; batasnya ${formatDateTime(due)}.`
      : `${agency} belum menerbitkan jawaban resmi; batasnya ${formatDateTime(due)}.`;
  return (
    <p class="alert alert-warning overdue-notice" data-testid="overdue-notice">
      <strong>{lateBy(due, now)}.</strong> {what} <a href="/tentang#batas-waktu">Cara batas waktu dihitung</a>
    </p>
  );
}

function ResponseView({ response }: { response: PublicResponse }) {
  const earlier = response.revisions.filter((r) => r.number !== response.revision);
  const corrections = response.revisions.filter((r) => r.reason);
  return (
    <div class="response card">
      <p class="response-meta">
        <strong>{response.agency.name}</strong> · terbit <time dateTime={response.publishedAt ?? ''}>{formatDateTime(response.publishedAt)}</time>
        {response.revision > 1 && (
          <span>
            {' '}
            · revisi ke-{response.revision}, {formatDateTime(response.updatedAt)}
          </span>
        )}
      </p>
      {/* bodyHTML is sanitised by the API: no scripts, no raw HTML, safe links. */}
      <div class="prose" dangerouslySetInnerHTML={{ __html: response.bodyHTML }} />
      {corrections.length > 0 && (
        <div class="corrections">
          <h3>Ralat</h3>
          <ul>
            {corrections.map((r) => (
              <li>
                Revisi ke-{r.number}, {formatDateTime(r.createdAt)}: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {earlier.length > 0 && (
        <details class="revisions">
          <summary>Lihat versi sebelumnya ({earlier.length})</summary>
          {earlier.map((r) => (
            <div class="revision">
              <h4>
                Versi {r.number} · {formatDateTime(r.createdAt)}
              </h4>
              {r.reason && <p class="timeline-reason">Alasan ralat: {r.reason}</p>}
              <div class="prose" dangerouslySetInnerHTML={{ __html: r.bodyHTML }} />
            </div>
          ))}
        </details>
      )}
    </div>
  );
}

/** Which days the answer clock counted and which it skipped, and why. */
function DueDays({ explanation: e }: { explanation: DueExplanation }) {
  const week = useWorkingHours();
  return (
    <details class="due-days">
      <summary>Bagaimana batas waktu dihitung</summary>
      <p>
        Prioritas {priorityLabels[e.policy.priority] ?? e.policy.priority}: diterima instansi dalam{' '}
        {allowance(e.policy.acknowledgeWithinMinutes, e.policy.basis)}, dijawab dalam {allowance(e.policy.answerWithinMinutes, e.policy.basis)}
        {e.policy.basis === 'WORKING' ? ` (jam kerja ${week.summary} WITA, di luar hari libur).` : ', dihitung 24 jam sehari.'}
      </p>
      {e.days.length > 0 && (
        <ul>
          {e.days.map((d) => (
            <li>
              {formatLocalDate(d.date)}: {d.counted ? `dihitung, ${d.workingMinutes % 60 === 0 ? `${d.workingMinutes / 60} jam` : `${d.workingMinutes} menit`} kerja` : 'tidak dihitung'} — {d.reason}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
