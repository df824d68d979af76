// Shared links: /isu/<number> fetched without JavaScript carries its title,
// summary and verdict in Open Graph and Twitter tags, and a hoax carries
// schema.org ClaimReview JSON-LD.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, gql, launch, screenshots, unavailable, DESKTOP } from './helpers.mjs';

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

function jsonLD(html) {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
}

describe('shared links', { skip: skip ?? false }, () => {
  let hoax;
  let complaint;
  before(async () => {
    const data = await gql(`{
      hoax: issues(filter: { kind: [MISINFORMATION], verdict: [FALSE] }, first: 1) {
        edges { node { number title summary verdictLabel agency { name } sources { url detectedAt } responses { publishedAt } } } }
      complaint: issues(filter: { kind: [COMPLAINT], status: [ANSWERED, CLOSED] }, first: 1) { edges { node { number title summary } } }
    }`);
    hoax = data.hoax.edges[0].node;
    complaint = data.complaint.edges[0].node;
  });

  test('a hoax page has preview tags and valid ClaimReview JSON-LD without JavaScript', async () => {
    // A link-preview crawler: plain HTTP, no JavaScript, a crawler's user agent.
    const res = await fetch(`${BASE_URL}/isu/${hoax.number}`, { headers: { 'User-Agent': 'WhatsApp/2.23.20.0' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const html = await res.text();
    const title = html.match(/<title>([^<]*)<\/title>/g);
    assert.equal(title.length, 1, 'exactly one title');
    assert.equal(decode(title[0].replace(/<\/?title>/g, '')), `${hoax.verdictLabel}: ${hoax.title} · Tanggap`);

    const meta = metaTags(html);
    assert.equal(meta['og:title'], `${hoax.verdictLabel}: ${hoax.title}`);
    assert.equal(meta['twitter:title'], meta['og:title']);
    assert.ok(meta['og:description'].startsWith(`Status: ${hoax.verdictLabel}.`), meta['og:description']);
    assert.ok(meta['og:description'].includes(hoax.summary.slice(0, 60)), 'the description carries the summary');
    assert.equal(meta['twitter:description'], meta['og:description']);
    assert.equal(meta['og:type'], 'article');
    assert.equal(meta['og:locale'], 'id_ID');
    assert.equal(meta['og:url'], `${BASE_URL}/isu/${hoax.number}`);
    assert.equal(meta['twitter:card'], 'summary_large_image');

    const docs = jsonLD(html);
    assert.equal(docs.length, 1);
    const review = docs[0];
    assert.equal(review['@context'], 'https://schema.org');
    assert.equal(review['@type'], 'ClaimReview');
    assert.equal(review.url, `${BASE_URL}/isu/${hoax.number}`);
    assert.ok(review.claimReviewed.length > 10, 'the claim is named');
    assert.equal(review.author['@type'], 'Organization');
    assert.equal(review.author.name, hoax.agency.name);
    assert.equal(review.reviewRating['@type'], 'Rating');
    assert.equal(review.reviewRating.alternateName, hoax.verdictLabel);
    assert.equal(review.reviewRating.ratingValue, 1);
    assert.equal(review.reviewRating.worstRating, 1);
    assert.equal(review.reviewRating.bestRating, 5);
    assert.ok(!Number.isNaN(Date.parse(review.datePublished)), 'datePublished is a date');
    assert.equal(Date.parse(review.datePublished), Math.floor(Date.parse(hoax.responses[0].publishedAt) / 1000) * 1000);
    assert.equal(review.itemReviewed['@type'], 'Claim');
    const urls = hoax.sources.map((s) => s.url).filter(Boolean);
    assert.deepEqual(review.itemReviewed.appearance?.map((a) => a.url) ?? [], urls);
  });

  test('a complaint page has preview tags and no ClaimReview', async () => {
    const html = await (await fetch(`${BASE_URL}/isu/${complaint.number}`)).text();
    const meta = metaTags(html);
    assert.equal(meta['og:title'], complaint.title);
    assert.ok(meta['og:description'].startsWith(complaint.summary.slice(0, 60)));
    assert.deepEqual(jsonLD(html), []);
  });

  test('an unknown or private issue answers 404 without its details', async () => {
    const res = await fetch(`${BASE_URL}/isu/KTB-1999-999999`);
    assert.equal(res.status, 404);
    const html = await res.text();
    assert.match(html, /<title>Isu tidak ditemukan · Tanggap<\/title>/);
    assert.deepEqual(jsonLD(html), []);
  });

  test('the page reads without JavaScript', async () => {
    const browser = await launch();
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP, locale: 'id-ID' });
      const page = await context.newPage();
      await page.goto(`${BASE_URL}/isu/${hoax.number}`);
      assert.equal(await page.locator('article.noscript-issue h1').textContent(), hoax.title);
      const text = await page.locator('body').textContent();
      assert.ok(text.includes(hoax.title), 'the title is readable without JavaScript');
      assert.ok(text.includes(`Tanggapan resmi ${hoax.agency.name}`), 'the official response is readable without JavaScript');
      await screenshots(page, 'shared-link-no-javascript');
    } finally {
      await browser.close();
    }
  });
});
