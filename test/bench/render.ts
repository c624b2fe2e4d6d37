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
// JSON writes NaN (a figure a run could not measure) as null; the report prints it as '–'.
const asReport = (line: string): BenchReport | undefined => {
  try {
    const v = JSON.parse(line, (_key, x: unknown) =>
      x === null ? NaN : x,
    ) as Partial<BenchReport>;
    return v && typeof v === 'object' && Array.isArray(v.rows) ? (v as BenchReport) : undefined;
  } catch {
    return undefined;
  }
};
const rep = readFileSync(path, 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('{'))
  .map(asReport)
  .findLast((r) => r !== undefined);
if (!rep) {
  process.stderr.write(`${path}: no line of \`npm run bench -- --json\` output\n`);
  process.exit(1);
}
process.stdout.write(report(rep));
