import { useState } from 'preact/hooks';
import { ApiError, gql } from '../api';
import { formatDateTime, options, platformLabels } from '../format';
import { ActionResult, Field, useAction, valueOf } from './ui';

/** A source as staff see it, with the fields only staff read. */
export interface StaffSource {
  id: string;
  platform: string;
  url: string | null;
  claimText: string;
  accountHandle: string | null;
  detectedAt: string;
}

/** Corrects the title and summary of an issue (TRC). */
export function EditIssueText({ number, title, summary, onDone }: { number: string; title: string; summary: string; onDone: () => void }) {
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState({ title, summary });
  const action = useAction();
  if (!editing) {
    return (
      <div class="actions">
        <button
          type="button"
          class="btn btn-secondary"
          onClick={() => {
            setForm({ title, summary });
            action.clear();
            setEditing(true);
          }}
        >
          Ubah judul dan ringkasan…
        </button>
        <ActionResult state={action} />
      </div>
    );
  }
  return (
    <form
      aria-label="Ubah judul dan ringkasan"
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          const input: Record<string, string> = { issueNumber: number };
          if (form.title.trim() !== title) input.title = form.title.trim();
          if (form.summary.trim() !== summary) input.summary = form.summary.trim();
          await gql(`mutation Edit($input: UpdateIssueInput!) { updateIssue(input: $input) { issue { title } } }`, { input });
          setEditing(false);
          onDone();
          return 'Judul dan ringkasan tersimpan; perubahan tercatat di linimasa.';
        });
      }}
    >
      <ActionResult state={action} />
      <Field id="ubah-judul" label="Judul" hint="5–200 karakter">
        <input id="ubah-judul" required minLength={5} maxLength={200} value={form.title} aria-invalid={action.field === 'title' ? true : undefined} onInput={(e) => setForm({ ...form, title: valueOf(e) })} />
      </Field>
      <Field id="ubah-ringkasan" label="Ringkasan" hint="10–4.000 karakter">
        <textarea id="ubah-ringkasan" required rows={4} value={form.summary} aria-invalid={action.field === 'summary' ? true : undefined} onInput={(e) => setForm({ ...form, summary: valueOf(e) })} />
      </Field>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          Simpan perubahan
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => setEditing(false)}>
          Batal
        </button>
      </div>
    </form>
  );
}

export interface SourceDraft {
  platform: string;
  url: string;
  claim: string;
  handle: string;
}

export const emptySource = (): SourceDraft => ({ platform: 'WHATSAPP', url: '', claim: '', handle: '' });

/** The API input of a source form; null when it holds neither a link nor a claim. */
export function sourceInput(s: SourceDraft): Record<string, string> | null {
  if (!s.url.trim() && !s.claim.trim()) return null;
  const out: Record<string, string> = { platform: s.platform };
  if (s.url.trim()) out.url = s.url.trim();
  if (s.claim.trim()) out.claimText = s.claim.trim();
  if (s.handle.trim()) out.accountHandle = s.handle.trim();
  return out;
}

/** The fields of one source, named by prefix so several can share a page. */
export function SourceFields({ prefix, value, onChange, invalid }: { prefix: string; value: SourceDraft; onChange: (s: SourceDraft) => void; invalid?: string | null }) {
  const set = (key: keyof SourceDraft) => (e: Event) => onChange({ ...value, [key]: valueOf(e) });
  return (
    <>
      <div class="form-grid">
        <Field id={`${prefix}-platform`} label="Platform">
          <select id={`${prefix}-platform`} value={value.platform} onChange={set('platform')}>
            {options(platformLabels).map(([v, l]) => (
              <option value={v}>{l}</option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-url`} label="Tautan (bila ada)">
          <input id={`${prefix}-url`} type="url" value={value.url} aria-invalid={invalid === 'url' ? true : undefined} onInput={set('url')} />
        </Field>
      </div>
      <Field id={`${prefix}-klaim`} label="Klaim seperti yang terlihat">
        <textarea id={`${prefix}-klaim`} rows={3} value={value.claim} onInput={set('claim')} />
      </Field>
      <Field id={`${prefix}-akun`} label="Akun pengunggah (hanya untuk staf)">
        <input id={`${prefix}-akun`} value={value.handle} onInput={set('handle')} />
      </Field>
    </>
  );
}

/** The sources of an issue, each correctable or removable, and a form for another (TRC). */
export function ManageSources({ number, sources, onDone }: { number: string; sources: StaffSource[]; onDone: () => void }) {
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState(emptySource);
  const action = useAction();
  return (
    <section aria-labelledby="sumber-staf">
      <h3 id="sumber-staf">Sumber ({sources.length})</h3>
      <ActionResult state={action} />
      <ul class="staff-sources">
        {sources.map((s) => (
          <SourceRow
            key={s.id}
            source={s}
            onDone={onDone}
            onRemoved={() =>
              // The row leaves the list, so its confirmation is shown by the list.
              action.run(async () => {
                onDone();
                return 'Sumber dihapus; alasannya tercatat untuk staf.';
              })
            }
          />
        ))}
      </ul>
      {!adding ? (
        <button type="button" class="btn btn-secondary" onClick={() => setAdding(true)}>
          Tambah sumber…
        </button>
      ) : (
        <form
          aria-label="Tambah sumber"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(async () => {
              const source = sourceInput(draft);
              if (!source) throw new ApiError('Isi tautan atau klaim seperti yang terlihat.', 'BAD_USER_INPUT', 'url');
              await gql(`mutation Add($input: AddIssueSourceInput!) { addIssueSource(input: $input) { issue { number } } }`, {
                input: { issueNumber: number, source },
              });
              setDraft(emptySource());
              setAdding(false);
              onDone();
              return 'Sumber baru tersimpan.';
            });
          }}
        >
          <fieldset>
            <legend>Sumber baru</legend>
            <SourceFields prefix="sumber-baru" value={draft} onChange={setDraft} invalid={action.field} />
          </fieldset>
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={action.busy}>
              Simpan sumber
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setAdding(false)}>
              Batal
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function SourceRow({ source, onDone, onRemoved }: { source: StaffSource; onDone: () => void; onRemoved: () => void }) {
  const [mode, setMode] = useState<'' | 'edit' | 'remove'>('');
  const [draft, setDraft] = useState<SourceDraft>({
    platform: source.platform,
    url: source.url ?? '',
    claim: source.claimText,
    handle: source.accountHandle ?? '',
  });
  const [reason, setReason] = useState('');
  const action = useAction();
  const prefix = `sumber-${source.id}`;
  const label = platformLabels[source.platform] ?? source.platform;
  return (
    <li class="card" data-source={source.id}>
      <p class="card-meta">
        <strong>{label}</strong> · {formatDateTime(source.detectedAt)}
        {source.accountHandle ? ` · ${source.accountHandle}` : ''}
      </p>
      {source.claimText && <blockquote>{source.claimText}</blockquote>}
      {source.url && <p class="source-url">{source.url}</p>}
      <ActionResult state={action} />
      {mode === '' && (
        <div class="actions">
          <button type="button" class="btn btn-secondary btn-small" onClick={() => setMode('edit')}>
            Perbaiki<span class="sr-only"> sumber {label}</span>
          </button>
          <button type="button" class="btn btn-secondary btn-small" onClick={() => setMode('remove')}>
            Hapus<span class="sr-only"> sumber {label}</span>
          </button>
        </div>
      )}
      {mode === 'edit' && (
        <form
          aria-label={`Perbaiki sumber ${label}`}
          onSubmit={(e) => {
            e.preventDefault();
            action.run(async () => {
              await gql(`mutation Fix($input: UpdateIssueSourceInput!) { updateIssueSource(input: $input) { issue { number } } }`, {
                input: { id: source.id, platform: draft.platform, url: draft.url.trim(), claimText: draft.claim.trim(), accountHandle: draft.handle.trim() },
              });
              setMode('');
              onDone();
              return 'Sumber diperbaiki.';
            });
          }}
        >
          <SourceFields prefix={prefix} value={draft} onChange={setDraft} invalid={action.field} />
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={action.busy}>
              Simpan perbaikan
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setMode('')}>
              Batal
            </button>
          </div>
        </form>
      )}
      {mode === 'remove' && (
        <form
          aria-label={`Hapus sumber ${label}`}
          onSubmit={(e) => {
            e.preventDefault();
            action.run(async () => {
              await gql(`mutation Remove($input: RemoveIssueSourceInput!) { removeIssueSource(input: $input) { issue { number } } }`, {
                input: { id: source.id, reason },
              });
              setMode('');
              onRemoved();
            });
          }}
        >
          <Field id={`${prefix}-alasan`} label="Alasan menghapus (hanya untuk staf)" hint="10–1.000 karakter">
            <textarea id={`${prefix}-alasan`} required minLength={10} maxLength={1000} rows={2} value={reason} onInput={(e) => setReason(valueOf(e))} />
          </Field>
          <div class="actions">
            <button type="submit" class="btn btn-danger" disabled={action.busy}>
              Hapus sumber
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setMode('')}>
              Batal
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
