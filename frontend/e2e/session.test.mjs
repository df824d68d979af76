// Staff sessions in the browser: a second tab is signed in without asking,
// a refused bearer token is replaced through the refresh cookie, a session
// that ends while a PIC writes loses no text, signing out ends the session
// on the server first, and a throttled login says how long to wait.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, DEMO_PASSWORD, DESKTOP, PHONE, gql, launch, login, newPage, screenshots, sessionToken, unavailable, unique } from './helpers.mjs';

const skip = unavailable();

/** An assigned issue of Dinkes, ready for its PIC to answer. */
async function assignedIssue(trcToken, marker) {
  const created = await gql(
    `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { number } } }`,
    { input: { title: `Keluhan air bersih di Desa Tanjung Serudung ${marker}`, summary: `Warga melaporkan air PDAM keruh selama tiga hari (${marker}).`, kind: 'COMPLAINT' } },
    trcToken,
  );
  const number = created.createIssue.issue.number;
  await gql(`mutation($input: AssignIssueInput!) { assignIssue(input: $input) { issue { status } } }`, { input: { issueNumber: number, agencySlug: 'dinkes', priority: 'NORMAL' } }, trcToken);
  return number;
}

describe('staff sessions', { skip: skip ?? false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the refresh cookie is HttpOnly, Secure and scoped, and a new tab needs no login', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await newPage(browser, viewport);
      await login(page, 'trc.sari@demo.tanggap.id');
      const cookies = await page.context().cookies();
      const refresh = cookies.find((c) => c.name === 'tanggap_refresh');
      assert.ok(refresh, `a refresh cookie was stored: ${JSON.stringify(cookies)}`);
      // Chromium keeps Secure cookies on http://127.0.0.1, a loopback address.
      assert.equal(refresh.httpOnly, true);
      assert.equal(refresh.secure, true);
      assert.equal(refresh.sameSite, 'Strict');
      assert.equal(refresh.path, '/auth/refresh');
      assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read the cookie');

      // A second tab has no token of its own, and is signed in all the same.
      const tab = await page.context().newPage();
      await tab.goto(`${BASE_URL}/staf/trc`);
      await tab.getByTestId('staff-user').waitFor();
      await tab.getByRole('heading', { level: 1, name: 'Kotak masuk TRC' }).waitFor();
      assert.equal(await tab.getByRole('heading', { name: 'Masuk staf' }).count(), 0);
      // The cookie rotated on that refresh: the first tab still works, with its own token.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Kotak masuk TRC' }).waitFor();
      if (viewport === DESKTOP) await screenshots(tab, 'session-second-tab');
      await page.context().close();
    }
  });

  test('a refused bearer token is replaced through the cookie without a login', async () => {
    const page = await newPage(browser);
    await login(page, 'auditor@demo.tanggap.id');
    await page.waitForURL(`${BASE_URL}/staf/dasbor`);
    const before = await sessionToken(page);
    // As if the token had expired: the server refuses the one the tab starts with.
    await page.evaluate(() => sessionStorage.setItem('tanggap.token', 'eyJ.rusak.token'));
    await page.reload();
    await page.getByTestId('staff-user').waitFor();
    await page.getByRole('link', { name: 'Log audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log audit' }).waitFor();
    await page.getByTestId('audit-log').locator('tbody tr').first().waitFor();
    const after = await sessionToken(page);
    assert.notEqual(after, before);
    assert.notEqual(after, 'eyJ.rusak.token', 'the tab holds a new token');
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });

  test('a session that ends while a PIC writes: the login page, then the text is back', async () => {
    const marker = unique();
    const trc = await newPage(browser);
    await login(trc, 'trc.sari@demo.tanggap.id');
    const number = await assignedIssue(await sessionToken(trc), marker);
    await trc.context().close();

    for (const viewport of [PHONE, DESKTOP]) {
      const page = await newPage(browser, viewport);
      await login(page, 'pic.dinkes@demo.tanggap.id');
      await page.goto(`${BASE_URL}/staf/isu/${number}/tanggapan`);
      await page.getByRole('heading', { level: 1, name: 'Tulis tanggapan resmi' }).waitFor();
      const text = `Air keruh disebabkan perbaikan pipa di Jalan Berangas; petugas membilas jaringan hari ini (${marker} ${viewport.width}).`;
      await page.getByLabel('Isi tanggapan (Markdown)').fill(text);
      await page.getByTestId('kept').filter({ hasText: 'Tersimpan di peramban ini' }).waitFor();

      // The session ends elsewhere (signed out on another computer, or expired).
      const token = await sessionToken(page);
      await gql(`mutation { logout { session { id } } }`, {}, token);
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await page.getByRole('heading', { level: 1, name: 'Masuk staf' }).waitFor();
      await page.getByText('Masuk untuk melanjutkan ke halaman yang Anda buka').waitFor();
      if (viewport === DESKTOP) await screenshots(page, 'session-ended-login');

      await page.getByLabel('E-mail').fill('pic.dinkes@demo.tanggap.id');
      await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.waitForURL(`${BASE_URL}/staf/isu/${number}/tanggapan`);
      await page.getByTestId('restored').waitFor();
      assert.equal(await page.getByLabel('Isi tanggapan (Markdown)').inputValue(), text);
      if (viewport === DESKTOP) await screenshots(page, 'session-text-restored');
      // Saved on the server, the text is no longer only in the browser.
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await page.getByText('Draf tersimpan di server').waitFor();
      assert.deepEqual(page.jsErrors, []);
      await page.context().close();
    }
  });

  test('signing out calls logout before forgetting the session, in every tab', async () => {
    const page = await newPage(browser, PHONE);
    await login(page, 'trc.bayu@demo.tanggap.id');
    const token = await sessionToken(page);
    const other = await page.context().newPage();
    await other.goto(`${BASE_URL}/staf/trc`);
    await other.getByTestId('staff-user').waitFor();
    const calls = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && (r.postData() ?? '').includes('logout')) calls.push(['logout', r.headers().authorization ?? '']);
      if (r.url().endsWith('/auth/refresh/end')) calls.push(['end', '']);
    });
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { name: 'Masuk staf' }).waitFor();
    assert.deepEqual(calls.map((c) => c[0]), ['logout', 'end'], 'the logout mutation first, then the cookie');
    assert.equal(calls[0][1], `Bearer ${token}`, 'the logout carries the session token');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('tanggap.token')), null);
    const me = await fetch(`${BASE_URL}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    assert.equal(me.status, 401, 'the token stopped working on the server');
    assert.equal((await page.context().cookies()).filter((c) => c.name === 'tanggap_refresh').length, 0, 'the cookie is gone');
    // The other tab leaves the console too.
    await other.getByRole('heading', { name: 'Masuk staf' }).waitFor();
    await page.context().close();
  });

  test('a throttled login shows the server’s wait', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto(`${BASE_URL}/staf/masuk`);
    const email = `tidak.ada.${unique()}@demo.tanggap.id`;
    let message = '';
    for (let i = 0; i < 8 && !/Coba lagi dalam/.test(message); i++) {
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Kata sandi').fill('sandi-yang-salah-sekali');
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/graphql')), page.getByRole('button', { name: 'Masuk' }).click()]);
      await page.getByRole('button', { name: 'Masuk', exact: true }).waitFor();
      message = (await page.getByRole('alert').textContent()) ?? '';
    }
    assert.match(message, /Terlalu banyak percobaan masuk yang gagal\. Coba lagi dalam \d+ (detik|menit)\./);
    await screenshots(page, 'session-throttled');
    await page.context().close();
  });
});
