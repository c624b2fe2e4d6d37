// The only code in the gateway that talks to Meta. It turns every outcome, including network
// failures and its own bugs, into a GraphSendResult: the forwarder decides, this never throws.
import { Pool } from 'undici';
import type { GraphSendResult } from './graph-classify.js';
import { exchange } from './graph-exchange.js';
import { describeFailure, redact } from './graph-sanitize.js';

export { classifyGraphResponse, parseRetryAfter } from './graph-classify.js';
export type { GraphError, GraphSendResult, GraphHeaders } from './graph-classify.js';

export interface GraphClientOptions {
  baseUrl: string;
  apiVersion: string;
  timeoutMs: number;
  connections?: number;
}

/** Meta's documented per-request cap; anything outside 1..1000 would only earn a 400. */
export const MAX_EVENTS_PER_REQUEST = 1000;
// A batch of unusually large events can make a body of many megabytes: not worth keeping.
const MAX_SPARE_BYTES = 4 << 20;
// Pixel/dataset ids are numeric; refusing anything path-like keeps a bad id from reaching another route.
const PIXEL_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class GraphClient {
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly timeoutMs: number;
  private readonly slots: number;
  private busy = 0;
  private readonly queue: (() => void)[] = [];
  /**
   * Bodies of finished sends, for reuse. A 1,000-event body is about 1 MB, held until Meta
   * answers: fresh ones outlived two scavenges, and their memory, external to V8's heap, then
   * waited for a full collection, and brought one on every few seconds.
   */
  private readonly spareBodies: Buffer[] = [];

  constructor(opts: GraphClientOptions) {
    const base = new URL(opts.baseUrl);
    // A base URL may carry a path (a reverse proxy); the pool is keyed on the origin only.
    this.pathPrefix = `${base.pathname.replace(/\/+$/, '')}/${encodeURIComponent(opts.apiVersion)}`;
    this.timeoutMs = opts.timeoutMs;
    this.slots = Math.max(1, opts.connections ?? 16);
    this.pool = new Pool(base.origin, {
      connections: this.slots,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      connectTimeout: opts.timeoutMs,
      // keepAliveTimeout stays at undici's 4 s (shortened further by server hints): reusing a
      // socket the far end already closed would surface as a spurious retry.
    });
  }

  /** eventsJson: each element is one already-serialized CAPI event object (JSON text or its UTF-8). */
  async send(
    pixelId: string,
    accessToken: string,
    eventsJson: readonly EventJson[],
    testEventCode?: string | null,
  ): Promise<GraphSendResult> {
    if (!PIXEL_ID.test(pixelId))
      return localReject(`invalid pixel id ${JSON.stringify(pixelId.slice(0, 64))}`);
    if (eventsJson.length === 0 || eventsJson.length > MAX_EVENTS_PER_REQUEST) {
      return localReject(
        `batch of ${eventsJson.length} events; Graph accepts 1..${MAX_EVENTS_PER_REQUEST}`,
      );
    }
    // Concatenated, not re-serialized: events were validated and serialized once at intake.
    let tail = `],"access_token":${JSON.stringify(accessToken)}`;
    if (testEventCode) tail += `,"test_event_code":${JSON.stringify(testEventCode)}`;
    const body = jsonBody('{"data":[', eventsJson, tail + '}', (n) => this.bodyBuffer(n));
    let result: GraphSendResult;
    await this.acquire();
    try {
      result = await this.post(`${this.pathPrefix}/${pixelId}/events`, body);
    } catch (err) {
      result = { kind: 'retry', reason: describeFailure(err, this.timeoutMs) };
    } finally {
      this.release();
    }
    return redact(result, accessToken);
  }

  // Sends beyond `connections` wait here rather than in undici's queue, so the deadline below
  // starts when a connection is free: a busy pool must not turn into a wave of fake timeouts.
  private async acquire(): Promise<void> {
    if (this.busy < this.slots) {
      this.busy++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next)
      next(); // the slot passes straight to the next sender
    else this.busy--;
  }

  private async post(path: string, body: Buffer): Promise<GraphSendResult> {
    const result = await exchange(this.pool, path, body, this.timeoutMs);
    // Accepted, so Meta read the whole body: nothing holds it any more. After any other answer
    // (one may come before the body is sent in full) or a failure, the socket may still be
    // writing from it, and it is left to the garbage collector.
    if (
      result.kind === 'ok' &&
      this.spareBodies.length < this.slots &&
      body.buffer.byteLength <= MAX_SPARE_BYTES
    )
      this.spareBodies.push(body);
    return result;
  }

  /** A buffer of at least `n` bytes: a spare one if it is large enough. */
  private bodyBuffer(n: number): Buffer {
    const spare = this.spareBodies.pop();
    if (spare && spare.buffer.byteLength >= n) return Buffer.from(spare.buffer, 0, n);
    return Buffer.allocUnsafeSlow(Math.max(n, 64 * 1024)).subarray(0, n);
  }

  async close(): Promise<void> {
    try {
      await this.pool.close();
    } catch {
      // already closed or destroyed: nothing left to release
    }
  }
}

function localReject(message: string): GraphSendResult {
  return { kind: 'rejected', error: { status: 0, message } };
}

/** One serialized CAPI event: JSON text, or its UTF-8 bytes as the outbox kept them. */
export type EventJson = string | Uint8Array;

/**
 * `head` + the events joined by commas + `tail`, written straight into one Buffer. A full batch
 * joined as a string is over a megabyte: V8 puts such strings in its large-object space, which
 * only a full mark-compact frees, and at 25 batches a second that garbage drove the heap (and
 * the RSS) up between collections. A Buffer's bytes live outside the JS heap and go with it.
 */
export function jsonBody(
  head: string,
  events: readonly EventJson[],
  tail: string,
  allocate: (size: number) => Buffer = Buffer.allocUnsafe,
): Buffer {
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail) + Math.max(0, events.length - 1);
  for (const e of events) size += typeof e === 'string' ? Buffer.byteLength(e) : e.byteLength;
  const buf = allocate(size);
  let at = buf.write(head, 0);
  for (let i = 0; i < events.length; i++) {
    if (i > 0) buf[at++] = 0x2c; // ','
    const e = events[i]!;
    if (typeof e === 'string') at += buf.write(e, at);
    else {
      buf.set(e, at);
      at += e.byteLength;
    }
  }
  buf.write(tail, at);
  return buf;
}
