import { describe, expect, it } from 'vitest';
import { pairedRatio, summarize, turnOrder } from './rounds.js';
import type { Row } from './scenario.js';

const run = (reqPerSec: number, more: Partial<Row> = {}): Row => ({
  target: 'gateway-sqlite',
  transport: 'http',
  events: 1,
  reqPerSec,
  eventsPerSec: reqPerSec,
  p50: 1,
  p99: 5,
  graphPer1k: 1,
  peakRssMb: 100,
  cpuUsPerReq: 200,
  otherCores: 0,
  failed: 0,
  statuses: { '202': reqPerSec },
  undelivered: 0,
  ...more,
});

describe('benchmark rounds', () => {
  it('reports the median round, the median p99, the highest RSS and every failure or undelivered event', () => {
    const row = summarize([
      run(3000, { p50: 3, p99: 40, peakRssMb: 150 }),
      run(5000, { p50: 2, p99: 9, failed: 2, statuses: { '202': 5000, '503': 2 } }),
      run(4000, { p50: 2.5, p99: 12, peakRssMb: 160, undelivered: 3 }),
    ]);
    expect(row.reqPerSec).toBe(4000);
    expect(row.p50).toBe(2.5);
    expect(row.p99).toBe(12);
    expect(row.peakRssMb).toBe(160);
    expect(row.failed).toBe(2);
    expect(row.statuses).toEqual({ '202': 12000, '503': 2 });
    expect(row.undelivered).toBe(3);
    expect(row.roundsReqPerSec).toEqual([3000, 5000, 4000]);
    expect(row.roundsP99).toEqual([40, 9, 12]);
  });

  it('pairs neighbouring runs, so a machine that slows down slows both sides of a ratio', () => {
    // The machine halves its pace after the first round: each pair still reads 50 %.
    expect(pairedRatio([4000, 2000, 2000], [8000, 4000, 4000])).toBe(0.5);
    // Medians taken apart would read 2000 / 4000 as well here, but not when the drift is uneven.
    expect(pairedRatio([4000, 2100, 1000], [8000, 4000, 2200])).toBeCloseTo(0.5, 1);
  });

  it('rotates the order, so no server always runs first', () => {
    expect(turnOrder(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(turnOrder(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(turnOrder(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
  });
});
