// Takes the portal screenshots kept in docs/screenshots/ from a running demo
// server: the first screen of a 360×740 phone for the home page, an answered
// issue, an overdue issue and the agency list, and the whole about page at
// desktop width.
//
//   go run ./cmd/tanggap serve --demo --addr 127.0.0.1:8090 --data-dir "$(mktemp -d)" &
//   cd frontend && TANGGAP_E2E_URL=http://127.0.0.1:8090 npm run screenshots
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, DESKTOP, PHONE, gql, launch, newPage } from '../e2e/helpers.mjs';

if (!BASE_URL) {
  console.error('Set TANGGAP_E2E_URL to a running `tanggap serve --demo`.');
  process.exit(1);
}
const out = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

const data = await gql(`{
  answered: issues(filter: { kind: [MISINFORMATION], verdict: [FALSE], status: [ANSWERED, CLOSED] }, orderBy: RECENTLY_UPDATED, first: 1) { edges { node { number } } }
  late: issues(filter: { overdue: true }, first: 1) { edges { node { number } } }
}`);
const shots = [
  ['home-360.png', PHONE, '/', '.issue-card', false],
  ['answered-issue-360.png', PHONE, `/isu/${data.answered.edges[0].node.number}`, '.response', false],
  ['overdue-issue-360.png', PHONE, `/isu/${data.late.edges[0].node.number}`, '.overdue-notice', false],
  ['agencies-360.png', PHONE, '/instansi', '.agency-figures', false],
  ['about-desktop.png', DESKTOP, '/tentang', '[data-testid="policy-table"] tbody tr', false],
];

const browser = await launch();
try {
  for (const [name, viewport, path, ready, fullPage] of shots) {
    const page = await newPage(browser, viewport);
    await page.goto(`${BASE_URL}${path}`);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(out, name), fullPage });
    console.log(`docs/screenshots/${name}`);
    await page.context().close();
  }
} finally {
  await browser.close();
}
