import { ByteRing } from './byte-ring.js';
import type { ClaimedEvent, OutboxEntry } from './outbox.js';
import { WaitingRows, type RowMaker } from './waiting-rows.js';

/**
 * A row handed out of memory (the SQLite outbox's fast lane, the PostgreSQL outbox's hand-off),
 * its payload's bytes in a ring (byte-ring.ts) rather than in a string: a payload string
 * waiting for its batch was promoted to V8's old generation (about 1 KB an event), and promoted
 * payloads brought a full collection every few seconds; on a one-core server its marking held
 * requests for 25-60 ms each time. A row is an object only from its hand-out on
 * (waiting-rows.ts holds the ones waiting).
 */
export class RingRow implements ClaimedEvent {
  readonly attempts = 0;
  /** While handed out of the lane: when the lease ends (0 otherwise). */
  leaseUntil = 0;

  constructor(
    readonly id: number,
    readonly pixelId: string,
    readonly accountId: string,
    readonly eventName: string,
    readonly createdAt: number,
    private readonly ring: ByteRing,
    /** The payload's bytes in the ring; -1 once it keeps text. */
    private ticket: number,
    /** The payload as text instead, when the ring had no room or the row left memory early. */
    private text: string | undefined,
  ) {}

  /** Decoded on each read: only the rare paths (parking in the table, giving up) read text. */
  get payload(): string {
    return this.text ?? this.ring.text(this.ticket);
  }

  get payloadBytes(): Uint8Array | undefined {
    return this.text === undefined ? this.ring.bytes(this.ticket) : undefined;
  }

  /** Settled: the ring may reuse its bytes from its next write on. */
  settle(): void {
    this.ring.release(this.ticket);
  }

  /** Leaves memory for the table or an error record: the text goes with it, the ring is free. */
  detach(): this {
    if (this.text === undefined) {
      this.text = this.ring.text(this.ticket);
      this.ring.release(this.ticket);
      this.ticket = -1;
    }
    return this;
  }
}

/**
 * Rows waiting in memory, oldest first, as columns (waiting-rows.ts) with their payloads' bytes
 * in a ring: what the fast lane and the hand-off both keep. A row becomes a RingRow on leaving.
 */
export class RingQueue {
  /** The payloads' bytes: the owner writes each row's payload here before pushing it. */
  readonly ring: ByteRing;
  private readonly waiting: WaitingRows;
  private readonly names = new EventNames();
  private readonly makeRow: RowMaker<RingRow> = (id, pixel, account, name, at, ticket, text) =>
    new RingRow(id, pixel, account, name, at, this.ring, ticket, text);

  constructor(capacity: number, ringBytes: number) {
    this.ring = new ByteRing(ringBytes);
    this.waiting = new WaitingRows(capacity);
  }

  get size(): number {
    return this.waiting.size;
  }

  /** Adds a row whose payload is in the ring at `ticket`, or (-1) keeps the entry's text. */
  push(id: number, e: OutboxEntry, createdAt: number, ticket: number): void {
    const text = ticket < 0 ? e.payload : undefined;
    this.waiting.push(
      id,
      e.pixelId,
      e.accountId,
      this.names.intern(e.eventName),
      createdAt,
      ticket,
      text,
    );
  }

  /** The oldest row; undefined when none waits. */
  shift(): RingRow | undefined {
    return this.waiting.shift(this.makeRow);
  }

  /** Takes out the rows `pick` chooses, their payloads as text (the ring's bytes are free). */
  removeWhere(pick: (pixelId: string, createdAt: number) => boolean): RingRow[] {
    return this.waiting.removeWhere(pick, this.makeRow).map((r) => r.detach());
  }
}

/** One string per event name: a request's own copy would live as long as its row waits. */
class EventNames {
  private readonly names = new Map<string, string>();

  intern(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    if (this.names.size >= 1000) this.names.clear(); // custom event names have no bound
    this.names.set(name, name);
    return name;
  }
}
