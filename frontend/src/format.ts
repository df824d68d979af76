// Indonesian labels and WITA (Asia/Makassar) times for what the API returns.

export const TIME_ZONE = 'Asia/Makassar';

// Numeric parts only: month names come from the table below, so every
// browser writes a date the same way, whatever its ICU data.
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

function local(date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parts.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** "3 Mar 2026, 14.05 WITA": the one way the app writes an instant. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const p = local(new Date(iso));
  return `${Number(p.day)} ${months[Number(p.month) - 1]} ${p.year}, ${p.hour}.${p.minute} WITA`;
}

/** "3 Mar 2026", in WITA. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const p = local(new Date(iso));
  return `${Number(p.day)} ${months[Number(p.month) - 1]} ${p.year}`;
}

/** A calendar date (YYYY-MM-DD) with its weekday: "Sen, 3 Mar 2026". */
export function formatLocalDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const weekday = ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'][day.getUTCDay()];
  return `${weekday}, ${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

/** A duration in words: "2 hari 3 jam", "45 menit". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60000);
  if (minutes < 60) return `${minutes} menit`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${hours} jam ${rest} menit` : `${hours} jam`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours ? `${days} hari ${restHours} jam` : `${days} hari`;
}

/** Time left until a due instant, or how late it is. */
export function timeLeft(dueIso: string, now: number): { late: boolean; text: string } {
  const diff = new Date(dueIso).getTime() - now;
  return diff >= 0
    ? { late: false, text: `sisa ${formatDuration(diff)}` }
    : { late: true, text: `terlambat ${formatDuration(diff)}` };
}

/** Seconds in one working day (08.00–16.00). */
export const WORKING_DAY_SECONDS = 8 * 3600;

/** "1,5" for 1.5: one decimal, dropped when it is zero. */
function decimal(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1).replace('.', ',');
}

/**
 * Working time in the units of the deadlines: "2 hari kerja" (a working
 * day is 8 hours), "5 jam kerja", "40 menit kerja".
 */
export function humanWorking(seconds: number): string {
  if (seconds >= WORKING_DAY_SECONDS) return `${decimal(seconds / WORKING_DAY_SECONDS)} hari kerja`;
  if (seconds >= 3600) return `${decimal(seconds / 3600)} jam kerja`;
  return `${Math.max(1, Math.round(seconds / 60))} menit kerja`;
}

/** Clock time in one unit: "3 hari", "5 jam", "20 menit". */
export function humanClock(seconds: number): string {
  if (seconds >= 86400) return `${decimal(seconds / 86400)} hari`;
  if (seconds >= 3600) return `${decimal(seconds / 3600)} jam`;
  return `${Math.max(1, Math.round(seconds / 60))} menit`;
}

/** A policy's allowance: "3 hari kerja", "4 jam kerja", "6 jam" (clock time). */
export function allowance(minutes: number, basis: string): string {
  if (basis === 'WORKING') {
    if (minutes % 480 === 0) return `${minutes / 480} hari kerja`;
    if (minutes % 60 === 0) return `${minutes / 60} jam kerja`;
    return `${minutes} menit kerja`;
  }
  if (minutes % 60 === 0) return `${minutes / 60} jam`;
  return `${minutes} menit`;
}

/** How long past a due time, in whole units: "Terlambat 5 hari", "Terlambat 3 jam". */
export function lateBy(dueIso: string, now: number): string {
  const seconds = Math.max(0, (now - new Date(dueIso).getTime()) / 1000);
  if (seconds >= 86400) return `Terlambat ${Math.floor(seconds / 86400)} hari`;
  if (seconds >= 3600) return `Terlambat ${Math.floor(seconds / 3600)} jam`;
  return `Terlambat ${Math.max(1, Math.floor(seconds / 60))} menit`;
}

/** The due time of the clock an overdue issue let run out. */
export function overdueDue(issue: { overdueClock?: string | null; acknowledgeDueAt?: string | null; answerDueAt?: string | null }): string | null {
  return (issue.overdueClock === 'ACKNOWLEDGE' ? issue.acknowledgeDueAt : issue.answerDueAt) ?? null;
}

export const kindLabels: Record<string, string> = {
  MISINFORMATION: 'Cek fakta',
  COMPLAINT: 'Keluhan',
  QUESTION: 'Pertanyaan',
  INFORMATION_REQUEST: 'Permintaan informasi',
  ASPIRATION: 'Aspirasi',
};

export const statusLabels: Record<string, string> = {
  NEW: 'Baru',
  ASSIGNED: 'Diteruskan ke instansi',
  IN_PROGRESS: 'Sedang ditangani',
  ANSWERED: 'Sudah dijawab',
  CLOSED: 'Ditutup',
  REJECTED: 'Ditolak',
  DUPLICATE: 'Duplikat',
};

export const verdictLabels: Record<string, string> = {
  FALSE: 'Hoaks',
  MISLEADING: 'Menyesatkan',
  PARTLY_TRUE: 'Sebagian benar',
  TRUE: 'Benar',
  UNPROVEN: 'Belum terbukti',
};

/** What each verdict means, in one sentence a reader can check against. */
export const verdictMeanings: Record<string, string> = {
  FALSE: 'Klaim itu tidak benar: data dan keterangan resmi membantahnya.',
  MISLEADING: 'Fakta di dalamnya benar, tetapi disajikan sehingga menimbulkan kesimpulan yang keliru.',
  PARTLY_TRUE: 'Sebagian isi klaim benar, sebagian lainnya tidak benar atau tidak lengkap.',
  TRUE: 'Klaim itu benar menurut data dan keterangan resmi.',
  UNPROVEN: 'Belum ada cukup bukti untuk membenarkan atau membantah klaim itu.',
};

export const priorityLabels: Record<string, string> = {
  URGENT: 'Mendesak',
  HIGH: 'Tinggi',
  NORMAL: 'Normal',
  LOW: 'Rendah',
};

export const platformLabels: Record<string, string> = {
  FACEBOOK: 'Facebook',
  INSTAGRAM: 'Instagram',
  X: 'X (Twitter)',
  TIKTOK: 'TikTok',
  YOUTUBE: 'YouTube',
  WHATSAPP: 'WhatsApp',
  NEWS: 'Situs berita',
  PORTAL: 'Portal pemerintah',
  OTHER: 'Lainnya',
};

export const eventLabels: Record<string, string> = {
  CREATED: 'Isu dicatat',
  ASSIGNED: 'Diteruskan ke instansi',
  REASSIGNED: 'Dialihkan',
  ACKNOWLEDGED: 'Diterima instansi',
  DECLINED: 'Dikembalikan ke TRC',
  ANSWERED: 'Tanggapan resmi terbit',
  REVISED: 'Tanggapan diralat',
  CLOSED: 'Ditutup',
  REOPENED: 'Dibuka kembali',
  REJECTED: 'Ditolak',
  MARKED_DUPLICATE: 'Ditandai duplikat',
  MADE_INTERNAL: 'Disembunyikan dari publik',
  MADE_PUBLIC: 'Ditampilkan ke publik',
  QUESTION_LINKED: 'Pertanyaan warga ditautkan',
  SOURCE_ADDED: 'Sumber baru dicatat',
  SOURCE_UPDATED: 'Sumber diperbaiki',
  SOURCE_REMOVED: 'Sumber dihapus',
  EDITED: 'Teks isu diubah',
};

export const questionStatusLabels: Record<string, string> = {
  RECEIVED: 'Diterima, menunggu ditelaah',
  LINKED: 'Ditautkan ke isu, menunggu jawaban',
  ANSWERED: 'Sudah dijawab',
  REJECTED: 'Ditolak',
};

export const questionEventLabels: Record<string, string> = {
  RECEIVED: 'Pertanyaan diterima',
  LINKED: 'Ditautkan ke isu',
  ANSWERED: 'Jawaban resmi terbit',
  REJECTED: 'Pertanyaan ditolak',
};

export const roleLabels: Record<string, string> = {
  ADMIN: 'Admin',
  TRC: 'Tim Reaksi Cepat',
  PIC: 'PIC instansi',
  AUDITOR: 'Auditor/Ombudsman',
};

/** The CSS modifier of a verdict badge. */
export function verdictTone(verdict: string | null | undefined): string {
  switch (verdict) {
    case 'FALSE':
      return 'false';
    case 'MISLEADING':
    case 'PARTLY_TRUE':
      return 'mixed';
    case 'TRUE':
      return 'true';
    default:
      return 'unknown';
  }
}

export function options(labels: Record<string, string>): [string, string][] {
  return Object.entries(labels);
}
