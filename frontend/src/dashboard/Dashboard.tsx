import { useState } from 'preact/hooks';
import type { StaffUser } from '../api';
import { ErrorBox, Loading, Notice, useQuery, useTitle } from '../components';
import { formatDateTime, roleLabels } from '../format';
import { PeriodPicker, periodOf, setQuery } from './Period';
import { Downloads, Overdue, ResponseTimes } from './ResponseTimes';
import { Trends } from './Trends';

const VERIFY = `{ auditVerification { intact entries headHash brokenAtPosition problem verifiedAt } }`;

interface Verification {
  intact: boolean;
  entries: number;
  headHash: string;
  brokenAtPosition: number | null;
  problem: string | null;
  verifiedAt: string;
}

/**
 * The Ombudsman's view: who lets which issue wait, how that changed month by
 * month, and the audit chain. The period is part of the address, so a view
 * can be shared as a link.
 */
export function Dashboard({ user, query }: { user: StaffUser; query: URLSearchParams }) {
  useTitle('Dasbor pengawasan');
  // One "now" per visit keeps a preset period's question the same between renders.
  const [now] = useState(() => Date.now());
  const period = periodOf(query, now);
  const path = '/staf/dasbor';
  return (
    <section>
      <h1>Dasbor pengawasan</h1>
      <AuditSummary />
      <PeriodPicker key={query.toString()} path={path} query={query} period={period} />
      {period.problem && <Notice tone="warning">{period.problem}</Notice>}
      <ResponseTimes from={period.from} to={period.to} />
      <Trends from={period.from} to={period.to} path={path} query={query} />
      <Overdue to={period.to} />
      {(user.role === 'AUDITOR' || user.role === 'ADMIN') && <Downloads from={period.from} to={period.to} />}
    </section>
  );
}

export function AuditSummary() {
  const v = useQuery<{ auditVerification: Verification }>(VERIFY);
  if (v.error) return <ErrorBox error={v.error} retry={v.reload} />;
  if (!v.data) return <Loading label="Memeriksa rantai log audit…" />;
  const a = v.data.auditVerification;
  return (
    <div class={`alert ${a.intact ? 'alert-success' : 'alert-error'}`} data-testid="audit-verification">
      <p>
        <strong>{a.intact ? 'Rantai log audit utuh' : 'Rantai log audit RUSAK'}</strong>: {a.entries.toLocaleString('id-ID')} entri diperiksa{' '}
        {formatDateTime(a.verifiedAt)}.
      </p>
      {!a.intact && (
        <p>
          Putus di entri #{a.brokenAtPosition}: {a.problem}
        </p>
      )}
      <p>
        Hash kepala: <span class="hash">{a.headHash}</span>
      </p>
      <p class="hash-explained">
        Hash kepala adalah sidik jari seluruh log audit sampai entri terakhir: catat atau simpan salinannya, karena bila kelak ada entri lama yang diubah
        atau dihapus, hash yang dihitung ulang tidak akan sama lagi.
      </p>
    </div>
  );
}

interface AuditEntry {
  id: string;
  position: number;
  at: string;
  actor: { name: string; email: string } | null;
  actorRole: string;
  action: string;
  actionLabel: string;
  subject: string;
  changes: string;
  prevHash: string;
  hash: string;
}

const AUDIT = `query Audit($filter: AuditFilter, $after: String) {
  auditLog(filter: $filter, first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id position at actor { name email } actorRole action actionLabel subject changes prevHash hash } }
  }
}`;

const ACTIONS = `{ auditActions { action label } }`;

const actorRoleLabels: Record<string, string> = { ...roleLabels, SYSTEM: 'Sistem (baris perintah)', ANONYMOUS: 'Warga (tanpa akun)' };

interface AuditPage {
  auditLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: AuditEntry }[] };
}

/** The audit log, newest first, with the chain's verification. */
export function AuditLog({ query }: { query: URLSearchParams }) {
  useTitle('Log audit');
  const [action, setAction] = useState(query.get('aksi') ?? '');
  const [subject, setSubject] = useState(query.get('subjek') ?? '');
  const [filter, setFilter] = useState<Record<string, string>>(() => {
    const f: Record<string, string> = {};
    if (query.get('aksi')) f.action = query.get('aksi')!;
    if (query.get('subjek')) f.subject = query.get('subjek')!;
    return f;
  });
  const actions = useQuery<{ auditActions: { action: string; label: string }[] }>(ACTIONS);
  const [after, setAfter] = useState<string[]>([]);
  const q = useQuery<AuditPage>(AUDIT, { filter, after: after[after.length - 1] ?? null });
  const entries = q.data?.auditLog.edges.map((e) => e.node) ?? [];
  // Newest first: each entry's prevHash is the hash of the row below it.
  const linked = entries.every((e, i) => i === entries.length - 1 || e.prevHash === entries[i + 1].hash);
  return (
    <section>
      <h1>Log audit</h1>
      <AuditSummary />
      <form
        class="inline-form"
        aria-label="Saring log audit"
        onSubmit={(e) => {
          e.preventDefault();
          const f: Record<string, string> = {};
          if (action.trim()) f.action = action.trim();
          if (subject.trim()) f.subject = subject.trim();
          setFilter(f);
          setAfter([]);
          // The filter goes into the address too, so the view can be shared.
          setQuery('/staf/audit', new URLSearchParams(), { aksi: f.action ?? null, subjek: f.subject ?? null });
        }}
      >
        <div class="field">
          <label for="audit-aksi">Aksi</label>
          <select id="audit-aksi" value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
            <option value="">Semua aksi</option>
            {(actions.data?.auditActions ?? []).map((a) => (
              <option value={a.action}>{a.label}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-subjek">Subjek</label>
          <input id="audit-subjek" placeholder="issue:KTB-2026-000001" value={subject} onInput={(e) => setSubject((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="btn btn-primary">
          Saring
        </button>
      </form>
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {!q.data && !q.error && <Loading />}
      {q.data && (
        <>
          <p>
            {q.data.auditLog.totalCount.toLocaleString('id-ID')} entri.{' '}
            {!filter.action && !filter.subject && (linked ? 'Tautan hash antar-entri di halaman ini cocok.' : 'PERINGATAN: tautan hash antar-entri di halaman ini tidak cocok.')}
          </p>
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Entri log audit">
            <table class="data" data-testid="audit-log">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Waktu</th>
                  <th scope="col">Pelaku</th>
                  <th scope="col">Aksi</th>
                  <th scope="col">Subjek</th>
                  <th scope="col">Perubahan</th>
                  <th scope="col">Hash</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr>
                    <td>{e.position}</td>
                    <td>{formatDateTime(e.at)}</td>
                    <td>
                      {e.actor ? e.actor.name : '–'}
                      <br />
                      <span class="muted">{actorRoleLabels[e.actorRole] ?? e.actorRole}</span>
                    </td>
                    <td data-action={e.action}>
                      {e.actionLabel}
                      <br />
                      <code class="muted">{e.action}</code>
                    </td>
                    <td>{e.subject}</td>
                    <td>
                      <details>
                        <summary>Lihat</summary>
                        <pre class="hash">{prettyJSON(e.changes)}</pre>
                      </details>
                    </td>
                    <td class="hash" title={e.hash}>
                      {e.hash.slice(0, 12)}…
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="actions">
            {after.length > 0 && (
              <button type="button" class="btn btn-secondary" onClick={() => setAfter(after.slice(0, -1))}>
                Halaman sebelumnya
              </button>
            )}
            {q.data.auditLog.pageInfo.hasNextPage && (
              <button type="button" class="btn btn-secondary" onClick={() => setAfter([...after, q.data!.auditLog.pageInfo.endCursor!])}>
                Halaman berikutnya
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function prettyJSON(s: string): string {
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return s;
  }
}
