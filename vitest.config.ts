import { defineConfig } from 'vitest/config';

// One runner for every workspace. `@capgw/source` makes `@capgw/shared/*` resolve to the
// TypeScript sources, so tests never depend on a stale build of the shared package.
export default defineConfig({
  resolve: { conditions: ['@capgw/source'] },
  ssr: { resolve: { conditions: ['@capgw/source'] } },
  test: {
    include: ['{shared,gateway,desktop,test}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
