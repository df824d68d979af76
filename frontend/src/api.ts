// The one way the app talks to the server: the public GraphQL API at
// /graphql, the same one journalists use. Staff calls add a short-lived
// bearer token, kept per tab in session storage and never in a cookie, so
// the browser never authenticates a GraphQL request on its own. What keeps
// staff signed in across tabs and reloads is a refresh token in an HttpOnly
// cookie that only the /auth/refresh endpoints receive: a tab without a
// bearer token, or with an expired one, exchanges it for a new one.

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: 'ADMIN' | 'TRC' | 'PIC' | 'AUDITOR';
  agency: { slug: string; name: string; shortName: string } | null;
}

/** An error the API reported, with its extensions.code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'tanggap.token';
const EXPIRES_KEY = 'tanggap.tokenExpires';
// Set while this browser holds a refresh cookie (which scripts cannot see),
// so that visitors who never signed in are not sent to /auth/refresh.
const SIGNED_IN_KEY = 'tanggap.signedIn';
// A token this close to its expiry is refreshed before it is sent.
const REFRESH_MARGIN_MS = 60_000;

let token: string | null = read(TOKEN_KEY);
let expiresAt = Number(read(EXPIRES_KEY) ?? 0);
const sessionListeners = new Set<() => void>();

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function signedInHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // Without storage every staff page simply asks the server.
  }
}

/** Whether this browser may hold a session that a refresh can continue. */
export function maySignIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return true;
  }
}

function keep(newToken: string | null, expires: number): void {
  token = newToken;
  expiresAt = expires;
  try {
    if (newToken) {
      sessionStorage.setItem(TOKEN_KEY, newToken);
      sessionStorage.setItem(EXPIRES_KEY, String(expires));
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(EXPIRES_KEY);
    }
  } catch {
    // Private modes may refuse storage: the token then lives in memory only.
  }
}

// Tabs tell each other when staff sign out, so no tab keeps showing staff
// pages after the session ended elsewhere.
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('tanggap-session');
if (channel) {
  channel.onmessage = (event) => {
    if (event.data === 'signed-out' && token) {
      keep(null, 0);
      sessionListeners.forEach((fn) => fn());
    }
  };
}

export function hasSession(): boolean {
  return token !== null;
}

/** The bearer token of this tab, for downloads that need it in a header. */
function bearer(): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * Starts a session with the token of a fresh login and asks the server for
 * the refresh cookie that keeps it going in other tabs and after reloads.
 */
export async function startSession(newToken: string, expires: string): Promise<void> {
  keep(newToken, Date.parse(expires));
  signedInHint(true);
  try {
    await fetch('/auth/refresh/start', {
      method: 'POST',
      headers: { 'X-Tanggap-Refresh': '1', ...bearer() },
      credentials: 'same-origin',
    });
  } catch {
    // Without the cookie this tab still works until its token expires.
  }
  sessionListeners.forEach((fn) => fn());
}

/** Forgets this tab's session without asking the server, e.g. after it ended. */
export function endSession(): void {
  keep(null, 0);
  sessionListeners.forEach((fn) => fn());
}

let refreshing: Promise<boolean> | null = null;

/**
 * Exchanges the refresh cookie for a new bearer token. Resolves false when
 * there is no session to continue. A refresh token works once, so tabs take
 * turns (Web Locks): the second tab then sends the cookie the first received.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const run = async () => {
      let res: Response;
      try {
        res = await fetch('/auth/refresh', { method: 'POST', headers: { 'X-Tanggap-Refresh': '1' }, credentials: 'same-origin' });
      } catch {
        throw new ApiError('Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi.', 'NETWORK');
      }
      if (res.status === 401 || res.status === 403) {
        signedInHint(false);
        return false;
      }
      if (!res.ok) throw new ApiError('Layanan sedang tidak dapat memeriksa sesi Anda. Coba lagi sebentar lagi.', 'UNAVAILABLE');
      const body: { token: string; expiresAt: string } = await res.json();
      keep(body.token, Date.parse(body.expiresAt));
      return true;
    };
    try {
      return navigator.locks ? await navigator.locks.request('tanggap-refresh', run) : await run();
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * Signs out: ends the session on the server (the logout mutation, then the
 * refresh cookie) and only then forgets it here and in the other tabs.
 */
export async function signOut(): Promise<void> {
  try {
    await gql(`mutation Logout { logout { session { id } } }`);
  } catch {
    // An expired or already ended session is signed out all the same.
  }
  try {
    await fetch('/auth/refresh/end', { method: 'POST', headers: { 'X-Tanggap-Refresh': '1' }, credentials: 'same-origin' });
  } catch {
    // The session itself has ended; the cookie no longer works.
  }
  signedInHint(false);
  channel?.postMessage('signed-out');
  endSession();
}

/** Calls fn whenever the session starts or ends; returns the unsubscribe. */
export function onSessionChange(fn: () => void): () => void {
  sessionListeners.add(fn);
  return () => sessionListeners.delete(fn);
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string; field?: string };
}

async function send<T>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: GraphQLError[]; status: number }> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        ...bearer(),
      },
      body: JSON.stringify({ query, variables }),
      credentials: 'omit',
    });
  } catch {
    throw new ApiError('Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi.', 'NETWORK');
  }
  try {
    return { ...(await res.json()), status: res.status };
  } catch {
    throw new ApiError(`Server menjawab dengan galat (${res.status}). Coba lagi sebentar lagi.`, 'INTERNAL');
  }
}

const codeOf = (body: { errors?: GraphQLError[] }) => body.errors?.[0]?.extensions?.code;

/** Runs one operation and returns its data, or throws an ApiError. */
export async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  if (token && expiresAt - Date.now() < REFRESH_MARGIN_MS) {
    await refreshSession().catch(() => false);
  }
  const signedIn = token !== null;
  let body = await send<T>(query, variables);
  if (signedIn && codeOf(body) === 'UNAUTHENTICATED') {
    // The token expired or was refused: continue the session once, then
    // give up and let the console ask for a login.
    if (await refreshSession().catch(() => false)) body = await send<T>(query, variables);
    if (codeOf(body) === 'UNAUTHENTICATED') endSession();
  }
  if (body.errors && body.errors.length > 0) {
    const first = body.errors[0];
    throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL', first.extensions?.field);
  }
  if (body.data === undefined || body.data === null) {
    throw new ApiError('Jawaban server kosong.', 'INTERNAL');
  }
  return body.data;
}

/** A readable message for any error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    // The server's own message says how long to wait ("Coba lagi dalam 4 menit").
    if (err.code === 'RATE_LIMITED' && !err.message) return 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.';
    return err.message;
  }
  return 'Terjadi kesalahan yang tidak terduga. Coba lagi.';
}

/**
 * Downloads a staff-only file (the CSV exports) with the bearer token in a
 * header, since a plain link would carry no credentials.
 */
export async function downloadWithToken(path: string, filename: string): Promise<void> {
  if (token && expiresAt - Date.now() < REFRESH_MARGIN_MS) await refreshSession().catch(() => false);
  let res = await fetch(path, { headers: bearer(), credentials: 'omit' });
  if (res.status === 401 && (await refreshSession().catch(() => false))) {
    res = await fetch(path, { headers: bearer(), credentials: 'omit' });
  }
  if (!res.ok) {
    let message = `Unduhan gagal (${res.status}).`;
    try {
      const body = await res.json();
      message = body.errors?.[0]?.message ?? message;
    } catch {
      // Not JSON: keep the status.
    }
    throw new ApiError(message, res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL');
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
