// Following by e-mail: the "Ikuti" form on the issue, agency, search and
// question-tracking pages. Without SMTP the demo keeps the confirmation
// mails in the queue; the form only has to reach subscribe and say what
// happens next, in Indonesian, without ever showing the address back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BASE_URL, apiToken, gql, launch, newPage, screenshots, unavailable, unique } from './helpers.mjs';

const skip = unavailable();

/** Opens the follow form inside container and submits address. */
async function follow(page, container, address, buttonName = /^Ikuti/) {
  await container.getByRole('button', { name: buttonName }).click();
  const input = container.getByLabel('Alamat e-mail');
  await input.fill(address);
  await container.getByRole('button', { name: 'Kirim tautan konfirmasi' }).click();
}

describe('follow by e-mail', { skip: skip ?? false }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('issue page: a wrong address is named, a good one gets the confirmation notice', async () => {
    const page = await newPage(browser);
    const issue = (await gql(`{ issues(first: 1, filter: { status: [ANSWERED] }) { edges { node { number title } } } }`)).issues.edges[0].node;
    await page.goto(`${BASE_URL}/isu/${issue.number}`);
    await page.getByRole('heading', { level: 1, name: issue.title }).waitFor();
    const box = page.getByTestId('follow-issue');

    await follow(page, box, 'bukan-alamat');
    const alert = box.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /^Alamat e-mail: .*tidak valid/);
    assert.equal(await box.getByLabel('Alamat e-mail').getAttribute('aria-invalid'), 'true');

    const address = `pengikut.${unique()}@example.com`;
    await box.getByLabel('Alamat e-mail').fill(address);
    await box.getByRole('button', { name: 'Kirim tautan konfirmasi' }).click();
    const status = box.getByRole('status');
    await status.waitFor();
    assert.match(await status.textContent(), /tautan konfirmasi/);
    assert.ok(!(await page.content()).includes(address), 'the page does not show the address back');
    await screenshots(page, 'follow-issue');
    assert.deepEqual(page.jsErrors, []);
  });

  test('agency page and saved search have their own follow', async () => {
    const page = await newPage(browser);
    const agency = (await gql(`{ agencies { slug name } }`)).agencies[0];
    await page.goto(`${BASE_URL}/instansi/${agency.slug}`);
    await page.getByRole('heading', { level: 1, name: agency.name }).waitFor();
    await follow(page, page.getByTestId('follow-agency'), `instansi.${unique()}@example.com`);
    await page.getByTestId('follow-agency').getByRole('status').waitFor();

    await page.goto(`${BASE_URL}/?q=banjir`);
    const search = page.getByTestId('follow-search');
    await search.waitFor();
    await follow(page, search, `cari.${unique()}@example.com`, 'Ikuti pencarian ini');
    await search.getByRole('status').waitFor();
    assert.deepEqual(page.jsErrors, []);
  });

  test('question tracking page follows the linked issue', async () => {
    // A demo question already linked to a public issue: asking a new one
    // here would spend the address's hourly question allowance, which the
    // other tests use.
    const token = await apiToken('trc.bayu@demo.tanggap.id');
    const list = (await gql(`{ questions(first: 50, filter: { status: [LINKED] }) { edges { node { trackingCode issue { number } } } } }`, undefined, token)).questions.edges;
    const linked = list.find((e) => e.node.issue);
    assert.ok(linked, 'the demo has a question linked to a public issue');
    const code = linked.node.trackingCode;

    const page = await newPage(browser);
    await page.goto(`${BASE_URL}/lacak/${code}`);
    const box = page.getByTestId('follow-question-issue');
    await box.waitFor();
    await follow(page, box, `penanya.${unique()}@example.com`, 'Ikuti isu ini');
    await box.getByRole('status').waitFor();
    assert.deepEqual(page.jsErrors, []);
  });
});
