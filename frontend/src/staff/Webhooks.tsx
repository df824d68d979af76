import { useState } from 'preact/hooks';
import { gql } from '../api';
import { CopyButton, ErrorBox, Loading, useQuery, useTitle } from '../components';
import { formatDateTime } from '../format';
import { ActionResult, Field, useAction, valueOf } from './ui';

type WebhookEvent = 'RESPONSE_PUBLISHED' | 'RESPONSE_REVISED' | 'ISSUE_STATUS_CHANGED' | 'QUESTION_ANSWERED';

interface Attempt {
  at: string;
  responseCode: number | null;
  outcome: string;
  error: string;
}

interface Delivery {
  id: string;
  messageId: string;
  event: WebhookEvent;
  subject: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  responseCode: number | null;
  responseExcerpt: string;
  error: string;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  attemptLog: Attempt[];
}

interface Webhook {
  id: string;
  url: string;
  description: string;
  events: WebhookEvent[];
  enabled: boolean;
  disabledReason: string;
  consecutiveFailures: number;
  rotating: boolean;
  rotationEndsAt: string | null;
  createdAt: string;
  deliveries: Delivery[];
}

const EVENTS: { value: WebhookEvent; label: string; type: string }[] = [
  { value: 'RESPONSE_PUBLISHED', label: 'Tanggapan resmi terbit', type: 'response.published' },
  { value: 'RESPONSE_REVISED', label: 'Tanggapan diralat', type: 'response.revised' },
  { value: 'ISSUE_STATUS_CHANGED', label: 'Status isu berubah', type: 'issue.status_changed' },
  { value: 'QUESTION_ANSWERED', label: 'Pertanyaan warga terjawab (kode lacak saja)', type: 'question.answered' },
];

/** Long URLs, secrets and ids wrap anywhere rather than widen a phone screen. */
const WRAP = { overflowWrap: 'anywhere', wordBreak: 'break-all' } as const;

/** A check box beside its label. */
const CHECK = { display: 'flex', gap: '0.5rem', alignItems: 'center', margin: '0.25rem 0' } as const;
const BOX = { width: 'auto', flex: 'none' } as const;

const STATUS_LABEL: Record<Delivery['status'], string> = {
  PENDING: 'Menunggu',
  DELIVERED: 'Terkirim',
  FAILED: 'Gagal',
};

const WEBHOOK_FIELDS = `id url description events enabled disabledReason consecutiveFailures rotating rotationEndsAt createdAt
  deliveries { id messageId event subject status attempts responseCode responseExcerpt error createdAt lastAttemptAt nextAttemptAt
    attemptLog { at responseCode outcome error } }`;

function eventType(e: WebhookEvent): string {
  return EVENTS.find((x) => x.value === e)?.type ?? e;
}

/** Webhooks for newsrooms and chat gateways: signed POSTs of public events. */
export function AdminWebhooks() {
  useTitle('Webhook');
  const q = useQuery<{ webhooks: Webhook[] }>(`{ webhooks { ${WEBHOOK_FIELDS} } }`);
  const [secret, setSecret] = useState<{ url: string; secret: string; rotated: boolean } | null>(null);
  return (
    <section>
      <h1>Webhook</h1>
      <p>
        Redaksi dan gerbang WhatsApp/Telegram menerima peristiwa publik sebagai POST bertanda tangan (Standard Webhooks: header <code>webhook-id</code>,{' '}
        <code>webhook-timestamp</code>, <code>webhook-signature</code>). Isinya hanya data publik; data pribadi penanya tidak pernah dikirim. Pengiriman yang gagal
        diulang selama lebih dari 24 jam; webhook yang terus gagal dinonaktifkan otomatis.
      </p>
      {secret && <SecretNotice {...secret} onClose={() => setSecret(null)} />}
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {!q.data && !q.error && <Loading />}
      {q.data && q.data.webhooks.length === 0 && <p data-testid="webhooks-empty">Belum ada webhook terdaftar.</p>}
      {q.data?.webhooks.map((w) => (
        <WebhookCard key={w.id} webhook={w} reload={q.reload} onSecret={(s) => setSecret({ url: w.url, secret: s, rotated: true })} />
      ))}
      <h2>Daftarkan webhook</h2>
      <WebhookForm
        onDone={(url, s) => {
          if (s) setSecret({ url, secret: s, rotated: false });
          q.reload();
        }}
      />
    </section>
  );
}

/** The signing secret, shown once after creation or rotation. */
function SecretNotice({ url, secret, rotated, onClose }: { url: string; secret: string; rotated: boolean; onClose: () => void }) {
  return (
    <div class="alert alert-success" role="status" data-testid="webhook-secret">
      <p>
        <strong style={WRAP}>
          {rotated ? 'Rahasia baru' : 'Rahasia penandatanganan'} untuk {url}
        </strong>
      </p>
      <p>
        Simpan sekarang di sistem penerima: rahasia ini <strong>hanya ditampilkan sekali</strong>.
        {rotated ? ' Selama 24 jam pengiriman juga ditandatangani dengan rahasia lama.' : ''}
      </p>
      <p>
        <code data-testid="webhook-secret-value" style={WRAP}>{secret}</code> <CopyButton text={secret} label="Salin rahasia" small />
      </p>
      <button type="button" class="btn btn-secondary" onClick={onClose}>
        Sudah disimpan
      </button>
    </div>
  );
}

function WebhookCard({ webhook: w, reload, onSecret }: { webhook: Webhook; reload: () => void; onSecret: (secret: string) => void }) {
  const [editing, setEditing] = useState(false);
  const action = useAction();
  return (
    <article class="card" data-testid="webhook" aria-label={`Webhook ${w.url}`}>
      <h2 style={WRAP}>
        <code>{w.url}</code>
      </h2>
      <p>
        {w.description || <em>Tanpa keterangan</em>} · {w.enabled ? <span data-testid="webhook-state">Aktif</span> : <span data-testid="webhook-state">Nonaktif</span>}
        {w.disabledReason && <> · {w.disabledReason}</>}
        {w.rotating && w.rotationEndsAt && <> · rahasia lama masih berlaku sampai {formatDateTime(w.rotationEndsAt)}</>}
      </p>
      <p>Peristiwa: {w.events.map(eventType).join(', ')}</p>
      <ActionResult state={action} />
      {editing ? (
        <WebhookForm
          webhook={w}
          onDone={() => {
            setEditing(false);
            reload();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div class="actions">
          <button type="button" class="btn btn-secondary" onClick={() => setEditing(true)}>
            Ubah<span class="sr-only"> {w.url}</span>
          </button>
          <button
            type="button"
            class="btn btn-secondary"
            disabled={action.busy}
            onClick={() => {
              if (!confirm(`Ganti rahasia webhook ${w.url}? Rahasia lama tetap berlaku 24 jam.`)) return;
              action.run(async () => {
                const d = await gql<{ rotateWebhookSecret: { secret: string } }>(`mutation R($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: w.id });
                onSecret(d.rotateWebhookSecret.secret);
                reload();
              });
            }}
          >
            Ganti rahasia<span class="sr-only"> {w.url}</span>
          </button>
          <button
            type="button"
            class="btn btn-link"
            disabled={action.busy}
            onClick={() => {
              if (!confirm(`Hapus webhook ${w.url} beserta riwayat pengirimannya?`)) return;
              action.run(async () => {
                await gql(`mutation D($id: ID!) { deleteWebhook(id: $id) { id } }`, { id: w.id });
                reload();
                return `Webhook ${w.url} dihapus.`;
              });
            }}
          >
            Hapus<span class="sr-only"> {w.url}</span>
          </button>
        </div>
      )}
      <h3>Pengiriman terakhir</h3>
      {w.deliveries.length === 0 ? (
        <p>Belum ada pengiriman.</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={`Riwayat pengiriman ${w.url}`}>
          <table class="data" data-testid="deliveries">
            <caption class="sr-only">Riwayat pengiriman ke {w.url}</caption>
            <thead>
              <tr>
                <th scope="col">Peristiwa</th>
                <th scope="col">Status</th>
                <th scope="col">Percobaan</th>
                <th scope="col">Jawaban</th>
                <th scope="col">Berikutnya</th>
                <th scope="col">
                  <span class="sr-only">Tindakan</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {w.deliveries.map((d) => (
                <tr data-testid="delivery">
                  <th scope="row">
                    {eventType(d.event)}
                    <br />
                    <small>
                      {d.subject} · {formatDateTime(d.createdAt)} · <code>{d.messageId}</code>
                    </small>
                  </th>
                  <td data-testid="delivery-status">{STATUS_LABEL[d.status]}</td>
                  <td>
                    {d.attempts}
                    {d.attemptLog.length > 0 && (
                      <details>
                        <summary>Rincian</summary>
                        <ol>
                          {d.attemptLog.map((a) => (
                            <li>
                              {formatDateTime(a.at)}: {a.responseCode ? `HTTP ${a.responseCode}` : 'tanpa jawaban'} {a.error && `— ${a.error}`}
                            </li>
                          ))}
                        </ol>
                      </details>
                    )}
                  </td>
                  <td>
                    {d.responseCode ? `HTTP ${d.responseCode}` : '—'}
                    {d.responseExcerpt && (
                      <>
                        <br />
                        <small>{d.responseExcerpt.slice(0, 120)}</small>
                      </>
                    )}
                    {d.error && (
                      <>
                        <br />
                        <small>{d.error}</small>
                      </>
                    )}
                  </td>
                  <td>{d.nextAttemptAt && d.status === 'PENDING' ? formatDateTime(d.nextAttemptAt) : '—'}</td>
                  <td class="row-actions">
                    {d.status !== 'PENDING' && (
                      <button
                        type="button"
                        class="btn btn-link"
                        disabled={action.busy || !w.enabled}
                        onClick={() =>
                          action.run(async () => {
                            await gql(`mutation P($id: ID!) { replayWebhookDelivery(id: $id) { id } }`, { id: d.id });
                            reload();
                            return `Pengiriman ${d.messageId} dijadwalkan ulang.`;
                          })
                        }
                      >
                        Kirim ulang<span class="sr-only"> {d.messageId}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

function WebhookForm({ webhook, onDone, onCancel }: { webhook?: Webhook; onDone: (url: string, secret?: string) => void; onCancel?: () => void }) {
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [description, setDescription] = useState(webhook?.description ?? '');
  const [events, setEvents] = useState<WebhookEvent[]>(webhook?.events ?? ['RESPONSE_PUBLISHED']);
  const [enabled, setEnabled] = useState(webhook?.enabled ?? true);
  const action = useAction();
  const prefix = webhook ? `webhook-${webhook.id}` : 'webhook-baru';
  return (
    <form
      aria-label={webhook ? `Ubah webhook ${webhook.url}` : 'Daftarkan webhook'}
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          if (webhook) {
            await gql(`mutation U($input: UpdateWebhookInput!) { updateWebhook(input: $input) { id } }`, {
              input: { id: webhook.id, url: url.trim(), description, events, enabled },
            });
            onDone(url);
            return;
          }
          const d = await gql<{ createWebhook: { secret: string; webhook: { url: string } } }>(
            `mutation C($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { url } } }`,
            { input: { url: url.trim(), description, events } },
          );
          setUrl('');
          setDescription('');
          onDone(d.createWebhook.webhook.url, d.createWebhook.secret);
          return 'Webhook terdaftar.';
        });
      }}
    >
      <ActionResult state={action} />
      <div class="form-grid">
        <Field id={`${prefix}-url`} label="Alamat (URL)" hint="https://… milik penerima; alamat jaringan privat ditolak.">
          <input
            id={`${prefix}-url`}
            type="url"
            required
            value={url}
            aria-invalid={action.field === 'url' ? true : undefined}
            onInput={(e) => setUrl(valueOf(e))}
          />
        </Field>
        <Field id={`${prefix}-keterangan`} label="Keterangan" hint="Misalnya: Redaksi Harian Kota Baru. Paling banyak 200 karakter.">
          <input
            id={`${prefix}-keterangan`}
            maxLength={200}
            value={description}
            aria-invalid={action.field === 'description' ? true : undefined}
            onInput={(e) => setDescription(valueOf(e))}
          />
        </Field>
      </div>
      <fieldset aria-invalid={action.field === 'events' ? true : undefined}>
        <legend>Peristiwa yang dikirim</legend>
        {EVENTS.map((ev) => (
          <label style={CHECK} key={ev.value}>
            <input
              type="checkbox"
              style={BOX}
              name={`${prefix}-events`}
              value={ev.value}
              checked={events.includes(ev.value)}
              onChange={(e) => {
                const on = (e.target as HTMLInputElement).checked;
                setEvents((cur) => (on ? [...cur, ev.value] : cur.filter((x) => x !== ev.value)));
              }}
            />
            <span>
              {ev.label} <code>{ev.type}</code>
            </span>
          </label>
        ))}
      </fieldset>
      {webhook && (
        <label style={CHECK}>
          <input type="checkbox" style={BOX} checked={enabled} onChange={(e) => setEnabled((e.target as HTMLInputElement).checked)} /> Aktif
        </label>
      )}
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy}>
          {webhook ? 'Simpan' : 'Daftarkan'}
        </button>
        {onCancel && (
          <button type="button" class="btn btn-secondary" onClick={onCancel}>
            Batal
          </button>
        )}
      </div>
    </form>
  );
}
