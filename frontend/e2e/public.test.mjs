// The public portal: browse and open an issue; ask a question and follow it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, gql, launch, newPage, screenshots, unavailable, unique } from './helpers.mjs';

const skip = unavailable();

describe('public portal', { skip: skip ?? false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('search as you type, narrow with a facet and open an issue', async () => {
    const page = await newPage(browser);
    const term = 'peluncuran';
    const expected = (await gql(`query($q: String!) { search(query: $q, first: 20) {
      totalCount facets { agencies { slug name count } verdicts { verdict label count } }
      edges { node { issue { number title verdictLabel agency { name } } } } } }`, { q: term })).search;
    assert.ok(expected.totalCount >= 2, 'the stemmer finds meluncurkan and diluncurkan for peluncuran');

    await page.goto(`${BASE_URL}/`);
    await page.getByRole('heading', { level: 2, name: /^\d+ isu sudah dijawab$/ }).waitFor();
    // Typed key by key, with no submit: results follow the typing.
    await page.getByRole('searchbox', { name: 'Cari isu' }).pressSequentially(term, { delay: 40 });
    await page.getByRole('heading', { level: 2, name: `${expected.totalCount} isu untuk “${term}”` }).waitFor();
    await page.waitForURL(/[?&]q=peluncuran/);
    const cards = page.locator('.issue-card');
    assert.equal(await cards.count(), Math.min(expected.totalCount, 20));
    assert.equal(await cards.first().locator('.card-title').textContent(), expected.edges[0].node.issue.title);
    assert.ok((await page.locator('.issue-card .snippet mark').count()) > 0, 'matched words are highlighted');

    // Facet counts sit on the filter options, behind the Saring button, and match the API.
    await page.getByRole('button', { name: 'Saring' }).click();
    const agency = expected.facets.agencies[0];
    const option = page.locator('#saring-instansi option', { hasText: agency.name });
    assert.equal(await option.textContent(), `${agency.name} (${agency.count})`);
    await screenshots(page, 'search-results');

    const hoax = expected.facets.verdicts.find((v) => v.verdict === 'FALSE');
    assert.ok(hoax, 'a hoax matches');
    await page.getByLabel('Putusan').selectOption('FALSE');
    await page.getByRole('heading', { level: 2, name: `${hoax.count} isu untuk “${term}”` }).waitFor();
    for (const badge of await cards.locator('.verdict').allTextContents()) assert.equal(badge, 'Hoaks');
    const target = expected.edges.map((e) => e.node.issue).find((i) => i.verdictLabel === 'Hoaks');

    await page.getByRole('link', { name: target.title }).click();
    await page.waitForURL(`${BASE_URL}/isu/${target.number}`);
    await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
    assert.equal(await page.locator('.verdict-line .verdict').textContent(), 'Hoaks');
    await page.getByRole('heading', { name: 'Tanggapan resmi' }).waitFor();
    const response = page.locator('.response').first();
    assert.match(await response.locator('.response-meta').textContent(), new RegExp(`${target.agency.name}.*WITA`));
    assert.ok((await response.locator('.prose').textContent()).length > 50, 'the official response is shown');
    const timeline = page.locator('.timeline li');
    assert.ok((await timeline.count()) >= 3, 'the public timeline has its steps');
    assert.match(await timeline.first().textContent(), /Isu dicatat.*WITA/);
    assert.match(await page.title(), /· Tanggap$/);
    assert.deepEqual(page.jsErrors, []);
    await screenshots(page, 'issue-page');

    // Back to the results: the query is kept in the address.
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: `${hoax.count} isu untuk “${term}”` }).waitFor();
  });

  test('ask a question and follow it by its code', async () => {
    const page = await newPage(browser);
    const marker = unique();
    const question = `Apakah benar jadwal pembagian bantuan sosial bulan ini diundur? (uji ${marker})`;
    const contact = `warga-${marker}@contoh.id`;

    await page.goto(`${BASE_URL}/tanya`);
    await page.getByLabel('Pertanyaan Anda (wajib)').fill(question);
    await page.getByLabel('Nama').fill('Warga Penguji');
    await page.getByLabel('E-mail atau nomor HP').fill(contact);
    await page.getByLabel('Instansi yang menurut Anda terkait (tidak wajib)').selectOption('dinsos');
    await screenshots(page, 'ask-form');
    await page.getByRole('button', { name: 'Kirim pertanyaan' }).click();

    const codeEl = page.getByTestId('tracking-code');
    await codeEl.waitFor();
    const code = (await codeEl.textContent()).trim();
    assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}$/, `a grouped tracking code, got ${code}`);
    await page.getByRole('button', { name: 'Salin kode' }).waitFor();
    await screenshots(page, 'ask-receipt');

    // The code works through the API, without the contact data.
    const api = await gql(`query($c: String!) { question(trackingCode: $c) { status body name contact } }`, { c: code });
    assert.equal(api.question.status, 'RECEIVED');
    assert.equal(api.question.body, question);
    assert.equal(api.question.contact, null);

    await page.getByRole('link', { name: 'Lacak pertanyaan ini' }).click();
    await page.getByTestId('question-status').waitFor();
    assert.equal(await page.getByTestId('question-status').textContent(), 'Diterima, menunggu ditelaah');
    assert.equal((await page.locator('.question blockquote').textContent()).trim(), question);
    assert.match(await page.locator('.question .timeline').textContent(), /Pertanyaan diterima.*WITA/);

    // Typing the code by hand, in lower case and without dashes, finds it too.
    const other = await newPage(browser);
    await other.goto(`${BASE_URL}/lacak`);
    await other.getByLabel('Kode pelacakan').fill(code.replace(/-/g, '').toLowerCase());
    await other.getByRole('button', { name: 'Lacak' }).click();
    await other.getByTestId('question-status').waitFor();
    assert.equal((await other.locator('.question blockquote').textContent()).trim(), question);
    const text = await other.locator('main').textContent();
    assert.ok(!text.includes(contact) && !text.includes('Warga Penguji'), 'the public view never shows name or contact');
    await screenshots(other, 'follow-question');

    await other.goto(`${BASE_URL}/lacak/ZZZZ-ZZZZ-ZZZZZ`);
    await other.getByText('tidak ditemukan').waitFor();
    assert.deepEqual([...page.jsErrors, ...other.jsErrors], []);
  });
});
