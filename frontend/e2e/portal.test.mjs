// The public portal as citizens use it on a 360×740 phone and on a desktop:
// answers on the first screen, overdue issues in plain sight, the about page,
// share buttons, one date format, the web app manifest and the Ask form's link.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BASE_URL,
  DESKTOP,
  PHONE,
  WITA_PATTERN,
  gql,
  launch,
  newPage,
  screenshots,
  topOf,
  unavailable,
  unique,
  witaDateTime,
  workingText,
} from './helpers.mjs';

const skip = unavailable();
const VIEWPORTS = [
  ['phone', PHONE],
  ['desktop', DESKTOP],
];

/** Whole days, hours or minutes past due, as the overdue badge counts them. */
function lateText(dueIso, now) {
  const seconds = (now - Date.parse(dueIso)) / 1000;
  if (seconds >= 86400) return `Terlambat ${Math.floor(seconds / 86400)} hari`;
  if (seconds >= 3600) return `Terlambat ${Math.floor(seconds / 3600)} jam`;
  return `Terlambat ${Math.max(1, Math.floor(seconds / 60))} menit`;
}

/** The badge text, allowing for the clock ticking between the API call and the page. */
function assertLate(actual, due, before, after) {
  const allowed = new Set([lateText(due, before), lateText(due, after)]);
  assert.ok(allowed.has(actual), `overdue badge ${JSON.stringify(actual)}, expected one of ${[...allowed].join(' / ')}`);
}

describe('citizen portal', { skip: skip ?? false }, () => {
  let browser;
  let overdue;
  let answered;
  before(async () => {
    browser = await launch();
    const data = await gql(`{
      overdue: issues(filter: { overdue: true }, first: 100) {
        totalCount edges { node { number title priority overdueClock acknowledgeDueAt answerDueAt agency { slug name } } } }
      answered: issues(filter: { kind: [MISINFORMATION], status: [ANSWERED, CLOSED] }, orderBy: RECENTLY_UPDATED, first: 1) {
        edges { node { number title verdictLabel } } }
    }`);
    overdue = data.overdue.edges.map((e) => e.node);
    answered = data.answered.edges[0].node;
    assert.ok(overdue.length >= 2, 'the demo has overdue issues');
  });
  after(async () => {
    await browser?.close();
  });

  for (const [label, viewport] of VIEWPORTS) {
    test(`home at ${label} width: answered issues first, on the first screen, filters folded`, async () => {
      const expected = (await gql(`{ issues(filter: { status: [ANSWERED, CLOSED] }, orderBy: RECENTLY_UPDATED, first: 20) {
        totalCount edges { node { number } } } }`)).issues;
      const page = await newPage(browser, viewport);
      await page.goto(`${BASE_URL}/`);
      await page.getByRole('heading', { level: 2, name: `${expected.totalCount} isu sudah dijawab` }).waitFor();
      const cards = page.locator('.issue-card');
      const top = await topOf(page, '.issue-card');
      assert.ok(top < viewport.height, `the first result starts at ${top} px, below the ${viewport.height} px screen`);

      // The newest answers lead; every card carries a verdict or an answered status.
      const numbers = await cards.locator('.issue-number').allTextContents();
      assert.deepEqual(numbers.map((n) => n), expected.edges.map((e) => e.node.number));
      const first = cards.first();
      assert.ok((await first.locator('.card-meta .verdict, .card-meta .status-answered, .card-meta .status-closed').count()) > 0, 'the first card shows its answer');
      for (const status of await cards.locator('.card-meta .status').allTextContents()) assert.ok(['Sudah dijawab', 'Ditutup'].includes(status), status);
      assert.match(await first.locator('.card-foot').textContent(), /dijawab \d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}/);

      // Every menu link is on screen, none pushed off to the side.
      const nav = page.getByRole('navigation', { name: 'Menu utama' });
      for (const name of ['Cari isu', 'Instansi', 'Tanya', 'Lacak', 'Tentang']) {
        const box = await nav.getByRole('link', { name, exact: true }).boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `the menu link ${name} is off screen`);
      }

      // The filters wait behind one button.
      const toggle = page.getByRole('button', { name: 'Saring' });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.getByLabel('Jenis isu').isVisible(), false);
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await page.getByLabel('Jenis isu').waitFor();
      assert.equal(await page.locator('#saring-urut').count(), 0, 'no sort choice without search words');

      // Nothing technical for citizens.
      const text = await page.locator('body').textContent();
      for (const word of ['FTS5', 'SQLite', 'PostgreSQL', 'Meilisearch', 'Pencarian:']) assert.ok(!text.includes(word), `the page mentions ${word}`);
      if (label === 'phone') await screenshots(page, 'portal-home');

      // Issues still being handled are one tab away, with how late they are.
      const open = (await gql(`{ issues(filter: { status: [ASSIGNED, IN_PROGRESS] }, orderBy: RECENTLY_UPDATED, first: 20) {
        totalCount edges { node { number overdue } } } }`)).issues;
      await page.getByRole('link', { name: 'Sedang ditangani' }).click();
      await page.getByRole('heading', { level: 2, name: `${open.totalCount} isu sedang ditangani` }).waitFor();
      await page.waitForURL(/[?&]status=proses/);
      assert.equal(await page.getByRole('link', { name: 'Sedang ditangani' }).getAttribute('aria-current'), 'true');
      for (const status of await cards.locator('.card-meta .status').allTextContents()) {
        assert.ok(['Diteruskan ke instansi', 'Sedang ditangani'].includes(status), status);
      }
      const late = open.edges.filter((e) => e.node.overdue).map((e) => e.node.number);
      assert.ok(late.length > 0, 'an overdue issue is among the open ones');
      const badged = [];
      for (const card of await cards.all()) {
        if ((await card.locator('.badge.overdue').count()) > 0) badged.push((await card.locator('.issue-number').textContent()));
      }
      assert.deepEqual(badged, late);
      assert.deepEqual(page.jsErrors, []);
      await page.context().close();
    });

    test(`search at ${label} width: tapping Cari brings the results into view`, async () => {
      const term = 'banjir';
      const expected = (await gql(`query($q: String!) { search(query: $q, first: 1) { totalCount } }`, { q: term })).search;
      assert.ok(expected.totalCount >= 3, 'the demo has several flood issues');
      const page = await newPage(browser, viewport);
      await page.goto(`${BASE_URL}/`);
      await page.locator('.issue-card').first().waitFor();
      await page.getByRole('searchbox', { name: 'Cari isu' }).fill(term);
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      const heading = page.getByRole('heading', { level: 2, name: `${expected.totalCount} isu untuk “${term}”` });
      await heading.waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'hasil');
      const headingTop = await heading.evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(headingTop >= -1 && headingTop < 120, `the results heading is at ${headingTop} px after Cari`);
      const top = await topOf(page, '.issue-card');
      assert.ok(top > 0 && top < viewport.height, `the first result is at ${top} px`);

      // With search words there are exactly two orders, each offered once.
      await page.getByRole('button', { name: 'Saring' }).click();
      const orders = await page.locator('#saring-urut option').allTextContents();
      assert.deepEqual(orders, ['Paling cocok', 'Terbaru dicatat']);
      assert.deepEqual(page.jsErrors, []);
      await page.context().close();
    });

    test(`answered issue at ${label} width: verdict, share buttons and the answer first`, async () => {
      const page = await newPage(browser, viewport);
      // A browser with the Web Share API: the share sheet receives the link.
      await page.addInitScript(() => {
        navigator.share = async (data) => {
          window.sharedWith = data;
        };
      });
      await page.goto(`${BASE_URL}/isu/${answered.number}`);
      await page.locator('.response').first().waitFor();
      assert.equal(await page.title(), `${answered.verdictLabel}: ${answered.title} · Tanggap`);
      assert.equal(await page.locator('.verdict-line .verdict').textContent(), answered.verdictLabel);
      const responseTop = await topOf(page, '.response');
      assert.ok(responseTop < viewport.height, `the official answer starts at ${responseTop} px`);
      const shareTop = await topOf(page, '.issue-head .share-actions');
      assert.ok(shareTop < responseTop, 'the share buttons come before the answer');

      const url = `${BASE_URL}/isu/${answered.number}`;
      const whatsapp = await page.getByRole('link', { name: /WhatsApp/ }).getAttribute('href');
      const shared = new URL(whatsapp).searchParams.get('text');
      assert.equal(shared, `${answered.verdictLabel}: ${answered.title} ${url}`);
      await page.getByRole('button', { name: 'Salin tautan' }).waitFor();
      await page.getByRole('button', { name: 'Bagikan', exact: true }).click();
      const sharedWith = await page.waitForFunction(() => window.sharedWith).then((h) => h.jsonValue());
      assert.equal(sharedWith.url, url);
      assert.equal(sharedWith.title, `${answered.verdictLabel}: ${answered.title}`);

      // Every instant on the page is written the same way.
      const times = await page.locator('main time').allTextContents();
      assert.ok(times.length >= 3);
      for (const t of times) assert.match(t, WITA_PATTERN);
      if (label === 'phone') await screenshots(page, 'portal-answered-issue');
      assert.deepEqual(page.jsErrors, []);
      await page.context().close();
    });
  }

  test('without the Web Share API there is no share-sheet button, only WhatsApp and copy', async () => {
    const page = await newPage(browser, PHONE);
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'share', { value: undefined, configurable: true });
    });
    await page.goto(`${BASE_URL}/isu/${answered.number}`);
    await page.locator('.response').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Bagikan', exact: true }).count(), 0);
    await page.getByRole('link', { name: /WhatsApp/ }).waitFor();
    await page.getByRole('button', { name: 'Salin tautan' }).waitFor();
    await page.context().close();
  });

  test('an overdue issue says how late it is and by which due time', async () => {
    // A working-time priority, whose explanation lists the days counted.
    const issue = overdue.find((i) => i.overdueClock === 'ANSWER' && i.priority !== 'URGENT') ?? overdue.find((i) => i.priority !== 'URGENT');
    const due = issue.overdueClock === 'ACKNOWLEDGE' ? issue.acknowledgeDueAt : issue.answerDueAt;
    const page = await newPage(browser, PHONE);
    const start = Date.now();
    await page.goto(`${BASE_URL}/isu/${issue.number}`);
    const notice = page.getByTestId('overdue-notice');
    await notice.waitFor();
    const badge = (await page.locator('.issue-head .badge.overdue').textContent()).replace(/\s*\(.*\)$/, '');
    assertLate(badge, due, start, Date.now());
    const text = await notice.textContent();
    assert.ok(text.startsWith(`${badge}.`), text);
    assert.ok(text.includes(issue.agency.name), 'the notice names the agency');
    assert.ok(text.includes(witaDateTime(due)), `the notice gives the due time as ${witaDateTime(due)}: ${text}`);

    // The deadline explanation uses the same date style, never ISO dates.
    await page.getByText('Bagaimana batas waktu dihitung').click();
    const days = await page.locator('.due-days li').allTextContents();
    assert.ok(days.length > 0, 'the counted days are listed');
    for (const d of days) assert.match(d, /^(Sen|Sel|Rab|Kam|Jum|Sab|Min), \d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}: /);
    assert.ok(!/\d{4}-\d{2}-\d{2}/.test(await page.locator('main').textContent()), 'no ISO date on the page');
    await screenshots(page, 'portal-overdue-issue');
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });

  test('agency list: on-time share, median time to answer and overdue count per agency, with the method', async () => {
    const report = (await gql(`{ responseTimeReport { agencies { agency { slug name } assigned
      answeredOnTime { onTime of enoughData ratio } timeToAnswer { enoughData workingMedian { seconds } } } } }`)).responseTimeReport;
    const lateBy = new Map();
    for (const i of overdue) lateBy.set(i.agency.slug, (lateBy.get(i.agency.slug) ?? 0) + 1);
    const page = await newPage(browser, PHONE);
    await page.goto(`${BASE_URL}/instansi`);
    await page.locator('.agency-figures').first().waitFor();
    const rich = report.agencies.filter((r) => r.answeredOnTime.enoughData && r.timeToAnswer.enoughData);
    assert.ok(rich.length >= 2, 'some agencies have enough data');
    for (const row of report.agencies) {
      const card = page.locator(`li[data-agency="${row.agency.slug}"]`);
      const figures = {};
      for (const div of await card.locator('.agency-figures > div').all()) {
        figures[(await div.locator('dt').textContent()).trim()] = (await div.locator('dd').textContent()).trim();
      }
      const late = lateBy.get(row.agency.slug) ?? 0;
      assert.equal(figures['Terlambat saat ini'], late ? `${late} isu` : 'Tidak ada', row.agency.slug);
      if (rich.includes(row)) {
        const s = row.answeredOnTime;
        assert.equal(figures['Dijawab tepat waktu'], `${Math.round(s.ratio * 100)}% (${s.onTime} dari ${s.of})`, row.agency.slug);
        assert.equal(figures['Waktu jawab (median)'], workingText(row.timeToAnswer.workingMedian.seconds), row.agency.slug);
      } else if (!row.answeredOnTime.enoughData && !row.timeToAnswer.enoughData) {
        assert.equal(figures['Kecepatan jawab'], row.assigned ? `Belum cukup data (${row.assigned} isu diteruskan)` : 'Belum ada isu', row.agency.slug);
      }
    }
    await page.getByText('Cara membaca angka ini').click();
    const method = await page.locator('.method').textContent();
    for (const words of ['Tepat waktu', 'jam kerja', 'Median', 'Belum cukup data']) assert.ok(method.includes(words), `the method explains ${words}`);
    assert.ok(!(await page.locator('body').textContent()).includes('Persentil'), 'no percentile jargon');
    await screenshots(page, 'portal-agencies');
    await page.context().close();
  });

  test('agency page lists its overdue issues and says the 90th percentile in words', async () => {
    // The agency with the most overdue issues.
    const counts = new Map();
    for (const i of overdue) counts.set(i.agency.slug, [...(counts.get(i.agency.slug) ?? []), i.number]);
    const [slug, numbers] = [...counts.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    const page = await newPage(browser, PHONE);
    const start = Date.now();
    await page.goto(`${BASE_URL}/instansi/${slug}`);
    const list = page.getByTestId('overdue-list');
    await list.waitFor();
    const shown = (await list.locator('.issue-number').allTextContents()).map((n) => n);
    assert.deepEqual([...shown].sort(), [...numbers].sort());
    for (const card of await list.locator('.issue-card').all()) {
      const number = (await card.locator('.issue-number').textContent());
      const issue = overdue.find((i) => i.number === number);
      const due = issue.overdueClock === 'ACKNOWLEDGE' ? issue.acknowledgeDueAt : issue.answerDueAt;
      assertLate((await card.locator('.badge.overdue').textContent()).replace(/\s*\(.*\)$/, ''), due, start, Date.now());
    }
    const figures = await page.getByTestId('response-figures').textContent();
    assert.match(figures, /9 dari 10 jawaban terbit dalam/);
    assert.ok(!figures.includes('Persentil'));
    await page.context().close();
  });

  for (const [label, viewport] of VIEWPORTS) {
    test(`about page at ${label} width: process, deadlines, labels, privacy and API`, async () => {
      const policies = (await gql(`{ responsePolicies { priority acknowledgeWithinMinutes answerWithinMinutes basis } }`)).responsePolicies;
      const names = { URGENT: 'Mendesak', HIGH: 'Tinggi', NORMAL: 'Normal', LOW: 'Rendah' };
      const allowed = (m, basis) => {
        if (basis === 'CLOCK') return m % 60 === 0 ? `${m / 60} jam` : `${m} menit`;
        if (m % 480 === 0) return `${m / 480} hari kerja`;
        return m % 60 === 0 ? `${m / 60} jam kerja` : `${m} menit kerja`;
      };
      const page = await newPage(browser, viewport);
      await page.goto(`${BASE_URL}/`);
      await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Tentang' }).click();
      await page.waitForURL(`${BASE_URL}/tentang`);
      await page.getByRole('heading', { level: 1, name: 'Tentang Tanggap' }).waitFor();
      assert.equal(await page.title(), 'Tentang Tanggap · Tanggap');

      const rows = page.locator('[data-testid="policy-table"] tbody tr');
      await rows.first().waitFor();
      const table = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
      assert.equal(table.length, policies.length);
      assert.deepEqual(
        table,
        policies.map((p) => `${names[p.priority]}${allowed(p.acknowledgeWithinMinutes, p.basis)}${allowed(p.answerWithinMinutes, p.basis)}${p.basis === 'CLOCK' ? ', termasuk malam dan hari libur' : ''}`),
      );
      // The shipped policy, as the page states it.
      if (policies.find((p) => p.priority === 'NORMAL').answerWithinMinutes === 1440) {
        assert.equal(table[0], 'Mendesak1 jam6 jam, termasuk malam dan hari libur');
        assert.equal(table[2], 'Normal1 hari kerja3 hari kerja');
      }
      const text = await page.locator('main').textContent();
      // The working week as configured, not as written into the page.
      const { workingHours } = await gql(`{ workingHours { summary dayLengthMinutes } }`);
      assert.ok(text.includes(`Jam kerja adalah ${workingHours.summary} WITA`), `working time is defined as ${workingHours.summary}`);
      assert.ok(text.includes(`satu hari kerja berarti ${workingHours.dayLengthMinutes / 60} jam kerja`), 'the working day is the configured one');
      for (const step of ['Tim Reaksi Cepat (TRC)', 'Petugas informasi instansi (PIC)']) assert.ok(text.includes(step), step);
      const labels = await page.locator('.verdicts dt').allTextContents();
      assert.deepEqual(labels, ['Hoaks', 'Menyesatkan', 'Sebagian benar', 'Benar', 'Belum terbukti']);
      assert.equal(await page.locator('.verdicts dd').count(), 5);
      assert.ok(text.includes('Nama dan kontak Anda tidak pernah dipublikasikan'));
      assert.ok(text.includes('Teks pertanyaan dapat menjadi publik'));
      assert.equal(await page.locator('#api').count(), 1);
      const feed = await page.getByRole('link', { name: '/feed.xml' }).getAttribute('href');
      const res = await fetch(`${BASE_URL}${feed}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /atom\+xml/);
      await page.getByRole('link', { name: 'GraphiQL' }).waitFor();
      assert.equal(await page.locator('footer').getByRole('link', { name: 'Tentang Tanggap' }).getAttribute('href'), '/tentang');

      // A link to a server file (the feed) leaves the app rather than showing "not found".
      await page.getByRole('link', { name: '/feed.xml' }).click();
      await page.waitForURL(`${BASE_URL}/feed.xml`);
      if (label === 'phone') {
        await page.goto(`${BASE_URL}/tentang`);
        await rows.first().waitFor();
        await screenshots(page, 'portal-about');
      }
      assert.deepEqual(page.jsErrors, []);
      await page.context().close();
    });
  }

  test('the web app manifest and its icons load, in Indonesian with the theme colour', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto(`${BASE_URL}/`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    assert.equal(href, '/manifest.webmanifest');
    const cdp = await page.context().newCDPSession(page);
    const { url, errors, data } = await cdp.send('Page.getAppManifest');
    assert.equal(url, `${BASE_URL}/manifest.webmanifest`);
    assert.deepEqual(errors, []);
    const manifest = JSON.parse(data);
    assert.equal(manifest.lang, 'id');
    assert.equal(manifest.short_name, 'Tanggap');
    assert.match(manifest.name, /Kotabaru/);
    assert.equal(manifest.theme_color, await page.locator('meta[name="theme-color"]').getAttribute('content'));
    assert.equal(manifest.start_url, '/');
    const sizes = {};
    for (const icon of manifest.icons) {
      const res = await fetch(`${BASE_URL}${icon.src}`);
      assert.equal(res.status, 200, icon.src);
      const body = Buffer.from(await res.arrayBuffer());
      if (icon.type === 'image/png') {
        assert.equal(body.subarray(1, 4).toString(), 'PNG', icon.src);
        const [w, h] = [body.readUInt32BE(16), body.readUInt32BE(20)];
        assert.equal(`${w}x${h}`, icon.sizes, icon.src);
        sizes[icon.sizes] = true;
      } else {
        assert.match(body.toString(), /<svg/);
      }
    }
    assert.ok(sizes['192x192'] && sizes['512x512'], 'PNG icons of 192 and 512 px');
    await page.context().close();
  });

  test('the Ask form takes a link to the post and warns that the text may become public', async () => {
    const marker = unique();
    const link = `https://www.facebook.com/groups/kotabaru/posts/${marker}`;
    const question = `Benarkah jembatan di desa kami akan ditutup bulan depan? (uji ${marker})`;
    const page = await newPage(browser, PHONE);
    await page.goto(`${BASE_URL}/tanya`);
    const privacy = await page.locator('#tanya-privasi').textContent();
    assert.match(privacy, /Nama dan kontak Anda tidak pernah dipublikasikan/);
    assert.match(privacy, /Teks pertanyaan \(dan tautannya\) dapat dipublikasikan/);
    await page.getByLabel('Pertanyaan Anda (wajib)').fill(question);
    const field = page.getByLabel('Tautan ke unggahan atau berita (tidak wajib)');
    await field.fill('grup facebook kemarin');
    await page.getByRole('button', { name: 'Kirim pertanyaan' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tautan harus alamat web lengkap' }).waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    await field.fill(link);
    await page.getByRole('button', { name: 'Kirim pertanyaan' }).click();
    const code = (await page.getByTestId('tracking-code').textContent()).trim();
    const api = await gql(`query($c: String!) { question(trackingCode: $c) { body } }`, { c: code });
    assert.equal(api.question.body, `${question}\n\nTautan: ${link}`);
    await page.context().close();
  });

  test('the tracking-code field has its example below it, not cut off inside', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await newPage(browser, viewport);
      await page.goto(`${BASE_URL}/lacak`);
      const input = page.getByLabel('Kode pelacakan');
      assert.equal(await input.getAttribute('placeholder'), null);
      const hint = await page.locator('#lacak-kode-bantu').textContent();
      assert.match(hint, /ABCD-EFGH-JKMNP/);
      assert.equal(await input.getAttribute('aria-describedby'), 'lacak-kode-bantu');
      assert.ok(await page.locator('#lacak-kode-bantu').isVisible());
      await page.context().close();
    }
  });
});
