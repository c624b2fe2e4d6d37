// `npm run bench` [--quick] [--json] [--profile DIR] [--only gateway-sqlite,bare,…,scale]
//                  [--scenarios http1,ws10,…] [--no-scale] [--gateway-flags "--max-old-space-size=200"]
// One run on loopback: the Graph stand-in and this load generator on one core, each server on
// the other; the gateway (SQLite, PostgreSQL), the bare Fastify ceiling and the Meta SDK
// baseline get the same scenarios. Prints a table and the targets of issue 5, or JSON.
import { postgresReachable } from '../support/databases.js';
import { machine, report, type BenchReport } from './report.js';
import { LOAD_CORE, pinSelf, startScript } from './procs.js';
import { runScale } from './scale.js';
import { runScenario, type Row, type RunOptions, type Scenario } from './scenario.js';
import {
  startBare,
  startGatewayTarget,
  startSdkBaseline,
  type Target,
  type TargetName,
} from './targets.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('--quick');
const json = flag('--json');
const profileDir = value('--profile');
const only = value('--only')?.split(',') as TargetName[] | undefined;
const scenarios = value('--scenarios')?.split(',');
// Node flags for every gateway process, to measure a trade-off such as a heap cap.
const gatewayFlags = value('--gateway-flags')?.split(' ').filter(Boolean) ?? [];
const log = (line: string) => process.stderr.write(`${line}\n`);

const MATRIX: Scenario[] = [
  { transport: 'http', events: 1 },
  { transport: 'http', events: 10 },
  { transport: 'ws', events: 1 },
  { transport: 'ws', events: 10 },
];

pinSelf();
const standIn = await startScript('../support/graph-stand-in.ts', LOAD_CORE, {
  args: ['--port', '0', '--quiet'],
  // The stand-in shares the load core: parsing a 1,000-event batch must not delay the load
  // generator's sends, whose lateness would count as the server's latency.
  lowPriority: true,
});
const opts: RunOptions = {
  graphUrl: standIn.url,
  standInPid: standIn.pid,
  durationS: quick ? 3 : 10,
  warmupS: quick ? 1 : 3,
  connections: 100,
};
const gatewayOpts = (name: string) => ({
  graphUrl: standIn.url,
  nodeArgs: [
    ...gatewayFlags,
    ...(profileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`]
      : []),
  ],
});

const starters: Record<TargetName, () => Promise<Target>> = {
  'gateway-sqlite': () => startGatewayTarget('sqlite', gatewayOpts('gateway-sqlite')),
  'gateway-pg': () => startGatewayTarget('pg', gatewayOpts('gateway-pg')),
  bare: startBare,
  sdk: () => startSdkBaseline(standIn.url),
};
const pgAvailable = await postgresReachable();
const rows: Row[] = [];
try {
  for (const name of Object.keys(starters) as TargetName[]) {
    if (only && !only.includes(name)) continue;
    if (name === 'gateway-pg' && !pgAvailable) {
      log('PostgreSQL is not reachable at 127.0.0.1:5432: skipping gateway-pg.');
      continue;
    }
    const target = await starters[name]();
    try {
      for (const s of MATRIX) {
        if (scenarios && !scenarios.includes(`${s.transport}${s.events}`)) continue;
        log(`${name} ${s.transport} ${s.events} event(s)/body …`);
        const row = await runScenario(target, s, opts);
        rows.push(row);
        // The latency target is read at half of the peak this server just reached.
        if (name.startsWith('gateway') && s.transport === 'http' && s.events === 1) {
          log(`${name} ${s.transport} at half of peak (${Math.round(row.reqPerSec / 2)} req/s) …`);
          rows.push(await runScenario(target, { ...s, rate: Math.round(row.reqPerSec / 2) }, opts));
        }
      }
    } finally {
      await target.stop();
    }
  }
  const scale =
    flag('--no-scale') || (only && !only.includes('scale' as TargetName))
      ? undefined
      : await runScale(standIn.url, { quick, log, nodeArgs: gatewayFlags });
  const result: BenchReport = {
    machine: machine(),
    options: { ...opts, quick, gatewayFlags },
    rows,
    scale,
  };
  // One line, the last on stdout: `npm run bench` also prints the build's output before it.
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : report(result));
} finally {
  await standIn.stop();
}
