// GraphiQL's page is a few lines of React without JSX; the portal uses
// Preact's types, so React's are declared loosely here.
declare module 'react' {
  export function createElement(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): unknown;
}
declare module 'react-dom/client' {
  export function createRoot(container: Element): { render(element: unknown): void };
}
