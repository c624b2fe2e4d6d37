// What GraphClient does before and around the wire: local refusals, token redaction, misuse.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validWebEventJson as event } from '../../../../test/support/capi-events.js';
import { startGraphStandIn } from '../../../../test/support/graph-stand-in.js';
import type { GraphStandIn } from '../../../../test/support/graph-stand-in.js';
import { GraphClient } from './graph-client.js';
import type { GraphSendResult } from './graph-client.js';

const TOKEN = 'EAAGsecretToken0123456789abcdef';
const PIXEL = '1234567890';

let standIn: GraphStandIn;
let client: GraphClient;
const send = (c: GraphClient, events: string[]): Promise<GraphSendResult> =>
  c.send(PIXEL, TOKEN, events);

beforeAll(async () => {
  standIn = await startGraphStandIn();
  client = new GraphClient({ baseUrl: standIn.url, apiVersion: 'v25.0', timeoutMs: 2000 });
});
afterEach(() => standIn.reset());
afterAll(async () => {
  await client.close();
  await standIn.close();
});

describe('GraphClient safety', () => {
  it('rejects an empty batch and a path-like pixel id without calling Graph', async () => {
    expect((await send(client, [])).kind).toBe('rejected');
    const r = await client.send('../me', TOKEN, [event()]);
    expect(r.kind).toBe('rejected');
    expect(standIn.requests).toEqual([]);
  });

  it('keeps the token out of results even when a proxy echoes the request back', async () => {
    const echo = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () =>
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: `bad request: ${body}`, code: 100 } })),
      );
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoing = new GraphClient({
      baseUrl: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`,
      apiVersion: 'v25.0',
      timeoutMs: 1000,
    });
    try {
      const r = await send(echoing, [event()]);
      expect(r.kind).toBe('rejected');
      expect(JSON.stringify(r)).toContain('[redacted]');
    } finally {
      await echoing.close();
      await new Promise((resolve) => echo.close(resolve));
    }
  });

  it('never throws, even after close', async () => {
    const closed = new GraphClient({ baseUrl: standIn.url, apiVersion: 'v25.0', timeoutMs: 1000 });
    await closed.close();
    expect((await send(closed, [event()])).kind).toBe('retry');
  });

  it('posts JSON to {base path}/{version}/{pixel}/events, with test_event_code only when given', async () => {
    const seen: { url?: string; type?: string; body: Record<string, unknown> }[] = [];
    const capture = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ url: req.url, type: req.headers['content-type'], body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"events_received":1}');
      });
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/graph/`;
    const proxied = new GraphClient({ baseUrl: base, apiVersion: 'v25.0', timeoutMs: 1000 });
    try {
      for (const code of [null, '', 'TEST7']) await proxied.send(PIXEL, TOKEN, [event()], code);
      expect(seen.map((r) => [r.url, r.type, r.body.test_event_code])).toEqual([
        ['/graph/v25.0/1234567890/events', 'application/json', undefined],
        ['/graph/v25.0/1234567890/events', 'application/json', undefined],
        ['/graph/v25.0/1234567890/events', 'application/json', 'TEST7'],
      ]);
      expect(seen[0]?.body).toMatchObject({
        data: [expect.objectContaining({ event_name: 'Purchase' })],
        access_token: TOKEN,
      });
    } finally {
      await proxied.close();
      await new Promise((resolve) => capture.close(resolve));
    }
  });
});
