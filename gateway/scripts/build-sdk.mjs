// Bundles the browser client (src/sdk) into dist/sdk/events.js, the file the gateway serves at
// GET /sdk/events.js, and prints its raw and gzipped size against the 6 KB budget.
// Also imported by the browser tests, which build it before starting a gateway.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SDK_FILE = join(root, 'dist', 'sdk', 'events.js');
const BUDGET = 6 * 1024;

/** Builds the bundle and returns its sizes in bytes. */
export async function buildSdk() {
  const result = await build({
    entryPoints: [join(root, 'src', 'sdk', 'main.ts')],
    outfile: SDK_FILE,
    write: false,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    conditions: ['@capgw/source'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].contents;
  // Written aside and renamed: test workers build in parallel while a gateway may be serving it.
  mkdirSync(dirname(SDK_FILE), { recursive: true });
  const tmp = `${SDK_FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, SDK_FILE);
  return { raw: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { raw, gzipped } = await buildSdk();
  const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
  console.log(`sdk: dist/sdk/events.js ${kb(raw)} raw, ${kb(gzipped)} gzipped`);
  if (gzipped > BUDGET) console.warn(`sdk: over the ${kb(BUDGET)} gzipped budget`);
}
