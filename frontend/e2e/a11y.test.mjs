// axe-core scan of the main public pages and of every staff page, at phone
// and desktop width: no serious or critical violations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, gql, launch, login, newPage, screenshots, sessionToken, unavailable, unique } from './helpers.mjs';

const skip = unavailable();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on the page and returns the serious and critical violations. */
async function seriousViolations(page) {
  // evaluate runs outside the page's CSP, which allows no inline scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility', { skip: skip ?? false }, () => {
  let browser;
  let pages;
  before(async () => {
    browser = await launch();
    const data = await gql(`{
      hoax: issues(filter: { kind: [MISINFORMATION], verdict: [FALSE] }, first: 1) { edges { node { number } } }
      late: issues(filter: { overdue: true }, first: 1) { edges { node { number } } }
    }`);
    const hoax = data.hoax.edges[0].node.number;
    const late = data.late.edges[0].node.number;
    pages = [
      ['beranda', '/', 'h2'],
      ['isu', `/isu/${hoax}`, '.response'],
      ['isu-terlambat', `/isu/${late}`, '.overdue-notice'],
      ['isu-sedang-ditangani', '/?status=proses', '.issue-card'],
      ['instansi', '/instansi', '.agency-figures'],
      ['instansi-dinkes', '/instansi/dinkes', '.stats'],
      ['tanya', '/tanya', 'form'],
      ['lacak', '/lacak', 'form'],
      ['tentang', '/tentang', '[data-testid="policy-table"] tbody tr'],
      ['masuk-staf', '/staf/masuk', 'form'],
    ];
  });
  after(async () => {
    await browser?.close();
  });

  test('the main public pages have no serious or critical violations', async () => {
    const failures = [];
    for (const [name, path, ready] of pages) {
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await newPage(browser, viewport);
        await page.goto(`${BASE_URL}${path}`);
        await page.locator(ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        for (const v of await seriousViolations(page)) failures.push(`${path} @${viewport.width}px: ${v}`);
        if (viewport === DESKTOP) await screenshots(page, `a11y-${name}`);
        await page.context().close();
      }
    }
    assert.deepEqual(failures, []);
  });

  test('every staff page, for each role, has no serious or critical violations', async () => {
    // An issue in each state the pages show: new for TRC, assigned to Dinkes for its PIC.
    const trcPage = await newPage(browser);
    await login(trcPage, 'trc.sari@demo.tanggap.id');
    const token = await sessionToken(trcPage);
    await trcPage.context().close();
    const marker = unique();
    const create = async () =>
      (
        await gql(
          `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { number } } }`,
          { input: { title: `Isu uji aksesibilitas ${marker}`, summary: `Ringkasan isu uji aksesibilitas (${marker}).`, kind: 'MISINFORMATION', sources: [{ platform: 'X', claimText: 'Klaim uji.' }] } },
          token,
        )
      ).createIssue.issue.number;
    const fresh = await create();
    const assigned = await create();
    await gql(`mutation($input: AssignIssueInput!) { assignIssue(input: $input) { issue { status } } }`, { input: { issueNumber: assigned, agencySlug: 'dinkes', priority: 'NORMAL' } }, token);

    const staffPages = {
      'trc.sari@demo.tanggap.id': [
        ['trc-kotak-masuk', '/staf/trc', 'h1'],
        ['trc-isu-baru', '/staf/trc/isu-baru', 'form'],
        ['trc-isu', `/staf/isu/${fresh}`, '.staff-sources, [aria-labelledby="sumber-staf"]'],
        ['trc-dasbor', '/staf/dasbor', '[data-testid="trend-share"] svg'],
      ],
      'pic.dinkes@demo.tanggap.id': [
        ['pic-antrean', '/staf/pic', 'h2'],
        ['pic-tulis', `/staf/isu/${assigned}/tanggapan`, '[data-testid="claim"]', async (page) => {
          await page.getByLabel('Putusan atas klaim (wajib untuk hoaks)').selectOption('FALSE');
          await page.getByLabel('Isi tanggapan (Markdown)').fill('Teks uji **tebal** dan daftar:\n\n- satu\n- dua');
          await page.getByRole('button', { name: 'Terbitkan' }).click();
          await page.getByRole('dialog').waitFor();
        }],
        ['pic-bukan-peran', '/staf/admin/pengguna', 'h1'],
      ],
      'auditor@demo.tanggap.id': [
        ['auditor-dasbor', '/staf/dasbor', '[data-testid="trend-table"]'],
        ['auditor-log', '/staf/audit', '[data-testid="audit-log"] tbody tr'],
      ],
      'admin@demo.tanggap.id': [
        ['admin-pengguna', '/staf/admin/pengguna', 'table'],
        ['admin-instansi', '/staf/admin/instansi', 'table'],
        ['admin-kategori', '/staf/admin/kategori', 'table'],
        ['admin-kalender', '/staf/admin/kalender', '.policy-list form'],
        ['admin-jam-kerja', '/staf/admin/jam-kerja', '.workday'],
        ['admin-sinonim', '/staf/admin/sinonim', '[data-testid="synonyms"]'],
      ],
    };
    const failures = [];
    for (const [email, list] of Object.entries(staffPages)) {
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await newPage(browser, viewport);
        await login(page, email);
        for (const [name, path, ready, prepare] of list) {
          await page.goto(`${BASE_URL}${path}`);
          await page.locator(ready).first().waitFor();
          await page.waitForLoadState('networkidle');
          if (prepare) await prepare(page);
          for (const v of await seriousViolations(page)) failures.push(`${path} as ${email} @${viewport.width}px: ${v}`);
          if (viewport === DESKTOP) await screenshots(page, `a11y-${name}`);
        }
        await page.context().close();
      }
    }
    assert.deepEqual(failures, []);
  });

  test('keyboard users can skip to the content and reach the search box, the tabs and the filters', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto(`${BASE_URL}/`);
    await page.locator('.issue-card').first().waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Langsung ke konten');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#konten');
    const focused = () => page.evaluate(() => (document.activeElement?.labels?.[0] ?? document.activeElement)?.textContent?.trim());
    const labels = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      labels.push(await focused());
    }
    assert.deepEqual(labels, ['Cari isu', 'Cari', 'Dijawab', 'Sedang ditangani', 'Semua', 'Saring']);
    // The folded filters open from the keyboard and come next in order.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Jenis isu');
    await screenshots(page, 'a11y-keyboard');
  });
});
