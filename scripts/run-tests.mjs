// Runs every test of every workspace with vitest, then prints the plain closing line
// ("tests: N passed, N failed, N skipped") that CI reads, whatever reporter vitest uses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'capgw-tests-')), 'results.json');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
const run = spawnSync('npx', [...args, ...process.argv.slice(2)], { stdio: 'inherit' });
let summary = 'tests: no result file was written';
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  summary = `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`;
} catch {
  // vitest did not get far enough to write results; its own output says why.
}
console.log(summary);
process.exit(run.status ?? 1);
