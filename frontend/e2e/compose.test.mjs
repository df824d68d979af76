// A PIC writing an official response: the claim stays in view beside the
// editor, a toolbar writes the Markdown, publishing asks first, another
// agency's issue is refused at once, and "Ralat" is a full-size target.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, DESKTOP, DOC_SCREENSHOTS, PHONE, gql, launch, login, newPage, screenshots, sessionToken, unavailable, unique } from './helpers.mjs';

const skip = unavailable();

/** Logs a hoax with a source and assigns it. */
async function hoax(token, agencySlug, marker) {
  const created = await gql(
    `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { number } } }`,
    {
      input: {
        title: `Pesan berantai: pendaftaran BPJS gratis lewat tautan ${marker}`,
        summary: `Beredar pesan yang meminta warga mengisi data KTP di sebuah tautan agar BPJS gratis (${marker}).`,
        kind: 'MISINFORMATION',
        sources: [{ platform: 'WHATSAPP', claimText: `Daftar BPJS gratis sekarang di bpjs-gratis.example, batas hari ini! (${marker})` }],
      },
    },
    token,
  );
  const number = created.createIssue.issue.number;
  await gql(`mutation($input: AssignIssueInput!) { assignIssue(input: $input) { issue { status } } }`, { input: { issueNumber: number, agencySlug, priority: 'HIGH' } }, token);
  return number;
}

async function publicStatus(number) {
  return (await gql(`query($n: String!) { issue(number: $n) { status } }`, { n: number })).issue.status;
}

/** Selects the text `part` inside the editor. */
async function select(page, part) {
  await page.getByLabel('Isi tanggapan (Markdown)').evaluate((area, part) => {
    const at = area.value.indexOf(part);
    area.focus();
    area.setSelectionRange(at, at + part.length);
  }, part);
}

describe('PIC compose', { skip: skip ?? false }, () => {
  let browser;
  let trcToken;
  before(async () => {
    browser = await launch();
    const trc = await newPage(browser);
    await login(trc, 'trc.sari@demo.tanggap.id');
    trcToken = await sessionToken(trc);
    await trc.context().close();
  });
  after(async () => {
    await browser?.close();
  });

  for (const viewport of [DESKTOP, PHONE]) {
    test(`the claim beside the editor, the toolbar and the confirmation (${viewport.width} px)`, async () => {
      const marker = unique();
      const number = await hoax(trcToken, 'dinkes', marker);
      const page = await newPage(browser, viewport);
      await login(page, 'pic.dinkes@demo.tanggap.id');
      await page.goto(`${BASE_URL}/staf/isu/${number}/tanggapan`);
      await page.getByRole('heading', { level: 1, name: 'Tulis tanggapan resmi' }).waitFor();

      // The claim being answered is in view next to (or, on a phone, above) the editor.
      const claim = page.getByTestId('claim');
      assert.match(await claim.textContent(), new RegExp(`Daftar BPJS gratis sekarang.*${marker}`));
      const editor = page.getByLabel('Isi tanggapan (Markdown)');
      const c = await claim.boundingBox();
      const e = await editor.boundingBox();
      if (viewport === DESKTOP) {
        assert.ok(c.x + c.width <= e.x && c.y < e.y + e.height && e.y < c.y + c.height, `claim ${JSON.stringify(c)} beside editor ${JSON.stringify(e)}`);
      } else {
        assert.ok(c.y + c.height <= e.y, 'on a phone the claim comes first');
      }

      await page.getByLabel('Putusan atas klaim (wajib untuk hoaks)').selectOption('FALSE');
      await editor.fill(`Pesan itu tidak benar (${marker}).\nCek informasi di situs resmi.\nJangan isi data KTP di tautan asing`);
      await select(page, 'tidak benar');
      await page.getByRole('button', { name: 'Tebal' }).click();
      await select(page, 'Jangan isi data KTP di tautan asing');
      await page.getByRole('button', { name: 'Daftar' }).click();
      await select(page, 'situs resmi');
      await page.getByRole('button', { name: 'Tautan' }).click();
      // The address is selected, ready to be typed over.
      await page.keyboard.type('https://www.bpjs-kesehatan.go.id');
      const body = await editor.inputValue();
      assert.match(body, /\*\*tidak benar\*\*/);
      assert.match(body, /\[situs resmi\]\(https:\/\/www\.bpjs-kesehatan\.go\.id\)/);
      assert.match(body, /\n\n- Jangan isi data KTP di tautan asing/);
      const preview = page.getByTestId('preview');
      await preview.locator('a[href="https://www.bpjs-kesehatan.go.id"]').waitFor();
      assert.equal(await preview.locator('strong').first().textContent(), 'tidak benar');
      assert.equal(await preview.locator('li').count(), 1);
      const toolbar = page.getByRole('toolbar', { name: 'Format teks' });
      for (const button of await toolbar.getByRole('button').all()) {
        assert.ok((await button.boundingBox()).height >= 44, 'toolbar buttons are 44 px tall');
      }
      if (viewport === DESKTOP) await screenshots(page, 'pic-compose', { dir: DOC_SCREENSHOTS });

      // Publishing asks first; "Periksa lagi" publishes nothing.
      await page.getByRole('button', { name: 'Terbitkan' }).click();
      const dialog = page.getByRole('dialog', { name: 'Terbitkan tanggapan resmi?' });
      await dialog.waitFor();
      assert.match(await dialog.textContent(), /atas nama Dinas Kesehatan/);
      if (viewport === DESKTOP) await screenshots(page, 'pic-compose-confirm');
      await dialog.getByRole('button', { name: 'Periksa lagi' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(await publicStatus(number), 'ASSIGNED', 'nothing was published');
      await page.getByRole('button', { name: 'Terbitkan' }).click();
      await dialog.getByRole('button', { name: 'Ya, terbitkan' }).click();
      await page.waitForURL(`${BASE_URL}/staf/isu/${number}?terbit=1`);
      assert.equal(await publicStatus(number), 'ANSWERED');
      assert.deepEqual(page.jsErrors, []);
      await page.context().close();
    });
  }

  test('another agency’s issue is refused at once, without a form', async () => {
    const number = await hoax(trcToken, 'dishub', unique());
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await newPage(browser, viewport);
      await login(page, 'pic.dinkes@demo.tanggap.id');
      await page.goto(`${BASE_URL}/staf/isu/${number}/tanggapan`);
      const refused = page.getByTestId('compose-refused');
      await refused.waitFor();
      assert.match(await refused.textContent(), /milik Dinas Perhubungan, bukan instansi Anda/);
      assert.equal(await page.locator('textarea').count(), 0, 'no editor is offered');
      assert.equal(await page.getByRole('button', { name: 'Terbitkan' }).count(), 0);
      if (viewport === DESKTOP) await screenshots(page, 'pic-compose-other-agency');
      // The issue page says so too, and offers no answer.
      await page.goto(`${BASE_URL}/staf/isu/${number}`);
      await page.getByText('Isu ini ditangani Dinas Perhubungan, bukan instansi Anda').waitFor();
      assert.equal(await page.getByRole('link', { name: 'Tulis tanggapan resmi' }).count(), 0);
      await page.context().close();
    }
  });

  test('"Ralat" is a full-size tap target at 360 px', async () => {
    const page = await newPage(browser, PHONE);
    await login(page, 'pic.dinkes@demo.tanggap.id');
    await page.waitForURL(`${BASE_URL}/staf/pic`);
    const ralat = page.locator('.answered-list').getByRole('link', { name: /^Ralat/ });
    await ralat.first().waitFor();
    for (const link of await ralat.all()) {
      const box = await link.boundingBox();
      assert.ok(box.height >= 44 && box.width >= 44, `Ralat is ${box.width}×${box.height} px`);
    }
    await screenshots(page, 'pic-queue-ralat');
    await ralat.first().click();
    await page.getByRole('heading', { level: 1, name: 'Ralat tanggapan resmi' }).waitFor();
    const submit = page.getByRole('button', { name: 'Terbitkan ralat' });
    assert.ok((await submit.boundingBox()).height >= 44);
    await page.context().close();
  });
});
