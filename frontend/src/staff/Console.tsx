import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type StaffUser, errorMessage, gql, hasSession, maySignIn, onSessionChange, refreshSession, signOut, startSession } from '../api';
import { Loading, useTitle } from '../components';
import { roleLabels } from '../format';
import { Lazy } from '../lazy';
import { NotFound } from '../pages/NotFound';
import { Redirect, match, navigate } from '../router';
import { AdminAgencies, AdminCategories, AdminUsers } from './Admin';
import { AdminCalendar } from './Calendar';
import { Compose } from './Compose';
import { clearDraftsOf, draftsOf } from './drafts';
import { StaffIssue } from './Issue';
import { PicQueue } from './Pic';
import { AdminSynonyms } from './Synonyms';
import { NewIssue, TrcInbox } from './Trc';
import { Field, valueOf } from './ui';
import { AdminWorkingHours } from './WorkingHours';
import { AdminWebhooks } from './Webhooks';
import './staff.css';

const loadDashboard = () => import('../dashboard/Dashboard');

const USER_FIELDS = 'id email name role agency { slug name shortName }';

type Role = StaffUser['role'];

/**
 * The signed-in account, loaded from `me` whenever the session changes. A
 * tab opened without a token of its own first continues the browser's
 * session through the refresh cookie.
 */
function useStaffUser(): { user: StaffUser | null; loading: boolean } {
  const [state, setState] = useState<{ user: StaffUser | null; loading: boolean }>({ user: null, loading: true });
  useEffect(() => {
    let live = true;
    const load = async () => {
      if (!hasSession()) {
        setState({ user: null, loading: false });
        return;
      }
      setState((s) => ({ ...s, loading: true }));
      try {
        const d = await gql<{ me: StaffUser | null }>(`{ me { ${USER_FIELDS} } }`);
        if (live) setState({ user: d.me, loading: false });
      } catch {
        if (live) setState({ user: null, loading: false });
      }
    };
    const first = async () => {
      if (!hasSession() && maySignIn()) await refreshSession().catch(() => false);
      await load();
    };
    first();
    const off = onSessionChange(load);
    return () => {
      live = false;
      off();
    };
  }, []);
  return state;
}

/** Where each role starts. */
export function homeOf(user: StaffUser): string {
  switch (user.role) {
    case 'TRC':
      return '/staf/trc';
    case 'PIC':
      return '/staf/pic';
    case 'AUDITOR':
      return '/staf/dasbor';
    default:
      return '/staf/admin/pengguna';
  }
}

interface StaffRoute {
  pattern: string;
  roles: Role[];
  /** The menu entry; routes without one are reached from other pages. */
  nav?: string;
  page: (params: Record<string, string>, user: StaffUser, query: URLSearchParams) => VNode;
}

const dashboard = (user: StaffUser, query: URLSearchParams) => (
  <Lazy load={loadDashboard} render={(m) => <m.Dashboard user={user} query={query} />} />
);

// Every page of the console and who may use it. A role never sees the link
// to a page it may not use, and the page does not render for it either.
const routes: StaffRoute[] = [
  { pattern: '/staf/trc', roles: ['TRC'], nav: 'Kotak masuk TRC', page: () => <TrcInbox /> },
  { pattern: '/staf/trc/isu-baru', roles: ['TRC'], nav: 'Catat isu', page: () => <NewIssue /> },
  { pattern: '/staf/pic', roles: ['PIC'], nav: 'Antrean instansi', page: (_, user) => <PicQueue user={user} /> },
  { pattern: '/staf/isu/:number', roles: ['TRC', 'PIC', 'AUDITOR', 'ADMIN'], page: (p, user) => <StaffIssue number={p.number} user={user} /> },
  { pattern: '/staf/isu/:number/tanggapan', roles: ['TRC', 'PIC'], page: (p, user) => <Compose number={p.number} user={user} /> },
  { pattern: '/staf/admin/pengguna', roles: ['ADMIN'], nav: 'Pengguna', page: () => <AdminUsers /> },
  { pattern: '/staf/admin/instansi', roles: ['ADMIN'], nav: 'Instansi', page: () => <AdminAgencies /> },
  { pattern: '/staf/admin/kategori', roles: ['ADMIN'], nav: 'Kategori', page: () => <AdminCategories /> },
  { pattern: '/staf/admin/kalender', roles: ['ADMIN'], nav: 'Hari libur & target', page: () => <AdminCalendar /> },
  { pattern: '/staf/admin/jam-kerja', roles: ['ADMIN'], nav: 'Jam kerja', page: () => <AdminWorkingHours /> },
  { pattern: '/staf/admin/sinonim', roles: ['ADMIN'], nav: 'Sinonim pencarian', page: () => <AdminSynonyms /> },
  { pattern: '/staf/admin/webhook', roles: ['ADMIN'], nav: 'Webhook', page: () => <AdminWebhooks /> },
  { pattern: '/staf/dasbor', roles: ['TRC', 'AUDITOR', 'ADMIN'], nav: 'Dasbor', page: (_, user, query) => dashboard(user, query) },
  {
    pattern: '/staf/audit',
    roles: ['AUDITOR', 'ADMIN'],
    nav: 'Log audit',
    page: (_, __, query) => <Lazy load={loadDashboard} render={(m) => <m.AuditLog query={query} />} />,
  },
];

export function Console({ path, query }: { path: string; query: URLSearchParams }) {
  const { user, loading } = useStaffUser();
  if (loading) return <Loading label="Memeriksa sesi…" />;
  if (!user) return <Login next={path === '/staf/masuk' ? (query.get('lanjut') ?? '') : path + location.search} />;
  if (path === '/staf' || path === '/staf/masuk') {
    const next = query.get('lanjut');
    return <Redirect to={next && next.startsWith('/staf/') ? next : homeOf(user)} />;
  }
  const signOutNow = async () => {
    if (draftsOf(user.id).length > 0 && !confirm('Teks tanggapan yang belum disimpan di server akan dihapus dari peramban ini. Tetap keluar?')) return;
    await signOut();
    clearDraftsOf(user.id);
    navigate('/staf/masuk');
  };
  return (
    <div class="console">
      <div class="staff-bar">
        <nav aria-label="Menu staf" class="staff-nav">
          {routes
            .filter((r) => r.nav && r.roles.includes(user.role))
            .map((r) => (
              <a href={r.pattern} aria-current={path === r.pattern ? 'page' : undefined}>
                {r.nav}
              </a>
            ))}
        </nav>
        <p class="muted" style="margin:0">
          <span data-testid="staff-user">{user.name}</span> · {roleLabels[user.role]}
          {user.agency ? ` · ${user.agency.shortName}` : ''}{' '}
          <button type="button" class="btn btn-link" onClick={signOutNow}>
            Keluar
          </button>
        </p>
      </div>
      <StaffPage path={path} user={user} query={query} />
    </div>
  );
}

function StaffPage({ path, user, query }: { path: string; user: StaffUser; query: URLSearchParams }) {
  for (const route of routes) {
    const params = match(route.pattern, path);
    if (!params) continue;
    if (!route.roles.includes(user.role)) return <NotForRole user={user} />;
    return route.page(params, user, query);
  }
  return <NotFound />;
}

/** What a role sees on a page it may not use: nothing of the page itself. */
function NotForRole({ user }: { user: StaffUser }) {
  useTitle('Tidak tersedia');
  return (
    <section class="narrow">
      <h1>Halaman ini tidak tersedia untuk peran Anda</h1>
      <p>
        Anda masuk sebagai {roleLabels[user.role]}. <a href={homeOf(user)}>Kembali ke halaman awal Anda</a>.
      </p>
    </section>
  );
}

function Login({ next }: { next: string }) {
  useTitle('Masuk staf');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const returning = next.startsWith('/staf/') && next !== '/staf/masuk';
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const data = await gql<{ login: { token: string; expiresAt: string; user: StaffUser } }>(
        `mutation Login($input: LoginInput!) { login(input: $input) { token expiresAt user { ${USER_FIELDS} } } }`,
        { input: { email: email.trim(), password } },
      );
      await startSession(data.login.token, data.login.expiresAt);
      navigate(returning ? next : homeOf(data.login.user), true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="narrow">
      <h1>Masuk staf</h1>
      <p>Untuk Tim Reaksi Cepat, PIC instansi, auditor, dan admin. Warga tidak memerlukan akun.</p>
      {returning && (
        <div class="alert alert-info" role="status">
          Masuk untuk melanjutkan ke halaman yang Anda buka. Bila sesi Anda baru saja berakhir, teks yang sedang Anda tulis tetap tersimpan di peramban ini.
        </div>
      )}
      <form onSubmit={submit}>
        {error && (
          <div class="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <Field id="masuk-email" label="E-mail">
          <input id="masuk-email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(valueOf(e))} />
        </Field>
        <Field id="masuk-sandi" label="Kata sandi">
          <input id="masuk-sandi" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(valueOf(e))} />
        </Field>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Memeriksa…' : 'Masuk'}
        </button>
      </form>
    </section>
  );
}
