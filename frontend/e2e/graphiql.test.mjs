// GraphiQL at /graphiql is self-hosted: it loads nothing from other hosts
// and runs a query against the public API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, launch, newPage, screenshots, unavailable } from './helpers.mjs';

const skip = unavailable();

describe('GraphiQL', { skip: skip ?? false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('loads from this server only and runs the example query', async () => {
    const page = await newPage(browser);
    const foreign = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== BASE_URL) foreign.push(req.url());
    });
    const consoleErrors = [];
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
    await page.goto(`${BASE_URL}/graphiql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 30000 });
    // The editor fills in the example query after it has mounted; run it
    // only then, and give a slow machine a second click if the first came
    // before GraphiQL was listening.
    await page.locator('.graphiql-query-editor', { hasText: 'totalCount' }).waitFor({ timeout: 30000 });
    for (let attempt = 1; ; attempt++) {
      await page.getByRole('button', { name: /Execute query/i }).click();
      try {
        await page.locator('.result-window', { hasText: '"totalCount"' }).waitFor({ timeout: 10000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
    assert.match(await page.locator('.result-window').textContent(), /"number": "KTB-\d{4}-\d{6}"/);
    assert.deepEqual(foreign, [], 'no request leaves the server');
    assert.deepEqual(page.jsErrors, []);
    assert.deepEqual(consoleErrors.filter((e) => /Content Security Policy/i.test(e)), []);
    // GraphiQL is a desktop tool; its editor panes scroll on a phone.
    await screenshots(page, 'graphiql', { allowSidewaysScroll: true });
  });
});
