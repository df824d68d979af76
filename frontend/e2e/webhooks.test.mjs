// The ADMIN webhook pages against a real receiver on loopback: register
// (the secret shown once, with a copy button), a signed delivery that
// verifies with the Standard Webhooks algorithm, replay with the same
// webhook-id, edit, rotate, delete. The server must run with
// TANGGAP_WEBHOOK_ALLOW_PRIVATE=true, since the receiver is on loopback.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, eventually, gql, launch, login, newPage, screenshots, sessionToken, unavailable, unique } from './helpers.mjs';

const skip = unavailable();

/** Checks a request's webhook-signature as the specification describes it. */
function verifies(secret, req) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const want = createHmac('sha256', key).update(`${req.id}.${req.timestamp}.${req.body}`).digest();
  return req.signature.split(' ').some((s) => {
    if (!s.startsWith('v1,')) return false;
    const got = Buffer.from(s.slice(3), 'base64');
    return got.length === want.length && timingSafeEqual(got, want);
  });
}

describe('webhooks', { skip: skip ?? false }, () => {
  let browser;
  let page;
  let receiver;
  let receiverURL;
  const received = [];
  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({
          path: req.url,
          id: req.headers['webhook-id'],
          timestamp: req.headers['webhook-timestamp'],
          signature: req.headers['webhook-signature'] ?? '',
          body,
          type: JSON.parse(body || '{}').type,
        });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
    receiverURL = `http://127.0.0.1:${receiver.address().port}`;
    browser = await launch();
    page = await newPage(browser);
    await login(page, 'admin@demo.tanggap.id');
    await page.waitForURL(`${BASE_URL}/staf/admin/pengguna`);
  });
  after(async () => {
    await browser?.close();
    receiver?.close();
  });

  test('registers a webhook, delivers a signed event, replays it, rotates and deletes', async () => {
    const marker = unique();
    const path = `/redaksi-${marker}`;
    await page.getByRole('link', { name: 'Webhook', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhook' }).waitFor();

    const form = page.locator('form[aria-label="Daftarkan webhook"]');
    await form.getByLabel('Alamat (URL)').fill(receiverURL + path);
    await form.getByLabel('Keterangan').fill(`Redaksi uji ${marker}`);
    await form.getByLabel(/Status isu berubah/).check();
    await form.getByRole('button', { name: 'Daftarkan' }).click();
    const notice = page.getByTestId('webhook-secret');
    await notice.waitFor();
    const secret = (await page.getByTestId('webhook-secret-value').textContent()).trim();
    assert.match(secret, /^whsec_[A-Za-z0-9+/=]{40,}$/);
    await notice.getByRole('button', { name: 'Salin rahasia' }).waitFor();
    await screenshots(page, 'admin-webhooks-secret');

    // Shown once: after a reload neither the page nor the API has it.
    await page.reload();
    const card = page.locator('article[data-testid="webhook"]', { hasText: receiverURL + path });
    await card.waitFor();
    assert.equal(await page.getByTestId('webhook-secret').count(), 0);
    assert.ok(!(await page.content()).includes(secret.slice(6)), 'the page shows the secret again');
    const token = await sessionToken(page);
    const listed = JSON.stringify(await gql(`{ webhooks { id url description events enabled deliveries { id } } }`, undefined, token));
    assert.ok(listed.includes(path) && !listed.includes(secret.slice(6)), 'the API returns the secret');

    // A TRC step that makes an issue public sends issue.status_changed.
    const trcPage = await newPage(browser);
    await login(trcPage, 'trc.sari@demo.tanggap.id');
    const trc = await sessionToken(trcPage);
    await trcPage.context().close();
    const number = (
      await gql(
        `mutation($input: CreateIssueInput!) { createIssue(input: $input) { issue { number } } }`,
        { input: { title: `Isu uji webhook ${marker}`, summary: `Ringkasan isu uji webhook (${marker}).`, kind: 'MISINFORMATION', sources: [{ platform: 'X', claimText: 'Klaim uji.' }] } },
        trc,
      )
    ).createIssue.issue.number;
    await gql(`mutation($input: AssignIssueInput!) { assignIssue(input: $input) { issue { status } } }`, { input: { issueNumber: number, agencySlug: 'dinkes', priority: 'NORMAL' } }, trc);
    const first = await eventually(() => received.find((r) => r.path === path && r.type === 'issue.status_changed'), { message: 'issue.status_changed at the receiver' });
    assert.ok(first.id && verifies(secret, first), `the signature ${first.signature} does not verify`);
    const payload = JSON.parse(first.body);
    assert.equal(payload.data.issue.number, number);
    assert.equal(payload.data.issue.status, 'ASSIGNED');

    // The delivery history, and a replay with the same webhook-id.
    await page.reload();
    await card.waitFor();
    const row = card.getByTestId('delivery').filter({ hasText: first.id });
    await eventually(async () => (await row.getByTestId('delivery-status').textContent()) === 'Terkirim', { message: 'the delivery shown as sent' });
    await screenshots(page, 'admin-webhooks');
    await row.getByRole('button', { name: /Kirim ulang/ }).click();
    await card.getByText(/dijadwalkan ulang/).waitFor();
    await eventually(() => received.filter((r) => r.id === first.id).length === 2, { message: 'the replayed delivery' });
    assert.ok(verifies(secret, received.filter((r) => r.id === first.id)[1]));

    // Edit: disable it.
    await card.getByRole('button', { name: /^Ubah/ }).click();
    const edit = card.locator('form');
    await edit.getByLabel('Aktif').uncheck();
    await edit.getByRole('button', { name: 'Simpan' }).click();
    await eventually(async () => (await card.getByTestId('webhook-state').textContent()) === 'Nonaktif', { message: 'the webhook shown as disabled' });

    // Rotate: a new secret, shown once.
    page.once('dialog', (d) => d.accept());
    await card.getByRole('button', { name: /Ganti rahasia/ }).click();
    await page.getByTestId('webhook-secret').waitFor();
    const rotated = (await page.getByTestId('webhook-secret-value').textContent()).trim();
    assert.match(rotated, /^whsec_/);
    assert.notEqual(rotated, secret);

    // Delete.
    page.once('dialog', (d) => d.accept());
    await card.getByRole('button', { name: /^Hapus/ }).click();
    await eventually(async () => (await page.locator('article[data-testid="webhook"]', { hasText: receiverURL + path }).count()) === 0, { message: 'the webhook removed' });
    assert.deepEqual(page.jsErrors, []);
  });

  test('other roles can neither open the page nor query webhooks', async () => {
    const trcPage = await newPage(browser);
    await login(trcPage, 'trc.sari@demo.tanggap.id');
    const trc = await sessionToken(trcPage);
    await trcPage.goto(`${BASE_URL}/staf/admin/webhook`);
    await trcPage.getByRole('heading', { level: 1, name: 'Webhook' }).waitFor({ state: 'detached', timeout: 3000 }).catch(() => {});
    assert.equal(await trcPage.getByRole('heading', { level: 1, name: 'Webhook' }).count(), 0, 'TRC sees the webhook page');
    await trcPage.context().close();
    await assert.rejects(gql(`{ webhooks { id } }`, undefined, trc), /FORBIDDEN|tidak berwenang/i);
  });
});
