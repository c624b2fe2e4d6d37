import { Fifo } from './fifo.js';
import { freshClaim, type ClaimedEvent, type OutboxEntry } from './outbox.js';

/**
 * Events this process has just committed, kept in memory so the forwarder takes them without
 * reading them back: claiming them from the database (an UPDATE … RETURNING of every row and
 * its payload) cost as much as storing them. They are written already leased to this process
 * (a batch row, pg-batches.ts), so no other claimer sees them; what the forwarder never
 * settles (crash, storage error) reaches the table once that lease runs out, and what is let
 * go of here (held pixel, or taken too late) the caller writes to the table itself.
 */
export class HandOff {
  private readonly rows = new Fifo<ClaimedEvent>();

  constructor(
    private readonly leaseMs: number,
    /** Bounds memory (about 1.3 KB per event); rows past it are written unleased instead. */
    private readonly capacity = 10_000,
  ) {}

  /** How many of the next appended rows to write leased and keep here. */
  room(): number {
    return Math.max(0, this.capacity - this.rows.size);
  }

  /** Called after the commit, with the ids the database gave the rows. */
  add(entries: readonly OutboxEntry[], ids: readonly number[], createdAt: number): void {
    for (let i = 0; i < entries.length; i++)
      this.rows.push(freshClaim(entries[i]!, ids[i]!, createdAt));
  }

  /**
   * Up to `limit` rows, oldest first. Rows of held pixels, and rows with less than half of
   * their lease left (a delivery outliving the lease could be sent twice), are let go (into
   * `letGo`, when given): the database hands them out when their lease ends.
   */
  take(
    limit: number,
    now: number,
    held: readonly string[],
    letGo?: ClaimedEvent[],
  ): ClaimedEvent[] {
    const out: ClaimedEvent[] = [];
    const skip = held.length > 0 ? new Set(held) : undefined;
    const freshAfter = now - this.leaseMs / 2;
    while (out.length < limit && this.rows.size > 0) {
      const row = this.rows.shift()!;
      if (row.createdAt >= freshAfter && !skip?.has(row.pixelId)) out.push(row);
      else letGo?.push(row);
    }
    return out;
  }

  /** Lets go of a pixel's rows created before `before` (their events expired while held). */
  drop(pixelId: string, before: number): ClaimedEvent[] {
    return this.rows.removeWhere((r) => r.pixelId === pixelId && r.createdAt < before);
  }
}
