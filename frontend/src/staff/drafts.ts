// Text a PIC is writing is kept in this browser as they type, per account
// and issue, so that a session that ends mid-sentence, a closed tab or a
// crash loses nothing: after signing in again the editor brings it back.
// Only this browser holds it; "Simpan draf" stores a draft on the server.

export interface LocalDraft {
  body: string;
  verdict: string;
  reason: string;
  /** When the text was last typed, in milliseconds. */
  savedAt: number;
}

const PREFIX = 'tanggap.draft.';
// Text older than this is not brought back: it belongs to another week's work.
const KEEP_MS = 14 * 24 * 3600 * 1000;

function key(userId: string, issueNumber: string): string {
  return `${PREFIX}${userId}.${issueNumber}`;
}

export function loadDraft(userId: string, issueNumber: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key(userId, issueNumber));
    if (!raw) return null;
    const draft = JSON.parse(raw) as LocalDraft;
    if (typeof draft.body !== 'string' || Date.now() - draft.savedAt > KEEP_MS) {
      localStorage.removeItem(key(userId, issueNumber));
      return null;
    }
    return draft;
  } catch {
    return null;
  }
}

export function saveDraft(userId: string, issueNumber: string, draft: Omit<LocalDraft, 'savedAt'>): void {
  try {
    localStorage.setItem(key(userId, issueNumber), JSON.stringify({ ...draft, savedAt: Date.now() }));
  } catch {
    // Storage full or refused: the text stays in the form only.
  }
}

export function clearDraft(userId: string, issueNumber: string): void {
  try {
    localStorage.removeItem(key(userId, issueNumber));
  } catch {
    // Nothing stored.
  }
}

/** The issue numbers with text kept for an account. */
export function draftsOf(userId: string): string[] {
  const out: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k?.startsWith(`${PREFIX}${userId}.`)) out.push(k.slice(`${PREFIX}${userId}.`.length));
    }
  } catch {
    // No storage, no drafts.
  }
  return out;
}

/** Removes every draft of an account, when its owner signs out on purpose. */
export function clearDraftsOf(userId: string): void {
  for (const number of draftsOf(userId)) clearDraft(userId, number);
}
