import type { MinuteCounters } from '../engine/counters.js';
import type { PixelDirectory } from '../engine/directory.js';
import type { Metrics } from '../ops/metrics.js';
import type { ClaimedEvent, Outbox } from '../outbox/index.js';
import type { Store } from '../store/store.js';
import type { GraphClient, GraphError } from './graph/graph-client.js';
import { nextRetryDelayMs } from './graph/retry-policy.js';
import { isolateRejected } from './isolate.js';

export interface ForwarderOptions {
  /** Longest wait before a partly filled batch is sent. */
  flushMs: number;
  /** Ceiling of the retry backoff. */
  retryMaxMs: number;
  /** How long a pixel with an invalid token keeps its events. */
  holdRetentionMs: number;
  /** Events claimed per round and batches sent at once. */
  claimLimit?: number;
  maxInFlight?: number;
}

const BATCH = 1000;

/**
 * Moves events from the outbox to Meta: per-pixel batches of up to 1,000, flushed when 1,000
 * are waiting or every flushMs. Retryable failures go back to the outbox with a backoff; a
 * permanent 4xx isolates the offending events (recorded on the pixel, never retried); an
 * invalid token holds the pixel's events until the token is replaced.
 */
export class Forwarder {
  private timer: NodeJS.Timeout | undefined;
  private pumping = false;
  private again = false;
  private stopping = false;
  private appended = 0;
  /** The last round left due rows behind (full claim or no free slot): keep going. */
  private backlog = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** Claimed batches not started yet: at most maxInFlight deliveries run at once. */
  private waiting: ClaimedEvent[][] = [];
  private readonly claimLimit: number;
  private readonly maxInFlight: number;
  private lastExpiry = 0;

  constructor(
    private readonly outbox: Outbox,
    private readonly directory: PixelDirectory,
    private readonly graph: GraphClient,
    private readonly store: Store,
    private readonly counters: MinuteCounters,
    private readonly metrics: Metrics,
    private readonly opts: ForwarderOptions,
  ) {
    this.claimLimit = opts.claimLimit ?? 5000;
    this.maxInFlight = opts.maxInFlight ?? 16;
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.opts.flushMs);
    this.timer.unref();
    this.wake();
  }

  /** Intake stored n events: a full batch is worth sending now rather than at the next tick. */
  notifyStored(n: number): void {
    this.appended += n;
    if (this.appended >= BATCH) this.wake();
  }

  wake(): void {
    if (this.stopping) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.pump().finally(() => (this.pumping = false));
  }

  private async pump(): Promise<void> {
    do {
      this.again = false;
      this.appended = 0;
      try {
        await this.expireHeld();
        this.backlog = true;
        // Claim again only once every claimed batch is under way: unsent rows wait in the
        // outbox, where their leases cannot run out on them.
        while (
          !this.stopping &&
          this.waiting.length === 0 &&
          this.inFlight.size < this.maxInFlight
        ) {
          const rows = await this.outbox.claim(
            this.claimLimit,
            Date.now(),
            this.directory.heldPixels(),
          );
          this.waiting = batches(rows).reverse();
          this.startWaiting();
          if (rows.length < this.claimLimit) {
            this.backlog = false;
            break;
          }
        }
      } catch {
        // The database is unreachable for now; rows stay in the outbox and the next tick retries.
      }
      this.metrics.outboxDepth.set(this.outbox.depth());
    } while (this.again && !this.stopping);
  }

  /**
   * Starts waiting batches while slots are free. Starting all of a claim at once (with events
   * spread over thousands of pixels, thousands of one-event batches) kept thousands of
   * deliveries alive together, waiting for a connection, and their garbage grew the heap.
   */
  private startWaiting(): void {
    while (!this.stopping && this.inFlight.size < this.maxInFlight && this.waiting.length > 0) {
      this.track(this.deliver(this.waiting.pop()!));
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => {
      this.inFlight.delete(p);
      this.startWaiting();
      // A slot opened while due rows wait. Otherwise the next tick or a full batch wakes us:
      // claiming after every completion would send a trickle of tiny batches.
      if (this.backlog && this.waiting.length === 0) this.wake();
    });
  }

  private async deliver(batch: ClaimedEvent[]): Promise<void> {
    const pixel = this.directory.get(batch[0]!.pixelId);
    try {
      if (!pixel || !pixel.publishing) {
        // The pixel was removed, or publishing switched off after these were accepted.
        await this.outbox.remove(batch.map((e) => e.id));
        this.metrics.discarded.inc(
          { reason: pixel ? 'publishing_off' : 'pixel_removed' },
          batch.length,
        );
        return;
      }
      await isolateRejected(
        batch,
        async (events) => {
          const started = performance.now();
          const result = await this.graph.send(
            pixel.pixelId,
            pixel.accessToken(),
            events.map((e) => e.payloadBytes ?? e.payload),
            pixel.testEventCode,
          );
          this.metrics.forwardLatency.observe((performance.now() - started) / 1000);
          this.metrics.batchSize.observe(events.length);
          switch (result.kind) {
            case 'ok':
              await this.outbox.remove(events.map((e) => e.id));
              this.metrics.forwarded.inc(events.length);
              for (const e of events)
                this.counters.add(e.pixelId, e.accountId, e.eventName, 'published');
              return 'done';
            case 'retry':
              this.metrics.retried.inc({ reason: result.reason.split(' ')[0] ?? 'retry' });
              await this.retryLater(events, result.retryAfterMs);
              return 'done';
            case 'token_invalid':
              await this.holdPixel(pixel.pixelId, result.error);
              await this.outbox.reschedule(
                events.map((e) => e.id),
                Date.now(),
              );
              return 'done';
            case 'rejected':
              return { rejected: result.error };
          }
        },
        (e, error) => this.giveUp(e, error),
      );
    } catch {
      // Storage failed mid-delivery: leases lapse and the rows are claimed again (at least once).
    }
  }

  private async retryLater(events: ClaimedEvent[], retryAfterMs?: number): Promise<void> {
    const attempt = Math.max(...events.map((e) => e.attempts)) + 1;
    const delay = nextRetryDelayMs(attempt, Math.random, {
      maxMs: this.opts.retryMaxMs,
      retryAfterMs,
    });
    await this.outbox.reschedule(
      events.map((e) => e.id),
      Date.now() + delay,
    );
  }

  private async holdPixel(pixelId: string, error: GraphError): Promise<void> {
    await this.store.pixels.markTokenInvalid(pixelId, describe(error), Date.now());
    await this.directory.reload();
  }

  /** Meta refused this one event for good: record why on its pixel and drop it. */
  private async giveUp(
    e: ClaimedEvent,
    error: GraphError,
    reason: 'rejected' | 'expired' = 'rejected',
  ) {
    const now = Date.now();
    const eventId = eventIdOf(e.payload);
    await this.store.metrics.addEventErrors([
      {
        pixelId: e.pixelId,
        accountId: e.accountId,
        at: now,
        eventName: e.eventName,
        eventId,
        reason,
        code: error.code ?? null,
        subcode: error.subcode ?? null,
        message: (error.userMessage ?? error.message).slice(0, 1000),
        fbtraceId: error.fbtraceId ?? null,
      },
    ]);
    await this.store.pixels.recordError(e.pixelId, describe(error), now);
    await this.outbox.remove([e.id]);
    this.metrics.failed.inc({ reason });
    this.counters.add(e.pixelId, e.accountId, e.eventName, 'failed', 1, now);
  }

  /** Held events older than the retention are given up, once a minute. */
  private async expireHeld(): Promise<void> {
    const now = Date.now();
    if (now - this.lastExpiry < 60_000) return;
    this.lastExpiry = now;
    for (const pixelId of this.directory.heldPixels()) {
      const gone = await this.outbox.expireHeld(pixelId, now - this.opts.holdRetentionMs);
      for (const e of gone) {
        await this.giveUp(
          e,
          { status: 0, message: 'Held too long waiting for a valid access token.' },
          'expired',
        ).catch(() => undefined);
      }
    }
  }

  /** Stops claiming; waits up to `ms` for batches in flight. Unsent rows stay in the outbox. */
  async stop(ms: number): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    const deadline = new Promise((r) => setTimeout(r, ms).unref());
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
  }
}

/** Groups claimed rows by pixel, oldest first, in chunks of at most 1,000. */
export function batches(rows: readonly ClaimedEvent[]): ClaimedEvent[][] {
  const byPixel = new Map<string, ClaimedEvent[]>();
  for (const r of rows) {
    const list = byPixel.get(r.pixelId);
    if (list) list.push(r);
    else byPixel.set(r.pixelId, [r]);
  }
  const out: ClaimedEvent[][] = [];
  for (const list of byPixel.values())
    for (let i = 0; i < list.length; i += BATCH) out.push(list.slice(i, i + BATCH));
  return out;
}

/** What the pixel shows its users about the last error: no token, no user data. */
function describe(error: GraphError): Record<string, unknown> {
  return {
    status: error.status,
    code: error.code ?? null,
    subcode: error.subcode ?? null,
    message: error.userMessage ?? error.message,
    fbtrace_id: error.fbtraceId ?? null,
    at: Date.now(),
  };
}

/** The event_id inside a stored payload, for the pixel's error list (null if unreadable). */
function eventIdOf(payload: string): string | null {
  try {
    return String((JSON.parse(payload) as { event_id?: unknown }).event_id ?? '') || null;
  } catch {
    return null;
  }
}
