/**
 * One buffer, allocated once, holding the bytes of items that leave roughly in the order they
 * came: written at the head, reclaimed from the tail once every item before them is done too.
 * Items that stay long only hold up reuse; `write` then reports no room and the caller keeps
 * such an item some other way.
 *
 * Why not a Buffer per item: the fast lane's payloads wait a few hundred milliseconds for their
 * batch. As strings they were promoted to V8's old generation (about 1 KB an event); as Buffers
 * their memory counted as external and, with their owners promoted, was freed only by full
 * collections, which it then triggered every few seconds. Bytes here are neither.
 *
 * An item is named by its ticket, a number given out in order, and the ring keeps each live
 * item's place in typed arrays: holding bytes here makes no object per item (an object per
 * waiting event was itself promoted, the largest part of what the lane still sent there).
 */
export class ByteRing {
  private readonly buf: Buffer;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly done: Uint8Array;
  /** Tickets `oldest` up to (not including) `next` are live: written and not reclaimed. */
  private oldest = 0;
  private next = 0;
  private head = 0;

  constructor(
    readonly size: number,
    /** Live items at most, done ones held up by an older one included. */
    private readonly maxItems = 1 << 16,
  ) {
    this.buf = Buffer.allocUnsafeSlow(size);
    this.starts = new Int32Array(maxItems);
    this.ends = new Int32Array(maxItems);
    this.done = new Uint8Array(maxItems);
  }

  /** Copies `source[from, to)` in; its ticket, or -1 if there is no room. */
  write(source: Buffer, from: number, to: number): number {
    this.reclaim();
    if (this.next - this.oldest >= this.maxItems) return -1;
    const start = this.placeFor(to - from);
    if (start < 0) return -1;
    source.copy(this.buf, start, from, to); // no view per event, as set(subarray()) made
    const ticket = this.next++;
    const i = ticket % this.maxItems;
    this.starts[i] = start;
    this.ends[i] = this.head = start + (to - from);
    this.done[i] = 0;
    return ticket;
  }

  /** The owner is done with the item: its bytes stay readable until the ring writes again. */
  release(ticket: number): void {
    if (ticket >= this.oldest && ticket < this.next) this.done[ticket % this.maxItems] = 1;
  }

  /** A view of the item's bytes: valid until the item is done and the ring writes again. */
  bytes(ticket: number): Buffer {
    const i = this.checked(ticket);
    return this.buf.subarray(this.starts[i], this.ends[i]);
  }

  text(ticket: number): string {
    const i = this.checked(ticket);
    return this.buf.toString('utf8', this.starts[i], this.ends[i]);
  }

  /** Where `n` bytes fit, or -1. Live bytes run from the oldest item's start to the head. */
  private placeFor(n: number): number {
    if (this.oldest === this.next) {
      this.head = 0;
      return n <= this.size ? 0 : -1;
    }
    const tail = this.starts[this.oldest % this.maxItems]!;
    if (this.head >= tail) {
      // Live bytes in one piece: room after the head, else from the start up to the tail.
      if (this.head + n <= this.size) return this.head;
      return n < tail ? 0 : -1;
    }
    // Wrapped: live bytes at the end and at the start; the room is between head and tail.
    return this.head + n < tail ? this.head : -1;
  }

  private reclaim(): void {
    while (this.oldest < this.next && this.done[this.oldest % this.maxItems] === 1) this.oldest++;
  }

  private checked(ticket: number): number {
    if (ticket < this.oldest || ticket >= this.next) {
      // Only a row settled by one delivery and still held by another (its lease lapsed) gets here.
      throw new Error('These bytes were reclaimed: the item was done.');
    }
    return ticket % this.maxItems;
  }
}
