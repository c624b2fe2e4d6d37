import { Fifo } from './fifo.js';

/** Where one item's bytes are in the ring, and whether its owner is done with them. */
export interface RingSpan {
  start: number;
  end: number;
  /** Set by the owner; the ring reuses the bytes from its next write on. */
  done: boolean;
}

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
 */
export class ByteRing<S extends RingSpan> {
  private readonly buf: Buffer;
  /** Items written and not reclaimed, oldest first. */
  private readonly live = new Fifo<S>();
  private head = 0;

  constructor(readonly size: number) {
    this.buf = Buffer.allocUnsafeSlow(size);
  }

  /** Copies `source[from, to)` in and records where in `span`; false if there is no room. */
  write(source: Buffer, from: number, to: number, span: S): boolean {
    this.reclaim();
    const start = this.placeFor(to - from);
    if (start < 0) return false;
    source.copy(this.buf, start, from, to); // no view per event, as set(subarray()) made
    span.start = start;
    span.end = start + (to - from);
    span.done = false;
    this.head = span.end;
    this.live.push(span);
    return true;
  }

  /** A view of the item's bytes: valid until the item is done and the ring writes again. */
  bytes(span: S): Buffer {
    return this.buf.subarray(this.checked(span), span.end);
  }

  text(span: S): string {
    return this.buf.toString('utf8', this.checked(span), span.end);
  }

  /** Where `n` bytes fit, or -1. Live bytes run from the oldest item's start to the head. */
  private placeFor(n: number): number {
    const oldest = this.live.peek();
    if (!oldest) {
      this.head = 0;
      return n <= this.size ? 0 : -1;
    }
    const tail = oldest.start;
    if (this.head >= tail) {
      // Live bytes in one piece: room after the head, else from the start up to the tail.
      if (this.head + n <= this.size) return this.head;
      return n < tail ? 0 : -1;
    }
    // Wrapped: live bytes at the end and at the start; the room is between head and tail.
    return this.head + n < tail ? this.head : -1;
  }

  private reclaim(): void {
    while (this.live.peek()?.done) this.live.shift()!.start = -1;
  }

  private checked(span: S): number {
    if (span.start < 0) {
      // Only a row settled by one delivery and still held by another (its lease lapsed) gets here.
      throw new Error('These bytes were reclaimed: the item was done.');
    }
    return span.start;
  }
}
