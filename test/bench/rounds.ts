// Rounds: every server runs every scenario several times, the servers taking turns, so that a
// machine whose speed drifts (a shared VM was seen to halve and double its pace within a minute)
// slows them alike. A row reports the median round, and a ratio between two servers is the
// median of the ratios of their neighbouring runs, not a ratio of runs minutes apart.
import type { Row } from './scenario.js';

/** The middle value (an even count averages its middle pair); NaN entries are ignored. */
const middle = (xs: readonly number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The median as printed: two decimals. */
const median = (xs: readonly number[]) => Math.round(middle(xs) * 100) / 100;

/**
 * The rounds of one server and scenario as one row: the round with the median req/s gives the
 * throughput and its p50, p99 is the median of the rounds' p99s (one stalled round neither
 * hides nor decides it), peak RSS is the highest seen, failures add up.
 */
export function summarize(runs: readonly Row[]): Row {
  if (runs.length === 0) throw new Error('no rounds to summarize');
  const byRate = [...runs].sort((a, b) => a.reqPerSec - b.reqPerSec);
  const mid = byRate[(byRate.length - 1) >> 1]!;
  const statuses: Record<string, number> = {};
  for (const r of runs)
    for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    ...mid,
    p99: median(runs.map((r) => r.p99)),
    sendLagP99: mid.sendLagP99 === undefined ? undefined : median(runs.map((r) => r.sendLagP99!)),
    graphPer1k: median(runs.map((r) => r.graphPer1k)),
    cpuUsPerReq: median(runs.map((r) => r.cpuUsPerReq)),
    otherCores: median(runs.map((r) => r.otherCores)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    failed: runs.reduce((n, r) => n + r.failed, 0),
    statuses,
    undelivered: runs.reduce((n, r) => n + r.undelivered, 0),
    roundsReqPerSec: runs.map((r) => r.reqPerSec),
    roundsP99: runs.map((r) => r.p99),
  };
}

/** Median over rounds of a's req/s over b's in the same round (runs taken side by side). */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  return middle(Array.from({ length: n }, (_, i) => a[i]! / b[i]!));
}

/** The order servers take turns in round `round`: rotated, so none always goes first. */
export function turnOrder<T>(items: readonly T[], round: number): T[] {
  const k = items.length === 0 ? 0 : round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
