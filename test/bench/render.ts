// Prints the report of a saved `npm run bench -- --json` run, as the run itself would have:
//   node --import tsx test/bench/render.ts bench.log
// The file may hold the build's output too; the last line that is a report is read.
import { readFileSync } from 'node:fs';
import { report, type BenchReport } from './report.js';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: node --import tsx test/bench/render.ts <file with --json output>\n');
  process.exit(2);
}
const line = readFileSync(path, 'utf8')
  .split('\n')
  .findLast((l) => l.startsWith('{"machine"'));
if (!line) {
  process.stderr.write(`${path}: no line of \`npm run bench -- --json\` output\n`);
  process.exit(1);
}
// JSON writes NaN (a figure a run could not measure) as null; the report prints it as '–'.
const rep = JSON.parse(line, (_key, v: unknown) => (v === null ? NaN : v)) as BenchReport;
process.stdout.write(report(rep));
