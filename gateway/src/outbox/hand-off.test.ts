import { describe, expect, it } from 'vitest';
import { HandOff } from './hand-off.js';
import type { ClaimedEvent } from './outbox.js';

const entry = (pixelId = '1') => ({ pixelId, accountId: 'acc', eventName: 'E', payload: '{}' });

describe('HandOff', () => {
  it('hands out stored rows oldest first, each once', () => {
    const h = new HandOff(30_000);
    h.add([entry(), entry(), entry()], [1, 2, 3], 1000);
    expect(h.take(2, 1000, []).map((r) => r.id)).toEqual([1, 2]);
    expect(h.take(10, 1000, []).map((r) => r.id)).toEqual([3]);
    expect(h.take(10, 1000, [])).toEqual([]);
  });

  it('lets go of held pixels and of rows with less than half their lease left', () => {
    const h = new HandOff(10_000);
    h.add([entry('1'), entry('2')], [1, 2], 1000);
    h.add([entry('1')], [3], 6000);
    // At 7000, rows made at 1000 have 4 s of 10 s left: the database takes them at 11000.
    const letGo: ClaimedEvent[] = [];
    expect(h.take(10, 7000, ['2'], letGo).map((r) => r.id)).toEqual([3]);
    expect(letGo.map((r) => r.id)).toEqual([1, 2]);
    expect(h.take(10, 7000, [])).toEqual([]);
  });

  it('forgets the rows of a pixel whose events expired', () => {
    const h = new HandOff(30_000);
    h.add([entry('1'), entry('2'), entry('1')], [1, 2, 3], 1000);
    h.add([entry('1')], [4], 2000);
    expect(h.drop('1', 1500).map((r) => r.id)).toEqual([1, 3]);
    expect(h.take(10, 2000, []).map((r) => r.id)).toEqual([2, 4]);
  });

  it('keeps no more rows than its capacity', () => {
    const h = new HandOff(30_000, 3);
    expect(h.room()).toBe(3);
    h.add([entry(), entry()], [1, 2], 1000);
    expect(h.room()).toBe(1);
    h.take(1, 1000, []);
    expect(h.room()).toBe(2);
  });
});
