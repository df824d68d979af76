// The admin pages: categories, staff accounts, holidays (one by one and
// from an .ics file), response-time targets in hours and working days,
// working hours, search synonyms; and pages a role may not use.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, gql, launch, login, newPage, screenshots, sessionToken, unavailable, unique } from './helpers.mjs';

const skip = unavailable();

describe('admin', { skip: skip ?? false }, () => {
  let browser;
  let page;
  let token;
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
    await login(page, 'admin@demo.tanggap.id');
    await page.waitForURL(`${BASE_URL}/staf/admin/pengguna`);
    token = await sessionToken(page);
  });
  after(async () => {
    await browser?.close();
  });

  test('adds a category, a PIC account and a holiday', async () => {
    const marker = unique();
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
    await page.getByLabel('Nama', { exact: true }).fill(`Hari Jadi ${marker}`);
    await page.getByRole('button', { name: 'Tambah hari libur' }).click();
    await page.getByRole('cell', { name: `Hari Jadi ${marker}`, exact: true }).waitFor();
    const holidays = (await gql(`query($y: Int!) { holidays(year: $y) { date name } }`, { y: year })).holidays;
    assert.ok(holidays.some((h) => h.date === date && h.name === `Hari Jadi ${marker}`));
    assert.deepEqual(page.jsErrors, []);
  });

  test('the national holidays of 2026 are shipped, and an .ics file adds more', async () => {
    const year2026 = (await gql(`{ holidays(year: 2026) { date name kind } }`)).holidays;
    assert.ok(year2026.length >= 25, `the demo holds the 2026 holidays and cuti bersama (${year2026.length})`);
    assert.ok(year2026.some((h) => h.date === '2026-08-17' && h.kind === 'NATIONAL'));
    assert.ok(year2026.some((h) => h.date === '2026-12-24' && h.kind === 'CUTI_BERSAMA'));

    // A regional holiday list far in the future, so no other test meets it.
    const marker = unique();
    const year = 2040 + (Date.now() % 40);
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0',
      'BEGIN:VEVENT', `DTSTART;VALUE=DATE:${year}0120`, `SUMMARY:Hari Jadi Kabupaten ${marker}`, 'END:VEVENT',
      'BEGIN:VEVENT', `DTSTART;VALUE=DATE:${year}0121`, `DTEND;VALUE=DATE:${year}0123`, `SUMMARY:Cuti Bersama Hari Jadi ${marker}`, 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    await page.setViewportSize(PHONE);
    await page.goto(`${BASE_URL}/staf/admin/kalender`);
    await page.getByRole('heading', { level: 1, name: 'Hari libur dan target waktu' }).waitFor();
    const form = page.getByRole('form', { name: 'Impor hari libur' });
    await form.getByLabel('Berkas kalender (.ics)').setInputFiles({ name: `libur-${marker}.ics`, mimeType: 'text/calendar', buffer: Buffer.from(ics) });
    await form.getByLabel('Jenis hari libur').selectOption('REGIONAL');
    await form.getByRole('button', { name: 'Impor hari libur' }).click();
    await form.getByText(/^3 hari libur ditambahkan/).waitFor();
    assert.equal(await form.getByTestId('imported').locator('li').count(), 3);
    await screenshots(page, 'admin-ics-import');
    const added = (await gql(`query($y: Int!) { holidays(year: $y) { date kind } }`, { y: year })).holidays;
    assert.deepEqual(added.map((h) => `${h.date} ${h.kind}`), [`${year}-01-20 REGIONAL`, `${year}-01-21 CUTI_BERSAMA`, `${year}-01-22 CUTI_BERSAMA`]);
    const audit = (await gql(`{ auditLog(filter: {action: "calendar.import_holidays"}, first: 1) { edges { node { subject actionLabel } } } }`, {}, token)).auditLog.edges;
    assert.equal(audit[0].node.subject, `holidays:libur-${marker}.ics`);
    assert.equal(audit[0].node.actionLabel, 'Hari libur diimpor');
    // The same file again adds nothing.
    await form.getByRole('button', { name: 'Impor hari libur' }).click();
    await form.getByText('0 hari libur ditambahkan, 3 tanggal sudah tercatat dan dibiarkan').waitFor();
    await page.setViewportSize(DESKTOP);
  });

  test('targets are entered in working days and hours, and say "jam biasa" in plain words', async () => {
    const original = (await gql('{ responsePolicies { priority acknowledgeWithinMinutes answerWithinMinutes basis } }')).responsePolicies;
    const low = original.find((p) => p.priority === 'LOW');
    await page.goto(`${BASE_URL}/staf/admin/kalender`);
    const form = page.locator('form[aria-label="Target Rendah"]');
    await form.waitFor();
    // 3 and 10 working days of 8 hours by default.
    assert.equal(await form.locator('#target-LOW-konfirmasi-hari').inputValue(), String(Math.floor(low.acknowledgeWithinMinutes / 480)));
    assert.equal(await form.locator('#target-LOW-jawaban-hari').inputValue(), String(Math.floor(low.answerWithinMinutes / 480)));
    assert.equal(await page.getByText('(menit)').count(), 0, 'no minutes anywhere');
    const options = await form.getByLabel('Dihitung dalam').locator('option').allTextContents();
    assert.deepEqual(options, ['Jam kerja', 'Jam biasa, termasuk malam dan hari libur']);
    assert.equal(await page.getByText('Jam dinding').count(), 0);
    await form.locator('#target-LOW-jawaban-hari').fill('9');
    await form.locator('#target-LOW-jawaban-jam').fill('4');
    await screenshots(page, 'admin-targets');
    await form.getByRole('button', { name: /^Simpan/ }).click();
    await form.getByText(/^Tersimpan; batas waktu \d+ isu dihitung ulang\.$/).waitFor();
    const changed = (await gql('{ responsePolicies { priority answerWithinMinutes } }')).responsePolicies.find((p) => p.priority === 'LOW');
    assert.equal(changed.answerWithinMinutes, 9 * 480 + 4 * 60);
    // Put the default back for the other tests.
    await gql(`mutation($in: UpdateResponsePolicyInput!) { updateResponsePolicy(input: $in) { policy { priority } } }`, {
      in: { priority: 'LOW', acknowledgeWithinMinutes: low.acknowledgeWithinMinutes, answerWithinMinutes: low.answerWithinMinutes, basis: low.basis },
    }, token);
  });

  test('working hours are set per weekday, with a shorter Friday', async () => {
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Jam kerja', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Jam kerja' }).waitFor();
    await page.getByTestId('working-hours-summary').filter({ hasText: 'Senin–Jumat 08.00–16.00' }).waitFor();
    await page.locator('#jam-FRIDAY-selesai').fill('11:30');
    await page.getByRole('button', { name: 'Simpan jam kerja' }).click();
    await page.getByText(/^Tersimpan: Senin–Kamis 08\.00–16\.00, Jumat 08\.00–11\.30\. Batas waktu \d+ isu dihitung ulang\.$/).waitFor();
    await screenshots(page, 'admin-working-hours');
    const hours = (await gql('{ workingHours { summary dayLengthMinutes } }')).workingHours;
    assert.deepEqual(hours, { summary: 'Senin–Kamis 08.00–16.00, Jumat 08.00–11.30', dayLengthMinutes: 480 });
    const audit = (await gql(`{ auditLog(filter: {action: "calendar.working_hours"}, first: 1) { edges { node { actionLabel changes } } } }`, {}, token)).auditLog.edges;
    assert.equal(audit[0].node.actionLabel, 'Jam kerja diubah');
    assert.match(audit[0].node.changes, /"friday":"08:00-11:30"/);
    // Back to the standard week for the other tests.
    await page.locator('#jam-FRIDAY-selesai').fill('16:00');
    await page.getByRole('button', { name: 'Simpan jam kerja' }).click();
    await page.getByText(/^Tersimpan: Senin–Jumat 08\.00–16\.00\./).waitFor();
    await page.setViewportSize(DESKTOP);
  });

  test('search synonyms are added, changed and removed on their own page', async () => {
    const term = `singkatan${unique()}`;
    await page.getByRole('link', { name: 'Sinonim pencarian' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sinonim pencarian' }).waitFor();
    const create = page.getByRole('form', { name: 'Tambah kelompok sinonim' });
    await create.getByLabel('Istilah').fill(term);
    await create.getByLabel('Sinonim').fill('kepanjangan pertama\nkepanjangan kedua');
    await create.getByRole('button', { name: 'Tambah' }).click();
    const row = page.getByRole('row', { name: new RegExp(term) });
    await row.waitFor();
    assert.match(await row.textContent(), /kepanjangan pertama, kepanjangan kedua/);
    await row.getByRole('button', { name: /^Ubah/ }).click();
    const edit = page.getByRole('form', { name: `Ubah sinonim ${term}` });
    await edit.getByLabel('Sinonim').fill('kepanjangan baru');
    await edit.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('row', { name: new RegExp(`${term}.*kepanjangan baru`) }).waitFor();
    await screenshots(page, 'admin-synonyms');
    const stored = (await gql('{ searchSynonyms { term synonyms } }', {}, token)).searchSynonyms.find((s) => s.term === term);
    assert.deepEqual(stored.synonyms, ['kepanjangan baru']);
    page.once('dialog', (d) => d.accept());
    await page.getByRole('row', { name: new RegExp(term) }).getByRole('button', { name: /^Hapus/ }).click();
    await page.getByText(`Kelompok "${term}" dihapus.`).waitFor();
    assert.equal((await gql('{ searchSynonyms { term } }', {}, token)).searchSynonyms.filter((s) => s.term === term).length, 0);
  });

  test('pages a role may not use are neither linked nor rendered', async () => {
    const nav = await page.getByRole('navigation', { name: 'Menu staf' }).getByRole('link').allTextContents();
    assert.deepEqual(nav, ['Pengguna', 'Instansi', 'Kategori', 'Hari libur & target', 'Jam kerja', 'Sinonim pencarian', 'Webhook', 'Dasbor', 'Log audit']);
    await page.goto(`${BASE_URL}/staf/trc/isu-baru`);
    await page.getByRole('heading', { level: 1, name: 'Halaman ini tidak tersedia untuk peran Anda' }).waitFor();
    assert.equal(await page.getByLabel('Judul').count(), 0, 'the form of the page is not there');

    for (const viewport of [PHONE, DESKTOP]) {
      const pic = await newPage(browser, viewport);
      await login(pic, 'pic.dinsos@demo.tanggap.id');
      const links = await pic.getByRole('navigation', { name: 'Menu staf' }).getByRole('link').allTextContents();
      assert.deepEqual(links, ['Antrean instansi']);
      for (const path of ['/staf/admin/pengguna', '/staf/admin/kalender', '/staf/admin/sinonim', '/staf/admin/webhook', '/staf/audit', '/staf/dasbor', '/staf/trc']) {
        await pic.goto(`${BASE_URL}${path}`);
        await pic.getByRole('heading', { level: 1, name: 'Halaman ini tidak tersedia untuk peran Anda' }).waitFor();
        assert.equal(await pic.locator('table, form').count(), 0, `${path} renders none of its content`);
      }
      if (viewport === DESKTOP) await screenshots(pic, 'role-not-allowed');
      await pic.context().close();
    }
  });
});
