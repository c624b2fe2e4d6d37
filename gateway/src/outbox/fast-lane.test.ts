import { describe, expect, it } from 'vitest';
import { FastLane, JOURNAL_IDS } from './fast-lane.js';

const entry = (pixelId = '1') => ({ pixelId, accountId: 'acc', eventName: 'E', payload: '{}' });
const ids = (rows: { id: number }[]) => rows.map((r) => r.id - JOURNAL_IDS);

describe('FastLane', () => {
  it('hands out rows oldest first, each once while its lease runs', () => {
    const lane = new FastLane(30_000);
    lane.push([entry(), entry(), entry()], [0, 1, 2], 1000);
    expect(ids(lane.take(2, 1000, []).rows)).toEqual([0, 1]);
    expect(ids(lane.take(10, 1000, []).rows)).toEqual([2]);
    expect(lane.take(10, 1000, []).rows).toEqual([]);
  });

  it('hands a row out again once its lease lapses, and releases it once', () => {
    const lane = new FastLane(10_000);
    lane.push([entry(), entry()], [0, 1], 1000);
    const first = lane.take(10, 1000, []).rows;
    lane.release([first[1]!.id]);
    expect(ids(lane.take(10, 11_000, []).rows)).toEqual([0]);
    expect(ids(lane.release([first[0]!.id, first[0]!.id, first[1]!.id]))).toEqual([0]);
  });

  it('gives back the rows of held pixels for the table', () => {
    const lane = new FastLane(10_000);
    lane.push([entry('1'), entry('2'), entry('1')], [0, 1, 2], 1000);
    const { rows, parked } = lane.take(10, 1000, ['2']);
    expect(ids(rows)).toEqual([0, 2]);
    expect(ids(parked)).toEqual([1]);
    expect(lane.room()).toBe(10_000 - 2);
  });

  it('takes out the waiting rows of an expired pixel', () => {
    const lane = new FastLane(10_000);
    lane.push([entry('1'), entry('2')], [0, 1], 1000);
    lane.push([entry('1')], [2], 3000);
    expect(ids(lane.drop('1', 2000))).toEqual([0]);
    expect(ids(lane.take(10, 3000, []).rows)).toEqual([1, 2]);
  });

  it('counts waiting and handed-out rows against its capacity', () => {
    const lane = new FastLane(10_000, 3);
    lane.push([entry(), entry()], [0, 1], 1000);
    expect(lane.room()).toBe(1);
    const rows = lane.take(1, 1000, []).rows;
    expect(lane.room()).toBe(1);
    lane.release(rows.map((r) => r.id));
    expect(lane.room()).toBe(2);
  });
});
