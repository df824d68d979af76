import { useState } from 'preact/hooks';
import { ErrorBox, Loading, VerdictBadge, useQuery, useTitle } from '../components';
import { formatDateTime, questionEventLabels, questionStatusLabels, statusLabels } from '../format';
import { FollowButton } from '../follow';
import { navigate } from '../router';

interface PublicQuestion {
  trackingCode: string;
  status: string;
  body: string;
  rejectReason: string | null;
  createdAt: string;
  agencyGuess: { name: string } | null;
  categoryGuess: { name: string } | null;
  timeline: { type: string; at: string; reason: string | null }[];
  issue: {
    number: string;
    title: string;
    status: string;
    verdict: string | null;
    verdictLabel: string | null;
    agency: { name: string } | null;
  } | null;
}

const QUESTION = `query Track($code: String!) {
  question(trackingCode: $code) {
    trackingCode status body rejectReason createdAt
    agencyGuess { name } categoryGuess { name }
    timeline { type at reason }
    issue { number title status verdict verdictLabel agency { name } }
  }
}`;

export function Track({ code }: { code: string }) {
  useTitle('Lacak pertanyaan');
  const [input, setInput] = useState(code);
  const submit = (e: Event) => {
    e.preventDefault();
    const clean = input.trim().toUpperCase().replace(/\s+/g, '');
    if (clean) navigate(`/lacak/${encodeURIComponent(clean)}`);
  };
  return (
    <section class="narrow">
      <h1>Lacak pertanyaan</h1>
      <form class="inline-form" onSubmit={submit} role="search">
        <div class="field">
          <label for="lacak-kode">Kode pelacakan</label>
          <input
            id="lacak-kode"
            value={input}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            aria-describedby="lacak-kode-bantu"
            onInput={(e) => setInput((e.target as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="btn btn-primary">
          Lacak
        </button>
        <p id="lacak-kode-bantu" class="hint">
          Kode dari tanda terima pertanyaan Anda, misalnya ABCD-EFGH-JKMNP. Huruf besar atau kecil dan tanda hubung boleh
          diabaikan.
        </p>
      </form>
      {code && <QuestionStatus code={code} />}
    </section>
  );
}

function QuestionStatus({ code }: { code: string }) {
  const { data, error, loading, reload } = useQuery<{ question: PublicQuestion | null }>(QUESTION, { code });
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (loading || !data) return <Loading />;
  const q = data.question;
  if (!q) {
    return (
      <div class="alert alert-warning" role="alert">
        Kode <strong>{code}</strong> tidak ditemukan. Periksa kembali penulisannya.
      </div>
    );
  }
  return (
    <div class="question card" aria-live="polite">
      <p class="muted">Kode {q.trackingCode}</p>
      <h2>
        Status: <span data-testid="question-status">{questionStatusLabels[q.status] ?? q.status}</span>
      </h2>
      <blockquote>{q.body}</blockquote>
      <p class="muted">Dikirim {formatDateTime(q.createdAt)}</p>
      {q.rejectReason && <p class="alert alert-warning">Alasan penolakan: {q.rejectReason}</p>}
      {q.issue && (
        <div class="linked-issue">
          <h3>Isu terkait</h3>
          <p>
            <a href={`/isu/${q.issue.number}`}>{q.issue.title}</a> <VerdictBadge verdict={q.issue.verdict} label={q.issue.verdictLabel} />
          </p>
          <p class="muted">
            {statusLabels[q.issue.status] ?? q.issue.status}
            {q.issue.agency ? ` · ${q.issue.agency.name}` : ''}
          </p>
          <div class="follow" data-testid="follow-question-issue">
            <FollowButton target={{ issueNumber: q.issue.number }} what="isu terkait" label="Ikuti isu ini" />
          </div>
        </div>
      )}
      <h3>Linimasa</h3>
      <ol class="timeline">
        {q.timeline.map((e) => (
          <li>
            <p class="timeline-what">
              <strong>{questionEventLabels[e.type] ?? e.type}</strong>
            </p>
            <p class="timeline-when">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </p>
            {e.reason && <p class="timeline-reason">Alasan: {e.reason}</p>}
          </li>
        ))}
      </ol>
    </div>
  );
}
