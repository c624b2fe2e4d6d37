// The real GraphClient against the real Graph stand-in on loopback: the wire format, the
// undici pool and the classifier are exercised together, as in production.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validWebEventJson } from '../../../../test/support/capi-events.js';
import { startGraphStandIn } from '../../../../test/support/graph-stand-in.js';
import type { GraphStandIn } from '../../../../test/support/graph-stand-in.js';
import { GraphClient, jsonBody } from './graph-client.js';
import type { GraphSendResult } from './graph-client.js';

const TOKEN = 'EAAGsecretToken0123456789abcdef';
const PIXEL = '1234567890';
const event = validWebEventJson;

let standIn: GraphStandIn;
let client: GraphClient;
const results: GraphSendResult[] = [];
const send = async (c: GraphClient, events: string[], token = TOKEN, testCode?: string | null) => {
  const r = await c.send(PIXEL, token, events, testCode);
  results.push(r);
  return r;
};

beforeAll(async () => {
  standIn = await startGraphStandIn();
  client = new GraphClient({ baseUrl: standIn.url, apiVersion: 'v25.0', timeoutMs: 2000 });
});
afterEach(() => standIn.reset());
afterAll(async () => {
  await client.close();
  await standIn.close();
});

describe('GraphClient.send', () => {
  it('delivers a batch and reports how many events Meta received', async () => {
    const r = await send(client, [event(), event({ event_name: 'Lead' })], TOKEN, 'TEST42');
    expect(r).toEqual({ kind: 'ok', eventsReceived: 2, fbtraceId: expect.any(String) });
    const got = standIn.events(PIXEL);
    expect(got.map((e) => e.event.event_name)).toEqual(['Purchase', 'Lead']);
    expect(got[0]?.testEventCode).toBe('TEST42');
  });

  it('sends each batch whole after a larger one, whose body buffer it reuses', async () => {
    const big = Array.from({ length: 300 }, (_, i) => event({ event_name: `Big${i}` }));
    await send(client, big);
    await send(client, [event({ event_name: 'Small' })]);
    standIn.setBehaviour({ failRate: 1 }); // a refused body is not reused
    await send(client, [event({ event_name: 'Refused' })]);
    standIn.setBehaviour({ failRate: 0 });
    await send(client, [event({ event_name: 'Last' })]);
    const names = standIn.events(PIXEL).map((e) => e.event.event_name);
    expect(names).toHaveLength(302);
    expect(names.slice(-2)).toEqual(['Small', 'Last']);
  });

  it('asks for a retry when Graph answers 500', async () => {
    standIn.setBehaviour({ failRate: 1 });
    expect(await send(client, [event()])).toMatchObject({
      kind: 'retry',
      reason: expect.stringContaining('500'),
    });
  });

  it('asks for a retry after the Retry-After delay when Graph throttles with 429', async () => {
    standIn.setBehaviour({ throttleRate: 1 });
    expect(await send(client, [event()])).toMatchObject({ kind: 'retry', retryAfterMs: 1000 });
  });

  it('asks for a retry during an outage (503)', async () => {
    standIn.setBehaviour({ outage: true });
    expect((await send(client, [event()])).kind).toBe('retry');
  });

  it('asks for a retry when Graph answers slower than timeoutMs', async () => {
    const impatient = new GraphClient({
      baseUrl: standIn.url,
      apiVersion: 'v25.0',
      timeoutMs: 100,
    });
    standIn.setBehaviour({ delayMs: 800 });
    try {
      const started = Date.now();
      const r = await send(impatient, [event()]);
      expect(r).toMatchObject({
        kind: 'retry',
        reason: expect.stringMatching(/timeout after 100 ms/),
      });
      expect(Date.now() - started).toBeLessThan(600);
      // Meta keeps what it received although the client gave up: why delivery is at least once.
      expect(await standIn.waitForEvents(1, { pixelId: PIXEL })).toHaveLength(1);
    } finally {
      await impatient.close();
    }
  });

  it('starts the timeout when a connection is free, not while a send waits for one', async () => {
    const two = new GraphClient({
      baseUrl: standIn.url,
      apiVersion: 'v25.0',
      timeoutMs: 500,
      connections: 2,
    });
    standIn.setBehaviour({ delayMs: 150 });
    try {
      // 10 sends over 2 connections take ~750 ms in all, each one 150 ms once on the wire.
      const all = await Promise.all(Array.from({ length: 10 }, () => send(two, [event()])));
      expect(all.map((r) => r.kind)).toEqual(Array(10).fill('ok'));
    } finally {
      await two.close();
    }
  });

  it('asks for a retry when the connection is refused', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const nowhere = new GraphClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiVersion: 'v25.0',
      timeoutMs: 1000,
    });
    try {
      expect(await send(nowhere, [event()])).toMatchObject({
        kind: 'retry',
        reason: expect.stringContaining('ECONNREFUSED'),
      });
    } finally {
      await nowhere.close();
    }
  });

  it('classifies an answer that is not JSON, or over 1 MB, on its status alone', async () => {
    let calls = 0;
    const proxy = createServer((req, res) => {
      req.resume();
      calls++;
      if (req.url!.includes('/1/')) {
        res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
        return;
      }
      // 1.5 MB of a 4 MB answer, and then nothing: only a reader that stops at 1 MB is done.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 4 << 20 });
      res.write(`{"events_received":1,"pad":"${'x'.repeat(3 << 19)}`);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    const viaProxy = new GraphClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiVersion: 'v25.0',
      timeoutMs: 2000,
    });
    try {
      expect(await viaProxy.send('1', TOKEN, [event()])).toMatchObject({
        kind: 'retry',
        reason: expect.stringContaining('502'),
      });
      const started = Date.now();
      expect(await viaProxy.send('2', TOKEN, [event()])).toMatchObject({ kind: 'ok' });
      expect(Date.now() - started).toBeLessThan(1000);
      // The pool is still usable after the connection it cut.
      expect((await viaProxy.send('1', TOKEN, [event()])).kind).toBe('retry');
      expect(calls).toBe(3);
    } finally {
      await viaProxy.close();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('reports token_invalid when Graph says the token is invalid (code 190)', async () => {
    standIn.setBehaviour({ invalidTokens: [TOKEN] });
    const r = await send(client, [event()]);
    expect(r).toMatchObject({
      kind: 'token_invalid',
      error: { status: 400, code: 190, type: 'OAuthException' },
    });
  });

  it('reports a poison event as rejected with code 100, its subcode, index and fbtrace_id', async () => {
    const r = await send(client, [event(), event(), event({ custom_data: { poison: true } })]);
    expect(r).toMatchObject({
      kind: 'rejected',
      error: {
        status: 400,
        code: 100,
        subcode: 2804019,
        eventIndex: 2,
        fbtraceId: expect.any(String),
      },
    });
    expect(standIn.events()).toEqual([]); // all or nothing, like Meta
  });

  it('never puts the access token in any result, whatever the outcome', async () => {
    const outcomes = [await send(client, [event()])];
    standIn.setBehaviour({ outage: true });
    outcomes.push(await send(client, [event()]));
    standIn.setBehaviour({ invalidTokens: [TOKEN] });
    outcomes.push(await send(client, [event()]));
    standIn.setBehaviour({});
    outcomes.push(await send(client, [event({ custom_data: { poison: true } })]));
    expect(outcomes.map((r) => r.kind)).toEqual(['ok', 'retry', 'token_invalid', 'rejected']);
    // ...and neither did any other test of this file.
    expect(JSON.stringify([...outcomes, ...results])).not.toContain(TOKEN);
  });
});

describe('jsonBody', () => {
  it('joins already-serialized events into the JSON Graph expects, multi-byte text included', () => {
    const events = ['{"a":"Jöhn ✓"}', '{"b":2}', '{}'];
    const body = jsonBody('{"data":[', events, '],"access_token":"t"}');
    expect(JSON.parse(body.toString('utf8'))).toEqual({
      data: [{ a: 'Jöhn ✓' }, { b: 2 }, {}],
      access_token: 't',
    });
    expect(jsonBody('[', [], ']').toString()).toBe('[]');
  });

  it('copies events kept as UTF-8 bytes as they are, beside events kept as text', () => {
    const body = jsonBody('[', [Buffer.from('{"a":"Jöhn ✓"}'), '{"b":2}'], ']');
    expect(JSON.parse(body.toString('utf8'))).toEqual([{ a: 'Jöhn ✓' }, { b: 2 }]);
  });
});
