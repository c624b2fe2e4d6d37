import { Fifo } from './fifo.js';
import { freshClaim, type ClaimedEvent, type OutboxEntry } from './outbox.js';

/** Ids of journal rows: a journal sequence number plus this, far above any table id. */
export const JOURNAL_IDS = 2 ** 50;
export const isJournalId = (id: number) => id >= JOURNAL_IDS;

/**
 * The journal's rows waiting for the forwarder, kept in memory: they are handed out from here
 * and never read back from disk while the process lives. A row handed out and not settled
 * within the lease (its delivery died) is handed out again, as a lapsed lease in the outbox
 * table would be. Rows of held pixels are given back for the caller to park in the table,
 * where they wait for a new token without pinning their segment on disk.
 */
export class FastLane {
  private readonly queue = new Fifo<ClaimedEvent>();
  /** Handed out, not settled yet, in the order handed out (so the oldest lease ends first). */
  private readonly taken = new Map<number, { row: ClaimedEvent; until: number }>();

  constructor(
    private readonly leaseMs: number,
    /** Bounds memory (about 1.3 KB per event); the outbox writes the rest to its table. */
    private readonly capacity = 10_000,
  ) {}

  /** How many of the next appended rows may take the fast path. */
  room(): number {
    return Math.max(0, this.capacity - this.queue.size - this.taken.size);
  }

  push(entries: readonly OutboxEntry[], seqs: readonly number[], createdAt: number): void {
    for (let i = 0; i < entries.length; i++)
      this.queue.push(freshClaim(entries[i]!, JOURNAL_IDS + seqs[i]!, createdAt));
  }

  /** Up to `limit` rows, lapsed ones first; `parked`: rows of held pixels, no longer here. */
  take(
    limit: number,
    now: number,
    held: readonly string[],
  ): { rows: ClaimedEvent[]; parked: ClaimedEvent[] } {
    const rows: ClaimedEvent[] = [];
    const parked: ClaimedEvent[] = [];
    const skip = held.length > 0 ? new Set(held) : undefined;
    const lapsed: ClaimedEvent[] = [];
    for (const [id, t] of this.taken) {
      if (t.until > now || lapsed.length >= limit) break;
      this.taken.delete(id);
      lapsed.push(t.row);
    }
    let l = 0;
    while (rows.length < limit && (l < lapsed.length || this.queue.size > 0)) {
      const row = l < lapsed.length ? lapsed[l++]! : this.queue.shift()!;
      if (skip?.has(row.pixelId)) parked.push(row);
      else {
        rows.push(row);
        this.taken.set(row.id, { row, until: now + this.leaseMs });
      }
    }
    return { rows, parked };
  }

  /** Rows settled by the forwarder: the ones still handed out (each is released once). */
  release(ids: readonly number[]): ClaimedEvent[] {
    const out: ClaimedEvent[] = [];
    for (const id of ids) {
      const t = this.taken.get(id);
      if (!t) continue;
      this.taken.delete(id);
      out.push(t.row);
    }
    return out;
  }

  /** Takes out the waiting rows of a pixel created before `before` (expired while held). */
  drop(pixelId: string, before: number): ClaimedEvent[] {
    return this.queue.removeWhere((r) => r.pixelId === pixelId && r.createdAt < before);
  }

  /** Everything still here, handed out or waiting; the lane is empty afterwards. */
  takeAll(): ClaimedEvent[] {
    const all = [...this.taken.values()].map((t) => t.row);
    this.taken.clear();
    return [...all, ...this.queue.removeWhere(() => true)];
  }
}
