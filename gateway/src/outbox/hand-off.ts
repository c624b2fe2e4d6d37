import type { OutboxEntry } from './outbox.js';
import type { EncodedPayloads } from './pg-batches.js';
import { RingQueue, type RingRow } from './ring-row.js';

/**
 * Events this process has just committed, kept in memory so the forwarder takes them without
 * reading them back: claiming them from the database (an UPDATE … RETURNING of every row and
 * its payload) cost as much as storing them. They are written already leased to this process
 * (a batch row, pg-batches.ts), so no other claimer sees them; what the forwarder never
 * settles (crash, storage error) reaches the table once that lease runs out, and what is let
 * go of here (held pixel, or taken too late) the caller writes to the table itself.
 *
 * As in the SQLite outbox's fast lane, waiting rows are columns (waiting-rows.ts) and their
 * payloads bytes in a ring (byte-ring.ts): a row object and payload string per event, waiting
 * for its batch of 1,000, survived young collections (3-4 ms each at half of peak against
 * 1.5-2 ms on SQLite) and were promoted, bringing a full collection every 10-15 s.
 */
export class HandOff {
  private readonly waiting: RingQueue;

  constructor(
    private readonly leaseMs: number,
    /** Bounds memory (about 1.3 KB per event); rows past it are written unleased instead. */
    private readonly capacity = 10_000,
    /** The payloads' ring: 10,000 events of 800 bytes; a row past it keeps its payload as text. */
    ringBytes = 8 * 1024 * 1024,
  ) {
    this.waiting = new RingQueue(capacity, ringBytes);
  }

  /** How many of the next appended rows to write leased and keep here. */
  room(): number {
    return Math.max(0, this.capacity - this.waiting.size);
  }

  /**
   * Called after the commit, with the ids the database gave the rows and their payloads as
   * they were sent, whose bytes are copied into the ring.
   */
  add(
    entries: readonly OutboxEntry[],
    ids: readonly number[],
    createdAt: number,
    payloads: EncodedPayloads,
  ): void {
    let start = 0;
    for (let i = 0; i < entries.length; i++) {
      const end = payloads.ends[i]!;
      const ticket = this.waiting.ring.write(payloads.bytes, start, end);
      this.waiting.push(ids[i]!, entries[i]!, createdAt, ticket);
      start = end + 1;
    }
  }

  /**
   * Up to `limit` rows, oldest first. Rows of held pixels, and rows with less than half of
   * their lease left (a delivery outliving the lease could be sent twice), are let go (into
   * `letGo`, when given, their payloads as text): the database hands them out when their lease
   * ends. A row taken keeps its bytes in the ring until it is settled (`RingRow.settle`).
   */
  take(limit: number, now: number, held: readonly string[], letGo?: RingRow[]): RingRow[] {
    const out: RingRow[] = [];
    const skip = held.length > 0 ? new Set(held) : undefined;
    const freshAfter = now - this.leaseMs / 2;
    while (out.length < limit && this.waiting.size > 0) {
      const row = this.waiting.shift()!;
      if (row.createdAt >= freshAfter && !skip?.has(row.pixelId)) out.push(row);
      else letGo?.push(row.detach()); // the ring's bytes are free either way
    }
    return out;
  }

  /** Lets go of a pixel's rows created before `before` (their events expired while held). */
  drop(pixelId: string, before: number): RingRow[] {
    return this.waiting.removeWhere((pixel, at) => pixel === pixelId && at < before);
  }
}
