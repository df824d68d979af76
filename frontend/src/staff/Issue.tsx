import { useState } from 'preact/hooks';
import type { StaffUser } from '../api';
import { gql } from '../api';
import { ErrorBox, Loading, Notice, useNow, useQuery, useTitle } from '../components';
import { formatDateTime, priorityLabels } from '../format';
import { type IssueDetail, ISSUE_DETAIL_FIELDS, IssueView } from '../pages/Issue';
import { NotFound } from '../pages/NotFound';
import { navigate } from '../router';
import { EditIssueText, ManageSources, type StaffSource } from './IssueEdit';
import { AssignForm } from './Trc';
import { ActionResult, Clock, Field, useAction, valueOf } from './ui';

export interface StaffIssueDetail extends Omit<IssueDetail, 'sources'> {
  sources: StaffSource[];
  internal: boolean;
  internalReason: string | null;
  rejectReason: string | null;
  acknowledgedAt: string | null;
  questions: { trackingCode: string; status: string; body: string; name: string | null; contact: string | null; createdAt: string }[];
  responses: (IssueDetail['responses'][number] & { body: string })[];
}

export const STAFF_ISSUE = `query StaffIssue($number: String!) {
  issue(number: $number) {
    ${ISSUE_DETAIL_FIELDS}
    internal internalReason rejectReason acknowledgedAt
    sources { id platform url claimText accountHandle detectedAt }
    questions { trackingCode status body name contact createdAt }
    responses { id status body bodyHTML verdict verdictLabel revision publishedAt updatedAt agency { slug name }
      revisions { number bodyHTML verdict reason createdAt } }
    timeline { type at reason agency { name shortName } actor { name } }
  }
}`;

const open = ['ASSIGNED', 'IN_PROGRESS'];

/** An issue as staff see it, with the actions the role and status allow. */
export function StaffIssue({ number, user }: { number: string; user: StaffUser }) {
  const q = useQuery<{ issue: StaffIssueDetail | null }>(STAFF_ISSUE, { number });
  const now = useNow();
  useTitle(q.data?.issue?.title ?? number);
  if (q.error) return <ErrorBox error={q.error} retry={q.reload} />;
  if (!q.data) return <Loading />;
  const issue = q.data.issue;
  if (!issue) return <NotFound what="Isu" />;
  const trc = user.role === 'TRC';
  const ownAgency = user.role === 'PIC' && user.agency?.slug === issue.agency?.slug;
  const canAnswer = trc || ownAgency;
  const published = issue.responses.some((r) => r.status === 'PUBLISHED');
  const after = new URLSearchParams(location.search);
  const otherAgency = user.role === 'PIC' && issue.agency && !ownAgency;
  return (
    <>
      {after.has('terbit') && <Notice tone="success">Tanggapan resmi terbit dan kini terlihat publik.</Notice>}
      {after.has('ralat') && <Notice tone="success">Ralat terbit; versi sebelumnya tetap terlihat publik bersama alasannya.</Notice>}
      {after.has('dicatat') && (
        <Notice tone="success">
          Isu {issue.number} tersimpan{issue.agency ? ` dan diteruskan ke ${issue.agency.name}` : '; teruskan ke instansi di bawah'}.
        </Notice>
      )}
      {after.has('dibuka') && (
        <Notice tone="success">
          Isu {issue.number} dibuka dari pertanyaan warga {after.get('dibuka')}; penanya melihat isu ini lewat kode lacaknya.
        </Notice>
      )}
      {otherAgency && (
        <Notice tone="warning">
          Isu ini ditangani {issue.agency!.name}, bukan instansi Anda; Anda hanya dapat membacanya.
        </Notice>
      )}
      <section class="card" aria-labelledby="panel-staf">
        <h2 id="panel-staf" style="margin-top:0">Tindakan staf</h2>
        {issue.internal && <p class="alert alert-warning">Isu ini disembunyikan dari publik. Alasan: {issue.internalReason}</p>}
        {issue.rejectReason && <p class="alert alert-warning">Ditolak: {issue.rejectReason}</p>}
        {issue.priority && <p>Prioritas: {priorityLabels[issue.priority]}</p>}
        <p>
          <Clock label="Konfirmasi" due={issue.acknowledgeDueAt} metAt={issue.acknowledgedAt} now={now} />
          <br />
          <Clock label="Jawaban" due={issue.answerDueAt} metAt={issue.answeredAt} now={now} />
        </p>
        {trc && (issue.status === 'NEW' || open.includes(issue.status)) && (
          <>
            <h3>{issue.status === 'NEW' ? 'Teruskan ke instansi' : 'Alihkan'}</h3>
            <AssignForm number={issue.number} agency={issue.agency?.slug} priority={issue.priority ?? 'NORMAL'} onDone={q.reload} />
          </>
        )}
        {canAnswer && issue.status === 'ASSIGNED' && <SimpleAction label="Terima (konfirmasi)" number={issue.number} mutation="acknowledgeIssue" input="AcknowledgeIssueInput" onDone={q.reload} done="Isu diterima; jam jawaban terus berjalan." />}
        {canAnswer && open.includes(issue.status) && (
          <p>
            <a class="btn btn-primary" href={`/staf/isu/${issue.number}/tanggapan`}>
              Tulis tanggapan resmi
            </a>
          </p>
        )}
        {canAnswer && published && (
          <p>
            <a class="btn btn-secondary" href={`/staf/isu/${issue.number}/tanggapan`}>
              Ralat tanggapan
            </a>
          </p>
        )}
        {ownAgency && open.includes(issue.status) && <ReasonAction label="Kembalikan ke TRC" mutation="declineIssue" input="DeclineIssueInput" number={issue.number} onDone={() => navigate(`/staf/pic?dikembalikan=${encodeURIComponent(issue.number)}`)} hint="Mengapa isu ini bukan urusan instansi Anda (10–1.000 karakter)." />}
        {trc && issue.status === 'ANSWERED' && <SimpleAction label="Tutup isu" number={issue.number} mutation="closeIssue" input="CloseIssueInput" onDone={q.reload} done="Isu ditutup." />}
        {trc && issue.status === 'CLOSED' && <ReasonAction label="Buka kembali" mutation="reopenIssue" input="ReopenIssueInput" number={issue.number} onDone={q.reload} hint="Alasan publik (10–1.000 karakter)." />}
        {trc && issue.status === 'NEW' && <ReasonAction label="Tolak isu" mutation="rejectIssue" input="RejectIssueInput" number={issue.number} onDone={q.reload} hint="Alasan untuk staf (10–1.000 karakter)." />}
        {trc && (issue.status === 'NEW' || open.includes(issue.status)) && <DuplicateAction number={issue.number} onDone={q.reload} />}
        {trc && issue.status !== 'NEW' && issue.status !== 'REJECTED' && (
          <ReasonAction
            label={issue.internal ? 'Tampilkan ke publik' : 'Sembunyikan dari publik'}
            mutation="setIssueInternal"
            input="SetIssueInternalInput"
            number={issue.number}
            extra={{ internal: !issue.internal }}
            onDone={q.reload}
            hint="Alasan, tercatat di log audit (10–1.000 karakter)."
          />
        )}
        {trc && issue.status !== 'REJECTED' && issue.status !== 'DUPLICATE' && (
          <EditIssueText number={issue.number} title={issue.title} summary={issue.summary} onDone={q.reload} />
        )}
        {trc && <ManageSources number={issue.number} sources={issue.sources} onDone={q.reload} />}
        {issue.questions.length > 0 && (
          <>
            <h3>Pertanyaan warga tertaut ({issue.questions.length})</h3>
            <ul>
              {issue.questions.map((question) => (
                <li>
                  <span class="issue-number">{question.trackingCode}</span> · {formatDateTime(question.createdAt)}
                  {question.name || question.contact ? ` · ${[question.name, question.contact].filter(Boolean).join(', ')}` : ''}
                  <blockquote>{question.body}</blockquote>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <IssueView issue={{ ...issue, sources: issue.sources.map(({ platform, url, claimText, detectedAt }) => ({ platform, url, claimText, detectedAt })) }} />
    </>
  );
}

function SimpleAction(props: { label: string; number: string; mutation: string; input: string; done: string; onDone: () => void }) {
  const action = useAction();
  return (
    <div class="actions">
      <button
        type="button"
        class="btn btn-primary"
        disabled={action.busy}
        onClick={() =>
          action.run(async () => {
            await gql(`mutation Act($input: ${props.input}!) { ${props.mutation}(input: $input) { issue { status } } }`, {
              input: { issueNumber: props.number },
            });
            props.onDone();
            return props.done;
          })
        }
      >
        {props.label}
      </button>
      <ActionResult state={action} />
    </div>
  );
}

function ReasonAction(props: {
  label: string;
  number: string;
  mutation: string;
  input: string;
  hint: string;
  extra?: Record<string, unknown>;
  onDone: () => void;
}) {
  const [openForm, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const id = `alasan-${props.mutation}`;
  if (!openForm) {
    return (
      <div class="actions">
        <button type="button" class="btn btn-secondary" onClick={() => setOpen(true)}>
          {props.label}…
        </button>
        <ActionResult state={action} />
      </div>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          await gql(`mutation Act($input: ${props.input}!) { ${props.mutation}(input: $input) { issue { status } } }`, {
            input: { issueNumber: props.number, reason, ...props.extra },
          });
          setOpen(false);
          setReason('');
          props.onDone();
          return 'Tersimpan.';
        });
      }}
    >
      <Field id={id} label={`Alasan: ${props.label.toLowerCase()}`} hint={props.hint}>
        <textarea id={id} required minLength={10} maxLength={1000} rows={3} value={reason} onInput={(e) => setReason(valueOf(e))} />
      </Field>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          {props.label}
        </button>
        <button type="button" class="btn btn-link" onClick={() => setOpen(false)}>
          Batal
        </button>
      </div>
      <ActionResult state={action} />
    </form>
  );
}

function DuplicateAction({ number, onDone }: { number: string; onDone: () => void }) {
  const [original, setOriginal] = useState('');
  const action = useAction();
  const id = `duplikat-${number}`;
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          await gql(`mutation Dup($input: MarkDuplicateInput!) { markDuplicate(input: $input) { issue { status } } }`, {
            input: { issueNumber: number, originalNumber: original.trim() },
          });
          onDone();
          return 'Ditandai sebagai duplikat.';
        });
      }}
    >
      <Field id={id} label="Duplikat dari isu nomor">
        <input id={id} required value={original} placeholder="KTB-2026-000001" onInput={(e) => setOriginal(valueOf(e))} />
      </Field>
      <button type="submit" class="btn btn-secondary" disabled={action.busy}>
        Tandai duplikat
      </button>
      <ActionResult state={action} />
    </form>
  );
}
