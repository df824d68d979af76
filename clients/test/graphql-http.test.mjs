// The graphql-http package's audit of the GraphQL-over-HTTP specification:
// every check must pass, with no warning and no notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { auditServer } from 'graphql-http';
import { startServer } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('graphql-http auditServer: 0 errors, 0 warnings, 0 notices', async () => {
  const results = await auditServer({ url: `${server.url}/graphql` });
  const counts = { ok: 0, warn: 0, notice: 0, error: 0 };
  const problems = [];
  for (const r of results) {
    counts[r.status]++;
    if (r.status !== 'ok') problems.push(`${r.status} ${r.id} ${r.name}: ${r.reason}`);
  }
  console.log(`auditServer: ${results.length} checks, ${counts.ok} ok, ${counts.warn} warnings, ${counts.notice} notices, ${counts.error} errors`);
  assert.ok(results.length > 50, `only ${results.length} checks ran`);
  assert.deepEqual(problems, []);
});
