import { useState } from 'preact/hooks';
import { ApiError, gql } from '../api';
import { ErrorBox, Loading, useNow, useQuery, useTitle } from '../components';
import { formatDateTime, kindLabels, options, priorityLabels, statusLabels } from '../format';
import { useDirectory } from '../pages/directory';
import { navigate } from '../router';
import { emptySource, type SourceDraft, SourceFields, sourceInput } from './IssueEdit';
import { IssuePicker } from './IssuePicker';
import { ActionResult, Clock, Field, useAction, valueOf } from './ui';

interface InboxIssue {
  number: string;
  title: string;
  summary: string;
  kind: string;
  status: string;
  priority: string | null;
  createdAt: string;
  agency: { slug: string; shortName: string } | null;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  acknowledgeDueAt: string | null;
  answerDueAt: string | null;
}

const INBOX_ISSUE = `number title summary kind status priority createdAt agency { slug shortName }
  acknowledgedAt answeredAt acknowledgeDueAt answerDueAt`;

const INBOX = `query Inbox {
  fresh: issues(filter: { status: [NEW] }, orderBy: OLDEST, first: 50) { totalCount edges { node { ${INBOX_ISSUE} } } }
  open: issues(filter: { status: [ASSIGNED, IN_PROGRESS] }, orderBy: OLDEST, first: 100) { totalCount edges { node { ${INBOX_ISSUE} } } }
}`;

interface Inbox {
  fresh: { totalCount: number; edges: { node: InboxIssue }[] };
  open: { totalCount: number; edges: { node: InboxIssue }[] };
}

export function TrcInbox() {
  useTitle('Kotak masuk TRC');
  const inbox = useQuery<Inbox>(INBOX);
  const now = useNow();
  const [notice, setNotice] = useState<string | null>(null);
  const open = [...(inbox.data?.open.edges.map((e) => e.node) ?? [])].sort(
    (a, b) => (a.answerDueAt ?? '').localeCompare(b.answerDueAt ?? ''),
  );
  return (
    <section>
      <h1>Kotak masuk TRC</h1>
      <p class="actions">
        <a class="btn btn-primary" href="/staf/trc/isu-baru">
          Catat isu baru
        </a>
      </p>
      {notice && (
        <div class="alert alert-success" role="status">
          {notice}
        </div>
      )}
      <Questions
        onChange={(message) => {
          setNotice(message);
          inbox.reload();
        }}
      />
      <h2>Isu baru, belum diteruskan {inbox.data && `(${inbox.data.fresh.totalCount})`}</h2>
      {inbox.error ? <ErrorBox error={inbox.error} retry={inbox.reload} /> : null}
      {inbox.loading && !inbox.data && <Loading />}
      {inbox.data && inbox.data.fresh.edges.length === 0 && <p>Tidak ada isu baru.</p>}
      <div class="card-list">
        {inbox.data?.fresh.edges.map(({ node }) => (
          <article class="card" data-issue={node.number}>
            <p class="card-meta">
              <span class="issue-number">{node.number}</span> <span class="badge kind">{kindLabels[node.kind]}</span>
            </p>
            <h3 class="card-title">
              <a href={`/staf/isu/${node.number}`}>{node.title}</a>
            </h3>
            <p class="card-summary">{node.summary}</p>
            <p class="card-foot">Dicatat {formatDateTime(node.createdAt)}</p>
            <AssignForm
              number={node.number}
              onDone={(message) => {
                setNotice(`${node.number}: ${message}`);
                inbox.reload();
              }}
            />
          </article>
        ))}
      </div>
      <h2>Sedang berjalan {inbox.data && `(${inbox.data.open.totalCount})`}</h2>
      {open.length > 0 && <Running issues={open} now={now} />}
    </section>
  );
}

/**
 * The assigned issues with their clocks: a table on wide screens, a list of
 * cards on phones, where four columns cannot be read.
 */
function Running({ issues, now }: { issues: InboxIssue[]; now: number }) {
  return (
    <>
      <ul class="card-list running-cards only-narrow" aria-label="Isu yang sedang berjalan" data-testid="running-cards">
        {issues.map((i) => (
          <li class="card" data-running={i.number}>
            <p class="card-meta">
              <span class="issue-number">{i.number}</span>
              <span class="badge status">{statusLabels[i.status]}</span>
              {i.priority && <span class="badge">{priorityLabels[i.priority]}</span>}
            </p>
            <h3 class="card-title">
              <a href={`/staf/isu/${i.number}`}>{i.title}</a>
            </h3>
            <p class="card-foot">{i.agency?.shortName}</p>
            <p class="clocks">
              <Clock label="Konfirmasi" due={i.acknowledgeDueAt} metAt={i.acknowledgedAt} now={now} />
              <Clock label="Jawaban" due={i.answerDueAt} metAt={i.answeredAt} now={now} />
            </p>
          </li>
        ))}
      </ul>
      <div class="table-wrap only-wide" tabIndex={0} role="region" aria-label="Isu yang sedang berjalan">
        <table class="data" data-testid="running-table">
          <caption class="sr-only">Isu yang sudah diteruskan dan belum dijawab, yang paling dekat batas waktunya di atas</caption>
          <thead>
            <tr>
              <th scope="col">Isu</th>
              <th scope="col">Instansi</th>
              <th scope="col">Status</th>
              <th scope="col">Waktu</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((i) => (
              <tr>
                <td>
                  <a href={`/staf/isu/${i.number}`}>{i.title}</a>
                  <br />
                  <span class="issue-number">{i.number}</span> · {priorityLabels[i.priority ?? ''] ?? ''}
                </td>
                <td>{i.agency?.shortName}</td>
                <td>{statusLabels[i.status]}</td>
                <td>
                  <Clock label="Konfirmasi" due={i.acknowledgeDueAt} metAt={i.acknowledgedAt} now={now} />
                  <br />
                  <Clock label="Jawaban" due={i.answerDueAt} metAt={i.answeredAt} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Assigns (or reassigns) an issue to an agency with a priority. */
export function AssignForm({ number, agency = '', priority = 'NORMAL', onDone }: { number: string; agency?: string; priority?: string; onDone: (message: string) => void }) {
  const directory = useDirectory();
  const [agencySlug, setAgency] = useState(agency);
  const [prio, setPrio] = useState(priority);
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const d = await gql<{ assignIssue: { issue: { agency: { name: string } } } }>(
        `mutation Assign($input: AssignIssueInput!) { assignIssue(input: $input) { issue { number status agency { name } answerDueAt } } }`,
        { input: { issueNumber: number, agencySlug, priority: prio } },
      );
      const message = `Diteruskan ke ${d.assignIssue.issue.agency.name}.`;
      onDone(message);
      return message;
    });
  };
  const id = `teruskan-${number}`;
  return (
    <form class="inline-form" onSubmit={submit} aria-label={`Teruskan ${number}`}>
      <Field id={`${id}-instansi`} label="Teruskan ke instansi">
        <select id={`${id}-instansi`} required value={agencySlug} onChange={(e) => setAgency(valueOf(e))}>
          <option value="">Pilih instansi…</option>
          {(directory.data?.agencies ?? []).map((a) => (
            <option value={a.slug}>{a.name}</option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-prioritas`} label="Prioritas">
        <select id={`${id}-prioritas`} value={prio} onChange={(e) => setPrio(valueOf(e))}>
          {options(priorityLabels).map(([v, l]) => (
            <option value={v}>{l}</option>
          ))}
        </select>
      </Field>
      <button type="submit" class="btn btn-primary" disabled={action.busy || !agencySlug}>
        {agency ? 'Alihkan' : 'Teruskan'}
      </button>
      <ActionResult state={action} />
    </form>
  );
}

interface InboxQuestion {
  id: string;
  trackingCode: string;
  body: string;
  name: string | null;
  contact: string | null;
  createdAt: string;
  agencyGuess: { slug: string; name: string } | null;
  categoryGuess: { slug: string; name: string } | null;
}

const QUESTIONS = `query Questions {
  questions(filter: { status: [RECEIVED] }, first: 50) {
    totalCount
    edges { node { id trackingCode body name contact createdAt agencyGuess { slug name } categoryGuess { slug name } } }
  }
}`;

/** Citizens' questions waiting for triage. */
function Questions({ onChange }: { onChange: (message: string) => void }) {
  const q = useQuery<{ questions: { totalCount: number; edges: { node: InboxQuestion }[] } }>(QUESTIONS);
  const done = (message: string) => {
    q.reload();
    onChange(message);
  };
  return (
    <>
      <h2>Pertanyaan warga menunggu telaah {q.data && `(${q.data.questions.totalCount})`}</h2>
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {q.loading && !q.data && <Loading />}
      {q.data && q.data.questions.edges.length === 0 && <p>Tidak ada pertanyaan yang menunggu.</p>}
      <div class="card-list">
        {q.data?.questions.edges.map(({ node }) => (
          <QuestionCard question={node} onDone={done} />
        ))}
      </div>
    </>
  );
}

function QuestionCard({ question, onDone }: { question: InboxQuestion; onDone: (message: string) => void }) {
  const [mode, setMode] = useState<'' | 'link' | 'open' | 'reject'>('');
  const directory = useDirectory();
  const action = useAction();
  const [linked, setLinked] = useState<{ number: string; title: string } | null>(null);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState(question.body);
  const [kind, setKind] = useState('QUESTION');
  const [category, setCategory] = useState(question.categoryGuess?.slug ?? '');
  const [reason, setReason] = useState('');
  const id = `tanya-${question.id}`;
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      if (mode === 'link') {
        if (!linked) throw new ApiError('Pilih isu dari hasil pencarian.', 'BAD_USER_INPUT');
        await gql(`mutation Link($input: LinkQuestionInput!) { linkQuestion(input: $input) { question { status } } }`, {
          input: { questionId: question.id, issueNumber: linked.number },
        });
        onDone(`Pertanyaan ${question.trackingCode} ditautkan ke ${linked.number} (${linked.title}). Penanya akan melihat jawaban isu itu.`);
      } else if (mode === 'open') {
        const input: Record<string, string> = { questionId: question.id, title, summary, kind };
        if (category) input.categorySlug = category;
        const d = await gql<{ openIssueFromQuestion: { issue: { number: string } } }>(
          `mutation Open($input: OpenIssueFromQuestionInput!) { openIssueFromQuestion(input: $input) { issue { number } } }`,
          { input },
        );
        navigate(`/staf/isu/${d.openIssueFromQuestion.issue.number}?dibuka=${encodeURIComponent(question.trackingCode)}`);
      } else if (mode === 'reject') {
        await gql(`mutation Reject($input: RejectQuestionInput!) { rejectQuestion(input: $input) { question { status } } }`, {
          input: { questionId: question.id, reason },
        });
        onDone(`Pertanyaan ${question.trackingCode} ditolak; penanya membaca alasannya lewat kode lacak.`);
      }
    });
  };
  return (
    <article class="card" data-question={question.trackingCode}>
      <p class="card-meta">
        <span class="issue-number">{question.trackingCode}</span> · {formatDateTime(question.createdAt)}
      </p>
      <blockquote>{question.body}</blockquote>
      <p class="muted">
        {question.name ? `Dari ${question.name}` : 'Tanpa nama'}
        {question.contact ? ` · ${question.contact}` : ''}
        {question.agencyGuess ? ` · dugaan instansi: ${question.agencyGuess.name}` : ''}
        {question.categoryGuess ? ` · topik: ${question.categoryGuess.name}` : ''}
      </p>
      <div class="actions" role="group" aria-label="Telaah pertanyaan">
        <button type="button" class="btn btn-secondary" aria-pressed={mode === 'link'} onClick={() => setMode('link')}>
          Tautkan ke isu
        </button>
        <button type="button" class="btn btn-secondary" aria-pressed={mode === 'open'} onClick={() => setMode('open')}>
          Buka isu baru
        </button>
        <button type="button" class="btn btn-secondary" aria-pressed={mode === 'reject'} onClick={() => setMode('reject')}>
          Tolak
        </button>
      </div>
      {mode && (
        <form onSubmit={submit}>
          {mode === 'link' && <IssuePicker id={`${id}-isu`} selected={linked} onSelect={setLinked} />}
          {mode === 'open' && (
            <>
              <Field id={`${id}-judul`} label="Judul isu">
                <input id={`${id}-judul`} required minLength={5} maxLength={200} value={title} onInput={(e) => setTitle(valueOf(e))} />
              </Field>
              <Field id={`${id}-ringkasan`} label="Ringkasan">
                <textarea id={`${id}-ringkasan`} required rows={4} value={summary} onInput={(e) => setSummary(valueOf(e))} />
              </Field>
              <div class="form-grid">
                <Field id={`${id}-jenis`} label="Jenis">
                  <select id={`${id}-jenis`} value={kind} onChange={(e) => setKind(valueOf(e))}>
                    {options(kindLabels).map(([v, l]) => (
                      <option value={v}>{l}</option>
                    ))}
                  </select>
                </Field>
                <Field id={`${id}-kategori`} label="Kategori">
                  <select id={`${id}-kategori`} value={category} onChange={(e) => setCategory(valueOf(e))}>
                    <option value="">Tanpa kategori</option>
                    {(directory.data?.categories ?? []).map((c) => (
                      <option value={c.slug}>{c.name}</option>
                    ))}
                  </select>
                </Field>
              </div>
            </>
          )}
          {mode === 'reject' && (
            <Field id={`${id}-alasan`} label="Alasan (dibaca penanya)">
              <textarea id={`${id}-alasan`} required minLength={10} rows={3} value={reason} onInput={(e) => setReason(valueOf(e))} />
            </Field>
          )}
          <button type="submit" class="btn btn-primary" disabled={action.busy || (mode === 'link' && !linked)}>
            {mode === 'link' ? 'Tautkan' : mode === 'open' ? 'Buka isu' : 'Tolak pertanyaan'}
          </button>
          <ActionResult state={action} />
        </form>
      )}
    </article>
  );
}

/** Logs a new issue seen on social media, with its sources and, when known, its agency. */
export function NewIssue() {
  useTitle('Catat isu baru');
  const directory = useDirectory();
  const action = useAction();
  const [form, setForm] = useState({ title: '', summary: '', kind: 'MISINFORMATION', category: '', agency: '', priority: 'NORMAL' });
  const [sources, setSources] = useState<SourceDraft[]>([emptySource()]);
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: valueOf(e) });
  const submit = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const input: Record<string, unknown> = { title: form.title.trim(), summary: form.summary.trim(), kind: form.kind };
      if (form.category) input.categorySlug = form.category;
      const filled = sources.map(sourceInput).filter((s) => s !== null);
      if (filled.length > 0) input.sources = filled;
      const d = await gql<{ createIssue: { issue: { number: string } } }>(
        `mutation Create($input: CreateIssueInput!) { createIssue(input: $input) { issue { number } } }`,
        { input },
      );
      const number = d.createIssue.issue.number;
      if (form.agency) {
        // The issue exists from here on: a failed assignment leaves it in the
        // inbox, and its page says so.
        try {
          await gql(`mutation Assign($input: AssignIssueInput!) { assignIssue(input: $input) { issue { number } } }`, {
            input: { issueNumber: number, agencySlug: form.agency, priority: form.priority },
          });
        } catch {
          navigate(`/staf/isu/${number}?dicatat=1`);
          return;
        }
      }
      navigate(`/staf/isu/${number}?dicatat=1`);
    });
  };
  const invalid = (f: string) => (action.field === f ? true : undefined);
  return (
    <section class="narrow">
      <h1>Catat isu baru</h1>
      <form onSubmit={submit}>
        <ActionResult state={action} />
        <Field id="isu-judul" label="Judul" hint="5–200 karakter">
          <input id="isu-judul" required minLength={5} maxLength={200} value={form.title} aria-invalid={invalid('title')} onInput={set('title')} />
        </Field>
        <Field id="isu-ringkasan" label="Ringkasan: apa yang beredar atau ditanyakan" hint="10–4.000 karakter">
          <textarea id="isu-ringkasan" required rows={4} value={form.summary} aria-invalid={invalid('summary')} onInput={set('summary')} />
        </Field>
        <div class="form-grid">
          <Field id="isu-jenis" label="Jenis">
            <select id="isu-jenis" value={form.kind} onChange={set('kind')}>
              {options(kindLabels).map(([v, l]) => (
                <option value={v}>{l}</option>
              ))}
            </select>
          </Field>
          <Field id="isu-kategori" label="Kategori">
            <select id="isu-kategori" value={form.category} onChange={set('category')}>
              <option value="">Tanpa kategori</option>
              {(directory.data?.categories ?? []).map((c) => (
                <option value={c.slug}>{c.name}</option>
              ))}
            </select>
          </Field>
          <Field id="isu-instansi" label="Teruskan ke instansi (bila sudah jelas)">
            <select id="isu-instansi" value={form.agency} onChange={set('agency')}>
              <option value="">Nanti, dari kotak masuk</option>
              {(directory.data?.agencies ?? []).map((a) => (
                <option value={a.slug}>{a.name}</option>
              ))}
            </select>
          </Field>
          <Field id="isu-prioritas" label="Prioritas">
            <select id="isu-prioritas" value={form.priority} disabled={!form.agency} onChange={set('priority')}>
              {options(priorityLabels).map(([v, l]) => (
                <option value={v}>{l}</option>
              ))}
            </select>
          </Field>
        </div>
        {sources.map((source, i) => (
          <fieldset data-source-form={i}>
            <legend>{sources.length > 1 ? `Sumber ${i + 1}` : 'Sumber'} (tempat klaim terlihat)</legend>
            <SourceFields
              prefix={i === 0 ? 'isu' : `isu-sumber-${i + 1}`}
              value={source}
              invalid={action.field}
              onChange={(s) => setSources(sources.map((x, j) => (j === i ? s : x)))}
            />
            {sources.length > 1 && (
              <button type="button" class="btn btn-secondary" onClick={() => setSources(sources.filter((_, j) => j !== i))}>
                Hapus sumber {i + 1}
              </button>
            )}
          </fieldset>
        ))}
        <p class="actions">
          <button type="button" class="btn btn-secondary" onClick={() => setSources([...sources, emptySource()])}>
            Tambah sumber lain
          </button>
        </p>
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          Simpan isu
        </button>
      </form>
    </section>
  );
}
