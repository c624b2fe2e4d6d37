// `npm run bench` [--quick] [--rounds N] [--json] [--profile DIR] [--only gateway-sqlite,bare,…,scale]
//                  [--scenarios http1,ws10,…] [--no-scale] [--gateway-flags "--max-old-space-size=200"]
//                  [--gateway-env "NAME=value …"]
// One run on loopback: the Graph stand-in and this load generator on one core, each server on
// the other; the gateway (SQLite, PostgreSQL), the bare Fastify ceiling and the Meta SDK
// baseline get the same scenarios. Prints a table and the targets of issue 5, or JSON.
import { postgresReachable } from '../support/databases.js';
import { machine, report, type BenchReport } from './report.js';
import { parseGatewayEnv } from './gateway-env.js';
import { LOAD_CORE, pinSelf, startScript } from './procs.js';
import { summarize, turnOrder } from './rounds.js';
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
const rounds = Number(value('--rounds') ?? (quick ? 1 : 3));
const primeS = quick ? 3 : 10;
const json = flag('--json');
const profileDir = value('--profile');
const only = value('--only')?.split(',') as TargetName[] | undefined;
const scenarios = value('--scenarios')?.split(',');
// Node flags for every gateway process, to measure a trade-off such as a heap cap.
const gatewayFlags = value('--gateway-flags')?.split(' ').filter(Boolean) ?? [];
// Variables for every gateway process: it does not see this process's environment.
const gatewayEnv = parseGatewayEnv(value('--gateway-env'));
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
  durationS: quick ? 3 : 5,
  warmupS: quick ? 1 : 2,
  connections: 100,
};
const gatewayOpts = (name: string) => ({
  graphUrl: standIn.url,
  env: gatewayEnv,
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
const names = (Object.keys(starters) as TargetName[]).filter((n) => !only || only.includes(n));
if (names.includes('gateway-pg') && !pgAvailable)
  log('PostgreSQL is not reachable at 127.0.0.1:5432: skipping gateway-pg.');
const rows: Row[] = [];
// Every server is up for the whole run, so they can take turns (rounds.ts); one that waits idles.
const targets: Target[] = [];
try {
  for (const name of names) {
    if (name === 'gateway-pg' && !pgAvailable) continue;
    targets.push(await starters[name]());
  }
  // A server that just started runs at a fraction of its pace until V8 has compiled its hot
  // paths and sized its heap: the gateway took ~10 s of load to reach its plateau here, the bare
  // endpoint ~6 s. Every server gets the same unmeasured load first, as a long-running one has had.
  for (const t of targets) {
    log(`${t.name}: priming with ${primeS} s of load …`);
    await runScenario(
      t,
      { transport: 'http', events: 1 },
      { ...opts, durationS: primeS, warmupS: 0 },
    );
  }
  for (const s of MATRIX) {
    if (scenarios && !scenarios.includes(`${s.transport}${s.events}`)) continue;
    const peaks = await inRounds(targets, s, `${s.transport} ${s.events} event(s)/body`);
    rows.push(...peaks);
    // The latency target is read at half of the peak each gateway just reached. The bare
    // endpoint takes turns with it at the same rate: the rig's own tail at that rate, measured
    // in the same stretch of the machine, beside the gateway's.
    if (s.transport !== 'http' || s.events !== 1) continue;
    const bare = targets.find((t) => t.name === 'bare');
    for (const peak of peaks.filter((r) => r.target.startsWith('gateway'))) {
      const target = targets.find((t) => t.name === peak.target)!;
      const rate = Math.round(peak.reqPerSec / 2);
      const what = `at half of ${target.name}'s peak (${rate} req/s)`;
      rows.push(...(await inRounds(bare ? [target, bare] : [target], { ...s, rate }, what)));
    }
  }
  // The scale run starts its own gateway: the others leave the server core to it.
  while (targets.length > 0) await targets.pop()!.stop();
  const scale =
    flag('--no-scale') || (only && !only.includes('scale' as TargetName))
      ? undefined
      : await runScale(standIn.url, { quick, log, nodeArgs: gatewayFlags, env: gatewayEnv });
  const result: BenchReport = {
    machine: machine(),
    options: { ...opts, quick, gatewayFlags, gatewayEnv, rounds },
    rows,
    scale,
  };
  // One line, the last on stdout: `npm run bench` also prints the build's output before it.
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : report(result));
} finally {
  for (const t of targets) await t.stop();
  await standIn.stop();
}

/** Runs `s` on every target, `rounds` times, the targets taking turns; one row per target. */
async function inRounds(ts: Target[], s: Scenario, what: string): Promise<Row[]> {
  const runs = new Map<TargetName, Row[]>(ts.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const t of turnOrder(ts, round)) {
      log(`${t.name} ${what}, round ${round + 1} of ${rounds} …`);
      runs.get(t.name)!.push(await runScenario(t, s, opts));
    }
  }
  return ts.map((t) => summarize(runs.get(t.name)!));
}
