// Shared set-up for the browser tests: a headless Debian Chromium driven by
// playwright-core, against a running `tanggap serve --demo`.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.TANGGAP_E2E_URL ?? '').replace(/\/$/, '');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = process.env.TANGGAP_DEMO_PASSWORD ?? 'tanggap-demo-2026';
export const SCREENSHOTS = process.env.TANGGAP_E2E_SCREENSHOTS ?? join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
/** The screenshots the documentation shows, committed with the code. */
export const DOC_SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * Why the browser tests cannot run here, or null when they can. Under CI a
 * missing browser or server is a failure, never a skip.
 */
export function unavailable() {
  const problems = [];
  if (!BASE_URL) problems.push('TANGGAP_E2E_URL is not set (start `tanggap serve --demo` and point it there)');
  if (!existsSync(CHROMIUM)) problems.push(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  if (problems.length === 0) return null;
  const message = problems.join('; ');
  if (process.env.CI === 'true') throw new Error(message);
  return message;
}

/** Starts a headless Chromium with the flags this machine needs; playwright gives it a fresh profile. */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A fresh context (no shared session storage) with Indonesian locale. */
export async function newPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.jsErrors = errors;
  return page;
}

/**
 * Saves the current page at phone width (360 px) and at desktop width, and
 * fails when the phone layout scrolls sideways.
 */
export async function screenshots(page, name, { allowSidewaysScroll = false, dir = SCREENSHOTS } = {}) {
  mkdirSync(dir, { recursive: true });
  const original = page.viewportSize();
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    await page.setViewportSize(viewport);
    // Charts draw at the width of their box: let them redraw first (pages
    // opened without JavaScript have nothing to redraw and never answer).
    const redrawn = page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))).catch(() => {});
    await Promise.race([redrawn, new Promise((r) => setTimeout(r, 1000))]);
    await page.screenshot({ path: join(dir, `${name}-${label}.png`), fullPage: true });
    if (label === 'phone' && !allowSidewaysScroll) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > viewport.width) throw new Error(`${name}: the page is ${width} px wide at ${viewport.width} px`);
    }
  }
  if (original) await page.setViewportSize(original);
}

/** Signs in through the login form and waits for the console. */
export async function login(page, email) {
  // Starts from no session, whatever an earlier step left behind: the tab's
  // token and the browser's refresh cookie.
  await page.context().clearCookies();
  await page.goto(`${BASE_URL}/`);
  await page.evaluate(() => {
    sessionStorage.clear();
    localStorage.removeItem('tanggap.signedIn');
  });
  await page.goto(`${BASE_URL}/staf/masuk`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId('staff-user').waitFor();
}

export async function logout(page) {
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.getByRole('heading', { name: 'Masuk staf' }).waitFor();
}

/** Calls the public GraphQL API directly, as a journalist would. */
export async function gql(query, variables, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${BASE_URL}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A short unique marker so repeated runs against one server do not collide. */
export function unique() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** Signs in through the API and returns the bearer token. */
export async function apiToken(email) {
  const data = await gql(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password: DEMO_PASSWORD } });
  return data.login.token;
}

/**
 * The bearer token of the session a page signed in with (see login), so a
 * test can prepare data through the API without spending another login.
 */
export async function sessionToken(page) {
  const token = await page.evaluate(() => sessionStorage.getItem('tanggap.token'));
  if (!token) throw new Error('the page has no staff session');
  return token;
}

/** Polls fn until it returns a truthy value (the search index is fed through an outbox). */
export async function eventually(fn, { timeout = 30000, interval = 250, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${message} (last value: ${JSON.stringify(last)})`);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

/** How the portal writes an instant: "3 Mar 2026, 14.05 WITA" (WITA is UTC+8, no daylight saving). */
export function witaDateTime(iso) {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${two(d.getUTCHours())}.${two(d.getUTCMinutes())} WITA`;
}

/** The pattern every date-and-time on a public page must follow. */
export const WITA_PATTERN = /^\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}, \d{2}\.\d{2} WITA$/;

/** Working seconds as the portal says them: "2 hari kerja" (8-hour days), "5 jam kerja", "40 menit kerja". */
export function workingText(seconds) {
  const one = (n) => {
    const r = Math.round(n * 10) / 10;
    return Number.isInteger(r) ? String(r) : r.toFixed(1).replace('.', ',');
  };
  if (seconds >= 8 * 3600) return `${one(seconds / (8 * 3600))} hari kerja`;
  if (seconds >= 3600) return `${one(seconds / 3600)} jam kerja`;
  return `${Math.max(1, Math.round(seconds / 60))} menit kerja`;
}

/** The top of the first element matching selector, relative to the viewport. */
export async function topOf(page, selector) {
  return page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top);
}
