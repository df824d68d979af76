// The period of the dashboard lives in the address, so a view can be shared:
// /staf/dasbor?periode=90, or ?periode=kustom&dari=2026-01-01&sampai=2026-06-30.
import { useState } from 'preact/hooks';
import { navigate } from '../router';

export const PRESETS: [string, string, number][] = [
  ['30', '30 hari terakhir', 30],
  ['90', '90 hari terakhir', 90],
  ['365', '12 bulan terakhir', 365],
];

export const CUSTOM = 'kustom';
const DAY = 86_400_000;
const WITA_OFFSET = 8 * 3600_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Period {
  preset: string;
  /** Start of the period, inclusive. */
  from: Date;
  /** End of the period, exclusive. */
  to: Date;
  /** The local dates of a custom period, as typed. */
  fromDate: string;
  toDate: string;
  /** Why the address's period was not used, when it was not. */
  problem: string | null;
}

/** Midnight WITA at the start of a local date "2026-05-01". */
function witaMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - WITA_OFFSET);
}

/** The local date (WITA) of an instant. */
export function witaDate(d: Date): string {
  return new Date(d.getTime() + WITA_OFFSET).toISOString().slice(0, 10);
}

/**
 * Reads the period from the query string. Preset periods end now (to the
 * minute, so that the same address asks the same question for a while);
 * a custom one runs from the start of its first day to the end of its last,
 * in WITA.
 */
export function periodOf(query: URLSearchParams, now = Date.now()): Period {
  const to = new Date(Math.floor(now / 60000) * 60000);
  const preset = query.get('periode') ?? '90';
  if (preset === CUSTOM) {
    const fromDate = query.get('dari') ?? '';
    const toDate = query.get('sampai') ?? '';
    if (DATE.test(fromDate) && DATE.test(toDate)) {
      const from = witaMidnight(fromDate);
      const end = new Date(witaMidnight(toDate).getTime() + DAY);
      if (!isNaN(from.getTime()) && !isNaN(end.getTime()) && from < end) {
        return { preset, from, to: end, fromDate, toDate, problem: null };
      }
    }
    const fallback = periodOf(new URLSearchParams(), now);
    return { ...fallback, problem: 'Rentang tanggal di alamat tidak valid; ditampilkan 90 hari terakhir.' };
  }
  const days = PRESETS.find((p) => p[0] === preset)?.[2] ?? 90;
  const from = new Date(to.getTime() - days * DAY);
  return { preset: PRESETS.some((p) => p[0] === preset) ? preset : '90', from, to, fromDate: witaDate(from), toDate: witaDate(new Date(to.getTime() - 1)), problem: null };
}

/** Replaces the dashboard's query string, keeping the other parameters. */
export function setQuery(path: string, query: URLSearchParams, changes: Record<string, string | null>): void {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  const search = next.toString();
  navigate(`${path}${search ? `?${search}` : ''}`, true);
}

/** Chooses a preset period or a custom range of dates; the choice goes into the address. */
export function PeriodPicker({ path, query, period }: { path: string; query: URLSearchParams; period: Period }) {
  const [custom, setCustom] = useState({ from: period.fromDate, to: period.toDate });
  const [open, setOpen] = useState(period.preset === CUSTOM);
  return (
    <div class="period">
      <div class="field period-select">
        <label for="periode">Periode (tanggal diteruskan)</label>
        <select
          id="periode"
          value={open ? CUSTOM : period.preset}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            if (v === CUSTOM) {
              setOpen(true);
              return;
            }
            setOpen(false);
            setQuery(path, query, { periode: v, dari: null, sampai: null });
          }}
        >
          {PRESETS.map(([v, l]) => (
            <option value={v}>{l}</option>
          ))}
          <option value={CUSTOM}>Rentang tanggal…</option>
        </select>
      </div>
      {open && (
        <form
          class="inline-form period-range"
          aria-label="Rentang tanggal"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery(path, query, { periode: CUSTOM, dari: custom.from, sampai: custom.to });
          }}
        >
          <div class="field">
            <label for="periode-dari">Dari tanggal</label>
            <input id="periode-dari" type="date" required value={custom.from} max={custom.to || undefined} onInput={(e) => setCustom({ ...custom, from: (e.target as HTMLInputElement).value })} />
          </div>
          <div class="field">
            <label for="periode-sampai">Sampai tanggal</label>
            <input id="periode-sampai" type="date" required value={custom.to} min={custom.from || undefined} onInput={(e) => setCustom({ ...custom, to: (e.target as HTMLInputElement).value })} />
          </div>
          <button type="submit" class="btn btn-primary">
            Tampilkan
          </button>
        </form>
      )}
    </div>
  );
}
