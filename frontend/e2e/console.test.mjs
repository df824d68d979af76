// The staff console's other lifecycle actions, each driven through the UI by
// the role that may take it, with the public effect checked afterwards: a PIC
// declines an issue back to TRC; TRC closes and reopens, marks a duplicate,
// and hides an issue from the public and shows it again.
//
// Every test prepares its own issue through the API (with the token of the
// session the browser already holds, so no extra login is spent) and then
// acts on it in the browser. The file signs in twice: one TRC, one PIC.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, eventually, gql, launch, login, newPage, screenshots, sessionToken, unavailable, unique } from './helpers.mjs';

const skip = unavailable();

/** Creates an issue as TRC and optionally takes it further along the lifecycle. */
async function prepareIssue(token, { title, summary, assign = null, answer = null }) {
  const created = await gql(
    `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { number status } } }`,
    { input: { title, summary, kind: 'COMPLAINT', categorySlug: 'kesehatan' } },
    token,
  );
  const number = created.createIssue.issue.number;
  assert.equal(created.createIssue.issue.status, 'NEW');
  if (assign) {
    await gql(`mutation($input: AssignIssueInput!) { assignIssue(input: $input) { issue { status } } }`, { input: { issueNumber: number, agencySlug: assign, priority: 'NORMAL' } }, token);
  }
  if (answer) {
    await gql(`mutation($input: AcknowledgeIssueInput!) { acknowledgeIssue(input: $input) { issue { status } } }`, { input: { issueNumber: number } }, token);
    await gql(`mutation($input: PublishResponseInput!) { publishResponse(input: $input) { response { status } } }`, { input: { issueNumber: number, body: answer } }, token);
  }
  return number;
}

/** What the public API answers for an issue number (null when not public). */
async function publicIssue(number) {
  return (await gql(`query($n: String!) { issue(number: $n) { number title status duplicateOf { number } timeline { type reason } } }`, { n: number })).issue;
}

async function searchCount(q) {
  return (await gql(`query($q: String!) { search(query: $q) { totalCount } }`, { q })).search.totalCount;
}

/** Waits until the public search finds the marker exactly `count` times. */
async function searchSettles(marker, count) {
  await eventually(async () => (await searchCount(marker)) === count, { message: `search for ${marker} to find ${count}` });
}

describe('staff console actions', { skip: skip ?? false }, () => {
  let browser;
  let trc;
  let pic;
  let visitor;
  let trcToken;

  before(async () => {
    browser = await launch();
    trc = await newPage(browser);
    pic = await newPage(browser);
    visitor = await newPage(browser);
    await login(trc, 'trc.sari@demo.tanggap.id');
    await trc.waitForURL(`${BASE_URL}/staf/trc`);
    trcToken = await sessionToken(trc);
    await login(pic, 'pic.dinkes@demo.tanggap.id');
    await pic.waitForURL(`${BASE_URL}/staf/pic`);
  });
  after(async () => {
    await browser?.close();
  });

  /** Opens the public page of an issue and waits until it shows the issue or says it is not found. */
  async function openPublic(number, title) {
    await visitor.goto(`${BASE_URL}/isu/${number}`);
    const heading = visitor.getByRole('heading', { level: 1 });
    await heading.waitFor();
    await visitor.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && document.querySelector('h1'));
    if (title) await visitor.getByRole('heading', { level: 1, name: title }).waitFor();
    return heading.textContent();
  }

  /** The public search page for a marker: the number of matching cards shown. */
  async function publicSearch(marker) {
    await visitor.goto(`${BASE_URL}/?q=${encodeURIComponent(marker)}`);
    await visitor.getByRole('heading', { level: 2, name: new RegExp(`^\\d+ isu untuk “${marker}”$`) }).waitFor();
    return visitor.locator('.issue-card', { hasText: marker }).count();
  }

  test('the PIC declines an issue with a reason; it leaves the public and returns to the TRC inbox', async () => {
    const marker = unique();
    const title = `Keluhan antrean obat di puskesmas Sungai Kupang ${marker}`;
    const reason = `Bukan urusan Dinas Kesehatan: apotek swasta, bukan puskesmas (${marker}).`;
    const number = await prepareIssue(trcToken, { title, summary: `Warga mengeluhkan antrean obat yang sangat panjang (${marker}).`, assign: 'dinkes' });

    // Assigned, so public and searchable before the decline.
    await searchSettles(marker, 1);
    await openPublic(number, title);

    await pic.goto(`${BASE_URL}/staf/pic`);
    const card = pic.locator(`[data-issue="${number}"]`);
    await card.waitFor();
    await card.getByRole('link', { name: title }).click();
    await pic.waitForURL(`${BASE_URL}/staf/isu/${number}`);
    await pic.getByRole('heading', { level: 1, name: title }).waitFor();
    await pic.getByRole('button', { name: 'Kembalikan ke TRC…' }).click();
    await pic.getByLabel('Alasan: kembalikan ke trc').fill(reason);
    await screenshots(pic, 'console-pic-decline');
    await pic.getByRole('button', { name: 'Kembalikan ke TRC', exact: true }).click();
    // The PIC may no longer read the issue, so the console returns to the queue and says what happened.
    await pic.waitForURL(`${BASE_URL}/staf/pic?dikembalikan=${number}`);
    await pic.getByRole('status').filter({ hasText: `${number} dikembalikan ke TRC` }).waitFor();
    await pic.getByRole('heading', { name: /^Menunggu tanggapan \(\d+\)$/ }).waitFor();
    assert.equal(await pic.locator(`[data-issue="${number}"]`).count(), 0, 'the declined issue left the PIC queue');
    await screenshots(pic, 'console-pic-declined');

    // Back with TRC among the new issues, and the reason is on the staff timeline.
    await trc.goto(`${BASE_URL}/staf/trc`);
    const back = trc.locator(`[data-issue="${number}"]`);
    await back.waitFor();
    assert.equal(await back.getByRole('link').first().textContent(), title);
    assert.ok(await back.getByLabel('Teruskan ke instansi').isVisible(), 'TRC can assign it again');
    await back.getByRole('link', { name: title }).click();
    await trc.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.equal(await trc.locator('.issue-head .status').textContent(), 'Baru');
    const declined = trc.locator('.timeline li', { hasText: 'Dikembalikan ke TRC' });
    await declined.waitFor();
    assert.match(await declined.textContent(), new RegExp(`Alasan: ${reason.replace(/[().:]/g, '\\$&')}`));

    // Not public any more.
    assert.equal(await publicIssue(number), null, 'a declined issue is NEW again and not public');
    assert.equal(await openPublic(number), 'Isu tidak ditemukan');
    await searchSettles(marker, 0);
    assert.equal(await publicSearch(marker), 0);
    assert.deepEqual(pic.jsErrors, []);
  });

  test('TRC closes an answered issue and reopens it with a public reason', async () => {
    const marker = unique();
    const title = `Lampu jalan padam di Jalan Pangeran Hidayat ${marker}`;
    const reason = `Warga melaporkan lampu padam lagi sejak kemarin (${marker}).`;
    const number = await prepareIssue(trcToken, {
      title,
      summary: `Lampu jalan padam berhari-hari, warga khawatir (${marker}).`,
      assign: 'dinkes',
      answer: `Lampu sudah diganti oleh petugas pada hari Senin (${marker}).`,
    });

    await trc.goto(`${BASE_URL}/staf/isu/${number}`);
    await trc.getByRole('heading', { level: 1, name: title }).waitFor();
    const status = trc.locator('.issue-head .status');
    assert.equal(await status.textContent(), 'Sudah dijawab');
    await trc.getByRole('button', { name: 'Tutup isu', exact: true }).click();
    await trc.getByRole('button', { name: 'Buka kembali…' }).waitFor();
    assert.equal(await status.textContent(), 'Ditutup');
    assert.equal(await trc.getByRole('button', { name: 'Tutup isu', exact: true }).count(), 0);
    await screenshots(trc, 'console-trc-closed');

    assert.equal((await publicIssue(number)).status, 'CLOSED');
    await openPublic(number, title);
    assert.equal(await visitor.locator('.issue-head .status').textContent(), 'Ditutup');
    await visitor.locator('.timeline li', { hasText: 'Ditutup' }).waitFor();

    await trc.getByRole('button', { name: 'Buka kembali…' }).click();
    await trc.getByLabel('Alasan: buka kembali').fill(reason);
    await trc.getByRole('button', { name: 'Buka kembali', exact: true }).click();
    await trc.getByRole('button', { name: 'Tutup isu', exact: true }).waitFor();
    assert.equal(await status.textContent(), 'Sudah dijawab');
    const reopened = trc.locator('.timeline li', { hasText: 'Dibuka kembali' });
    await reopened.waitFor();
    assert.ok((await reopened.textContent()).includes(`Alasan: ${reason}`), 'the console timeline shows the reason');
    await screenshots(trc, 'console-trc-reopened');

    const seen = await publicIssue(number);
    assert.equal(seen.status, 'ANSWERED');
    assert.deepEqual(seen.timeline.filter((e) => e.type === 'REOPENED').map((e) => e.reason), [reason]);
    await openPublic(number, title);
    assert.equal(await visitor.locator('.issue-head .status').textContent(), 'Sudah dijawab');
    const publicReopened = visitor.locator('.timeline li', { hasText: 'Dibuka kembali' });
    await publicReopened.waitFor();
    assert.ok((await publicReopened.textContent()).includes(`Alasan: ${reason}`), 'the public timeline shows the reopen reason');
    const steps = await visitor.locator('.timeline .timeline-what strong').allTextContents();
    assert.ok(steps.indexOf('Ditutup') >= 0 && steps.indexOf('Ditutup') < steps.indexOf('Dibuka kembali'), `closed then reopened: ${steps.join(', ')}`);
    await screenshots(visitor, 'console-public-reopened');
    assert.deepEqual(trc.jsErrors, []);
  });

  test('TRC marks a new issue as a duplicate; its public page points to the original', async () => {
    // The original: an answered issue from the demo data, as the public sees it.
    const answered = (await gql(`{ issues(filter: { status: [ANSWERED] }, first: 10) { edges { node { number title } } } }`)).issues.edges.map((e) => e.node);
    assert.ok(answered.length > 0, 'the demo data has answered issues');
    const original = answered[answered.length - 1];

    const marker = unique();
    const title = `Pesan berantai yang sama diteruskan ulang ${marker}`;
    const number = await prepareIssue(trcToken, { title, summary: `Pesan yang sama beredar lagi di grup WhatsApp warga (${marker}).` });
    assert.equal(await publicIssue(number), null, 'a NEW issue is not public');

    await trc.goto(`${BASE_URL}/staf/isu/${number}`);
    await trc.getByRole('heading', { level: 1, name: title }).waitFor();
    await trc.getByLabel('Duplikat dari isu nomor').fill(original.number);
    await trc.getByRole('button', { name: 'Tandai duplikat' }).click();
    const pointer = trc.locator('.issue-head .alert', { hasText: 'Isu ini sama dengan' });
    await pointer.waitFor();
    assert.equal(await pointer.getByRole('link').textContent(), original.title);
    assert.equal(await trc.locator('.issue-head .status').textContent(), 'Duplikat');
    assert.equal(await trc.getByLabel('Duplikat dari isu nomor').count(), 0, 'a duplicate cannot be marked again');
    await screenshots(trc, 'console-trc-duplicate');

    const seen = await publicIssue(number);
    assert.equal(seen.status, 'DUPLICATE');
    assert.equal(seen.duplicateOf.number, original.number);
    await openPublic(number, title);
    assert.equal(await visitor.locator('.issue-head .status').textContent(), 'Duplikat');
    await visitor.locator('.timeline li', { hasText: 'Ditandai duplikat' }).waitFor();
    const link = visitor.locator('.issue-head .alert').getByRole('link', { name: original.title });
    await screenshots(visitor, 'console-public-duplicate');
    await link.click();
    await visitor.waitForURL(`${BASE_URL}/isu/${original.number}`);
    await visitor.getByRole('heading', { level: 1, name: original.title }).waitFor();
  });

  test('TRC hides an issue from the public with a reason and shows it again', async () => {
    const marker = unique();
    const title = `Foto korban kecelakaan beredar tanpa sensor ${marker}`;
    const hideReason = `Memuat data pribadi korban, disembunyikan sementara (${marker}).`;
    const showReason = `Data pribadi sudah dihapus dari ringkasan (${marker}).`;
    const number = await prepareIssue(trcToken, { title, summary: `Foto korban kecelakaan beredar di media sosial (${marker}).`, assign: 'dinkes' });
    await searchSettles(marker, 1);
    assert.equal(await publicSearch(marker), 1, 'the public list shows the issue before it is hidden');

    await trc.goto(`${BASE_URL}/staf/isu/${number}`);
    await trc.getByRole('heading', { level: 1, name: title }).waitFor();
    await trc.getByRole('button', { name: 'Sembunyikan dari publik…' }).click();
    await trc.getByLabel('Alasan: sembunyikan dari publik').fill(hideReason);
    await trc.getByRole('button', { name: 'Sembunyikan dari publik', exact: true }).click();
    await trc.getByText(`Isu ini disembunyikan dari publik. Alasan: ${hideReason}`).waitFor();
    await trc.getByRole('button', { name: 'Tampilkan ke publik…' }).waitFor();
    await screenshots(trc, 'console-trc-hidden');

    // Hidden: no public page, not in the API, the search or the list.
    assert.equal(await publicIssue(number), null, 'the API hides an internal issue');
    assert.equal(await openPublic(number), 'Isu tidak ditemukan');
    await screenshots(visitor, 'console-public-hidden');
    await searchSettles(marker, 0);
    assert.equal(await publicSearch(marker), 0, 'the public list no longer shows the hidden issue');
    const listed = await gql(`{ issues(filter: { agencySlug: "dinkes" }, first: 100, orderBy: NEWEST) { edges { node { number } } } }`);
    assert.ok(!listed.issues.edges.some((e) => e.node.number === number), 'the public issue list leaves it out');

    await trc.getByRole('button', { name: 'Tampilkan ke publik…' }).click();
    await trc.getByLabel('Alasan: tampilkan ke publik').fill(showReason);
    await trc.getByRole('button', { name: 'Tampilkan ke publik', exact: true }).click();
    await trc.getByRole('button', { name: 'Sembunyikan dari publik…' }).waitFor();
    assert.equal(await trc.getByText('Isu ini disembunyikan dari publik.').count(), 0);
    await screenshots(trc, 'console-trc-shown');

    // Back for everyone.
    assert.equal((await publicIssue(number)).title, title);
    await openPublic(number, title);
    await searchSettles(marker, 1);
    assert.equal(await publicSearch(marker), 1, 'the public list shows it again');
    assert.deepEqual(trc.jsErrors, []);
    assert.deepEqual(visitor.jsErrors, []);
  });
});
