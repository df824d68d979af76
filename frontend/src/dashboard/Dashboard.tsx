import { useState } from 'preact/hooks';
import type { StaffUser } from '../api';
import { ErrorBox, Loading, useQuery, useTitle } from '../components';
import { formatDateTime } from '../format';
import { Downloads, ResponseTimes } from './ResponseTimes';

const VERIFY = `{ auditVerification { intact entries headHash brokenAtPosition problem verifiedAt } }`;

interface Verification {
  intact: boolean;
  entries: number;
  headHash: string;
  brokenAtPosition: number | null;
  problem: string | null;
  verifiedAt: string;
}

/** The Ombudsman's view: who lets which issue wait, and the audit chain. */
export function Dashboard({ user }: { user: StaffUser }) {
  useTitle('Dasbor pengawasan');
  return (
    <section>
      <h1>Dasbor pengawasan</h1>
      <AuditSummary />
      <ResponseTimes />
      {(user.role === 'AUDITOR' || user.role === 'ADMIN') && <Downloads />}
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
  subject: string;
  changes: string;
  prevHash: string;
  hash: string;
}

const AUDIT = `query Audit($filter: AuditFilter, $after: String) {
  auditLog(filter: $filter, first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id position at actor { name email } actorRole action subject changes prevHash hash } }
  }
}`;

interface AuditPage {
  auditLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: AuditEntry }[] };
}

/** The audit log, newest first, with the chain's verification. */
export function AuditLog() {
  useTitle('Log audit');
  const [action, setAction] = useState('');
  const [subject, setSubject] = useState('');
  const [filter, setFilter] = useState<Record<string, string>>({});
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
        }}
      >
        <div class="field">
          <label for="audit-aksi">Aksi</label>
          <input id="audit-aksi" placeholder="issue.assigned" value={action} onInput={(e) => setAction((e.target as HTMLInputElement).value)} />
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
          <div class="table-wrap">
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
                      <span class="muted">{e.actorRole}</span>
                    </td>
                    <td>
                      <code>{e.action}</code>
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
