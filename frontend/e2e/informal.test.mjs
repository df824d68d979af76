// Search as citizens type on a phone: a whole question finds the answered
// hoax, a question without an answer is never a dead end ("Tanyakan ini"
// carries it into the question form), and the question form suggests the
// clarifications that may already answer it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, PHONE, gql, launch, newPage, screenshots, unavailable } from './helpers.mjs';

const skip = unavailable();

const HOAX = 'Pesan berantai: air PDAM Kotabaru tercemar bakteri koli';

describe('search as citizens type', { skip: skip ?? false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a question typed as a sentence finds the PDAM hoax', async () => {
    const question = 'benarkah air PDAM tercemar bakteri?';
    const page = await newPage(browser, PHONE);
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('searchbox', { name: 'Cari isu' }).fill(question);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    const first = page.locator('.issue-card').first();
    await first.locator('.card-title', { hasText: HOAX }).waitFor();
    assert.ok((await first.locator('.snippet mark').count()) > 0, 'the matched words are highlighted');
    assert.equal(await first.locator('.card-missing').count(), 0, 'the hoax holds every word of the question');
    await screenshots(page, 'search-question');

    // Extra words no issue holds: the hoax still leads, and the page says
    // which words it searched for and which it left out.
    await page.getByRole('searchbox', { name: 'Cari isu' }).fill('benarkah air pdam kotabaru tercemar bakteri dari sungai batulicin');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    const notice = page.getByTestId('match-notice');
    await notice.waitFor();
    assert.match(await notice.textContent(), /Hasil untuk air pdam kotabaru tercemar bakteri — tanpa sungai, batulicin/);
    await page.locator('.issue-card').first().locator('.card-title', { hasText: HOAX }).waitFor();
    assert.match(await page.locator('.issue-card').first().locator('.card-missing').textContent(), /Tidak memuat: sungai, batulicin/);
    assert.deepEqual(page.jsErrors, []);
  });

  test('a question without an answer offers "Tanyakan ini" and carries the text into the form', async () => {
    const question = 'jadwal konser dangdut di lapangan';
    const found = (await gql(`query($q: String!) { search(query: $q, first: 5) { totalCount quality } }`, { q: question })).search;
    assert.notEqual(found.quality, 'STRONG', 'the demo has no answer to this question');

    const page = await newPage(browser, PHONE);
    await page.goto(`${BASE_URL}/?q=${encodeURIComponent('konser dangdut')}`);
    await page.getByTestId('empty-search').waitFor();
    assert.match(await page.getByTestId('empty-search').textContent(), /Belum ada isu yang cocok dengan “konser dangdut”/);
    await screenshots(page, 'search-empty');

    // Weak matches are shown as possibly related, with the same way out.
    await page.getByRole('searchbox', { name: 'Cari isu' }).fill(question);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    const ask = page.getByRole('link', { name: 'Tanyakan ini' });
    await ask.waitFor();
    if (found.totalCount > 0) assert.match(await page.getByTestId('match-notice').textContent(), /mungkin terkait/);
    await ask.click();
    await page.waitForURL(`${BASE_URL}/tanya?q=${encodeURIComponent(question)}`);
    await page.getByRole('heading', { level: 1, name: 'Ajukan pertanyaan' }).waitFor();
    assert.equal(await page.getByLabel('Pertanyaan Anda (wajib)').inputValue(), question);
    assert.deepEqual(page.jsErrors, []);
  });

  test('the question form suggests the clarification that answers it', async () => {
    const page = await newPage(browser, PHONE);
    await page.goto(`${BASE_URL}/tanya`);
    const body = page.getByLabel('Pertanyaan Anda (wajib)');
    await body.pressSequentially('Saya dapat pesan WA katanya air pdam tercemar bakteri, benar gak?', { delay: 15 });
    const suggestions = page.getByTestId('suggestions');
    await suggestions.waitFor();
    const items = suggestions.locator('li');
    assert.ok((await items.count()) <= 3, 'at most three suggestions');
    const first = items.first();
    assert.equal(await first.getByRole('link').textContent(), `${HOAX} (tab baru)`);
    const expected = (await gql(`{ search(query: "air pdam tercemar bakteri koli", first: 1) {
      edges { node { issue { number verdictLabel status } } } } }`)).search.edges[0].node.issue;
    assert.equal(await first.getByRole('link').getAttribute('href'), `/isu/${expected.number}`);
    // Answered clarifications show their verdict; others where they stand.
    assert.equal(await first.locator('.badge').count(), 1);
    await screenshots(page, 'ask-suggestions');

    // A question the demo cannot answer suggests nothing.
    await body.fill('Kapan jadwal konser dangdut di lapangan kecamatan?');
    await suggestions.waitFor({ state: 'detached' });
    assert.deepEqual(page.jsErrors, []);
  });
});
