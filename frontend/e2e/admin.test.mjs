// The admin pages: categories, staff accounts, holidays and the
// response-time policy, through the same API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, gql, launch, login, newPage, screenshots, unavailable, unique } from './helpers.mjs';

const skip = unavailable();

describe('admin', { skip: skip ?? false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('adds a category, a PIC account and a holiday, and reads the policy', async () => {
    const marker = unique();
    const page = await newPage(browser);
    await login(page, 'admin@demo.tanggap.id');
    await page.waitForURL(`${BASE_URL}/staf/admin/pengguna`);

    await page.getByRole('link', { name: 'Kategori' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kategori' }).waitFor();
    const form = page.locator('form').last();
    await form.getByLabel('Nama').fill(`Pariwisata ${marker}`);
    await form.getByLabel('Slug (alamat)').fill(`pariwisata-${marker}`);
    await form.getByLabel('Deskripsi').fill('Objek wisata dan acara daerah.');
    await form.getByRole('button', { name: 'Tambah' }).click();
    await page.getByRole('cell', { name: `pariwisata-${marker}`, exact: true }).waitFor();
    const categories = (await gql('{ categories { slug } }')).categories.map((c) => c.slug);
    assert.ok(categories.includes(`pariwisata-${marker}`));

    await page.getByRole('link', { name: 'Pengguna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengguna staf' }).waitFor();
    const email = `pic.${marker}@demo.tanggap.id`;
    const create = page.locator('form[aria-label="Tambah pengguna"]');
    await create.getByLabel('E-mail').fill(email);
    await create.getByLabel('Nama').fill(`Petugas ${marker}`);
    await create.getByLabel('Peran').selectOption('PIC');
    await create.getByLabel('Instansi').selectOption('dishub');
    await create.getByLabel('Kata sandi').fill('kata-sandi-panjang-2026');
    await create.getByRole('button', { name: 'Tambah' }).click();
    const row = page.getByRole('row', { name: new RegExp(email) });
    await row.waitFor();
    assert.match(await row.textContent(), /PIC instansi.*Dishub.*Aktif/);
    await screenshots(page, 'admin-users');

    await page.getByRole('link', { name: 'Hari libur & target' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hari libur dan target waktu' }).waitFor();
    const policy = (await gql('{ responsePolicies { priority answerWithinMinutes } }')).responsePolicies;
    const normal = page.locator('form[aria-label="Target Normal"]');
    assert.equal(await normal.getByLabel('Jawaban dalam (menit)').inputValue(), String(policy.find((p) => p.priority === 'NORMAL').answerWithinMinutes));
    const year = new Date().getUTCFullYear() + 1;
    await page.getByRole('button', { name: `${year} ›` }).click();
    await page.getByRole('heading', { name: `Hari libur ${year}` }).waitFor();
    const taken = new Set((await gql(`query($y: Int!) { holidays(year: $y) { date } }`, { y: year })).holidays.map((h) => h.date));
    let date = '';
    for (let day = 1; day <= 28 && !date; day++) {
      const candidate = `${year}-08-${String(day).padStart(2, '0')}`;
      if (!taken.has(candidate)) date = candidate;
    }
    await page.getByLabel('Tanggal').fill(date);
    await page.getByLabel('Nama', { exact: true }).fill(`Hari Kemerdekaan ${marker}`);
    await page.getByRole('button', { name: 'Tambah hari libur' }).click();
    await page.getByRole('cell', { name: `Hari Kemerdekaan ${marker}`, exact: true }).waitFor();
    const holidays = (await gql(`query($y: Int!) { holidays(year: $y) { date name } }`, { y: year })).holidays;
    assert.ok(holidays.some((h) => h.date === date && h.name === `Hari Kemerdekaan ${marker}`));
    await screenshots(page, 'admin-calendar');
    assert.deepEqual(page.jsErrors, []);
  });
});
