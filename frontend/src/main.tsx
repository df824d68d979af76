import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import './styles.css';
import { installLinkInterception, match, useLocation } from './router';
import { Lazy } from './lazy';
import { Home } from './pages/Home';
import { IssuePage } from './pages/Issue';
import { AgencyList, AgencyPage } from './pages/Agencies';
import { Ask } from './pages/Ask';
import { Track } from './pages/Track';
import { About } from './pages/About';
import { NotFound } from './pages/NotFound';

// The staff console and the Ombudsman dashboard load only when opened, so
// citizens on slow connections download the public portal alone.
const loadStaff = () => import('./staff/Console');

function Page({ path, query }: { path: string; query: URLSearchParams }) {
  let p: Record<string, string> | null;
  if (path === '/') return <Home query={query} />;
  if ((p = match('/isu/:number', path))) return <IssuePage number={p.number} />;
  if (path === '/instansi') return <AgencyList />;
  if ((p = match('/instansi/:slug', path))) return <AgencyPage slug={p.slug} />;
  if (path === '/tanya') return <Ask prefill={query.get('q') ?? ''} />;
  if (path === '/tentang') return <About />;
  if (path === '/lacak') return <Track code={query.get('kode') ?? ''} />;
  if ((p = match('/lacak/:code', path))) return <Track code={p.code} />;
  if (path === '/staf' || path.startsWith('/staf/')) {
    return <Lazy load={loadStaff} render={(m) => <m.Console path={path} query={query} />} />;
  }
  return <NotFound />;
}

function NavLink({ href, path, children }: { href: string; path: string; children: string }) {
  const current = href === '/' ? path === '/' : path === href || path.startsWith(href + '/');
  return (
    <a href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

function App() {
  const { path, query } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    // Moves focus to the new page for keyboard and screen-reader users.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);
  const staff = path.startsWith('/staf');
  return (
    <>
      <a class="skip-link" href="#konten">
        Langsung ke konten
      </a>
      <header class="site-header">
        <div class="wrap header-inner">
          <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true">
              T
            </span>
            <span>
              <span class="brand-name">Tanggap</span>
              <span class="brand-sub">Kabupaten Kotabaru</span>
            </span>
          </a>
          <nav aria-label="Menu utama" class="main-nav">
            <NavLink href="/" path={path}>
              Cari isu
            </NavLink>
            <NavLink href="/instansi" path={path}>
              Instansi
            </NavLink>
            <NavLink href="/tanya" path={path}>
              Tanya
            </NavLink>
            <NavLink href="/lacak" path={path}>
              Lacak
            </NavLink>
            <NavLink href="/tentang" path={path}>
              Tentang
            </NavLink>
            {staff && (
              <NavLink href="/staf" path={path}>
                Staf
              </NavLink>
            )}
          </nav>
        </div>
      </header>
      <main id="konten" ref={main} tabIndex={-1} class="wrap">
        <Page path={path} query={query} />
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <p>
            Tanggap — portal transparansi tanggapan resmi Pemerintah Kabupaten Kotabaru. Semua waktu dalam WITA (UTC+8).
          </p>
          <p class="footer-links">
            <a href="/tentang">Tentang Tanggap</a> · <a href="/tentang#privasi">Privasi</a> · <a href="/tentang#api">API dan data terbuka</a> ·{' '}
            <a href="/feed.xml">Umpan Atom</a> · <a href="/staf/masuk">Masuk staf</a>
          </p>
        </div>
      </footer>
    </>
  );
}

installLinkInterception();
render(<App />, document.getElementById('app')!);
