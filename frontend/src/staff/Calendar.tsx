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
  workingHours { summary dayLengthMinutes }
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
  const q = useQuery<{ holidays: Holiday[]; responsePolicies: Policy[]; workingHours: { summary: string; dayLengthMinutes: number } }>(CALENDAR, { year });
  const remove = useAction();
  return (
    <section>
      <h1>Hari libur dan target waktu</h1>
      <p>Perubahan dicatat di log audit dan langsung menghitung ulang batas waktu isu yang masih terbuka.</p>
      <h2>Target waktu per prioritas</h2>
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {!q.data && !q.error && <Loading />}
      {q.data && (
        <>
          <p class="muted">
            Jam kerja: {q.data.workingHours.summary} WITA (<a href="/staf/admin/jam-kerja">ubah jam kerja</a>). Satu hari kerja = {hoursText(q.data.workingHours.dayLengthMinutes)}.
          </p>
          <div class="card-list policy-list">
            {q.data.responsePolicies.map((p) => (
              <PolicyForm key={p.priority} policy={p} dayMinutes={q.data!.workingHours.dayLengthMinutes} onDone={q.reload} />
            ))}
          </div>
        </>
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
        <div class="table-wrap" tabIndex={0} role="region" aria-label={`Hari libur ${year}`}>
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
      <h3>Impor dari berkas kalender (.ics)</h3>
      <ImportForm onDone={q.reload} />
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

/** "1 hari kerja 4 jam"-style reading of minutes, for the hints. */
function hoursText(minutes: number): string {
  const h = minutes / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(2).replace('.', ',')} jam`;
}

/** Splits minutes into whole days and the hours left, for the form. */
function split(minutes: number, dayMinutes: number): { days: number; hours: number } {
  const days = Math.floor(minutes / dayMinutes);
  return { days, hours: Math.round(((minutes - days * dayMinutes) / 60) * 100) / 100 };
}

function DurationInput({ id, label, value, onChange, working }: { id: string; label: string; value: { days: string; hours: string }; onChange: (v: { days: string; hours: string }) => void; working: boolean }) {
  return (
    <fieldset class="duration">
      <legend>{label}</legend>
      <div class="duration-fields">
        <div class="field">
          <label for={`${id}-hari`}>{working ? 'Hari kerja' : 'Hari (24 jam)'}</label>
          <input id={`${id}-hari`} type="number" inputMode="numeric" min={0} step={1} required value={value.days} onInput={(e) => onChange({ ...value, days: valueOf(e) })} />
        </div>
        <div class="field">
          <label for={`${id}-jam`}>{working ? 'Jam kerja' : 'Jam'}</label>
          <input id={`${id}-jam`} type="number" inputMode="decimal" min={0} step={0.25} required value={value.hours} onInput={(e) => onChange({ ...value, hours: valueOf(e) })} />
        </div>
      </div>
    </fieldset>
  );
}

const basisLabels: [string, string][] = [
  ['WORKING', 'Jam kerja'],
  ['CLOCK', 'Jam biasa, termasuk malam dan hari libur'],
];

function PolicyForm({ policy, dayMinutes, onDone }: { policy: Policy; dayMinutes: number; onDone: () => void }) {
  const action = useAction();
  const [basis, setBasis] = useState<string>(policy.basis);
  const unit = (b: string) => (b === 'WORKING' ? dayMinutes : 24 * 60);
  const initial = (minutes: number) => {
    const { days, hours } = split(minutes, unit(policy.basis));
    return { days: String(days), hours: String(hours) };
  };
  const [ack, setAck] = useState(() => initial(policy.acknowledgeWithinMinutes));
  const [answer, setAnswer] = useState(() => initial(policy.answerWithinMinutes));
  const minutesOf = (v: { days: string; hours: string }) => Math.round(Number(v.days || 0) * unit(basis) + Number(v.hours || 0) * 60);
  const id = `target-${policy.priority}`;
  const working = basis === 'WORKING';
  return (
    <form
      class="card"
      aria-label={`Target ${priorityLabels[policy.priority]}`}
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          const d = await gql<{ updateResponsePolicy: { recomputedIssues: number } }>(
            `mutation P($input: UpdateResponsePolicyInput!) { updateResponsePolicy(input: $input) { recomputedIssues } }`,
            { input: { priority: policy.priority, acknowledgeWithinMinutes: minutesOf(ack), answerWithinMinutes: minutesOf(answer), basis } },
          );
          onDone();
          return `Tersimpan; batas waktu ${d.updateResponsePolicy.recomputedIssues} isu dihitung ulang.`;
        });
      }}
    >
      <h3 style="margin-top:0">{priorityLabels[policy.priority]}</h3>
      <Field id={`${id}-dasar`} label="Dihitung dalam">
        <select id={`${id}-dasar`} value={basis} onChange={(e) => setBasis(valueOf(e))}>
          {basisLabels.map(([v, l]) => (
            <option value={v}>{l}</option>
          ))}
        </select>
      </Field>
      <DurationInput id={`${id}-konfirmasi`} label="Konfirmasi dalam" value={ack} onChange={setAck} working={working} />
      <DurationInput id={`${id}-jawaban`} label="Jawaban dalam" value={answer} onChange={setAnswer} working={working} />
      <p class="hint">
        Konfirmasi {hoursText(minutesOf(ack))}, jawaban {hoursText(minutesOf(answer))} {working ? 'kerja' : 'biasa'}.
      </p>
      <button type="submit" class="btn btn-primary" disabled={action.busy}>
        Simpan<span class="sr-only"> target {priorityLabels[policy.priority]}</span>
      </button>
      <ActionResult state={action} />
    </form>
  );
}

interface ImportResult {
  added: Holiday[];
  skipped: { date: string }[];
  recomputedIssues: number;
}

/** Imports the all-day events of an iCalendar file as holidays. */
function ImportForm({ onDone }: { onDone: () => void }) {
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState('NATIONAL');
  const [result, setResult] = useState<ImportResult | null>(null);
  return (
    <form
      aria-label="Impor hari libur"
      onSubmit={(e) => {
        e.preventDefault();
        if (!file) return;
        action.run(async () => {
          setResult(null);
          const d = await gql<{ importHolidays: ImportResult }>(
            `mutation I($input: ImportHolidaysInput!) { importHolidays(input: $input) { added { date name kind kindLabel } skipped { date } recomputedIssues } }`,
            { input: { calendar: await file.text(), fileName: file.name, kind } },
          );
          setResult(d.importHolidays);
          onDone();
          const r = d.importHolidays;
          return `${r.added.length} hari libur ditambahkan${r.skipped.length ? `, ${r.skipped.length} tanggal sudah tercatat dan dibiarkan` : ''}; batas waktu ${r.recomputedIssues} isu dihitung ulang.`;
        });
      }}
    >
      <p class="hint">
        Berkas .ics dari aplikasi kalender atau dari situs pemerintah: setiap acara sehari penuh menjadi hari libur dengan namanya. Acara bernama
        &quot;cuti bersama&quot; dicatat sebagai cuti bersama. Tanggal yang sudah tercatat tidak diubah.
      </p>
      <div class="form-grid">
        <Field id="impor-berkas" label="Berkas kalender (.ics)">
          <input id="impor-berkas" type="file" accept=".ics,text/calendar" required onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        </Field>
        <Field id="impor-jenis" label="Jenis hari libur">
          <select id="impor-jenis" value={kind} onChange={(e) => setKind(valueOf(e))}>
            {holidayKinds.map(([v, l]) => (
              <option value={v}>{l}</option>
            ))}
          </select>
        </Field>
      </div>
      <button type="submit" class="btn btn-primary" disabled={action.busy || !file}>
        Impor hari libur
      </button>
      <ActionResult state={action} />
      {result && result.added.length > 0 && (
        <ul data-testid="imported">
          {result.added.map((h) => (
            <li>
              {h.date}: {h.name} ({h.kindLabel})
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
