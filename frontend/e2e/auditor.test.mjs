// The Ombudsman's view: the dashboard and the verified audit log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, apiToken, gql, launch, login, newPage, screenshots, unavailable } from './helpers.mjs';

const skip = unavailable();

describe('auditor', { skip: skip ?? false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('sees the dashboard and a verified audit log', async () => {
    const page = await newPage(browser);
    await login(page, 'auditor@demo.tanggap.id');
    await page.waitForURL(`${BASE_URL}/staf/dasbor`);
    await page.getByRole('heading', { name: 'Dasbor pengawasan' }).waitFor();
    const verification = page.getByTestId('audit-verification');
    await verification.waitFor();
    const api = await gql('{ auditVerification { intact headHash entries } }');
    assert.equal(api.auditVerification.intact, true);
    assert.match(await verification.textContent(), /Rantai log audit utuh/);
    // The auditor's own view, internal issues included, as the dashboard shows it.
    const token = await apiToken('auditor@demo.tanggap.id');
    const report = (await gql(`{ responseTimeReport { includesInternal
      agencies { agency { name } assigned timeToAnswer { enoughData } answeredOnTime { enoughData } }
      total { timeToAnswer { enoughData } waiting { issue { number } } } } }`, {}, token)).responseTimeReport;
    assert.equal(report.includesInternal, true);
    const assigned = report.agencies.filter((a) => a.assigned > 0);
    const table = page.getByTestId('response-times');
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), assigned.length, 'one row per agency with issues');
    assert.equal(await table.locator('tbody th').first().textContent(), assigned[0].agency.name);
    const charts = page.locator('figure svg[role="img"]');
    assert.equal(await charts.count(), 2, 'the time and on-time charts');
    assert.match(await charts.first().getAttribute('aria-label'), /median .*persentil ke-90/);
    // Two bars (median, 90th percentile) for all agencies together and for each agency with enough data.
    assert.equal(report.total.timeToAnswer.enoughData, true);
    const enough = report.agencies.filter((a) => a.timeToAnswer.enoughData).length;
    assert.equal(await charts.first().locator('rect').count(), 2 * (1 + enough));
    assert.match(await charts.first().locator('text').first().textContent(), /^Semua$/);
    // The overdue list holds at least the public overdue issues the report names.
    const overdue = report.total.waiting.map((w) => w.issue.number);
    await page.getByRole('heading', { name: /^Isu terlambat \(\d+\)$/ }).waitFor();
    if (overdue.length > 0) {
      const list = await page.getByTestId('overdue').textContent();
      for (const number of overdue) assert.ok(list.includes(number), `${number} is listed as overdue`);
    }
    await screenshots(page, 'auditor-dashboard');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Log audit \(log-audit\.csv\)/ }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'log-audit.csv');
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv).toString('utf8');
    assert.ok(text.split('\n').length > 2, 'the CSV has a header and rows');
    assert.match(text, /auth\.login/);

    await page.getByRole('link', { name: 'Log audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log audit' }).waitFor();
    const rows = page.getByTestId('audit-log').locator('tbody tr');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 2, 'the log has the demo load and this login at least');
    await page.getByText('Tautan hash antar-entri di halaman ini cocok.').waitFor();
    const head = await page.getByTestId('audit-verification').locator('.hash').textContent();
    assert.match(head, /^[0-9a-f]{64}$/);
    // The newest entry is the head of the verified chain.
    assert.equal(await rows.first().locator('td.hash').getAttribute('title'), head);

    await page.getByLabel('Aksi').fill('auth.login');
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.getByText(/^\d+ entri\./).waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="audit-log"] tbody tr td:nth-child(4)')].every((td) => td.textContent === 'auth.login'),
    );
    const actions = await page.getByTestId('audit-log').locator('tbody tr td:nth-child(4)').allTextContents();
    assert.ok(actions.length >= 1 && actions.every((a) => a === 'auth.login'), `only logins after filtering, got ${actions}`);
    assert.match(await rows.first().textContent(), /Auditor|AUDITOR/);
    await screenshots(page, 'auditor-audit-log');
    assert.deepEqual(page.jsErrors, []);
  });
});
