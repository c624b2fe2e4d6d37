import { describe, expect, it } from 'vitest';
import { HandedOut, type Leased } from './handed-out.js';

const row = (id: number): Leased => ({ id, leaseUntil: 0 });
const ids = (rows: Leased[]) => rows.map((r) => r.id);

describe('HandedOut', () => {
  it('finds each row by id once, its slot shared or not', () => {
    const out = new HandedOut<Leased>(4);
    const rows = [1, 2, 5, 9].map(row); // 1, 5 and 9 share a slot
    for (const r of rows) out.add(r, 100);
    expect(out.size).toBe(4);
    expect(out.remove(5)).toBe(rows[2]);
    expect(out.remove(5)).toBeUndefined();
    expect(out.remove(9)).toBe(rows[3]);
    expect(out.remove(1)).toBe(rows[0]);
    expect(out.remove(3)).toBeUndefined();
    expect(out.size).toBe(1);
  });

  it('gives back lapsed leases oldest first, skipping rows settled meanwhile', () => {
    const out = new HandedOut<Leased>(4);
    out.add(row(1), 100);
    out.add(row(2), 100);
    out.add(row(3), 200);
    out.remove(1);
    expect(ids(out.lapsed(150, 10))).toEqual([2]);
    expect(ids(out.lapsed(150, 10))).toEqual([]);
    expect(out.size).toBe(1);
    expect(ids(out.lapsed(250, 10))).toEqual([3]);
    expect(out.size).toBe(0);
  });

  it('takes out every row still handed out, and only those', () => {
    const out = new HandedOut<Leased>(4);
    for (const id of [1, 2, 3, 7]) out.add(row(id), 100);
    out.remove(2);
    expect(ids(out.takeAll())).toEqual([1, 3, 7]);
    expect(out.size).toBe(0);
    expect(out.remove(7)).toBeUndefined();
    out.add(row(8), 100);
    expect(ids(out.lapsed(100, 10))).toEqual([8]);
  });

  it('keeps an old row out through the clean-up of the rows settled behind it', () => {
    const out = new HandedOut<Leased>(2);
    out.add(row(0), 1000); // held a long time
    for (let id = 1; id < 40; id++) {
      out.add(row(id), 100);
      out.remove(id);
    }
    expect(out.size).toBe(1);
    expect(ids(out.lapsed(2000, 100))).toEqual([0]);
  });

  it('lets go of rows settled in hand-out order at once, not at the next hand-out', () => {
    const out = new HandedOut<Leased>(8);
    for (const id of [1, 2, 3]) out.add(row(id), 100);
    // What the index still references (memory, not behaviour: a held row is promoted by V8).
    const referenced = () => (out as unknown as { order: { size: number } }).order.size;
    out.remove(2);
    expect(referenced()).toBe(3); // 1 is still out, in front of 2
    out.remove(1);
    expect(referenced()).toBe(1);
    out.remove(3);
    expect(referenced()).toBe(0);
  });
});
