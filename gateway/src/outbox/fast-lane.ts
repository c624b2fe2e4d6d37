import { HandedOut } from './handed-out.js';
import type { Appended } from './journal.js';
import { OFF_TABLE_IDS, type ClaimedEvent, type OutboxEntry } from './outbox.js';
import { RingQueue, type RingRow } from './ring-row.js';

/** Ids of journal rows: a journal sequence number plus this. */
export const JOURNAL_IDS = OFF_TABLE_IDS;

/**
 * The journal's rows waiting for the forwarder, kept in memory: they are handed out from here
 * and never read back from disk while the process lives. A row handed out and not settled
 * within the lease (its delivery died) is handed out again, as a lapsed lease in the outbox
 * table would be. Rows of held pixels are given back for the caller to park in the table,
 * where they wait for a new token without pinning their segment on disk.
 */
export class FastLane {
  private readonly waiting: RingQueue;
  /** Handed out, not settled yet. */
  private readonly taken = new HandedOut<RingRow>();

  constructor(
    private readonly leaseMs: number,
    /** Bounds memory (about 1.3 KB per event); the outbox writes the rest to its table. */
    private readonly capacity = 10_000,
    /** The payloads' ring: 10,000 events of 800 bytes; a row past it keeps its payload as text. */
    ringBytes = 8 * 1024 * 1024,
  ) {
    this.waiting = new RingQueue(capacity, ringBytes);
  }

  /** How many of the next appended rows may take the fast path. */
  room(): number {
    return Math.max(0, this.capacity - this.waiting.size - this.taken.size);
  }

  /** Rows the journal just wrote (`written` says where), created at `createdAt`. */
  push(entries: readonly OutboxEntry[], written: Appended, createdAt: number): void {
    const { firstSeq, bytes, spans } = written;
    for (let i = 0; i < entries.length; i++) {
      const ticket = this.waiting.ring.write(bytes, spans[2 * i]!, spans[2 * i + 1]!);
      this.waiting.push(JOURNAL_IDS + firstSeq + i, entries[i]!, createdAt, ticket);
    }
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
    const lapsed = this.taken.lapsed(now, limit);
    let l = 0;
    while (rows.length < limit && (l < lapsed.length || this.waiting.size > 0)) {
      const row = l < lapsed.length ? lapsed[l++]! : this.waiting.shift()!;
      if (skip?.has(row.pixelId)) parked.push(row.detach());
      else {
        rows.push(row);
        this.taken.add(row, now + this.leaseMs);
      }
    }
    return { rows, parked };
  }

  /**
   * Rows settled by the forwarder: the ones still handed out (each is released once). Their
   * payloads stay readable until the next push, for the caller moving them to the table.
   */
  release(ids: readonly number[]): ClaimedEvent[] {
    const out: ClaimedEvent[] = [];
    for (const id of ids) {
      const row = this.taken.remove(id);
      if (!row) continue;
      row.settle();
      out.push(row);
    }
    return out;
  }

  /** Takes out the waiting rows of a pixel created before `before` (expired while held). */
  drop(pixelId: string, before: number): ClaimedEvent[] {
    return this.waiting.removeWhere((pixel, at) => pixel === pixelId && at < before);
  }

  /** Everything still here, handed out or waiting; the lane is empty afterwards. */
  takeAll(): ClaimedEvent[] {
    return [
      ...this.taken.takeAll().map((r) => r.detach()),
      ...this.waiting.removeWhere(() => true),
    ];
  }
}
