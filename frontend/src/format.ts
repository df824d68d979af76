// Indonesian labels and WITA (Asia/Makassar) times for what the API returns.

export const TIME_ZONE = 'Asia/Makassar';

const dateTime = new Intl.DateTimeFormat('id-ID', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dateOnly = new Intl.DateTimeFormat('id-ID', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** "26 November 2026 14.05 WITA" */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return `${dateTime.format(new Date(iso)).replace(' pukul', '')} WITA`;
}

/** "26 Nov 2026" */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  return dateOnly.format(new Date(iso));
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

export const kindLabels: Record<string, string> = {
  MISINFORMATION: 'Hoaks/disinformasi',
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
  CLOSED: 'Selesai',
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
