// The npm graphql-sse client (distinct connections mode) receives a
// responsePublished event on one server process for a response published
// through a second process on the same PostgreSQL database: the change
// travels by PostgreSQL NOTIFY from process B to process A.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-sse';
import { buildBinary, postgresBase, createDatabase, migrate, startProcess, gql, metric } from '../lib/processes.mjs';

const password = 'tanggap-demo-2026';

test('graphql-sse: responsePublished from a second process on one PostgreSQL database', { timeout: 300_000 }, async (t) => {
  const base = postgresBase(t);
  if (!base) return;
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-sse-'));
  const binary = buildBinary(dir);
  const db = createDatabase(base);
  const env = { TANGGAP_DATABASE_URL: db.url, TANGGAP_JWT_SECRET: 'clients-test-secret-clients-test-secret!' };
  const processes = [];
  let client;
  try {
    // A loads the demo data; B starts once A is up, on the same database.
    migrate(binary, env);
    const a = await startProcess(binary, ['--demo'], env);
    processes.push(a);
    const b = await startProcess(binary, [], env);
    processes.push(b);
    assert.notEqual(a.url, b.url);

    const login = await gql(b.url, 'mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }',
      { e: 'trc.sari@demo.tanggap.id', p: password });
    const token = login.login.token;
    const found = await gql(b.url, '{ issues(first: 50, filter: {status: [IN_PROGRESS]}) { edges { node { number kind agency { slug } } } } }', {}, token);
    const issue = found.issues.edges.map((e) => e.node).find((n) => n.kind !== 'MISINFORMATION' && n.agency);
    assert.ok(issue, 'the demo data has an issue in progress to answer');

    client = createClient({ url: `${a.url}/graphql`, retryAttempts: 0 });
    const events = client.iterate({
      query: 'subscription($agency: String) { responsePublished(agencySlug: $agency) { status body issue { number status } agency { slug } } }',
      variables: { agency: issue.agency.slug },
    });
    const first = events.next();
    let settled = false;
    first.then(() => { settled = true; }, () => { settled = true; });
    // The subscription listens once A counts it; only then can it hear of
    // the publication. A stream that ended early is reported below.
    while (!settled && !(await metric(a.url, 'tanggap_live_subscriptions') >= 1)) await sleep(50);
    if (settled) assert.fail(`the stream ended before anything was published: ${JSON.stringify(await first.catch(String))}`);

    const body = `Jawaban resmi ${issue.number} diterbitkan lewat proses kedua untuk uji langganan.`;
    await gql(b.url, 'mutation($n: String!, $b: String!) { publishResponse(input: {issueNumber: $n, body: $b}) { response { id } } }',
      { n: issue.number, b: body }, token);

    const { value, done } = await first;
    assert.equal(done, false);
    assert.equal(value.errors, undefined, JSON.stringify(value.errors));
    assert.deepEqual(value.data.responsePublished, {
      status: 'PUBLISHED', body, issue: { number: issue.number, status: 'ANSWERED' }, agency: { slug: issue.agency.slug },
    });
    await events.return();
  } catch (err) {
    for (const p of processes) console.error(p.log().split('\n').slice(-20).join('\n'));
    throw err;
  } finally {
    client?.dispose();
    for (const p of processes) await p.stop();
    db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
