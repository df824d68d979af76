// The Ombudsman's view: the dashboard with its monthly trends, a period
// kept in the address, the CSV downloads and the verified audit log in
// Indonesian.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, DESKTOP, DOC_SCREENSHOTS, PHONE, gql, launch, login, newPage, screenshots, sessionToken, unavailable } from './helpers.mjs';

const skip = unavailable();

describe('auditor', { skip: skip ?? false }, () => {
  let browser;
  let page;
  let token;
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
    await login(page, 'auditor@demo.tanggap.id');
    await page.waitForURL(`${BASE_URL}/staf/dasbor`);
    token = await sessionToken(page);
  });
  after(async () => {
    await browser?.close();
  });

  test('sees the response times and the verified chain, with the head hash explained', async () => {
    await page.getByRole('heading', { name: 'Dasbor pengawasan' }).waitFor();
    const verification = page.getByTestId('audit-verification');
    await verification.waitFor();
    const api = await gql('{ auditVerification { intact headHash entries } }');
    assert.equal(api.auditVerification.intact, true);
    assert.match(await verification.textContent(), /Rantai log audit utuh/);
    assert.match(await verification.textContent(), /Hash kepala adalah sidik jari seluruh log audit/);
    const report = (await gql(`{ responseTimeReport { includesInternal
      agencies { agency { name } assigned timeToAnswer { enoughData } answeredOnTime { enoughData } }
      total { timeToAnswer { enoughData } waiting { issue { number } } } } }`, {}, token)).responseTimeReport;
    assert.equal(report.includesInternal, true);
    const assigned = report.agencies.filter((a) => a.assigned > 0);
    const table = page.getByTestId('response-times');
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), assigned.length, 'one row per agency with issues');
    assert.equal(await table.locator('tbody th').first().textContent(), assigned[0].agency.name);
    const timeChart = page.locator('figure svg[role="img"]').first();
    assert.match(await timeChart.getAttribute('aria-label'), /median .*persentil ke-90/);
    const enough = report.agencies.filter((a) => a.timeToAnswer.enoughData).length;
    assert.equal(await timeChart.locator('rect').count(), 2 * (1 + enough));
    const overdue = report.total.waiting.map((w) => w.issue.number);
    await page.getByRole('heading', { name: /^Isu terlambat \(\d+\)$/ }).waitFor();
    if (overdue.length > 0) {
      const list = await page.getByTestId('overdue').textContent();
      for (const number of overdue) assert.ok(list.includes(number), `${number} is listed as overdue`);
    }
  });

  test('monthly trends per agency, readable at 360 px', async () => {
    const trend = (await gql(`{ responseTimeTrend { months { month total { assigned answeredOnTime { ratio enoughData of } timeToAnswer { enoughData } } } } }`, {}, token)).responseTimeTrend;
    assert.equal(trend.months.length, 12);
    const share = page.getByTestId('trend-share');
    const median = page.getByTestId('trend-median');
    await share.waitFor();
    const label = await share.locator('svg').getAttribute('aria-label');
    for (const m of trend.months) {
      const s = m.total.answeredOnTime;
      if (s.enoughData) assert.ok(label.includes(`${Math.round(s.ratio * 100)}%`), `the chart names ${m.month}: ${label}`);
    }
    const withData = trend.months.filter((m) => m.total.answeredOnTime.enoughData).length;
    assert.equal(await share.locator('g[data-month] rect').count(), withData, 'one bar per month with enough data');
    assert.equal(await median.locator('g[data-month] rect').count(), trend.months.filter((m) => m.total.timeToAnswer.enoughData).length);
    // The trend starts at the first month with issues.
    const shown = trend.months.length - trend.months.findIndex((m) => m.total.assigned > 0);
    const heat = page.getByTestId('trend-table');
    assert.equal(await heat.locator('thead th').count(), 1 + shown, 'the agency column and a column per month with issues');

    // At 360 px the chart is drawn at the phone's width: its text stays at 12 px.
    await page.setViewportSize(PHONE);
    await page.waitForFunction(() => {
      const svg = document.querySelector('[data-testid="trend-share"] svg');
      return svg && svg.getBoundingClientRect().width <= 340 && Number(svg.getAttribute('width')) <= 340;
    });
    const size = await share.locator('svg text').first().evaluate((t) => t.getBoundingClientRect().height);
    assert.ok(size >= 11, `chart text is ${size} px tall on a phone`);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width, 'no sideways scrolling');
    await screenshots(page, 'dashboard-trends', { dir: DOC_SCREENSHOTS });

    // One agency's trend, kept in the address.
    await page.setViewportSize(DESKTOP);
    await page.getByLabel('Instansi', { exact: true }).selectOption('dinkes');
    await page.waitForURL(/instansi=dinkes/);
    await share.locator('svg[aria-label*="Dinas Kesehatan"]').waitFor();
  });

  test('the period lives in the address, custom ranges included, and survives a reload', async () => {
    await page.getByLabel('Periode (tanggal diteruskan)').selectOption('30');
    await page.waitForURL(/periode=30/);
    assert.match(page.url(), /instansi=dinkes/, 'other settings stay');
    await page.reload();
    await page.getByTestId('response-times').waitFor();
    assert.equal(await page.getByLabel('Periode (tanggal diteruskan)').inputValue(), '30');

    await page.getByLabel('Periode (tanggal diteruskan)').selectOption('kustom');
    const from = '2026-06-01';
    const to = '2026-09-30';
    await page.getByLabel('Dari tanggal').fill(from);
    await page.getByLabel('Sampai tanggal').fill(to);
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.waitForURL(/periode=kustom&.*dari=2026-06-01.*sampai=2026-09-30|periode=kustom.*sampai=2026-09-30/);
    const shared = page.url();
    // Someone else opens the shared address.
    const colleague = await newPage(browser, PHONE);
    await login(colleague, 'trc.sari@demo.tanggap.id');
    await colleague.goto(shared);
    await colleague.getByTestId('response-times').waitFor();
    assert.equal(await colleague.getByLabel('Periode (tanggal diteruskan)').inputValue(), 'kustom');
    assert.equal(await colleague.getByLabel('Dari tanggal').inputValue(), from);
    const period = await colleague.locator('p.muted', { hasText: 'dihitung' }).first().textContent();
    assert.match(period, /1 Jun 2026 – 30 Sep 2026/);
    await screenshots(colleague, 'dashboard-custom-period');
    assert.deepEqual(colleague.jsErrors, []);
    await colleague.context().close();
  });

  test('CSV downloads have a byte-order mark and Indonesian headers', async () => {
    await page.goto(`${BASE_URL}/staf/dasbor`);
    const downloadText = async (name) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      const chunks = await (await download.createReadStream()).toArray();
      return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
    };
    const issues = await downloadText(/isu\.csv/);
    assert.equal(issues.name, 'isu.csv');
    assert.ok(issues.text.startsWith('\ufeffnomor,judul,jenis,status,prioritas,putusan,slug_instansi,slug_kategori,'), issues.text.slice(0, 120));
    const times = await downloadText(/waktu-tanggap\.csv/);
    assert.match(times.text, /^\ufeffslug_instansi,nama_instansi,diteruskan,.*jawaban_median_jam_kerja_detik,jawaban_median_jam_kerja_jam/);
    const audit = await downloadText(/log-audit\.csv/);
    assert.match(audit.text, /^\ufeffid,waktu,id_pelaku,peran_pelaku,aksi,nama_aksi,/);
    assert.match(audit.text, /auth\.login,Masuk,/);
  });

  test('the audit log names actions in Indonesian and holds the demo’s own history', async () => {
    await page.getByRole('link', { name: 'Log audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log audit' }).waitFor();
    const rows = page.getByTestId('audit-log').locator('tbody tr');
    await rows.first().waitFor();
    await page.getByText('Tautan hash antar-entri di halaman ini cocok.').waitFor();
    const head = await page.getByTestId('audit-verification').locator('.hash').first().textContent();
    assert.match(head, /^[0-9a-f]{64}$/);
    assert.equal(await rows.first().locator('td.hash').getAttribute('title'), head);

    await page.getByLabel('Aksi').selectOption({ label: 'Masuk' });
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.waitForURL(/aksi=auth\.login/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="audit-log"] tbody tr td[data-action]')].every((td) => td.getAttribute('data-action') === 'auth.login'),
    );
    const labels = await page.getByTestId('audit-log').locator('td[data-action]').allTextContents();
    assert.ok(labels.length >= 1 && labels.every((l) => l.startsWith('Masuk')), `only logins, named Masuk: ${labels}`);
    await screenshots(page, 'auditor-audit-log');

    // The demo's history: its assignments are there, at their own times, by TRC.
    await page.getByLabel('Aksi').selectOption({ label: 'Diteruskan ke instansi' });
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.waitForURL(/aksi=issue\.assigned/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="audit-log"] tbody tr td[data-action]')].every((td) => td.getAttribute('data-action') === 'issue.assigned'),
    );
    const count = Number((await page.getByText(/^\d+ entri\./).textContent()).match(/^([\d.]+)/)[1].replace(/\./g, ''));
    assert.ok(count >= 50, `the demo's assignments are in the log (${count})`);
    assert.match(await rows.last().textContent(), /Tim Reaksi Cepat/);
    assert.deepEqual(page.jsErrors, []);
  });
});
