/**
 * The outbox: events wait here a few milliseconds so that a burst (init + PageView + a custom
 * event) travels as one message per pixel, then stay until the gateway acknowledges them.
 */
import { IDLE, type BrowserEvent, type Message } from './types';
import { safe } from './util';

const BATCH_MS = 5;
/** Keeps every body well under the 64 KiB that sendBeacon and keepalive fetch accept. */
const MAX_EVENTS = 20;
/** A page left open for hours with the gateway down must not grow without bound. */
const MAX_PENDING = 500;

export class Outbox {
  /** Unacknowledged messages, in seq order (a Map keeps insertion order). */
  readonly pending = new Map<number, Message>();
  private buffer: [string, BrowserEvent][] = [];
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `ready` is told whenever new messages are waiting to be sent. */
  constructor(private readonly ready: () => void) {}

  add(pixelId: string, event: BrowserEvent): void {
    this.buffer.push([pixelId, event]);
    this.timer ??= setTimeout(
      safe(() => {
        this.flush();
        this.ready();
      }),
      BATCH_MS,
    );
  }

  /** Turns buffered events into messages now (also called when the page is being hidden). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const byPixel = new Map<string, BrowserEvent[]>();
    for (const [pixelId, event] of this.buffer.splice(0)) {
      const list = byPixel.get(pixelId) ?? [];
      list.push(event);
      byPixel.set(pixelId, list);
    }
    for (const [pixel_id, events] of byPixel) {
      for (let i = 0; i < events.length; i += MAX_EVENTS) {
        const seq = ++this.seq;
        const chunk = events.slice(i, i + MAX_EVENTS);
        this.pending.set(seq, { seq, pixel_id, events: chunk, via: IDLE, sentAt: 0 });
      }
    }
    for (const seq of this.pending.keys()) {
      if (this.pending.size <= MAX_PENDING) break;
      this.pending.delete(seq);
    }
  }

  /** Acknowledged, or refused for good: either way it must not be sent again. */
  settle(seq: number): void {
    this.pending.delete(seq);
  }
}

/** The HTTP body for a message: the same shape `POST /events` and the beacon accept. */
export function httpBody(m: Message): string {
  return JSON.stringify({ pixel_id: m.pixel_id, events: m.events });
}
