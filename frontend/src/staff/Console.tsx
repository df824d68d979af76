import { useEffect, useState } from 'preact/hooks';
import { type StaffUser, endSession, errorMessage, gql, hasSession, onSessionChange, startSession } from '../api';
import { Loading, useTitle } from '../components';
import { roleLabels } from '../format';
import { Lazy } from '../lazy';
import { NotFound } from '../pages/NotFound';
import { Redirect, match, navigate } from '../router';
import { AdminAgencies, AdminCategories, AdminUsers } from './Admin';
import { AdminCalendar } from './Calendar';
import { Compose } from './Compose';
import { StaffIssue } from './Issue';
import { PicQueue } from './Pic';
import { NewIssue, TrcInbox } from './Trc';
import { Field, valueOf } from './ui';

const loadDashboard = () => import('../dashboard/Dashboard');

const USER_FIELDS = 'id email name role agency { slug name shortName }';

/** The signed-in account, loaded from `me` whenever the session changes. */
function useStaffUser(): { user: StaffUser | null; loading: boolean } {
  const [state, setState] = useState<{ user: StaffUser | null; loading: boolean }>({ user: null, loading: hasSession() });
  useEffect(() => {
    let live = true;
    const load = () => {
      if (!hasSession()) {
        setState({ user: null, loading: false });
        return;
      }
      setState((s) => ({ ...s, loading: true }));
      gql<{ me: StaffUser | null }>(`{ me { ${USER_FIELDS} } }`).then(
        (d) => live && setState({ user: d.me, loading: false }),
        () => live && setState({ user: null, loading: false }),
      );
    };
    load();
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

const navByRole: Record<string, [string, string][]> = {
  TRC: [
    ['/staf/trc', 'Kotak masuk TRC'],
    ['/staf/trc/isu-baru', 'Catat isu'],
    ['/staf/dasbor', 'Dasbor'],
  ],
  PIC: [['/staf/pic', 'Antrean instansi']],
  AUDITOR: [
    ['/staf/dasbor', 'Dasbor'],
    ['/staf/audit', 'Log audit'],
  ],
  ADMIN: [
    ['/staf/admin/pengguna', 'Pengguna'],
    ['/staf/admin/instansi', 'Instansi'],
    ['/staf/admin/kategori', 'Kategori'],
    ['/staf/admin/kalender', 'Hari libur & target'],
    ['/staf/dasbor', 'Dasbor'],
    ['/staf/audit', 'Log audit'],
  ],
};

export function Console({ path, query }: { path: string; query: URLSearchParams }) {
  const { user, loading } = useStaffUser();
  if (loading) return <Loading label="Memeriksa sesi…" />;
  if (!user) return <Login next={path === '/staf/masuk' ? (query.get('lanjut') ?? '') : path} />;
  if (path === '/staf' || path === '/staf/masuk') {
    const next = query.get('lanjut');
    return <Redirect to={next && next.startsWith('/staf/') ? next : homeOf(user)} />;
  }
  return (
    <>
      <div class="staff-bar">
        <nav aria-label="Menu staf" class="staff-nav">
          {(navByRole[user.role] ?? []).map(([href, label]) => (
            <a href={href} aria-current={path === href ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <p class="muted" style="margin:0">
          <span data-testid="staff-user">{user.name}</span> · {roleLabels[user.role]}
          {user.agency ? ` · ${user.agency.shortName}` : ''}{' '}
          <button
            type="button"
            class="btn btn-link"
            onClick={() => {
              endSession();
              navigate('/staf/masuk');
            }}
          >
            Keluar
          </button>
        </p>
      </div>
      <StaffPage path={path} user={user} />
    </>
  );
}

function StaffPage({ path, user }: { path: string; user: StaffUser }) {
  let p: Record<string, string> | null;
  if (path === '/staf/trc') return <TrcInbox />;
  if (path === '/staf/trc/isu-baru') return <NewIssue />;
  if (path === '/staf/pic') return <PicQueue user={user} />;
  if ((p = match('/staf/isu/:number', path))) return <StaffIssue number={p.number} user={user} />;
  if ((p = match('/staf/isu/:number/tanggapan', path))) return <Compose number={p.number} user={user} />;
  if (path === '/staf/admin/pengguna') return <AdminUsers />;
  if (path === '/staf/admin/instansi') return <AdminAgencies />;
  if (path === '/staf/admin/kategori') return <AdminCategories />;
  if (path === '/staf/admin/kalender') return <AdminCalendar />;
  if (path === '/staf/dasbor') return <Lazy load={loadDashboard} render={(m) => <m.Dashboard user={user} />} />;
  if (path === '/staf/audit') return <Lazy load={loadDashboard} render={(m) => <m.AuditLog />} />;
  return <NotFound />;
}

function Login({ next }: { next: string }) {
  useTitle('Masuk staf');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const data = await gql<{ login: { token: string; user: StaffUser } }>(
        `mutation Login($input: LoginInput!) { login(input: $input) { token expiresAt user { ${USER_FIELDS} } } }`,
        { input: { email: email.trim(), password } },
      );
      startSession(data.login.token);
      navigate(next && next.startsWith('/staf/') && next !== '/staf/masuk' ? next : homeOf(data.login.user), true);
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
