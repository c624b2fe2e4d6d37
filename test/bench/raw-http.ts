// The fixed-rate generator's HTTP client: keep-alive sockets with one request in flight each,
// requests written as one buffer, responses read by their Content-Length. With undici, the
// generator spent 30-50 µs of its core on each response and its scavenges ran every ~150 ms:
// when the server answered a group commit's requests together, or V8 collected, the sends due
// meanwhile went out late, p99 3-11 ms late at 4,500 req/s, and open-loop timing counts that
// lateness as the server's latency.
import net from 'node:net';
import { Fifo } from '../../gateway/src/outbox/fifo.js';

/** The response's status code, or 0 when the connection failed before it came. */
export type Done = (status: number) => void;

interface Conn {
  socket: net.Socket;
  /** The request in flight on this socket. */
  done: Done | undefined;
  /** Bytes of a response that came in pieces. */
  partial: Buffer | undefined;
}

export class RawPool {
  private readonly host: string;
  private readonly port: number;
  private readonly idle: Conn[] = [];
  private readonly queue = new Fifo<{ request: Buffer; done: Done }>();
  private readonly head: string;
  private closed = false;
  private readonly all = new Set<Conn>();

  constructor(
    url: string,
    connections: number,
    headers: Record<string, string>,
    private readonly path = '/events',
  ) {
    const { hostname, port } = new URL(url);
    this.host = hostname;
    this.port = Number(port);
    this.head = Object.entries({ host: `${hostname}:${port}`, ...headers })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    for (let i = 0; i < connections; i++) this.open();
  }

  /** POSTs `body` on the first free connection (or once one is free); `done` gets the status. */
  post(body: string, done: Done): void {
    const length = Buffer.byteLength(body);
    const request = Buffer.from(
      `POST ${this.path} HTTP/1.1\r\n${this.head}content-length: ${length}\r\n\r\n${body}`,
    );
    const conn = this.idle.pop();
    if (conn) this.send(conn, request, done);
    else this.queue.push({ request, done });
  }

  private send(conn: Conn, request: Buffer, done: Done): void {
    conn.done = done;
    conn.socket.write(request);
  }

  private open(): void {
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    const conn: Conn = { socket, done: undefined, partial: undefined };
    let connected = false;
    this.all.add(conn);
    socket.on('connect', () => {
      connected = true;
      this.free(conn);
    });
    socket.on('data', (chunk: Buffer) => this.read(conn, chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.all.delete(conn);
      const i = this.idle.indexOf(conn);
      if (i >= 0) this.idle.splice(i, 1);
      conn.done?.(0);
      conn.done = undefined;
      if (this.closed) return;
      if (connected) return this.open();
      // The server refuses connections: what waits for one fails now, rather than never.
      for (let next = this.queue.shift(); next; next = this.queue.shift()) next.done(0);
      setTimeout(() => this.closed || this.open(), 100);
    });
  }

  private read(conn: Conn, chunk: Buffer): void {
    const data = conn.partial ? Buffer.concat([conn.partial, chunk]) : chunk;
    const end = data.indexOf('\r\n\r\n');
    if (end < 0) {
      conn.partial = data;
      return;
    }
    const headers = data.toString('latin1', 0, end);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(headers);
    // Every answer here has a length (Fastify sets it); one without it ends with its connection.
    const total = length ? end + 4 + Number(length[1]) : Infinity;
    if (data.length < total) {
      conn.partial = data;
      return;
    }
    conn.partial = undefined;
    const done = conn.done;
    conn.done = undefined;
    done?.(Number(headers.slice(9, 12)));
    if (/\r\nconnection:\s*close/i.test(headers)) conn.socket.destroy();
    else this.free(conn);
  }

  private free(conn: Conn): void {
    const next = this.queue.shift();
    if (next) this.send(conn, next.request, next.done);
    else this.idle.push(conn);
  }

  /** Requests waiting for a free connection. */
  get queued(): number {
    return this.queue.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    const closing = [...this.all].map(
      (c) => new Promise<void>((resolve) => c.socket.once('close', () => resolve()).end()),
    );
    await Promise.all(closing);
  }
}
