import { ByteRing, type RingSpan } from './byte-ring.js';
import { Fifo } from './fifo.js';
import { HandedOut } from './handed-out.js';
import type { Appended } from './journal.js';
import type { ClaimedEvent, OutboxEntry } from './outbox.js';

/** Ids of journal rows: a journal sequence number plus this, far above any table id. */
export const JOURNAL_IDS = 2 ** 50;
export const isJournalId = (id: number) => id >= JOURNAL_IDS;

/**
 * A journal row in memory, its payload's bytes in the lane's ring (byte-ring.ts) rather than in
 * a string: a row waits here for its batch long enough for a string to be promoted to V8's old
 * generation, and promoted payloads (about 1 KB an event) brought a full collection every few
 * seconds; on a one-core server its marking held requests for 25-60 ms each time.
 */
class LaneRow implements ClaimedEvent, RingSpan {
  readonly attempts = 0;
  /** While handed out: when the lease ends (0 otherwise). */
  leaseUntil = 0;
  start = -1;
  end = -1;
  done = false;
  /** The payload as text instead, when the ring had no room or the row left the lane early. */
  private text: string | undefined;

  constructor(
    readonly id: number,
    readonly pixelId: string,
    readonly accountId: string,
    readonly eventName: string,
    readonly createdAt: number,
    private readonly ring: ByteRing<LaneRow>,
  ) {}

  /** Decoded on each read: only the rare paths (parking in the table, giving up) read text. */
  get payload(): string {
    return this.text ?? this.ring.text(this);
  }

  get payloadBytes(): Uint8Array | undefined {
    return this.text === undefined ? this.ring.bytes(this) : undefined;
  }

  keepText(payload: string): void {
    this.text = payload;
    this.done = true;
  }

  /** Leaves the lane for the table or an error record: the text goes with it, the ring is free. */
  detach(): this {
    if (this.text === undefined) this.keepText(this.payload);
    return this;
  }
}

/**
 * The journal's rows waiting for the forwarder, kept in memory: they are handed out from here
 * and never read back from disk while the process lives. A row handed out and not settled
 * within the lease (its delivery died) is handed out again, as a lapsed lease in the outbox
 * table would be. Rows of held pixels are given back for the caller to park in the table,
 * where they wait for a new token without pinning their segment on disk.
 */
export class FastLane {
  private readonly queue = new Fifo<LaneRow>();
  /** Handed out, not settled yet. */
  private readonly taken = new HandedOut<LaneRow>();
  private readonly ring: ByteRing<LaneRow>;

  constructor(
    private readonly leaseMs: number,
    /** Bounds memory (about 1.3 KB per event); the outbox writes the rest to its table. */
    private readonly capacity = 10_000,
    /** The payloads' ring: 10,000 events of 800 bytes; a row past it keeps its payload as text. */
    ringBytes = 8 * 1024 * 1024,
  ) {
    this.ring = new ByteRing(ringBytes);
  }

  /** How many of the next appended rows may take the fast path. */
  room(): number {
    return Math.max(0, this.capacity - this.queue.size - this.taken.size);
  }

  /** Rows the journal just wrote (`written` says where), created at `createdAt`. */
  push(entries: readonly OutboxEntry[], written: Appended, createdAt: number): void {
    const { firstSeq, bytes, spans } = written;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const row = new LaneRow(
        JOURNAL_IDS + firstSeq + i,
        e.pixelId,
        e.accountId,
        e.eventName,
        createdAt,
        this.ring,
      );
      if (!this.ring.write(bytes, spans[2 * i]!, spans[2 * i + 1]!, row)) row.keepText(e.payload);
      this.queue.push(row);
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
    while (rows.length < limit && (l < lapsed.length || this.queue.size > 0)) {
      const row = l < lapsed.length ? lapsed[l++]! : this.queue.shift()!;
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
      row.done = true;
      out.push(row);
    }
    return out;
  }

  /** Takes out the waiting rows of a pixel created before `before` (expired while held). */
  drop(pixelId: string, before: number): ClaimedEvent[] {
    return this.queue
      .removeWhere((r) => r.pixelId === pixelId && r.createdAt < before)
      .map((r) => r.detach());
  }

  /** Everything still here, handed out or waiting; the lane is empty afterwards. */
  takeAll(): ClaimedEvent[] {
    const all = [...this.taken.takeAll(), ...this.queue.removeWhere(() => true)];
    return all.map((r) => r.detach());
  }
}
