// The WebSocket load generator: `connections` sockets, each with one message in flight (the
// same closed loop as autocannon without pipelining); latency from send to ack.
import { WebSocket } from 'ws';
import type { LoadResult } from './load-http.js';

export interface WsLoad {
  url: string;
  /** The message for sequence number `seq` on connection `conn`. */
  message(conn: number, seq: number): string;
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
}

export async function wsLoad(o: WsLoad): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + o.durationS * 1000;
  const wsUrl = `${o.url.replace(/^http/, 'ws')}/events/ws`;

  const runConnection = (conn: number) =>
    new Promise<void>((resolve) => {
      const socket = new WebSocket(wsUrl, { headers: o.headers, perMessageDeflate: false });
      let seq = 0;
      let sentAt = 0;
      const sendNext = () => {
        if (performance.now() >= deadline) return socket.close();
        sentAt = performance.now();
        socket.send(o.message(conn, seq++));
      };
      socket.on('open', sendNext);
      socket.on('message', (data) => {
        latencies.push(performance.now() - sentAt);
        const reply = JSON.parse(data.toString()) as { type: string; code?: string };
        if (reply.type === 'ack') ok++;
        else {
          failed++;
          const key = reply.code ?? reply.type;
          statuses[key] = (statuses[key] ?? 0) + 1;
        }
        sendNext();
      });
      socket.on('error', () => {
        statuses.errors = (statuses.errors ?? 0) + 1;
        failed++;
      });
      socket.on('close', () => resolve());
    });

  await Promise.all(Array.from({ length: o.connections }, (_, c) => runConnection(c)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    reqPerSec: ok / seconds,
    ok,
    failed,
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    statuses,
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
