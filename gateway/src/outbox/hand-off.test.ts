import { describe, expect, it } from 'vitest';
import { HandOff } from './hand-off.js';
import type { OutboxEntry } from './outbox.js';
import { encodePayloads } from './pg-batches.js';
import type { RingRow } from './ring-row.js';

const entry = (pixelId = '1') => ({ pixelId, accountId: 'acc', eventName: 'E', payload: '{}' });

/** Adds entries as the outbox does: with their payloads encoded as they were sent. */
const add = (h: HandOff, entries: OutboxEntry[], ids: number[], at: number) =>
  h.add(entries, ids, at, encodePayloads(entries));

describe('HandOff', () => {
  it('hands out stored rows oldest first, each once', () => {
    const h = new HandOff(30_000);
    add(h, [entry(), entry(), entry()], [1, 2, 3], 1000);
    expect(h.take(2, 1000, []).map((r) => r.id)).toEqual([1, 2]);
    expect(h.take(10, 1000, []).map((r) => r.id)).toEqual([3]);
    expect(h.take(10, 1000, [])).toEqual([]);
  });

  it('lets go of held pixels and of rows with less than half their lease left', () => {
    const h = new HandOff(10_000);
    add(h, [entry('1'), entry('2')], [1, 2], 1000);
    add(h, [entry('1')], [3], 6000);
    // At 7000, rows made at 1000 have 4 s of 10 s left: the database takes them at 11000.
    const letGo: RingRow[] = [];
    expect(h.take(10, 7000, ['2'], letGo).map((r) => r.id)).toEqual([3]);
    expect(letGo.map((r) => r.id)).toEqual([1, 2]);
    expect(h.take(10, 7000, [])).toEqual([]);
  });

  it('forgets the rows of a pixel whose events expired', () => {
    const h = new HandOff(30_000);
    add(h, [entry('1'), entry('2'), entry('1')], [1, 2, 3], 1000);
    add(h, [entry('1')], [4], 2000);
    expect(h.drop('1', 1500).map((r) => r.id)).toEqual([1, 3]);
    expect(h.take(10, 2000, []).map((r) => r.id)).toEqual([2, 4]);
  });

  it('keeps no more rows than its capacity', () => {
    const h = new HandOff(30_000, 3);
    expect(h.room()).toBe(3);
    add(h, [entry(), entry()], [1, 2], 1000);
    expect(h.room()).toBe(1);
    h.take(1, 1000, []);
    expect(h.room()).toBe(2);
  });

  it('hands payloads out as bytes, and reuses their room once they are settled', () => {
    const h = new HandOff(30_000, 100, 1024);
    const payload = (n: number) => JSON.stringify({ event_id: `e${n}`, note: 'é'.repeat(100) });
    for (let round = 0; round < 20; round++) {
      const entries = [0, 1, 2].map((i) => ({ ...entry(), payload: payload(3 * round + i) }));
      add(
        h,
        entries,
        [1, 2, 3].map((i) => 3 * round + i),
        1000,
      );
      const taken = h.take(10, 1000, []);
      expect(taken.map((r) => Buffer.from(r.payloadBytes!).toString())).toEqual(
        entries.map((e) => e.payload),
      );
      for (const r of taken) r.settle();
    }
  });

  it('keeps a payload as text when the ring has no room, and gives let-go rows their text', () => {
    const h = new HandOff(10_000, 100, 256);
    const big = { ...entry('1'), payload: JSON.stringify({ note: 'x'.repeat(200) }) };
    add(h, [big, big], [1, 2], 1000); // the second does not fit beside the first
    const letGo: RingRow[] = [];
    const [first] = h.take(1, 1000, []);
    const [second] = h.take(1, 1000, []);
    expect(first!.payloadBytes).toBeDefined();
    expect(second!.payloadBytes).toBeUndefined();
    expect(second!.payload).toBe(big.payload);
    first!.settle();
    add(h, [{ ...entry('2'), payload: '{"a":1}' }], [3], 1000);
    add(h, [{ ...big, payload: JSON.stringify({ note: 'y'.repeat(200) }) }], [4], 1000);
    expect(h.take(10, 1000, ['2'], letGo).map((r) => r.payload)).toEqual([
      JSON.stringify({ note: 'y'.repeat(200) }),
    ]);
    expect(letGo.map((r) => r.payload)).toEqual(['{"a":1}']);
  });
});
