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
  // A suite can fail outside its tests (a hook, an import): each such suite counts as a failure,
  // or the line would read "0 failed" over a red run.
  const broken = r.testResults.filter(
    (t) => t.status === 'failed' && !t.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  const failed = r.numFailedTests + broken;
  summary = `tests: ${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
  if (broken > 0) summary += ` (${broken} of them a suite failing outside its tests)`;
} catch {
  // vitest did not get far enough to write results; its own output says why.
}
console.log(summary);
process.exit(run.status ?? 1);
