// One measured run: warm up, measure with the load generator, wait until the gateway has
// forwarded what it acknowledged, then read the Graph stand-in's counters and the server's RSS.
import { BENCH_UA, browserBody, ID_TAG, wsMessage } from './bodies.js';
import { httpLoad } from './load-http.js';
import { startRateProcess, type RateProcess } from './rate-process.js';
import { wsLoad } from './load-ws.js';
import { cpuSeconds, machineCpuSeconds, peakRssMb } from './procs.js';
import type { Target, TargetName } from './targets.js';

export interface Scenario {
  transport: 'http' | 'ws';
  events: number;
  /** Fixed request rate (HTTP only); unset: closed loop, as fast as the server answers. */
  rate?: number;
}

export interface Row extends Scenario {
  target: TargetName;
  reqPerSec: number;
  eventsPerSec: number;
  p50: number;
  p99: number;
  /** Fixed-rate runs: p99 of the generator's own lateness, counted in p99 (rig noise). */
  sendLagP99?: number;
  /** Graph API calls per 1,000 events delivered during the run (NaN for the bare endpoint). */
  graphPer1k: number;
  peakRssMb: number;
  /** Server CPU time per answered request, forwarding included: robust to a busy machine. */
  cpuUsPerReq: number;
  /** Cores' worth of CPU that other processes on the machine used meanwhile: noise. */
  otherCores: number;
  failed: number;
  statuses: Record<string, number>;
  /**
   * Events the server acknowledged in the run that the Graph stand-in had still not received when
   * the wait for them ended (`drained`, DRAIN_TIMEOUT_MS): 0 unless events are stuck or lost. At
   * least this many, as deliveries left over from an earlier run count as this run's.
   */
  undelivered: number;
  /** req/s of each round, in turn order, when the row sums up several rounds (rounds.ts). */
  roundsReqPerSec?: number[];
  /** p99 of each round, in turn order. */
  roundsP99?: number[];
}

export interface RunOptions {
  graphUrl: string;
  /** The stand-in's pid, so its CPU is not counted as other processes'. */
  standInPid: number;
  durationS: number;
  warmupS: number;
  connections: number;
}

/** The Graph stand-in's counters: requests it answered and events they carried. */
export type Stats = { requests: number; events: number };
export const standInStats = async (graphUrl: string): Promise<Stats> =>
  (await fetch(`${graphUrl}/__stand-in/stats`)).json() as Promise<Stats>;

const eventTime = () => Math.floor(Date.now() / 1000);

const headers = { 'user-agent': BENCH_UA, origin: 'https://shop.example' };

function load(
  target: Target,
  s: Scenario,
  durationS: number,
  connections: number,
  tag: string,
  rater?: RateProcess,
) {
  if (rater) return rater.run(durationS, tag);
  if (s.transport === 'ws') {
    const t = eventTime();
    return wsLoad({
      url: target.url,
      headers,
      connections,
      durationS,
      message: (conn, seq) => wsMessage(s.events, `${tag}-${conn}-${seq}`, seq, t),
    });
  }
  return httpLoad({
    url: target.url,
    headers,
    connections,
    durationS,
    body: browserBody(s.events, `${tag}-${ID_TAG}`, eventTime()),
  });
}

/** How long a run waits for the Graph stand-in to hold every event the server acknowledged. */
export const DRAIN_TIMEOUT_MS = 30_000;

/** Waits until the stand-in has received `n` events more than `from` (or gives up). */
export async function drained(
  graphUrl: string,
  from: Stats,
  n: number,
  timeoutMs = DRAIN_TIMEOUT_MS,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await standInStats(graphUrl);
    if (now.events - from.events >= n || Date.now() > deadline) return now;
    await new Promise((r) => setTimeout(r, 100));
  }
}

let runs = 0;
export async function runScenario(target: Target, s: Scenario, o: RunOptions): Promise<Row> {
  const tag = `r${++runs}`;
  // Fixed rate: the generator runs in a fresh process of its own (rate-process.ts says why).
  const rater = s.rate
    ? startRateProcess({
        url: target.url,
        headers,
        connections: o.connections,
        rate: s.rate,
        events: s.events,
        eventTime: eventTime(),
      })
    : undefined;
  try {
    return await measure(target, s, o, tag, rater);
  } finally {
    await rater?.close();
  }
}

async function measure(
  target: Target,
  s: Scenario,
  o: RunOptions,
  tag: string,
  rater: RateProcess | undefined,
): Promise<Row> {
  if (o.warmupS > 0) {
    const start = await standInStats(o.graphUrl);
    const w = await load(target, s, o.warmupS, o.connections, `${tag}w`, rater);
    // The warm-up's events must be out of the gateway before the measured run counts calls.
    if (target.forwardsLater) await drained(o.graphUrl, start, w.ok * s.events);
  }
  const before = await standInStats(o.graphUrl);
  const cpuBefore = cpuSeconds(target.pid);
  const generator = () => cpuSeconds(process.pid) + (rater ? cpuSeconds(rater.pid) : 0);
  const ours = () => cpuSeconds(target.pid) + generator() + cpuSeconds(o.standInPid);
  const [machineBefore, oursBefore, started] = [machineCpuSeconds(), ours(), performance.now()];
  const r = await load(target, s, o.durationS, o.connections, tag, rater);
  const acknowledged = r.ok * s.events;
  // The bare endpoint sends nothing to Meta: nothing to wait for, nothing undelivered.
  const sends = target.name !== 'bare';
  const after = sends ? await drained(o.graphUrl, before, acknowledged) : before;
  const events = after.events - before.events;
  const undelivered = sends ? Math.max(0, acknowledged - events) : 0;
  const cpu = cpuSeconds(target.pid) - cpuBefore;
  const others = machineCpuSeconds() - machineBefore - (ours() - oursBefore);
  const seconds = (performance.now() - started) / 1000;
  return {
    target: target.name,
    ...s,
    reqPerSec: Math.round(r.reqPerSec),
    eventsPerSec: Math.round(r.reqPerSec * s.events),
    p50: r.p50,
    p99: r.p99,
    sendLagP99: r.sendLagP99,
    graphPer1k:
      events > 0 ? Math.round(((after.requests - before.requests) / events) * 10000) / 10 : NaN,
    peakRssMb: peakRssMb(target.pid),
    cpuUsPerReq: r.ok > 0 ? Math.round((cpu * 1e6) / r.ok) : NaN,
    otherCores: Math.max(0, Math.round((others / seconds) * 100) / 100),
    failed: r.failed,
    statuses: r.statuses,
    undelivered,
  };
}
