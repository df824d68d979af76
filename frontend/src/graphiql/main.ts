// GraphiQL for journalists and developers, bundled from npm so it works
// without a CDN. A separate entry: its React bundle never loads with the
// portal.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';

const defaultQuery = `# Tanggap public API. Example: the latest answered hoaxes.
{
  issues(first: 5, filter: { kind: [MISINFORMATION], status: [ANSWERED, CLOSED] }) {
    totalCount
    edges {
      node { number title verdictLabel agency { name } answeredAt url }
    }
  }
}
`;

async function fetcher(params: unknown, options?: { headers?: Record<string, string> }) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...options?.headers },
    body: JSON.stringify(params),
    credentials: 'omit',
  });
  return res.json();
}

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: false }),
);
