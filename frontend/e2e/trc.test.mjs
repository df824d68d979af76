// The Rapid Reaction Team's console: logging an issue with its agency,
// priority and several sources; correcting its text and sources later;
// linking a citizen's question by searching; confirmations after each step;
// and the running issues as cards on a phone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, gql, launch, login, newPage, screenshots, sessionToken, unavailable, unique } from './helpers.mjs';

const skip = unavailable();

const STAFF_ISSUE = `query($n: String!) { issue(number: $n) { number title summary status priority agency { slug }
  sources { id platform url claimText accountHandle } timeline { type } } }`;

describe('TRC console', { skip: skip ?? false }, () => {
  let browser;
  let page;
  let token;
  before(async () => {
    browser = await launch();
    page = await newPage(browser, DESKTOP);
    await login(page, 'trc.bayu@demo.tanggap.id');
    token = await sessionToken(page);
  });
  after(async () => {
    await browser?.close();
  });

  test('logs an issue with agency, priority and two sources, and says so', async () => {
    const marker = unique();
    await page.goto(`${BASE_URL}/staf/trc/isu-baru`);
    await page.getByRole('heading', { level: 1, name: 'Catat isu baru' }).waitFor();
    await page.getByLabel('Judul').fill(`Video banjir lama disebut terjadi di Sungai Bali ${marker}`);
    await page.getByLabel('Ringkasan: apa yang beredar atau ditanyakan').fill(`Video banjir tahun lalu beredar lagi seolah terjadi minggu ini (${marker}).`);
    await page.getByLabel('Jenis').selectOption('MISINFORMATION');
    await page.getByLabel('Teruskan ke instansi (bila sudah jelas)').selectOption('pupr');
    await page.getByLabel('Prioritas').selectOption('URGENT');
    await page.locator('#isu-platform').selectOption('TIKTOK');
    await page.locator('#isu-url').fill(`https://www.tiktok.com/@contoh/video/${marker}`);
    await page.locator('#isu-klaim').fill('Banjir besar pagi ini di Sungai Bali!');
    await page.getByRole('button', { name: 'Tambah sumber lain' }).click();
    await page.locator('#isu-sumber-2-platform').selectOption('FACEBOOK');
    await page.locator('#isu-sumber-2-klaim').fill('Warga Sungai Bali mengungsi, jalan putus.');
    await page.locator('#isu-sumber-2-akun').fill('@grup.warga');
    await screenshots(page, 'trc-new-issue');
    await page.getByRole('button', { name: 'Simpan isu' }).click();
    await page.waitForURL(/\/staf\/isu\/[A-Z]+-\d{4}-\d+\?dicatat=1$/);
    const number = new URL(page.url()).pathname.split('/').pop();
    const notice = page.getByRole('status').filter({ hasText: `Isu ${number} tersimpan dan diteruskan ke Dinas Pekerjaan Umum` });
    await notice.waitFor();
    const issue = (await gql(STAFF_ISSUE, { n: number }, token)).issue;
    assert.equal(issue.status, 'ASSIGNED');
    assert.equal(issue.priority, 'URGENT');
    assert.equal(issue.agency.slug, 'pupr');
    assert.deepEqual(issue.sources.map((s) => s.platform).sort(), ['FACEBOOK', 'TIKTOK']);
    assert.equal(issue.sources.find((s) => s.platform === 'FACEBOOK').accountHandle, '@grup.warga');
    await screenshots(page, 'trc-issue-saved');
  });

  test('edits the title and summary and adds, corrects and removes sources', async () => {
    const marker = unique();
    const created = await gql(
      `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { number } } }`,
      { input: { title: `Isu jalan berlubang ${marker}`, summary: `Ringkasan awal tentang jalan berlubang (${marker}).`, kind: 'COMPLAINT', sources: [{ platform: 'X', claimText: 'Jalan berlubang di depan pasar.' }] } },
      token,
    );
    const number = created.createIssue.issue.number;
    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      await page.goto(`${BASE_URL}/staf/isu/${number}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Ubah judul dan ringkasan…' }).click();
      const form = page.getByRole('form', { name: 'Ubah judul dan ringkasan' });
      await form.getByLabel('Judul').fill(`Jalan berlubang di depan Pasar Kotabaru ${marker} ${viewport.width}`);
      await form.getByLabel('Ringkasan').fill(`Warga melaporkan jalan berlubang di depan Pasar Kotabaru sejak sepekan (${marker}).`);
      await form.getByRole('button', { name: 'Simpan perubahan' }).click();
      await page.getByText('Judul dan ringkasan tersimpan').waitFor();
      await page.getByRole('heading', { level: 1, name: `Jalan berlubang di depan Pasar Kotabaru ${marker} ${viewport.width}` }).waitFor();
    }

    await page.getByRole('button', { name: 'Tambah sumber…' }).click();
    const add = page.getByRole('form', { name: 'Tambah sumber' });
    await add.getByLabel('Platform').selectOption('INSTAGRAM');
    await add.getByLabel('Tautan (bila ada)').fill(`https://www.instagram.com/p/${marker}`);
    await add.getByLabel('Klaim seperti yang terlihat').fill('Lubang makin dalam setelah hujan.');
    await add.getByRole('button', { name: 'Simpan sumber' }).click();
    await page.getByText('Sumber baru tersimpan.').waitFor();
    let issue = (await gql(STAFF_ISSUE, { n: number }, token)).issue;
    assert.equal(issue.sources.length, 2);

    const x = issue.sources.find((s) => s.platform === 'X');
    const row = page.locator(`[data-source="${x.id}"]`);
    await row.getByRole('button', { name: /^Perbaiki/ }).click();
    await row.getByLabel('Klaim seperti yang terlihat').fill('Jalan berlubang besar di depan Pasar Kotabaru.');
    await row.getByRole('button', { name: 'Simpan perbaikan' }).click();
    await page.getByText('Sumber diperbaiki.').waitFor();

    const ig = issue.sources.find((s) => s.platform === 'INSTAGRAM');
    const igRow = page.locator(`[data-source="${ig.id}"]`);
    await igRow.getByRole('button', { name: /^Hapus/ }).click();
    await igRow.getByLabel('Alasan menghapus (hanya untuk staf)').fill('Unggahan itu tentang kota lain, salah catat.');
    await screenshots(page, 'trc-sources');
    await igRow.getByRole('button', { name: 'Hapus sumber' }).click();
    await page.getByText('Sumber dihapus; alasannya tercatat untuk staf.').waitFor();

    issue = (await gql(STAFF_ISSUE, { n: number }, token)).issue;
    assert.deepEqual(issue.sources.map((s) => s.claimText), ['Jalan berlubang besar di depan Pasar Kotabaru.']);
    assert.match(issue.summary, /sejak sepekan/);
    // The staff timeline names the corrections in Indonesian.
    for (const label of ['Teks isu diubah', 'Sumber baru dicatat', 'Sumber diperbaiki', 'Sumber dihapus']) {
      await page.locator('.timeline li', { hasText: label }).first().waitFor();
    }
    assert.deepEqual(page.jsErrors, []);
  });

  test('links a citizen’s question by searching, and opens another as an issue, with confirmations', async () => {
    const marker = unique();
    const title = `Jadwal posyandu balita di Kelurahan Kotabaru Hilir ${marker}`;
    const created = await gql(
      `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { number } } }`,
      { input: { title, summary: `Warga menanyakan jadwal posyandu balita bulan ini (${marker}).`, kind: 'QUESTION' } },
      token,
    );
    const number = created.createIssue.issue.number;
    const ask = async (body) =>
      (await gql(`mutation($input: SubmitQuestionInput!) { submitQuestion(input: $input) { trackingCode } }`, { input: { body } })).submitQuestion.trackingCode;
    const code = await ask(`Kapan jadwal posyandu balita di Kotabaru Hilir bulan ini? (${marker})`);
    const second = await ask(`Apakah benar ada pungutan di posyandu Kotabaru Hilir? Mohon penjelasan (${marker}).`);

    await page.setViewportSize(PHONE);
    await page.goto(`${BASE_URL}/staf/trc`);
    const card = page.locator(`[data-question="${code}"]`);
    await card.waitFor();
    await card.getByRole('button', { name: 'Tautkan ke isu' }).click();
    // A search box with results, not a number to type.
    await card.getByLabel('Cari isu yang menjawab pertanyaan ini').fill(`posyandu ${marker}`);
    const option = card.locator(`.picker-option[data-issue="${number}"]`);
    await option.waitFor();
    assert.match(await option.textContent(), new RegExp(title));
    await option.getByRole('radio').check();
    await screenshots(page, 'trc-link-search');
    await card.getByRole('button', { name: 'Tautkan', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `ditautkan ke ${number}` }).waitFor();
    assert.equal((await gql(`query($c: String!) { question(trackingCode: $c) { status } }`, { c: code })).question.status, 'LINKED');
    const questions = (await gql(`query($n: String!) { issue(number: $n) { questions { trackingCode } } }`, { n: number }, token)).issue.questions;
    assert.deepEqual(questions.map((q) => q.trackingCode), [code], 'the question hangs on the chosen issue');

    const other = page.locator(`[data-question="${second}"]`);
    await other.getByRole('button', { name: 'Buka isu baru' }).click();
    await other.getByLabel('Judul isu').fill(`Pertanyaan pungutan posyandu ${marker}`);
    await other.getByRole('button', { name: 'Buka isu', exact: true }).click();
    await page.waitForURL(/\/staf\/isu\/[A-Z]+-\d{4}-\d+\?dibuka=/);
    await page.getByRole('status').filter({ hasText: `dibuka dari pertanyaan warga ${second}` }).waitFor();
    await screenshots(page, 'trc-opened-from-question');
  });

  test('the running issues are cards at 360 px and a table on a desktop', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${BASE_URL}/staf/trc`);
    await page.getByRole('heading', { name: /^Sedang berjalan \(\d+\)$/ }).waitFor();
    const cards = page.getByTestId('running-cards');
    await cards.waitFor();
    assert.ok(await cards.isVisible());
    assert.equal(await page.getByTestId('running-table').isVisible(), false, 'no table on a phone');
    const first = cards.locator('li').first();
    assert.match(await first.textContent(), /Konfirmasi: .*Jawaban: /);
    const box = await first.boundingBox();
    assert.ok(box.width <= PHONE.width, 'a card fits the phone');
    await screenshots(page, 'trc-running');
    await page.setViewportSize(DESKTOP);
    await page.getByTestId('running-table').waitFor();
    assert.equal(await cards.isVisible(), false);
    assert.equal(await page.getByTestId('running-table').locator('tbody tr').count(), await cards.locator('li').count());
  });
});
