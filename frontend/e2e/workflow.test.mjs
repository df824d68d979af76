// The staff workflow end to end: a citizen asks, TRC opens an issue from
// the question and assigns it, the agency's PIC acknowledges and publishes,
// corrects with a reason, and the public and the asker see the answer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, gql, launch, login, logout, newPage, screenshots, unavailable, unique } from './helpers.mjs';

const skip = unavailable();

describe('staff workflow', { skip: skip ?? false }, () => {
  let browser;
  let page;
  const marker = unique();
  const title = `Pesan berantai vaksin palsu di puskesmas ${marker}`;
  let number;
  let trackingCode;

  before(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  test('TRC opens an issue from a citizen question and assigns it from the inbox', async () => {
    const asked = await gql(`mutation($input: SubmitQuestionInput!) { submitQuestion(input: $input) { trackingCode } }`, {
      input: { body: `Benarkah vaksin di puskesmas Kotabaru palsu? Banyak pesan berantai soal itu (${marker}).`, contact: `ibu-${marker}@contoh.id` },
    });
    trackingCode = asked.submitQuestion.trackingCode;

    await login(page, 'trc.sari@demo.tanggap.id');
    await page.waitForURL(`${BASE_URL}/staf/trc`);
    const question = page.locator('article', { hasText: trackingCode });
    await question.waitFor();
    assert.match(await question.textContent(), new RegExp(`ibu-${marker}@contoh.id`), 'TRC sees the contact to reach the asker');
    await screenshots(page, 'trc-inbox');

    await question.getByRole('button', { name: 'Buka isu baru' }).click();
    await question.getByLabel('Judul isu').fill(title);
    await question.getByLabel('Ringkasan').fill(`Beredar pesan bahwa vaksin di puskesmas Kotabaru palsu dan berbahaya. Penanda uji ${marker}.`);
    await question.getByLabel('Jenis').selectOption('MISINFORMATION');
    await question.getByLabel('Kategori').selectOption('kesehatan');
    await question.getByRole('button', { name: 'Buka isu', exact: true }).click();
    await page.waitForURL(/\/staf\/isu\/[A-Z]+-\d{4}-\d+\?dibuka=/);
    number = new URL(page.url()).pathname.split('/').pop();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('status').filter({ hasText: `Isu ${number} dibuka dari pertanyaan warga ${trackingCode}` }).waitFor();
    assert.match(await page.locator('section.card').first().textContent(), new RegExp(`${trackingCode}.*ibu-${marker}@contoh\\.id`), 'the linked question shows on the staff page');

    await page.getByRole('link', { name: 'Kotak masuk TRC' }).click();
    const card = page.locator(`[data-issue="${number}"]`);
    await card.waitFor();
    await card.getByLabel('Teruskan ke instansi').selectOption('dinkes');
    await card.getByLabel('Prioritas').selectOption('HIGH');
    await card.getByRole('button', { name: 'Teruskan' }).click();
    await page.getByText(`${number}: Diteruskan ke Dinas Kesehatan.`).waitFor();
    await card.waitFor({ state: 'detached' });

    const data = await gql(`query($n: String!) { issue(number: $n) { status priority agency { slug } answerDueAt } }`, { n: number });
    assert.equal(data.issue.status, 'ASSIGNED');
    assert.equal(data.issue.priority, 'HIGH');
    assert.equal(data.issue.agency.slug, 'dinkes');
    assert.ok(data.issue.answerDueAt, 'assignment sets the answer due time');
    await logout(page);
  });

  test('TRC logs an issue seen on social media and rejects it with a reason', async () => {
    await login(page, 'trc.bayu@demo.tanggap.id');
    await page.getByRole('link', { name: 'Catat isu', exact: true }).click();
    await page.getByLabel('Judul').fill(`Unggahan lama tentang jembatan putus ${marker}`);
    await page.getByLabel('Ringkasan: apa yang beredar atau ditanyakan').fill(`Foto jembatan putus tahun lalu diunggah ulang seolah baru terjadi (${marker}).`);
    await page.getByLabel('Jenis').selectOption('MISINFORMATION');
    await page.getByLabel('Platform').selectOption('FACEBOOK');
    await page.getByLabel('Tautan (bila ada)').fill(`https://www.facebook.com/contoh/posts/${marker}`);
    await page.getByLabel('Klaim seperti yang terlihat').fill('Jembatan Sungai Kupang putus pagi ini!');
    await page.getByLabel('Akun pengunggah (hanya untuk staf)').fill('@akun.contoh');
    await page.getByRole('button', { name: 'Simpan isu' }).click();
    await page.waitForURL(/\/staf\/isu\/[A-Z]+-\d{4}-\d+\?dicatat=1$/);
    const rejected = new URL(page.url()).pathname.split('/').pop();
    await page.getByRole('status').filter({ hasText: `Isu ${rejected} tersimpan` }).waitFor();
    await page.getByRole('button', { name: 'Tolak isu…' }).click();
    await page.getByLabel('Alasan: tolak isu').fill('Unggahan lama, sudah diklarifikasi tahun lalu.');
    await page.getByRole('button', { name: 'Tolak isu', exact: true }).click();
    await page.getByText('Ditolak: Unggahan lama, sudah diklarifikasi tahun lalu.').waitFor();
    const seen = await gql(`query($n: String!) { issue(number: $n) { number } }`, { n: rejected });
    assert.equal(seen.issue, null, 'a rejected issue is never public');
    await logout(page);
  });

  test('the agency PIC sees the clocks, acknowledges and publishes with a live preview', async () => {
    assert.ok(number, 'the issue was created');
    await login(page, 'pic.dinkes@demo.tanggap.id');
    await page.waitForURL(`${BASE_URL}/staf/pic`);
    const card = page.locator(`[data-issue="${number}"]`);
    await card.waitFor();
    assert.match(await card.textContent(), /Konfirmasi: sisa .*Jawaban: sisa /);
    await screenshots(page, 'pic-queue');
    await card.getByRole('button', { name: 'Terima' }).click();
    await card.getByText('Sedang ditangani').waitFor();

    await card.getByRole('link', { name: 'Tulis tanggapan' }).click();
    await page.getByRole('heading', { name: 'Tulis tanggapan resmi' }).waitFor();
    await page.getByLabel('Putusan atas klaim (wajib untuk hoaks)').selectOption('FALSE');
    const body = `## Vaksin di puskesmas asli\n\nPesan itu **tidak benar**. Semua vaksin berasal dari distribusi resmi Kementerian Kesehatan (${marker}).\n\n- Cek nomor batch di kemasan\n- Tanyakan petugas <script>alert(1)</script>`;
    await page.getByLabel('Isi tanggapan (Markdown)').fill(body);
    const preview = page.getByTestId('preview');
    await preview.locator('h2', { hasText: 'Vaksin di puskesmas asli' }).waitFor();
    assert.equal(await preview.locator('strong').first().textContent(), 'tidak benar');
    assert.equal(await preview.locator('li').count(), 2);
    assert.equal(await preview.locator('script').count(), 0, 'raw HTML is shown as text');
    assert.match(await preview.textContent(), /<script>alert\(1\)<\/script>/);
    await screenshots(page, 'pic-compose');

    await page.getByRole('button', { name: 'Terbitkan' }).click();
    await page.getByRole('dialog', { name: 'Terbitkan tanggapan resmi?' }).getByRole('button', { name: 'Ya, terbitkan' }).click();
    await page.waitForURL(`${BASE_URL}/staf/isu/${number}?terbit=1`);
    await page.getByRole('link', { name: 'Ralat tanggapan' }).waitFor();
    await page.locator('.response .prose h2', { hasText: 'Vaksin di puskesmas asli' }).waitFor();
  });

  test('the PIC corrects the response with a public reason', async () => {
    await page.getByRole('link', { name: 'Ralat tanggapan' }).click();
    await page.getByRole('heading', { name: 'Ralat tanggapan resmi' }).waitFor();
    const editor = page.getByLabel('Isi tanggapan (Markdown)');
    assert.match(await editor.inputValue(), /tidak benar/);
    await editor.fill(`## Vaksin di puskesmas asli\n\nPesan itu **tidak benar**. Semua vaksin berasal dari distribusi resmi Kementerian Kesehatan dan diperiksa BPOM (${marker}).`);
    await page.getByLabel('Alasan ralat (ditampilkan ke publik)').fill(`Menambahkan pemeriksaan BPOM ${marker}.`);
    await page.getByRole('button', { name: 'Terbitkan ralat' }).click();
    await page.getByRole('dialog', { name: 'Terbitkan ralat?' }).getByRole('button', { name: 'Ya, terbitkan ralat' }).click();
    await page.waitForURL(`${BASE_URL}/staf/isu/${number}?ralat=1`);
    await page.getByText(`Menambahkan pemeriksaan BPOM ${marker}.`).first().waitFor();
    await logout(page);
  });

  test('the public page and the list show the answer, its correction and timeline', async () => {
    const visitor = await newPage(browser);
    await visitor.goto(`${BASE_URL}/isu/${number}`);
    await visitor.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.equal(await visitor.locator('.verdict-line .verdict').textContent(), 'Hoaks');
    const response = visitor.locator('.response');
    assert.match(await response.locator('.prose').first().textContent(), /diperiksa BPOM/);
    assert.match(await response.locator('.corrections').textContent(), new RegExp(`Revisi ke-2, .*WITA: Menambahkan pemeriksaan BPOM ${marker}`));
    await response.getByText('Lihat versi sebelumnya (1)').click();
    assert.match(await response.locator('.revision').textContent(), /Versi 1/);
    const timeline = await visitor.locator('.timeline').textContent();
    for (const step of ['Isu dicatat', 'Diteruskan ke instansi — Dinas Kesehatan', 'Diterima instansi', 'Tanggapan resmi terbit', 'Tanggapan diralat']) {
      assert.ok(timeline.includes(step), `the timeline shows "${step}"`);
    }
    await screenshots(visitor, 'public-answered');

    // The search index is fed through an outbox; wait until the API finds the answer's words.
    // Issues holding only BPOM may follow as partial matches; one holds both words.
    const deadline = Date.now() + 30000;
    let found = 0;
    while (Date.now() < deadline) {
      const edges = (await gql(`query($q: String!) { search(query: $q) { edges { node { missingWords } } } }`, { q: `BPOM ${marker}` })).search.edges;
      found = edges.filter((e) => e.node.missingWords.length === 0).length;
      if (found > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(found, 1, 'search finds the issue by a word of its corrected response');
    await visitor.goto(`${BASE_URL}/?q=${encodeURIComponent(`BPOM ${marker}`)}`);
    const card = visitor.locator('.issue-card', { hasText: title });
    await card.waitFor();
    assert.equal(await card.locator('.verdict').textContent(), 'Hoaks');
    assert.equal(await card.locator('.card-meta .status').textContent(), 'Sudah dijawab');
    assert.match(await card.locator('.snippet').allTextContents().then((t) => t.join(' ')), /BPOM/);
    await screenshots(visitor, 'search-new-answer');

    // The citizen who asked follows the code to the answer.
    await visitor.goto(`${BASE_URL}/lacak/${trackingCode}`);
    await visitor.getByTestId('question-status').waitFor();
    assert.equal(await visitor.getByTestId('question-status').textContent(), 'Sudah dijawab');
    const linked = visitor.locator('.linked-issue');
    assert.equal(await linked.getByRole('link').textContent(), title);
    assert.equal(await linked.locator('.verdict').textContent(), 'Hoaks');
    await screenshots(visitor, 'follow-answered-question');
    assert.deepEqual(visitor.jsErrors, []);
  });
});
