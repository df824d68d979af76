import type { StaffUser } from '../api';
import { gql } from '../api';
import { ErrorBox, Loading, Notice, useNow, useQuery, useTitle } from '../components';
import { formatDateTime, kindLabels, priorityLabels, statusLabels } from '../format';
import { ActionResult, Clock, useAction } from './ui';

interface QueueIssue {
  number: string;
  title: string;
  kind: string;
  status: string;
  priority: string | null;
  assignedAt: string | null;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  acknowledgeDueAt: string | null;
  answerDueAt: string | null;
}

const FIELDS = 'number title kind status priority assignedAt acknowledgedAt answeredAt acknowledgeDueAt answerDueAt';

const QUEUE = `query Queue {
  waiting: issues(filter: { mine: true, status: [ASSIGNED, IN_PROGRESS] }, orderBy: OLDEST, first: 100) { totalCount edges { node { ${FIELDS} } } }
  answered: issues(filter: { mine: true, status: [ANSWERED] }, orderBy: RECENTLY_UPDATED, first: 20) { totalCount edges { node { ${FIELDS} } } }
}`;

interface Queue {
  waiting: { totalCount: number; edges: { node: QueueIssue }[] };
  answered: { totalCount: number; edges: { node: QueueIssue }[] };
}

/** The agency's queue: what waits for its answer, closest deadline first. */
export function PicQueue({ user }: { user: StaffUser }) {
  useTitle('Antrean instansi');
  const q = useQuery<Queue>(QUEUE);
  const now = useNow();
  // Set by the staff issue page after a decline: the PIC may no longer read the issue.
  const declined = new URLSearchParams(location.search).get('dikembalikan');
  const waiting = [...(q.data?.waiting.edges.map((e) => e.node) ?? [])].sort((a, b) =>
    (a.answerDueAt ?? '').localeCompare(b.answerDueAt ?? ''),
  );
  return (
    <section>
      <h1>Antrean {user.agency?.name ?? 'instansi'}</h1>
      {declined && <Notice tone="success">{declined} dikembalikan ke TRC dan tidak lagi terlihat publik.</Notice>}
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {q.loading && !q.data && <Loading />}
      {q.data && (
        <>
          <h2>Menunggu tanggapan ({q.data.waiting.totalCount})</h2>
          {waiting.length === 0 && <p>Tidak ada isu yang menunggu. Terima kasih!</p>}
          <div class="card-list">
            {waiting.map((i) => (
              <article class="card" data-issue={i.number}>
                <p class="card-meta">
                  <span class="issue-number">{i.number}</span> <span class="badge kind">{kindLabels[i.kind]}</span>
                  <span class="badge status">{statusLabels[i.status]}</span>
                  {i.priority && <span class="badge">{priorityLabels[i.priority]}</span>}
                </p>
                <h3 class="card-title">
                  <a href={`/staf/isu/${i.number}`}>{i.title}</a>
                </h3>
                <p class="card-foot">Diteruskan {formatDateTime(i.assignedAt)}</p>
                <p>
                  <Clock label="Konfirmasi" due={i.acknowledgeDueAt} metAt={i.acknowledgedAt} now={now} />
                  <br />
                  <Clock label="Jawaban" due={i.answerDueAt} metAt={i.answeredAt} now={now} />
                </p>
                <div class="actions">
                  {i.status === 'ASSIGNED' && <Acknowledge number={i.number} onDone={q.reload} />}
                  <a class="btn btn-primary" href={`/staf/isu/${i.number}/tanggapan`}>
                    Tulis tanggapan
                  </a>
                </div>
              </article>
            ))}
          </div>
          <h2>Sudah dijawab ({q.data.answered.totalCount})</h2>
          <ul class="answered-list">
            {q.data.answered.edges.map(({ node }) => (
              <li data-issue={node.number}>
                <span>
                  <a href={`/staf/isu/${node.number}`}>{node.title}</a>
                  <span class="muted"> · dijawab {formatDateTime(node.answeredAt)}</span>
                </span>
                <a class="btn btn-secondary ralat" href={`/staf/isu/${node.number}/tanggapan`}>
                  Ralat<span class="sr-only"> tanggapan {node.number}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Acknowledge({ number, onDone }: { number: string; onDone: () => void }) {
  const action = useAction();
  return (
    <>
      <button
        type="button"
        class="btn btn-secondary"
        disabled={action.busy}
        onClick={() =>
          action.run(async () => {
            await gql(`mutation Ack($input: AcknowledgeIssueInput!) { acknowledgeIssue(input: $input) { issue { status } } }`, {
              input: { issueNumber: number },
            });
            onDone();
          })
        }
      >
        Terima
      </button>
      <ActionResult state={action} />
    </>
  );
}
