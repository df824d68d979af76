// Share cards: an issue page's preview tags point at /isu/<number>/kartu.png,
// a 1200×630 PNG served with an ETag; the browser shows it (its screenshot is
// the one in docs/screenshots/share-card.png); and the issue page offers the
// phone's own share sheet next to WhatsApp and copying the link.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, DOC_SCREENSHOTS, PHONE, gql, launch, newPage, unavailable } from './helpers.mjs';

const skip = unavailable();

function decode(s) {
  return s.replace(/&#39;/g, "'").replace(/&#34;/g, '"').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The head's meta tags by name or property. */
function metaTags(html) {
  const tags = {};
  for (const m of html.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)">/g)) tags[m[1]] = decode(m[2]);
  return tags;
}

describe('share cards', { skip: skip ?? false }, () => {
  let browser;
  let hoax;
  let cardPath;
  before(async () => {
    browser = await launch();
    const data = await gql(`{
      hoax: issues(filter: { kind: [MISINFORMATION], verdict: [FALSE] }, first: 1) { edges { node { number title verdictLabel agency { name } } } }
    }`);
    hoax = data.hoax.edges[0].node;
  });
  after(async () => {
    await browser?.close();
  });

  test('the issue page previews with its card, which answers a 1200×630 PNG with an ETag', async () => {
    // A link-preview crawler: plain HTTP, no JavaScript.
    const res = await fetch(`${BASE_URL}/isu/${hoax.number}`, { headers: { 'User-Agent': 'facebookexternalhit/1.1' } });
    assert.equal(res.status, 200);
    const meta = metaTags(await res.text());
    assert.equal(meta['og:image'], `${meta['og:url']}/kartu.png`);
    assert.equal(meta['og:image:width'], '1200');
    assert.equal(meta['og:image:height'], '630');
    assert.ok(meta['og:image:alt'].includes(hoax.title), meta['og:image:alt']);
    assert.equal(meta['twitter:card'], 'summary_large_image');
    assert.equal(meta['twitter:image'], meta['og:image']);

    cardPath = new URL(meta['og:image']).pathname;
    assert.equal(cardPath, `/isu/${hoax.number}/kartu.png`);
    const card = await fetch(`${BASE_URL}${cardPath}`);
    assert.equal(card.status, 200);
    assert.equal(card.headers.get('content-type'), 'image/png');
    const png = Buffer.from(await card.arrayBuffer());
    // The PNG signature, then the IHDR chunk with the width and height.
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.readUInt32BE(16), 1200);
    assert.equal(png.readUInt32BE(20), 630);
    const etag = card.headers.get('etag');
    assert.match(etag, /^"sc\d+-[0-9a-f]+"$/);
    assert.match(card.headers.get('cache-control'), /^public, max-age=\d+$/);

    const again = await fetch(`${BASE_URL}${cardPath}`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);

    const missing = await fetch(`${BASE_URL}/isu/KTB-1999-999999/kartu.png`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).errors[0].extensions.code, 'NOT_FOUND');
  });

  test('the card in a browser (the screenshot in docs/screenshots/share-card.png)', async () => {
    const page = await newPage(browser, { width: 1200, height: 630 });
    await page.goto(`${BASE_URL}${cardPath ?? `/isu/${hoax.number}/kartu.png`}`);
    const img = page.locator('img');
    await img.waitFor();
    const size = await img.evaluate(async (el) => {
      await el.decode();
      return [el.naturalWidth, el.naturalHeight];
    });
    assert.deepEqual(size, [1200, 630]);
    await img.screenshot({ path: join(DOC_SCREENSHOTS, 'share-card.png') });
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });

  test('with the Web Share API the issue page has a share button beside WhatsApp and copy', async () => {
    const page = await newPage(browser, PHONE);
    await page.addInitScript(() => {
      navigator.share = async (data) => {
        window.sharedWith = data;
      };
    });
    await page.goto(`${BASE_URL}/isu/${hoax.number}`);
    const bar = page.getByRole('group', { name: 'Bagikan isu ini' });
    const share = bar.getByRole('button', { name: 'Bagikan', exact: true });
    await share.waitFor();
    await bar.getByRole('link', { name: /WhatsApp/ }).waitFor();
    await bar.getByRole('button', { name: 'Salin tautan' }).waitFor();
    await share.click();
    const sharedWith = await page.waitForFunction(() => window.sharedWith).then((h) => h.jsonValue());
    assert.equal(sharedWith.url, `${BASE_URL}/isu/${hoax.number}`);
    assert.equal(sharedWith.title, `${hoax.verdictLabel}: ${hoax.title}`);
    assert.ok(sharedWith.text.length > 0, 'the share sheet gets a text');
    assert.deepEqual(page.jsErrors, []);
    await page.context().close();
  });

  test('without the Web Share API there is no share button', async () => {
    const page = await newPage(browser, PHONE);
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'share', { value: undefined, configurable: true });
    });
    await page.goto(`${BASE_URL}/isu/${hoax.number}`);
    const bar = page.getByRole('group', { name: 'Bagikan isu ini' });
    await bar.getByRole('link', { name: /WhatsApp/ }).waitFor();
    assert.equal(await bar.getByRole('button', { name: 'Bagikan', exact: true }).count(), 0);
    await page.context().close();
  });
});
