// The fixed-rate load generator for the latency target: open loop, one request every 1/rate
// seconds whatever the server does, each latency counted from the moment its request was due.
// autocannon's own rate option does not fit: each connection fires its whole per-second quota
// back to back when the second starts, then idles, so "half of peak" was a burst at full peak
// once a second, and its coordinated-omission correction assumes a 1 ms interval on top.
// Requests go over raw-http.ts's sockets: the generator's own cost per request is lateness.
import type { LoadResult } from './load-http.js';
import { RawPool } from './raw-http.js';

export interface RateLoad {
  url: string;
  /** The n-th request's body (each with its own event ids). */
  body: (n: number) => string;
  headers: Record<string, string>;
  /** Requests per second, all connections together. */
  rate: number;
  durationS: number;
  /** Keep-alive connections requests are spread over (a request waits if all are busy). */
  connections: number;
  /**
   * The warm-up's connections, kept open for the measured run (the caller closes them): a fresh
   * pool would open 100 connections at once when measuring starts, and that burst of handshakes,
   * not the steady load, took the first few hundred milliseconds' latencies to 50 ms.
   */
  pool?: RawPool;
}

export const ratePool = (url: string, connections: number, headers: Record<string, string>) =>
  new RawPool(url, connections, { 'content-type': 'application/json', ...headers });

export async function rateLoad(o: RateLoad): Promise<LoadResult> {
  const pool = o.pool ?? ratePool(o.url, o.connections, o.headers);
  const total = Math.round(o.rate * o.durationS);
  const intervalMs = 1000 / o.rate;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let pending = 0;
  let allAnswered: (() => void) | undefined;
  let failed = 0;
  // How late the generator itself sent (its core is shared): part of every latency it reports.
  const lags: number[] = [];

  const send = (n: number, due: number) => {
    pending++;
    pool.post(o.body(n), (status) => {
      if (status >= 200 && status < 300) latencies.push(performance.now() - due);
      else {
        failed++;
        const key = status === 0 ? 'errors' : String(status);
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
      if (--pending === 0) allAnswered?.();
    });
  };

  const start = performance.now();
  let sent = 0;
  // A timer wakes at most every millisecond; each wake sends every request due by then.
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) {
        lags.push(now - (start + sent * intervalMs));
        send(sent, start + sent * intervalMs);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  if (pending > 0) await new Promise<void>((resolve) => (allAnswered = resolve));
  const seconds = (performance.now() - start) / 1000;
  if (!o.pool) await pool.close();

  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const at = (q: number, sorted = latencies) =>
    sorted.length === 0
      ? NaN
      : Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
  return {
    reqPerSec: latencies.length / seconds,
    ok: latencies.length,
    failed,
    p50: at(0.5),
    p99: at(0.99),
    sendLagP99: at(0.99, lags),
    statuses,
  };
}
