import type { CounterDelta, MetricsRepo } from '../store/repos/metrics-repo.js';

type Field = 'received' | 'published' | 'failed' | 'rejected';

const FLUSH_SLICE = 100;

/**
 * Per-minute, per-pixel, per-event-name counters for the hub's charts. Counted in memory on the
 * hot path and written in one transaction every few seconds; a crash loses at most that window
 * of statistics, never events.
 */
export class MinuteCounters {
  private deltas = new Map<string, CounterDelta>();
  /**
   * The row the previous add() went to. A request's events and a delivered batch are mostly
   * one pixel and one event name: reusing the row spares building and hashing its key per event.
   * Forgotten when a flush takes the rows.
   */
  private last: CounterDelta | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly repo: MetricsRepo,
    private readonly flushMs = 5000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.flushMs);
    this.timer.unref();
  }

  add(
    pixelId: string,
    accountId: string,
    eventName: string,
    field: Field,
    n = 1,
    at = Date.now(),
  ): void {
    const minute = at - (at % 60_000);
    const last = this.last;
    // The same three fields as the key below: a row is the pixel's, whatever account it names.
    if (
      last !== undefined &&
      last.minute === minute &&
      last.pixelId === pixelId &&
      last.eventName === eventName
    ) {
      last[field] += n;
      return;
    }
    const key = `${pixelId}\u0000${minute}\u0000${eventName}`;
    let d = this.deltas.get(key);
    if (!d) {
      d = {
        pixelId,
        accountId,
        minute,
        eventName,
        received: 0,
        published: 0,
        failed: 0,
        rejected: 0,
      };
      this.deltas.set(key, d);
    }
    this.last = d;
    d[field] += n;
  }

  async flush(): Promise<void> {
    if (this.deltas.size === 0) return;
    const all = [...this.deltas.values()];
    this.deltas = new Map();
    this.last = undefined;
    // On SQLite the upsert holds the event loop, about 7 µs a row (metrics-repo.ts): with
    // 10,000 active pixels one statement would stall intake for ~70 ms every flush. Slices with
    // a turn of the loop between them keep each stall under a millisecond.
    for (let i = 0; i < all.length; i += FLUSH_SLICE) {
      const slice = all.slice(i, i + FLUSH_SLICE);
      if (i > 0) await new Promise((r) => setImmediate(r));
      try {
        await this.repo.addCounters(slice);
      } catch (e) {
        // Put back what was not written: the next flush retries it.
        for (const d of all.slice(i))
          for (const f of ['received', 'published', 'failed', 'rejected'] as const)
            this.add(d.pixelId, d.accountId, d.eventName, f, d[f], d.minute);
        throw e;
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }
}
