// What the Graph stand-in remembers: requests, accepted events, counters and waiters. Kept apart
// from the HTTP layer so quiet mode (counters only) is one flag in one place.

export interface StandInBehaviour {
  /** Fraction of requests answered 500 (random). */
  failRate?: number;
  /** Fraction answered 429 with Retry-After: 1 and code 4. */
  throttleRate?: number;
  /** Delay before answering (to provoke client timeouts). */
  delayMs?: number;
  /** Every request answered 503. */
  outage?: boolean;
  /** These access tokens get 400 {"error":{"code":190,"type":"OAuthException",...}}. */
  invalidTokens?: string[];
}

export interface ReceivedEvent {
  pixelId: string;
  event: Record<string, any>;
  testEventCode?: string;
  receivedAt: number;
}

export interface StandInStats {
  requests: number;
  events: number;
  byStatus: Record<string, number>;
  /** Accepted events per pixel. */
  byPixel: Record<string, number>;
}

interface Waiter {
  n: number;
  pixelId?: string;
  resolve: (events: ReceivedEvent[]) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class StandInState {
  readonly requests: { pixelId: string; count: number; status: number; at: number }[] = [];
  private readonly received: ReceivedEvent[] = [];
  private counts: StandInStats = { requests: 0, events: 0, byStatus: {}, byPixel: {} };
  private readonly waiters = new Set<Waiter>();
  /** Bumped by reset(): a request still in flight from before it must not leak into the next test. */
  generation = 0;

  constructor(
    private readonly quiet: boolean,
    private readonly initial: StandInBehaviour,
    public behaviour: StandInBehaviour = { ...initial },
  ) {}

  record(pixelId: string, count: number, status: number): void {
    this.counts.requests++;
    this.counts.byStatus[status] = (this.counts.byStatus[status] ?? 0) + 1;
    if (!this.quiet) this.requests.push({ pixelId, count, status, at: Date.now() });
  }

  accept(pixelId: string, events: Record<string, unknown>[], testEventCode?: string): void {
    this.counts.events += events.length;
    this.counts.byPixel[pixelId] = (this.counts.byPixel[pixelId] ?? 0) + events.length;
    if (!this.quiet) {
      const receivedAt = Date.now();
      for (const event of events) {
        this.received.push(
          testEventCode
            ? { pixelId, event, testEventCode, receivedAt }
            : { pixelId, event, receivedAt },
        );
      }
    }
    for (const w of this.waiters) this.settle(w);
  }

  eventsFor(pixelId?: string): ReceivedEvent[] {
    return pixelId === undefined
      ? [...this.received]
      : this.received.filter((e) => e.pixelId === pixelId);
  }

  stats(): StandInStats {
    return structuredClone(this.counts);
  }

  private count(pixelId?: string): number {
    return pixelId === undefined ? this.counts.events : (this.counts.byPixel[pixelId] ?? 0);
  }

  private settle(w: Waiter): void {
    if (this.count(w.pixelId) < w.n) return;
    clearTimeout(w.timer);
    this.waiters.delete(w);
    w.resolve(this.eventsFor(w.pixelId)); // quiet mode: [] — callers there only need the wait
  }

  waitFor(n: number, pixelId: string | undefined, timeoutMs: number): Promise<ReceivedEvent[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        const scope = pixelId === undefined ? '' : ` for pixel ${pixelId}`;
        reject(
          new Error(
            `stand-in: waited ${timeoutMs} ms for ${n} events${scope}, got ${this.count(pixelId)}`,
          ),
        );
      }, timeoutMs);
      const w: Waiter = { n, pixelId, resolve, reject, timer };
      this.waiters.add(w);
      this.settle(w);
    });
  }

  reset(): void {
    this.generation++;
    this.requests.length = 0; // in place: callers hold references to these arrays
    this.received.length = 0;
    this.counts = { requests: 0, events: 0, byStatus: {}, byPixel: {} };
    this.behaviour = { ...this.initial };
  }

  close(): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('stand-in closed'));
    }
    this.waiters.clear();
  }
}
