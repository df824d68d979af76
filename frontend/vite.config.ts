import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// Two entries: the portal (index.html, Preact) and GraphiQL (graphiql.html,
// React), so GraphiQL's bundle is never part of the portal's initial load.
export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // A stable file list keeps the committed build reproducible.
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      // GraphiQL's dependencies mark React client components; harmless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql.html'),
      },
    },
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:8080' },
  },
});
