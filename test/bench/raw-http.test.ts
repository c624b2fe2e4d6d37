import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RawPool, type Done } from './raw-http.js';

let server: Server | undefined;
let pool: RawPool | undefined;
afterEach(async () => {
  await pool?.close();
  if (server) await new Promise((r) => server!.close(r));
  server = pool = undefined;
});

/** A server answering each body's instruction: a status, a split answer, or a closed socket. */
async function start(): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${req.headers['content-type']} ${body}`);
      const [what, arg] = body.split(':');
      if (what === 'close') return req.socket.destroy();
      const text = JSON.stringify({ echo: body, pad: 'x'.repeat(Number(arg ?? 0)) });
      res.writeHead(what === 'status' ? Number(arg) : 202, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      if (what !== 'split') return res.end(text);
      // Headers and the body's halves in separate packets.
      res.flushHeaders();
      setTimeout(() => res.write(text.slice(0, 10)), 5);
      setTimeout(() => res.end(text.slice(10)), 10);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
}

const post = (p: RawPool, body: string) => new Promise<number>((r: Done) => p.post(body, r));

describe('the fixed-rate generator’s HTTP client', () => {
  it('posts the body with its headers and reads each answer’s status', async () => {
    const { url, seen } = await start();
    pool = new RawPool(url, 2, { 'content-type': 'application/json' });
    expect(await post(pool, 'ok')).toBe(202);
    expect(await post(pool, 'status:429')).toBe(429);
    expect(seen).toEqual([
      'POST /events application/json ok',
      'POST /events application/json status:429',
    ]);
  });

  it('reads answers that arrive in pieces and long ones', async () => {
    const { url } = await start();
    pool = new RawPool(url, 1, {});
    expect(await Promise.all([post(pool, 'split:100'), post(pool, 'ok:200000')])).toEqual([
      202, 202,
    ]);
  });

  it('queues requests while every connection is busy, and answers them all', async () => {
    const { url, seen } = await start();
    pool = new RawPool(url, 3, {});
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => post(pool!, `n${i}`)));
    expect(statuses).toEqual(Array(50).fill(202));
    expect(seen).toHaveLength(50);
    expect(pool.queued).toBe(0);
  });

  it('fails a request whose connection closes, and carries on over a new connection', async () => {
    const { url } = await start();
    pool = new RawPool(url, 1, {});
    expect(await post(pool, 'close')).toBe(0);
    expect(await post(pool, 'ok')).toBe(202);
  });

  it('fails what waits when the server refuses connections, instead of waiting for ever', async () => {
    // Nothing listens on port 1.
    const url = 'http://127.0.0.1:1';
    pool = new RawPool(url, 2, {});
    expect(await Promise.all([post(pool, 'a'), post(pool, 'b'), post(pool, 'c')])).toEqual([
      0, 0, 0,
    ]);
  });
});
