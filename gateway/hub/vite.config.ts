import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves the build at /hub/. `@capgw/source` resolves @capgw/shared/* to its
// TypeScript sources, so the hub never bundles a stale build of the shared package.
export default defineConfig({
  base: '/hub/',
  plugins: [react()],
  resolve: { conditions: ['@capgw/source', 'module', 'browser', 'development|production'] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    // `npm run dev -w @capgw/hub` against a gateway on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080', '/sdk': 'http://127.0.0.1:8080' },
  },
});
