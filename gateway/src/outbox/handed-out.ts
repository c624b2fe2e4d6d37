import { Fifo } from './fifo.js';

/** A row handed out under a lease; `leaseUntil` is 0 once it is no longer handed out. */
export interface Leased {
  readonly id: number;
  leaseUntil: number;
}

/**
 * The fast lane's rows handed out and not settled, by id and in the order handed out, without a
 * Map: a Map of a few thousand rows, one insertion and one deletion per event, rebuilt its table
 * every few thousand events, and those tables lived long enough to be promoted to V8's old
 * generation, a fifth of all it took in. A row sits in the slot of its id modulo the slot count
 * (ids are consecutive); a row whose slot is taken, by one held for a whole lap, goes to a Map.
 */
export class HandedOut<T extends Leased> {
  private readonly slots: (T | undefined)[];
  private readonly spill = new Map<number, T>();
  /** In the order handed out, so the oldest lease ends first; rows no longer here are skipped. */
  private readonly order = new Fifo<T>();
  private count = 0;

  constructor(private readonly slotCount = 1 << 14) {
    this.slots = Array.from({ length: slotCount }, () => undefined);
  }

  get size(): number {
    return this.count;
  }

  add(row: T, leaseUntil: number): void {
    row.leaseUntil = leaseUntil;
    const i = row.id % this.slotCount;
    if (this.slots[i] === undefined) this.slots[i] = row;
    else this.spill.set(row.id, row);
    this.order.push(row);
    this.count++;
    // Rows settled while an older one is still out wait in `order` until it comes to the front.
    if (this.order.size > 4 * this.slotCount) this.order.removeWhere((r) => r.leaseUntil === 0);
  }

  /** Takes the row out if it is here. */
  remove(id: number): T | undefined {
    const i = id % this.slotCount;
    let row = this.slots[i];
    if (row?.id === id) this.slots[i] = undefined;
    else {
      row = this.spill.get(id);
      if (!row) return undefined;
      this.spill.delete(id);
    }
    row.leaseUntil = 0;
    this.count--;
    // Let go of settled rows at the front now, not at the next hand-out: held until then (a
    // quarter of a second under load), the rows lived long enough to be promoted.
    while (this.order.peek()?.leaseUntil === 0) this.order.shift();
    return row;
  }

  /** Takes out up to `limit` rows whose lease ended by `now`, oldest first. */
  lapsed(now: number, limit: number): T[] {
    const out: T[] = [];
    for (let row = this.order.peek(); row && out.length < limit; row = this.order.peek()) {
      if (row.leaseUntil !== 0 && row.leaseUntil > now) break;
      this.order.shift();
      if (row.leaseUntil !== 0) out.push(this.remove(row.id)!);
    }
    return out;
  }

  /** Takes out every row, in the order handed out. */
  takeAll(): T[] {
    const rows = this.order.removeWhere(() => true).filter((r) => r.leaseUntil !== 0);
    for (const r of rows) this.remove(r.id);
    return rows;
  }
}
