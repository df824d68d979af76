import { useState } from 'preact/hooks';
import { gql } from '../api';
import { ErrorBox, Loading, useQuery, useTitle } from '../components';
import { priorityLabels } from '../format';
import { ActionResult, Field, useAction, valueOf } from './ui';

interface Holiday {
  date: string;
  name: string;
  kind: string;
  kindLabel: string;
}

interface Policy {
  priority: string;
  acknowledgeWithinMinutes: number;
  answerWithinMinutes: number;
  basis: 'CLOCK' | 'WORKING';
}

const CALENDAR = `query Calendar($year: Int!) {
  holidays(year: $year) { date name kind kindLabel }
  responsePolicies { priority acknowledgeWithinMinutes answerWithinMinutes basis }
}`;

const holidayKinds: [string, string][] = [
  ['NATIONAL', 'Libur nasional'],
  ['CUTI_BERSAMA', 'Cuti bersama'],
  ['REGIONAL', 'Libur daerah'],
];

/** The holiday calendar and the response-time targets; every change is audited and re-computes due times. */
export function AdminCalendar() {
  useTitle('Hari libur dan target waktu');
  const [year, setYear] = useState(() => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Makassar', year: 'numeric' }).format(new Date())));
  const q = useQuery<{ holidays: Holiday[]; responsePolicies: Policy[] }>(CALENDAR, { year });
  const remove = useAction();
  return (
    <section>
      <h1>Hari libur dan target waktu</h1>
      <p>Perubahan dicatat di log audit dan langsung menghitung ulang batas waktu isu yang masih terbuka.</p>
      <h2>Target waktu per prioritas</h2>
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {!q.data && !q.error && <Loading />}
      {q.data && (
        <div class="card-list">
          {q.data.responsePolicies.map((p) => (
            <PolicyForm policy={p} onDone={q.reload} />
          ))}
        </div>
      )}
      <h2>Hari libur {year}</h2>
      <div class="actions">
        <button type="button" class="btn btn-secondary btn-small" onClick={() => setYear(year - 1)}>
          ‹ {year - 1}
        </button>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => setYear(year + 1)}>
          {year + 1} ›
        </button>
      </div>
      <ActionResult state={remove} />
      {q.data && q.data.holidays.length === 0 && <p>Belum ada hari libur tercatat untuk {year}.</p>}
      {q.data && q.data.holidays.length > 0 && (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Tanggal</th>
                <th scope="col">Nama</th>
                <th scope="col">Jenis</th>
                <th scope="col">
                  <span class="sr-only">Tindakan</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.holidays.map((h) => (
                <tr>
                  <td>{h.date}</td>
                  <td>{h.name}</td>
                  <td>{h.kindLabel}</td>
                  <td>
                    <button
                      type="button"
                      class="btn btn-link"
                      disabled={remove.busy}
                      onClick={() => {
                        if (!confirm(`Hapus ${h.name} (${h.date})?`)) return;
                        remove.run(async () => {
                          const d = await gql<{ removeHoliday: { recomputedIssues: number } }>(
                            `mutation R($input: RemoveHolidayInput!) { removeHoliday(input: $input) { recomputedIssues } }`,
                            { input: { date: h.date } },
                          );
                          q.reload();
                          return `Dihapus; batas waktu ${d.removeHoliday.recomputedIssues} isu dihitung ulang.`;
                        });
                      }}
                    >
                      Hapus<span class="sr-only"> {h.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Tambah hari libur</h3>
      <HolidayForm onDone={q.reload} />
    </section>
  );
}

function HolidayForm({ onDone }: { onDone: () => void }) {
  const action = useAction();
  const [form, setForm] = useState({ date: '', name: '', kind: 'NATIONAL' });
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: valueOf(e) });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          const d = await gql<{ addHoliday: { recomputedIssues: number } }>(
            `mutation A($input: AddHolidayInput!) { addHoliday(input: $input) { recomputedIssues holiday { date } } }`,
            { input: form },
          );
          setForm({ date: '', name: '', kind: form.kind });
          onDone();
          return `Tersimpan; batas waktu ${d.addHoliday.recomputedIssues} isu dihitung ulang.`;
        });
      }}
    >
      <ActionResult state={action} />
      <div class="form-grid">
        <Field id="libur-tanggal" label="Tanggal">
          <input id="libur-tanggal" type="date" required value={form.date} onInput={set('date')} />
        </Field>
        <Field id="libur-jenis" label="Jenis">
          <select id="libur-jenis" value={form.kind} onChange={set('kind')}>
            {holidayKinds.map(([v, l]) => (
              <option value={v}>{l}</option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="libur-nama" label="Nama">
        <input id="libur-nama" required minLength={3} maxLength={120} value={form.name} onInput={set('name')} />
      </Field>
      <button type="submit" class="btn btn-primary" disabled={action.busy}>
        Tambah hari libur
      </button>
    </form>
  );
}

function PolicyForm({ policy, onDone }: { policy: Policy; onDone: () => void }) {
  const action = useAction();
  const [ack, setAck] = useState(String(policy.acknowledgeWithinMinutes));
  const [answer, setAnswer] = useState(String(policy.answerWithinMinutes));
  const [basis, setBasis] = useState<string>(policy.basis);
  const id = `target-${policy.priority}`;
  return (
    <form
      class="card"
      aria-label={`Target ${priorityLabels[policy.priority]}`}
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          const d = await gql<{ updateResponsePolicy: { recomputedIssues: number } }>(
            `mutation P($input: UpdateResponsePolicyInput!) { updateResponsePolicy(input: $input) { recomputedIssues } }`,
            { input: { priority: policy.priority, acknowledgeWithinMinutes: Number(ack), answerWithinMinutes: Number(answer), basis } },
          );
          onDone();
          return `Tersimpan; batas waktu ${d.updateResponsePolicy.recomputedIssues} isu dihitung ulang.`;
        });
      }}
    >
      <h3 style="margin-top:0">{priorityLabels[policy.priority]}</h3>
      <div class="form-grid">
        <Field id={`${id}-konfirmasi`} label="Konfirmasi dalam (menit)" hint="Satu hari kerja = 480 menit.">
          <input id={`${id}-konfirmasi`} type="number" min={1} required value={ack} onInput={(e) => setAck(valueOf(e))} />
        </Field>
        <Field id={`${id}-jawaban`} label="Jawaban dalam (menit)">
          <input id={`${id}-jawaban`} type="number" min={1} required value={answer} onInput={(e) => setAnswer(valueOf(e))} />
        </Field>
        <Field id={`${id}-dasar`} label="Dihitung dalam">
          <select id={`${id}-dasar`} value={basis} onChange={(e) => setBasis(valueOf(e))}>
            <option value="WORKING">Jam kerja</option>
            <option value="CLOCK">Jam dinding (24/7)</option>
          </select>
        </Field>
      </div>
      <button type="submit" class="btn btn-primary btn-small" disabled={action.busy}>
        Simpan
      </button>
      <ActionResult state={action} />
    </form>
  );
}
