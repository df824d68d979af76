// A small history router: plain <a href> links work, and clicks on
// same-origin links become client-side navigation.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

function notify(): void {
  listeners.forEach((fn) => fn());
}

/**
 * Goes to another address of the app. A new page starts at the top; a page
 * that only refines what it shows (keepScroll) stays where the reader is.
 */
export function navigate(to: string, replace = false, keepScroll = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
  if (!keepScroll) window.scrollTo(0, 0);
}

/** The current path and query string; re-renders the caller when it changes. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const fn = () => setTick((n) => n + 1);
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** Paths the server handles itself rather than the app. */
const serverPaths = ['/graphiql', '/graphql', '/healthz', '/readyz', '/metrics', '/export'];

/** Files such as /feed.xml or /manifest.webmanifest: the app has no route with a dot. */
function isFile(pathname: string): boolean {
  return pathname.slice(pathname.lastIndexOf('/') + 1).includes('.');
}

export function installLinkInterception(): void {
  addEventListener('popstate', notify);
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin) return;
    if (serverPaths.some((p) => url.pathname === p || url.pathname.startsWith(p + '/')) || isFile(url.pathname)) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}

/** Matches a path against a pattern with :params; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** Replaces the current location once rendered. */
export function Redirect({ to }: { to: string }): null {
  useEffect(() => navigate(to, true), [to]);
  return null;
}
