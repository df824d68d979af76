import { useEffect, useMemo, useState } from 'preact/hooks';
import type { StaffUser } from '../api';
import { gql } from '../api';
import { ErrorBox, Loading, useQuery, useTitle } from '../components';
import { kindLabels, options, verdictLabels } from '../format';
import { NotFound } from '../pages/NotFound';
import { navigate } from '../router';
import { type StaffIssueDetail, STAFF_ISSUE } from './Issue';
import { renderPreview } from './markdown';
import { ActionResult, Field, useAction, valueOf } from './ui';

const MIN_BODY = 20;

/** Writes, previews, publishes or corrects an agency's official response. */
export function Compose({ number, user }: { number: string; user: StaffUser }) {
  const q = useQuery<{ issue: StaffIssueDetail | null }>(STAFF_ISSUE, { number });
  useTitle(`Tanggapan ${number}`);
  if (q.error) return <ErrorBox error={q.error} retry={q.reload} />;
  if (!q.data) return <Loading />;
  if (!q.data.issue) return <NotFound what="Isu" />;
  return <Editor issue={q.data.issue} user={user} />;
}

function Editor({ issue, user }: { issue: StaffIssueDetail; user: StaffUser }) {
  const published = issue.responses.find((r) => r.status === 'PUBLISHED');
  const draft = issue.responses.find((r) => r.status === 'DRAFT');
  const start = published ?? draft;
  const [body, setBody] = useState(start?.body ?? '');
  const [verdict, setVerdict] = useState(start?.verdict ?? '');
  const [reason, setReason] = useState('');
  const [draftId, setDraftId] = useState(draft?.id ?? '');
  const [preview, setPreview] = useState(() => renderPreview(body));
  const action = useAction();
  const misinformation = issue.kind === 'MISINFORMATION';
  const revising = Boolean(published);

  // The preview follows the text after a short pause, so typing stays smooth
  // on slow devices.
  useEffect(() => {
    const id = setTimeout(() => setPreview(renderPreview(body)), 150);
    return () => clearTimeout(id);
  }, [body]);
  const count = useMemo(() => body.trim().length, [body]);

  const verdictInput = misinformation && verdict ? { verdict } : {};
  const saveDraft = () =>
    action.run(async () => {
      const d = await gql<{ saveResponseDraft: { response: { id: string } } }>(
        `mutation Save($input: SaveResponseDraftInput!) { saveResponseDraft(input: $input) { response { id } } }`,
        { input: { issueNumber: issue.number, body, ...verdictInput } },
      );
      setDraftId(d.saveResponseDraft.response.id);
      return 'Draf tersimpan. Draf tidak terlihat publik.';
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
      navigate(`/staf/isu/${issue.number}?terbit=1`);
    });
  const revise = () =>
    action.run(async () => {
      await gql(`mutation Revise($input: ReviseResponseInput!) { reviseResponse(input: $input) { response { id revision } } }`, {
        input: { responseId: published!.id, body, reason, ...verdictInput },
      });
      navigate(`/staf/isu/${issue.number}?ralat=1`);
    });
  const submit = (e: Event) => {
    e.preventDefault();
    if (revising) revise();
    else publish();
  };

  return (
    <section>
      <p class="crumbs">
        <a href={`/staf/isu/${issue.number}`}>{issue.number}</a> · {kindLabels[issue.kind]}
        {user.agency ? ` · ${user.agency.name}` : ''}
      </p>
      <h1>{revising ? 'Ralat tanggapan resmi' : 'Tulis tanggapan resmi'}</h1>
      <p class="lead">{issue.title}</p>
      <form onSubmit={submit}>
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
          <Field id="tanggapan-isi" label="Isi tanggapan (Markdown)" hint={`Minimal ${MIN_BODY} karakter; saat ini ${count}. Judul: ## Judul · tebal: **teks** · daftar: - butir · tautan: [teks](https://…)`}>
            <textarea id="tanggapan-isi" required minLength={MIN_BODY} value={body} aria-invalid={action.field === 'body' ? true : undefined} aria-describedby="tanggapan-isi-bantu" onInput={(e) => setBody(valueOf(e))} />
          </Field>
          <div>
            <h2 id="pratinjau-judul" style="margin-top:0.5rem;font-size:0.95rem">
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
            <button type="button" class="btn btn-secondary" disabled={action.busy} onClick={saveDraft}>
              Simpan draf
            </button>
          )}
          <button type="submit" class="btn btn-primary" disabled={action.busy}>
            {revising ? 'Terbitkan ralat' : 'Terbitkan'}
          </button>
        </div>
      </form>
    </section>
  );
}
