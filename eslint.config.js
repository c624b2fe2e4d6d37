import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/migrations/**', 'gateway/hub/dist/**', '**/*.tmp.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests dig into JSON answers; typing every one of them would hide what they assert.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Configuration is parsed once, in config/env.ts; nothing else reads the environment.
    files: ['gateway/src/**/*.ts'],
    ignores: ['gateway/src/config/env.ts', 'gateway/src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration from config/env.ts.' },
      ],
    },
  },
  {
    // One-way dependencies: shared is imported by both sides and imports neither.
    files: ['shared/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@capgw/gateway*', '@capgw/desktop*', 'fastify*', 'drizzle-orm*', 'electron'] },
      ],
    },
  },
  {
    files: ['gateway/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@capgw/desktop*'] }] },
  },
  {
    files: ['desktop/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@capgw/gateway*'] }] },
  },
  {
    files: ['gateway/src/sdk/**/*.ts', 'gateway/hub/src/**/*.{ts,tsx}', 'shared/src/ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The shared screens reach the network only through HubApi and the location only through
    // the Navigator, so the desktop app can show them over its own transport.
    files: ['shared/src/ui/**/*.{ts,tsx}'],
    ignores: [
      'shared/src/ui/api/fetch-*.ts',
      'shared/src/ui/routing/navigator.ts',
      'shared/src/ui/**/*.test.{ts,tsx}',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Call the gateway through HubApi (useApi()).' },
        { name: 'location', message: 'Use the Navigator (useRoute(), useGo()).' },
        { name: 'history', message: 'Use the Navigator (useRoute(), useGo()).' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'location', message: 'Use the Navigator.' },
        { object: 'window', property: 'fetch', message: 'Call the gateway through HubApi.' },
        { object: 'document', property: 'location', message: 'Use the Navigator.' },
      ],
    },
  },
);
