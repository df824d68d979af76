// Apollo Client against the server: issues are normalised by their global
// ids (the cache holds Issue:<id> entries), a connection is paginated to its
// end with fetchMore, and automatic persisted queries work over GET.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ApolloClient, InMemoryCache, HttpLink, gql } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { startServer } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const ISSUES = gql`
  query Issues($after: String) {
    issues(first: 30, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id number title status agency { id slug name } } }
    }
  }
`;

test('Apollo Client normalises issues and paginates to the end with fetchMore', async () => {
  const client = new ApolloClient({
    link: new HttpLink({ uri: `${server.url}/graphql` }),
    cache: new InMemoryCache({ typePolicies: { Query: { fields: { issues: relayStylePagination(['filter', 'orderBy']) } } } }),
  });
  const observable = client.watchQuery({ query: ISSUES, variables: {} });
  let result = await new Promise((resolve, reject) => {
    const sub = observable.subscribe({
      next: (r) => { if (r.data) { sub.unsubscribe(); resolve(r); } },
      error: reject,
    });
  });
  const total = result.data.issues.totalCount;
  assert.ok(total > 30, `only ${total} public issues`);
  let pages = 1;
  while (result.data.issues.pageInfo.hasNextPage) {
    result = await observable.fetchMore({ variables: { after: result.data.issues.pageInfo.endCursor } });
    pages++;
    assert.ok(pages < 20, 'pagination does not end');
  }
  const merged = client.readQuery({ query: ISSUES, variables: {} });
  assert.equal(merged.issues.edges.length, total, 'the merged list has every issue');
  assert.equal(merged.issues.pageInfo.hasNextPage, false);
  const numbers = new Set(merged.issues.edges.map((e) => e.node.number));
  assert.equal(numbers.size, total, 'no issue appears twice');

  const cache = client.cache.extract();
  const issueKeys = Object.keys(cache).filter((k) => k.startsWith('Issue:'));
  assert.equal(issueKeys.length, total, 'one normalised Issue entry per issue');
  for (const edge of merged.issues.edges) {
    const entry = cache[`Issue:${edge.node.id}`];
    assert.ok(entry, `no cache entry Issue:${edge.node.id}`);
    assert.equal(entry.number, edge.node.number);
  }
  assert.ok(Object.keys(cache).some((k) => k.startsWith('Agency:')), 'agencies are normalised too');
  console.log(`Apollo: ${total} issues in ${pages} pages, ${issueKeys.length} Issue entries in the cache`);
});

test('Apollo createPersistedQueryLink with useGETForHashedQueries', async () => {
  const requests = [];
  const recordingFetch = async (url, init) => {
    const res = await fetch(url, init);
    const u = new URL(url);
    requests.push({ method: init?.method ?? 'GET', hasQuery: u.searchParams.has('query') || String(init?.body ?? '').includes('"query"'), status: res.status });
    return res;
  };
  const sha256 = (q) => createHash('sha256').update(q).digest('hex');
  const newClient = () => new ApolloClient({
    link: createPersistedQueryLink({ sha256, useGETForHashedQueries: true })
      .concat(new HttpLink({ uri: `${server.url}/graphql`, fetch: recordingFetch })),
    cache: new InMemoryCache(),
  });
  // A query text of its own, so the server has not seen its hash yet.
  const query = gql`query PersistedAgencies${Date.now()} { agencies { id slug name } }`;
  const first = await newClient().query({ query });
  assert.ok(first.data.agencies.length > 0);
  assert.equal(requests[0].method, 'GET', 'the hash is sent with GET');
  assert.equal(requests[0].hasQuery, false, 'the first request carries only the hash');
  assert.equal(requests[0].status, 200, 'PersistedQueryNotFound comes with 200');
  assert.equal(requests[1].hasQuery, true, 'the link retried with the query');
  assert.equal(requests.length, 2);

  // Another client (another reader) sends only the hash, over GET, and is
  // answered at once.
  requests.length = 0;
  const second = await newClient().query({ query });
  assert.deepEqual(second.data, first.data);
  assert.deepEqual(requests, [{ method: 'GET', hasQuery: false, status: 200 }]);
});
