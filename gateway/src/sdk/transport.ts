/**
 * Delivery: the WebSocket (`/events/ws`, seq/ack) first; `POST /events` with a keepalive fetch
 * when no socket can be opened; `navigator.sendBeacon` for what is left when the page goes away.
 * At least once: a message leaves the outbox only when acknowledged or refused for good.
 */
import type { ErrorCode } from '@capgw/shared/protocol/errors';
import { httpBody, type Outbox } from './queue';
import { IDLE, ON_HTTP, ON_SOCKET, type Message } from './types';
import { safe } from './util';

/** An open socket that acknowledges nothing for this long is treated as dead. */
const ACK_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;
/**
 * After this many failures in a row (about a minute and a half) the client stops retrying on its
 * own; the next event, or the page being hidden, tries again. A gateway that is down, or a CSP
 * that forbids it, must not cost the page a request (and a violation report) every 30 s forever.
 */
const MAX_RETRIES = 8;
/** Keepalive fetches share a 64 KiB budget per page; larger bodies go as ordinary fetches. */
const KEEPALIVE_MAX = 60_000;

interface Reply {
  type?: unknown;
  seq?: unknown;
  code?: unknown;
}

/** Catalogue codes for passing conditions (saturation, restart); every other refusal is final. */
const RETRYABLE: readonly ErrorCode[] = [
  'OUTBOX_FULL',
  'STORAGE_UNAVAILABLE',
  'RATE_LIMITED',
  'NOT_READY',
  'INTERNAL',
];

/** Whether a socket error reply is worth sending again; 4xx-like ones never are. */
export function isRetryable(reply: Reply): boolean {
  return RETRYABLE.includes(reply.code as ErrorCode);
}

/** HTTP statuses that will not change on a retry: the events are dropped, not resent forever. */
function isFinal(status: number): boolean {
  return (
    (status >= 200 && status < 300) ||
    (status >= 400 && status < 500 && status !== 408 && status !== 429)
  );
}

export class Transport {
  private ws: WebSocket | undefined;
  private open = false;
  /** Set once a socket fails to open: this page then uses HTTP only. */
  private httpOnly = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly httpUrl: string,
    private readonly wsUrl: string,
    private readonly outbox: Outbox,
  ) {}

  /** Sends every message that is not already on its way. */
  send(): void {
    if (this.retryTimer) return; // a backoff is running and will call send() itself
    const idle = [...this.outbox.pending.values()].filter((m) => m.via === IDLE);
    if (!idle.length) return;
    if (this.httpOnly) idle.forEach((m) => this.post(m));
    else if (this.open) idle.forEach((m) => this.push(m));
    else if (!this.ws) this.connect();
  }

  /** The page is being hidden or unloaded: nothing asynchronous can be relied on any more. */
  hide(closeSocket: boolean): void {
    for (const m of this.outbox.pending.values()) {
      if (m.via === ON_HTTP) continue; // a keepalive fetch outlives the page
      if (navigator.sendBeacon?.(this.httpUrl, httpBody(m))) this.outbox.settle(m.seq);
    }
    // An open socket keeps the page out of the back/forward cache; the next event reopens it.
    if (closeSocket) this.ws?.close();
  }

  private connect(): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.wsUrl);
    } catch {
      return this.fallBack(); // no WebSocket in this browser, or the URL is refused
    }
    this.ws = ws;
    ws.onopen = safe(() => {
      this.open = true;
      this.attempt = 0;
      this.send();
    });
    ws.onmessage = safe((e: MessageEvent) => this.receive(JSON.parse(String(e.data)) as Reply));
    // 'error' is always followed by 'close', so close alone decides what happens next.
    ws.onclose = safe(() => this.closed(ws));
  }

  private closed(ws: WebSocket): void {
    if (ws !== this.ws) return;
    const wasOpen = this.open;
    this.ws = undefined;
    this.open = false;
    for (const m of this.outbox.pending.values()) if (m.via === ON_SOCKET) m.via = IDLE;
    if (!wasOpen) return this.fallBack(); // blocked by a proxy, an extension or a CSP
    this.retry();
  }

  private fallBack(): void {
    this.httpOnly = true;
    this.send();
  }

  private push(m: Message): void {
    m.via = ON_SOCKET;
    m.sentAt = Date.now();
    this.ws?.send(
      JSON.stringify({ type: 'events', seq: m.seq, pixel_id: m.pixel_id, events: m.events }),
    );
    this.armWatchdog();
  }

  private armWatchdog(): void {
    this.watchdog ??= setTimeout(
      safe(() => {
        this.watchdog = undefined;
        const waiting = [...this.outbox.pending.values()].filter((m) => m.via === ON_SOCKET);
        if (waiting.some((m) => Date.now() - m.sentAt >= ACK_TIMEOUT_MS)) this.ws?.close();
        else if (waiting.length) this.armWatchdog();
      }),
      ACK_TIMEOUT_MS,
    );
  }

  private receive(reply: Reply): void {
    const m = this.outbox.pending.get(Number(reply.seq));
    if (!m) return; // already settled, e.g. by a beacon
    if (reply.type === 'ack') this.delivered(m);
    else if (reply.type !== 'error') return;
    else if (isRetryable(reply)) {
      m.via = IDLE;
      this.retry();
    } else this.outbox.settle(m.seq);
  }

  private post(m: Message): void {
    m.via = ON_HTTP;
    const body = httpBody(m);
    const failed = safe(() => {
      m.via = IDLE;
      this.retry();
    });
    try {
      fetch(this.httpUrl, {
        method: 'POST',
        body,
        keepalive: body.length < KEEPALIVE_MAX,
        // text/plain keeps this a "simple" request: no CORS preflight, which keepalive forbids.
        headers: { 'content-type': 'text/plain' },
        // On a first-party gateway domain, cookies the gateway set itself ride along.
        credentials: 'include',
      }).then(
        safe((res: Response) => (isFinal(res.status) ? this.delivered(m) : failed())),
        failed,
      );
    } catch {
      failed();
    }
  }

  /** Acknowledged, or refused for a reason a retry cannot change. */
  private delivered(m: Message): void {
    this.attempt = 0;
    this.outbox.settle(m.seq);
  }

  private retry(): void {
    if (this.retryTimer || this.attempt >= MAX_RETRIES) return;
    // Exponential backoff with jitter, so a gateway restart is not met by every page at once.
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
    this.retryTimer = setTimeout(
      safe(() => {
        this.retryTimer = undefined;
        this.send();
      }),
      delay,
    );
  }
}
