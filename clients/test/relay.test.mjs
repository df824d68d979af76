// Relay against the server: relay-compiler compiles fragments with
// @refetchable on Issue against the introspected schema (which needs
// Query.node and Issue implementing Node), and a Relay environment
// receives staff accounts and responses in one query without two records
// sharing an id.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';
import { Environment, Network, RecordSource, Store, fetchQuery } from 'relay-runtime';
import { startServer, login } from '../lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const compiler = join(here, '..', 'node_modules', '.bin', 'relay-compiler');

let server;
let project;
before(async () => {
  server = await startServer();
  project = mkdtempSync(join(tmpdir(), 'tanggap-relay-'));
});
after(async () => {
  await server?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

const SOURCE = `
import { graphql } from 'relay-runtime';

export const issueCard = graphql\`
  fragment TanggapClients_issue on Issue @refetchable(queryName: "TanggapClientsIssueRefetchQuery") {
    number
    title
    status
    verdictLabel
    agency { id name }
  }
\`;

export const issues = graphql\`
  query TanggapClientsIssuesQuery {
    issues(first: 5) { edges { node { id ...TanggapClients_issue } } }
  }
\`;

export const staff = graphql\`
  query TanggapClientsStaffQuery {
    users { id name role }
    issues(first: 40, filter: { status: [ANSWERED, CLOSED] }) {
      edges {
        node {
          id
          number
          responses { id status agency { id slug } revisions { id number } }
          timeline { type actor { id name } }
        }
      }
    }
  }
\`;
`;

test('relay-compiler compiles @refetchable fragments on Issue against the introspected schema', async () => {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery({ specifiedByUrl: true, schemaDescription: true }) }),
  });
  const introspection = await res.json();
  assert.ok(introspection.data, JSON.stringify(introspection.errors));
  const sdl = printSchema(buildClientSchema(introspection.data));
  assert.match(sdl, /interface Node/);
  assert.match(sdl, /type Issue implements Node/);
  assert.match(sdl, /scalar Time @specifiedBy\(url: "https:\/\/datatracker\.ietf\.org\/doc\/html\/rfc3339"\)/);
  writeFileSync(join(project, 'schema.graphql'), sdl);
  mkdirSync(join(project, 'src', '__generated__'), { recursive: true });
  writeFileSync(join(project, 'src', 'TanggapClients.js'), SOURCE);
  writeFileSync(join(project, 'relay.config.json'), JSON.stringify({
    src: './src', schema: './schema.graphql', language: 'javascript', artifactDirectory: './src/__generated__',
    customScalarTypes: { Time: 'string', Date: 'string' },
  }));
  const out = execFileSync(compiler, [], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  console.log(`relay-compiler: ${out.replace(/\x1b\[[0-9;]*m/g, '').trim().replace(/\s+/g, ' ')}`);
  const refetch = join(project, 'src', '__generated__', 'TanggapClientsIssueRefetchQuery.graphql.js');
  assert.ok(existsSync(refetch), 'no refetch query was generated');
  const text = readFileSync(refetch, 'utf8');
  assert.match(text, /node\(id: \$id\)/, 'the refetch query does not go through node(id)');

  // The generated refetch query runs against the server.
  const require = createRequire(join(project, 'src', 'x.js'));
  const refetchModule = require('./__generated__/TanggapClientsIssueRefetchQuery.graphql.js');
  const refetchQuery = refetchModule.default ?? refetchModule;
  const list = await (await fetch(`${server.url}/graphql`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: '{ issues(first: 1) { edges { node { id number } } } }' }),
  })).json();
  const issue = list.data.issues.edges[0].node;
  const answer = await (await fetch(`${server.url}/graphql`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: refetchQuery.params.text, variables: { id: issue.id } }),
  })).json();
  assert.equal(answer.data?.node?.number, issue.number, JSON.stringify(answer));
});

test('a Relay environment receives accounts and responses in one query without record conflicts', async () => {
  const require = createRequire(join(project, 'src', 'x.js'));
  const staffQuery = require('./__generated__/TanggapClientsStaffQuery.graphql.js');
  const token = await login(server.url, 'auditor@demo.tanggap.id');
  const network = Network.create(async (params, variables) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: params.text, variables }),
    });
    return res.json();
  });
  const environment = new Environment({ network, store: new Store(new RecordSource()) });
  const data = await fetchQuery(environment, staffQuery, {}).toPromise();
  const source = environment.getStore().getSource();

  const users = data.users;
  const responses = data.issues.edges.flatMap((e) => e.node.responses);
  const revisions = responses.flatMap((r) => r.revisions);
  assert.ok(users.length > 0 && responses.length > 0 && revisions.length > 0);
  const expect = new Map();
  for (const [list, type] of [[users, 'User'], [responses, 'Response'], [revisions, 'ResponseRevision'],
    [data.issues.edges.map((e) => e.node), 'Issue']]) {
    for (const item of list) {
      assert.ok(!expect.has(item.id) || expect.get(item.id) === type, `id ${item.id} is both ${expect.get(item.id)} and ${type}`);
      expect.set(item.id, type);
    }
  }
  for (const [id, type] of expect) {
    const record = source.get(id);
    assert.ok(record, `no record ${id}`);
    assert.equal(record.__typename, type, `record ${id} holds a ${record.__typename}, want ${type}`);
  }
  // Users read from the list and as actors of the timeline are one record.
  const actors = data.issues.edges.flatMap((e) => e.node.timeline).filter((ev) => ev.actor).map((ev) => ev.actor);
  for (const actor of actors) assert.equal(source.get(actor.id)?.__typename, 'User');
  console.log(`Relay: ${users.length} users, ${responses.length} responses, ${revisions.length} revisions, ${expect.size} records, no conflicts`);
});
