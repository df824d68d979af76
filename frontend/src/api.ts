// The one way the app talks to the server: the public GraphQL API at
// /graphql, the same one journalists use. Staff calls add a bearer token kept
// in session storage, never in a cookie, so the browser never authenticates
// a request on its own.

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

let token: string | null = readToken();
const sessionListeners = new Set<() => void>();

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function hasSession(): boolean {
  return token !== null;
}

export function startSession(newToken: string): void {
  token = newToken;
  try {
    sessionStorage.setItem(TOKEN_KEY, newToken);
  } catch {
    // Private modes may refuse storage: the token then lives in memory only.
  }
  sessionListeners.forEach((fn) => fn());
}

export function endSession(): void {
  token = null;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing stored.
  }
  sessionListeners.forEach((fn) => fn());
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

/** Runs one operation and returns its data, or throws an ApiError. */
export async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json',
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      credentials: 'omit',
    });
  } catch {
    throw new ApiError('Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi.', 'NETWORK');
  }
  let body: { data?: T; errors?: GraphQLError[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`Server menjawab dengan galat (${res.status}). Coba lagi sebentar lagi.`, 'INTERNAL');
  }
  if (body.errors && body.errors.length > 0) {
    const first = body.errors[0];
    const code = first.extensions?.code ?? 'INTERNAL';
    if (code === 'UNAUTHENTICATED' && token) endSession();
    throw new ApiError(first.message, code, first.extensions?.field);
  }
  if (body.data === undefined || body.data === null) {
    throw new ApiError('Jawaban server kosong.', 'INTERNAL');
  }
  return body.data;
}

/** A readable message for any error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'RATE_LIMITED') return 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.';
    return err.message;
  }
  return 'Terjadi kesalahan yang tidak terduga. Coba lagi.';
}

/**
 * Downloads a staff-only file (the CSV exports) with the bearer token in a
 * header, since a plain link would carry no credentials.
 */
export async function downloadWithToken(path: string, filename: string): Promise<void> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(path, { headers, credentials: 'omit' });
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
