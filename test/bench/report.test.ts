import { describe, expect, it } from 'vitest';
import { report, type BenchReport } from './report.js';
import type { Row } from './scenario.js';

const row = (target: Row['target'], more: Partial<Row> = {}): Row => ({
  target,
  transport: 'http',
  events: 1,
  reqPerSec: 10_000,
  eventsPerSec: 10_000,
  p50: 2,
  p99: 8,
  graphPer1k: 1.5,
  peakRssMb: 150,
  cpuUsPerReq: 60,
  otherCores: 0,
  failed: 0,
  statuses: { '202': 50_000 },
  undelivered: 0,
  ...more,
});

const bench = (rows: Row[]): BenchReport => ({
  machine: { nproc: 2, cpu: 'test', node: 'v20', kernel: 'test' },
  options: {
    graphUrl: 'http://127.0.0.1:1',
    standInPid: 1,
    durationS: 5,
    warmupS: 2,
    connections: 100,
    quick: false,
    gatewayFlags: [],
    rounds: 3,
  },
  rows,
});

describe('benchmark report', () => {
  it('names each run whose acknowledged events had not reached Meta when the wait ended', () => {
    const text = report(
      bench([
        row('gateway-sqlite', { undelivered: 1234 }),
        row('gateway-pg', { rate: 5000, undelivered: 7 }),
        row('bare', { reqPerSec: 20_000 }),
      ]),
    );
    expect(text).toContain('UNDELIVERED');
    expect(text).toContain(
      'gateway-sqlite http 1 ev peak: 1,234 acknowledged events not delivered 30 s after the run',
    );
    expect(text).toContain('gateway-pg http 1 ev at 5,000/s: 7 acknowledged events not delivered');
  });

  it('says nothing of delivery when every acknowledged event arrived', () => {
    const text = report(bench([row('gateway-sqlite'), row('bare', { reqPerSec: 20_000 })]));
    expect(text).not.toContain('UNDELIVERED');
  });

  it("gives the bare endpoint's p99 at each gateway's half-of-peak rate beside the gateway's", () => {
    const text = report(
      bench([
        row('gateway-sqlite', { reqPerSec: 9_000 }),
        row('gateway-pg', { reqPerSec: 8_000 }),
        row('bare', { reqPerSec: 20_000 }),
        row('gateway-sqlite', { rate: 4_500, p99: 12, roundsP99: [12, 9, 14], sendLagP99: 2 }),
        row('bare', { rate: 4_500, p99: 4.5 }),
        row('gateway-pg', { rate: 4_000, p99: 9, sendLagP99: 2.5 }),
        row('bare', { rate: 4_000, p99: 3.9 }),
      ]),
    );
    expect(text).toContain(
      'MISS gateway-sqlite: p99 ≤ 10 ms at half of peak: 12 ms at 4500 req/s (rounds: 12, 9, 14 ms; ' +
        'the generator sent p99 2 ms late; the bare endpoint at that rate: p99 4.5 ms)',
    );
    expect(text).toContain(
      'ok   gateway-pg: p99 ≤ 10 ms at half of peak: 9 ms at 4000 req/s (rounds: 9 ms; ' +
        'the generator sent p99 2.5 ms late; the bare endpoint at that rate: p99 3.9 ms)',
    );
  });

  it('names the variables the gateway ran with, and none when it had none', () => {
    const base = bench([row('gateway-sqlite'), row('bare', { reqPerSec: 20_000 })]);
    const withEnv = { ...base, options: { ...base.options, gatewayEnv: { SYNC_MODE: 'pool' } } };
    expect(report(withEnv)).toContain('; gateway env SYNC_MODE=pool');
    expect(report(base)).not.toContain('gateway env');
  });
});
