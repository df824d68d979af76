import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { StaffUser } from '../api';
import { gql } from '../api';
import { ErrorBox, Loading, useQuery, useTitle } from '../components';
import { formatDateTime, kindLabels, options, platformLabels, statusLabels, verdictLabels } from '../format';
import { NotFound } from '../pages/NotFound';
import { navigate } from '../router';
import { clearDraft, loadDraft, saveDraft } from './drafts';
import { type StaffIssueDetail, STAFF_ISSUE } from './Issue';
import { renderPreview } from './markdown';
import { MarkdownToolbar } from './MarkdownToolbar';
import { ActionResult, Field, useAction, valueOf } from './ui';

const MIN_BODY = 20;
const open = ['ASSIGNED', 'IN_PROGRESS'];

/** Writes, previews, publishes or corrects an agency's official response. */
export function Compose({ number, user }: { number: string; user: StaffUser }) {
  const q = useQuery<{ issue: StaffIssueDetail | null }>(STAFF_ISSUE, { number });
  useTitle(`Tanggapan ${number}`);
  if (q.error) return <ErrorBox error={q.error} retry={q.reload} />;
  if (!q.data) return <Loading />;
  const issue = q.data.issue;
  if (!issue) return <NotFound what="Isu" />;
  const published = issue.responses.some((r) => r.status === 'PUBLISHED');
  let refusal: string | null = null;
  if (!issue.agency) {
    refusal = 'Isu ini belum diteruskan ke instansi mana pun, jadi belum ada yang dapat menjawabnya. TRC meneruskannya lebih dulu.';
  } else if (user.role === 'PIC' && issue.agency.slug !== user.agency?.slug) {
    refusal = `Isu ini milik ${issue.agency.name}, bukan instansi Anda. Hanya PIC ${issue.agency.shortName} atau TRC yang dapat menulis tanggapannya.`;
  } else if (!open.includes(issue.status) && !published) {
    refusal = `Isu ini berstatus ${statusLabels[issue.status] ?? issue.status} dan tidak menunggu tanggapan.`;
  }
  if (refusal) {
    return (
      <section class="narrow">
        <p class="crumbs">
          <a href={`/staf/isu/${issue.number}`}>{issue.number}</a> · {kindLabels[issue.kind]}
        </p>
        <h1>Tanggapan tidak dapat ditulis di sini</h1>
        <p class="lead">{issue.title}</p>
        <div class="alert alert-warning" role="alert" data-testid="compose-refused">
          {refusal}
        </div>
        <p>
          <a href={user.role === 'PIC' ? '/staf/pic' : `/staf/isu/${issue.number}`}>{user.role === 'PIC' ? 'Kembali ke antrean instansi' : 'Kembali ke isu'}</a>
        </p>
      </section>
    );
  }
  return <Editor issue={issue} user={user} />;
}

/** The claim a response answers: the summary, what circulated, and citizens' questions. */
function Claim({ issue }: { issue: StaffIssueDetail }) {
  return (
    <aside class="claim" aria-labelledby="klaim-judul" data-testid="claim">
      <h2 id="klaim-judul">Yang Anda jawab</h2>
      <p>{issue.summary}</p>
      {issue.sources.length > 0 && (
        <>
          <h3>Beredar di</h3>
          <ul class="claim-sources">
            {issue.sources.map((s) => (
              <li>
                <span class="muted">
                  {platformLabels[s.platform] ?? s.platform} · {formatDateTime(s.detectedAt)}
                </span>
                {s.claimText && <blockquote>{s.claimText}</blockquote>}
              </li>
            ))}
          </ul>
        </>
      )}
      {issue.questions.length > 0 && (
        <>
          <h3>Pertanyaan warga ({issue.questions.length})</h3>
          {issue.questions.slice(0, 3).map((question) => (
            <blockquote>{question.body}</blockquote>
          ))}
        </>
      )}
    </aside>
  );
}

function Editor({ issue, user }: { issue: StaffIssueDetail; user: StaffUser }) {
  const published = issue.responses.find((r) => r.status === 'PUBLISHED');
  const draft = issue.responses.find((r) => r.status === 'DRAFT');
  const start = published ?? draft;
  const server = { body: start?.body ?? '', verdict: start?.verdict ?? '', reason: '' };
  // Text typed in this browser and not yet stored on the server wins over
  // the server's, until the writer chooses otherwise.
  const [restored, setRestored] = useState(() => {
    const local = loadDraft(user.id, issue.number);
    return local && (local.body !== server.body || local.verdict !== server.verdict || local.reason) ? local : null;
  });
  const [body, setBody] = useState(restored?.body ?? server.body);
  const [verdict, setVerdict] = useState(restored?.verdict ?? server.verdict);
  const [reason, setReason] = useState(restored?.reason ?? '');
  const [draftId, setDraftId] = useState(draft?.id ?? '');
  const [preview, setPreview] = useState(() => renderPreview(body));
  const [keptAt, setKeptAt] = useState<number | null>(restored?.savedAt ?? null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const action = useAction();
  const misinformation = issue.kind === 'MISINFORMATION';
  const revising = Boolean(published);

  // The preview follows the text after a short pause, so typing stays smooth
  // on slow devices.
  useEffect(() => {
    const id = setTimeout(() => setPreview(renderPreview(body)), 150);
    return () => clearTimeout(id);
  }, [body]);
  // Every change is kept in this browser shortly after it is typed.
  useEffect(() => {
    const id = setTimeout(() => {
      if (body === server.body && verdict === server.verdict && !reason) {
        clearDraft(user.id, issue.number);
        setKeptAt(null);
        return;
      }
      saveDraft(user.id, issue.number, { body, verdict, reason });
      setKeptAt(Date.now());
    }, 300);
    return () => clearTimeout(id);
  }, [body, verdict, reason]);
  const count = useMemo(() => body.trim().length, [body]);

  const verdictInput = misinformation && verdict ? { verdict } : {};
  const saveServerDraft = () =>
    action.run(async () => {
      const d = await gql<{ saveResponseDraft: { response: { id: string } } }>(
        `mutation Save($input: SaveResponseDraftInput!) { saveResponseDraft(input: $input) { response { id } } }`,
        { input: { issueNumber: issue.number, body, ...verdictInput } },
      );
      setDraftId(d.saveResponseDraft.response.id);
      return 'Draf tersimpan di server. Draf tidak terlihat publik.';
    });
  const publish = () =>
    action.run(async () => {
      if (draftId) {
        await gql(`mutation Save($input: SaveResponseDraftInput!) { saveResponseDraft(input: $input) { response { id } } }`, {
          input: { issueNumber: issue.number, body, ...verdictInput },
        });
        await gql(`mutation Publish($input: PublishResponseDraftInput!) { publishResponseDraft(input: $input) { response { id } } }`, {
          input: { responseId: draftId },
        });
      } else {
        await gql(`mutation Publish($input: PublishResponseInput!) { publishResponse(input: $input) { response { id } } }`, {
          input: { issueNumber: issue.number, body, ...verdictInput },
        });
      }
      clearDraft(user.id, issue.number);
      navigate(`/staf/isu/${issue.number}?terbit=1`);
    });
  const revise = () =>
    action.run(async () => {
      await gql(`mutation Revise($input: ReviseResponseInput!) { reviseResponse(input: $input) { response { id revision } } }`, {
        input: { responseId: published!.id, body, reason, ...verdictInput },
      });
      clearDraft(user.id, issue.number);
      navigate(`/staf/isu/${issue.number}?ralat=1`);
    });
  // The form's own checks run first; publishing then waits for a yes.
  const submit = (e: Event) => {
    e.preventDefault();
    dialog.current?.showModal();
  };
  const confirmed = () => {
    dialog.current?.close();
    if (revising) revise();
    else publish();
  };
  const useServerText = () => {
    clearDraft(user.id, issue.number);
    setRestored(null);
    setBody(server.body);
    setVerdict(server.verdict);
    setReason('');
  };
  const agencyName = issue.agency?.name ?? user.agency?.name ?? 'instansi';

  return (
    <section>
      <p class="crumbs">
        <a href={`/staf/isu/${issue.number}`}>{issue.number}</a> · {kindLabels[issue.kind]} · {agencyName}
      </p>
      <h1>{revising ? 'Ralat tanggapan resmi' : 'Tulis tanggapan resmi'}</h1>
      <p class="lead">{issue.title}</p>
      {restored && (
        <div class="alert alert-info" role="status" data-testid="restored">
          <p>Teks yang belum tersimpan di server dipulihkan dari peramban ini (diketik {formatDateTime(new Date(restored.savedAt).toISOString())}).</p>
          <button type="button" class="btn btn-secondary btn-small" onClick={useServerText}>
            Pakai teks dari server
          </button>
        </div>
      )}
      <div class="compose-layout">
        <Claim issue={issue} />
        <form onSubmit={submit} class="compose-form">
          <ActionResult state={action} />
          {misinformation && (
            <Field id="tanggapan-putusan" label="Putusan atas klaim (wajib untuk hoaks)">
              <select id="tanggapan-putusan" required value={verdict} aria-invalid={action.field === 'verdict' ? true : undefined} onChange={(e) => setVerdict(valueOf(e))}>
                <option value="">Pilih putusan…</option>
                {options(verdictLabels).map(([v, l]) => (
                  <option value={v}>{l}</option>
                ))}
              </select>
            </Field>
          )}
          <div class="compose">
            <div class="field">
              <label for="tanggapan-isi">Isi tanggapan (Markdown)</label>
              <MarkdownToolbar target={textarea} controls="tanggapan-isi" onChange={setBody} />
              <textarea
                id="tanggapan-isi"
                ref={textarea}
                required
                minLength={MIN_BODY}
                value={body}
                aria-invalid={action.field === 'body' ? true : undefined}
                aria-describedby="tanggapan-isi-bantu"
                onInput={(e) => setBody(valueOf(e))}
              />
              <p class="hint" id="tanggapan-isi-bantu">
                Minimal {MIN_BODY} karakter; saat ini {count}. Judul: ## Judul · tebal: **teks** · daftar: - butir · tautan: [teks](https://…)
              </p>
              <p class="hint" data-testid="kept">
                {keptAt ? `Tersimpan di peramban ini pukul ${new Date(keptAt).toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Makassar' })}.` : ' '}
              </p>
            </div>
            <div>
              <h2 id="pratinjau-judul" class="preview-title">
                Pratinjau
              </h2>
              <div class="preview prose" aria-labelledby="pratinjau-judul" data-testid="preview" dangerouslySetInnerHTML={{ __html: preview }} />
            </div>
          </div>
          {revising && (
            <Field id="tanggapan-alasan" label="Alasan ralat (ditampilkan ke publik)" hint="10–1.000 karakter. Versi sebelumnya tetap dapat dibaca publik.">
              <textarea id="tanggapan-alasan" required minLength={10} maxLength={1000} rows={2} value={reason} aria-invalid={action.field === 'reason' ? true : undefined} onInput={(e) => setReason(valueOf(e))} />
            </Field>
          )}
          <div class="actions">
            {!revising && (
              <button type="button" class="btn btn-secondary" disabled={action.busy} onClick={saveServerDraft}>
                Simpan draf
              </button>
            )}
            <button type="submit" class="btn btn-primary" disabled={action.busy}>
              {revising ? 'Terbitkan ralat' : 'Terbitkan'}
            </button>
          </div>
        </form>
      </div>
      <dialog ref={dialog} class="confirm" aria-labelledby="konfirmasi-judul" aria-describedby="konfirmasi-isi">
        <h2 id="konfirmasi-judul">{revising ? 'Terbitkan ralat?' : 'Terbitkan tanggapan resmi?'}</h2>
        <p id="konfirmasi-isi">
          {revising
            ? `Ralat langsung terlihat publik atas nama ${agencyName}, bersama alasannya. Versi sebelumnya tetap dapat dibaca.`
            : `Tanggapan langsung terlihat publik atas nama ${agencyName}. Setelah terbit, perubahan hanya dapat dilakukan lewat ralat yang juga terlihat publik.`}
        </p>
        <div class="actions">
          <button type="button" class="btn btn-primary" onClick={confirmed}>
            {revising ? 'Ya, terbitkan ralat' : 'Ya, terbitkan'}
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => dialog.current?.close()}>
            Periksa lagi
          </button>
        </div>
      </dialog>
    </section>
  );
}
