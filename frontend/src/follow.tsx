// The "Ikuti" button: asks for an e-mail address and calls subscribe. The
// address goes to the server only; the page never shows it back, and the
// server's answer never contains it.
import { useState } from 'preact/hooks';
import { ApiError, errorMessage, gql } from './api';

const SUBSCRIBE = `mutation Subscribe($input: SubscribeInput!) {
  subscribe(input: $input) { target value label }
}`;

/** One target: exactly one of issueNumber, agencySlug and search. */
export type FollowTarget = { issueNumber: string } | { agencySlug: string } | { search: string };

const FIELD_LABELS: Record<string, string> = {
  email: 'Alamat e-mail',
  issueNumber: 'Nomor isu',
  agencySlug: 'Instansi',
  search: 'Pencarian',
  input: 'Isian',
};

/**
 * FollowButton shows "Ikuti" and, once pressed, a small form for the
 * e-mail address. what says in words what is followed ("isu ini").
 */
export function FollowButton({ target, what, label = 'Ikuti' }: { target: FollowTarget; what: string; label?: string }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [sent, setSent] = useState(false);
  const id = `ikuti-${Object.values(target)[0]}`.replace(/[^A-Za-z0-9_-]/g, '-');

  if (!open) {
    return (
      <button type="button" class="btn btn-secondary follow-button" aria-expanded="false" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  if (sent) {
    return (
      <p class="alert alert-success follow-sent" role="status">
        Periksa kotak masuk surel Anda: kami mengirim tautan konfirmasi. Langganan baru aktif setelah tautan itu dibuka.
        Kami tidak pernah menampilkan alamat surel Anda kepada publik.
      </p>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!email.trim()) {
      setError({ message: 'Isi alamat e-mail Anda.', field: 'email' });
      return;
    }
    setBusy(true);
    try {
      await gql(SUBSCRIBE, { input: { email: email.trim(), ...target } });
      setSent(true);
      setEmail('');
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      setError({ message: errorMessage(err), field });
    } finally {
      setBusy(false);
    }
  };
  const fieldLabel = error?.field ? FIELD_LABELS[error.field] ?? error.field : '';
  return (
    <form class="follow-form" onSubmit={submit} aria-labelledby={`${id}-judul`} noValidate>
      <p id={`${id}-judul`} class="follow-title">
        Ikuti {what} lewat surel
      </p>
      <label for={`${id}-email`}>Alamat e-mail</label>
      <input
        id={`${id}-email`}
        type="email"
        name="email"
        autoComplete="email"
        inputMode="email"
        required
        value={email}
        aria-invalid={error?.field === 'email' ? 'true' : undefined}
        aria-describedby={error ? `${id}-galat` : `${id}-bantuan`}
        onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
      />
      <p id={`${id}-bantuan`} class="hint">
        Kami mengirim tautan konfirmasi dulu, lalu paling banyak satu surel per jam. Setiap surel memuat tautan untuk berhenti.
      </p>
      {error && (
        <p id={`${id}-galat`} class="alert alert-warning" role="alert">
          {fieldLabel && error.field !== 'input' ? `${fieldLabel}: ` : ''}
          {error.message}
        </p>
      )}
      <p class="follow-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Mengirim…' : 'Kirim tautan konfirmasi'}
        </button>{' '}
        <button type="button" class="btn btn-link" onClick={() => setOpen(false)}>
          Batal
        </button>
      </p>
    </form>
  );
}
