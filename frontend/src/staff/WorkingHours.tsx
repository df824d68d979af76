import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api';
import { ErrorBox, Loading, useQuery, useTitle } from '../components';
import { ActionResult, useAction } from './ui';

export interface WorkingHours {
  summary: string;
  dayLengthMinutes: number;
  days: { weekday: string; weekdayLabel: string; start: string; end: string; minutes: number }[];
}

export const WORKING_HOURS_FIELDS = 'summary dayLengthMinutes days { weekday weekdayLabel start end minutes }';

const WEEK: [string, string][] = [
  ['MONDAY', 'Senin'],
  ['TUESDAY', 'Selasa'],
  ['WEDNESDAY', 'Rabu'],
  ['THURSDAY', 'Kamis'],
  ['FRIDAY', 'Jumat'],
  ['SATURDAY', 'Sabtu'],
  ['SUNDAY', 'Minggu'],
];

interface DayForm {
  worked: boolean;
  start: string;
  end: string;
}

function formOf(hours: WorkingHours): Record<string, DayForm> {
  const out: Record<string, DayForm> = {};
  for (const [day] of WEEK) {
    const d = hours.days.find((x) => x.weekday === day);
    out[day] = d ? { worked: true, start: d.start, end: d.end === '24:00' ? '23:59' : d.end } : { worked: false, start: '08:00', end: '16:00' };
  }
  return out;
}

/** The regency's working hours, per weekday; working time counts only within them. */
export function AdminWorkingHours() {
  useTitle('Jam kerja');
  const q = useQuery<{ workingHours: WorkingHours }>(`{ workingHours { ${WORKING_HOURS_FIELDS} } }`);
  const [form, setForm] = useState<Record<string, DayForm> | null>(null);
  const action = useAction();
  useEffect(() => {
    if (q.data) setForm(formOf(q.data.workingHours));
  }, [q.data]);
  const set = (day: string, change: Partial<DayForm>) => setForm((f) => (f ? { ...f, [day]: { ...f[day], ...change } } : f));
  return (
    <section class="narrow">
      <h1>Jam kerja</h1>
      <p>
        Batas waktu dalam jam kerja hanya dihitung pada jam ini, di luar hari libur. Setiap perubahan dicatat di log audit dan langsung menghitung ulang
        batas waktu isu yang masih terbuka.
      </p>
      {q.error ? <ErrorBox error={q.error} retry={q.reload} /> : null}
      {!form && !q.error && <Loading />}
      {q.data && (
        <p data-testid="working-hours-summary">
          Sekarang: <strong>{q.data.workingHours.summary}</strong> (WITA). Satu hari kerja dalam target dihitung{' '}
          {q.data.workingHours.dayLengthMinutes / 60} jam, yaitu hari kerja terpanjang.
        </p>
      )}
      {form && (
        <form
          aria-label="Jam kerja per hari"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(async () => {
              const days = WEEK.filter(([day]) => form[day].worked).map(([day]) => ({ weekday: day, start: form[day].start, end: form[day].end }));
              const d = await gql<{ setWorkingHours: { recomputedIssues: number; workingHours: WorkingHours } }>(
                `mutation W($input: SetWorkingHoursInput!) { setWorkingHours(input: $input) { recomputedIssues workingHours { ${WORKING_HOURS_FIELDS} } } }`,
                { input: { days } },
              );
              q.reload();
              return `Tersimpan: ${d.setWorkingHours.workingHours.summary}. Batas waktu ${d.setWorkingHours.recomputedIssues} isu dihitung ulang.`;
            });
          }}
        >
          <ActionResult state={action} />
          <fieldset>
            <legend>Hari dan jam kerja</legend>
            {WEEK.map(([day, label]) => (
              <div class="workday" data-day={day}>
                <label class="checkbox">
                  <input type="checkbox" checked={form[day].worked} onChange={(e) => set(day, { worked: (e.target as HTMLInputElement).checked })} />
                  {label}
                </label>
                <div class="workday-times">
                  <label for={`jam-${day}-mulai`} class="sr-only">
                    {label}: mulai
                  </label>
                  <input
                    id={`jam-${day}-mulai`}
                    type="time"
                    step={60}
                    required={form[day].worked}
                    disabled={!form[day].worked}
                    value={form[day].start}
                    onInput={(e) => set(day, { start: (e.target as HTMLInputElement).value })}
                  />
                  <span aria-hidden="true">–</span>
                  <label for={`jam-${day}-selesai`} class="sr-only">
                    {label}: selesai
                  </label>
                  <input
                    id={`jam-${day}-selesai`}
                    type="time"
                    step={60}
                    required={form[day].worked}
                    disabled={!form[day].worked}
                    value={form[day].end}
                    onInput={(e) => set(day, { end: (e.target as HTMLInputElement).value })}
                  />
                </div>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="btn btn-primary" disabled={action.busy}>
            Simpan jam kerja
          </button>
        </form>
      )}
    </section>
  );
}
