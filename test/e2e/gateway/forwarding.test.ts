import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { eventually, nowSeconds, postBrowserEvents, startStack, type Stack } from './harness.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** What the browser client sends: every event carries the page it happened on. */
const ev = (over: Record<string, unknown>) => ({
  event_source_url: 'https://shop.example/page',
  ...over,
});

describe('forwarding to the Conversions API', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ pixelIds: ['1001', '1002'] });
  });
  afterAll(() => s.close());
  beforeEach(() => s.graph.reset());

  it('delivers a browser event enriched, hashed, with the event_id the pixel used', async () => {
    const r = await postBrowserEvents(
      s.url,
      {
        pixel_id: '1001',
        events: [
          {
            event_name: 'Purchase',
            event_id: 'evt-abc-1',
            event_source_url: 'https://shop.example/thanks?fbclid=IwAR_Click',
            user_data: {
              em: ' John_Smith@gmail.com ',
              ph: '+1 (650) 555-1212',
              client_ip_address: '6.6.6.6',
            },
            custom_data: { value: 42, currency: 'USD' },
          },
        ],
      },
      { cookie: '_fbp=fb.1.1700000000000.123456789' },
    );
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 1 });
    const [got] = await s.graph.waitForEvents(1, { pixelId: '1001' });
    const e = got!.event;
    expect(e.event_id).toBe('evt-abc-1');
    expect(e.action_source).toBe('website');
    expect(Math.abs(e.event_time - nowSeconds())).toBeLessThan(5);
    expect(e.user_data.em).toEqual([sha('john_smith@gmail.com')]);
    expect(e.user_data.ph).toEqual([sha('16505551212')]);
    // What the browser claims about itself is replaced by what the gateway saw.
    expect(e.user_data.client_ip_address).toBe('127.0.0.1');
    expect(e.user_data.client_user_agent).toBe('Mozilla/5.0 (E2E)');
    expect(e.user_data.fbp).toBe('fb.1.1700000000000.123456789');
    expect(e.user_data.fbc).toMatch(/^fb\.1\.\d{13}\.IwAR_Click$/);
    expect(e.custom_data).toEqual({ value: 42, currency: 'USD' });
  });

  it('turns many small posts into a few Graph calls', async () => {
    const posts = Array.from({ length: 300 }, (_, i) =>
      postBrowserEvents(s.url, {
        pixel_id: '1001',
        events: [ev({ event_name: 'PageView', event_id: `pv-${i}` })],
      }),
    );
    expect((await Promise.all(posts)).every((r) => r.status === 202)).toBe(true);
    await s.graph.waitForEvents(300, { pixelId: '1001' });
    // Batched by the flush interval: a tenth of the posts at most, even on a loaded machine.
    expect(s.graph.requests.length).toBeLessThanOrEqual(30);
    expect(new Set(s.graph.events('1001').map((e) => e.event.event_id)).size).toBe(300);
  });

  it('retries server errors and timeouts until Meta accepts', async () => {
    s.graph.setBehaviour({ failRate: 1 });
    await postBrowserEvents(s.url, {
      pixel_id: '1001',
      events: [ev({ event_name: 'Lead', event_id: 'retry-1' })],
    });
    await eventually(() => s.graph.requests.some((q) => q.status === 500));
    s.graph.setBehaviour({ delayMs: 1500 });
    await eventually(() => s.graph.requests.length >= 2 || undefined, 15_000);
    s.graph.setBehaviour({});
    await eventually(
      () => s.graph.events('1001').find((g) => g.event.event_id === 'retry-1'),
      15_000,
    );
  });

  it('isolates the one event Meta refuses and delivers the rest of its batch', async () => {
    const events = Array.from({ length: 10 }, (_, i) =>
      ev({
        event_name: 'AddToCart',
        event_id: `iso-${i}`,
        custom_data: i === 6 ? { poison: true } : { value: i },
      }),
    );
    expect((await postBrowserEvents(s.url, { pixel_id: '1002', events })).status).toBe(202);
    const got = await s.graph.waitForEvents(9, { pixelId: '1002' });
    expect(got.map((g) => g.event.event_id)).not.toContain('iso-6');
    const errors = await eventually(async () => {
      const r = await s.admin.get(`/accounts/${s.accountId}/pixels/1002/errors`);
      return r.body.errors.length > 0 ? r.body.errors : undefined;
    });
    expect(errors[0]).toMatchObject({ event_id: 'iso-6', reason: 'rejected', code: 100 });
    expect(errors[0].fbtrace_id).toBeTruthy();
    const pixel = await s.admin.get(`/accounts/${s.accountId}/pixels/1002`);
    expect(pixel.body.last_error).toMatchObject({ code: 100 });
  });

  it('holds the events of a pixel whose token Meta refuses until the token is replaced', async () => {
    s.graph.setBehaviour({ invalidTokens: ['EAAtest-token-1002'] });
    await postBrowserEvents(s.url, {
      pixel_id: '1002',
      events: [ev({ event_name: 'Purchase', event_id: 'held-1' })],
    });
    const pixel = await eventually(async () => {
      const r = await s.admin.get(`/accounts/${s.accountId}/pixels/1002`);
      return r.body.token_status === 'invalid' ? r.body : undefined;
    });
    expect(pixel.last_error).toMatchObject({ code: 190 });
    // Held, not lost, and not hammering Meta: no new calls for this pixel while the token is bad.
    // (Calls for 1001 may still arrive: an earlier test's timed-out batch is retried, at least once.)
    const callsFor1002 = () => s.graph.requests.filter((q) => q.pixelId === '1002').length;
    const calls = callsFor1002();
    await new Promise((r) => setTimeout(r, 500));
    expect(callsFor1002()).toBe(calls);
    expect(s.graph.events('1002')).toEqual([]);
    const patched = await s.admin.patch(`/accounts/${s.accountId}/pixels/1002`, {
      access_token: 'EAAnew-token-9999',
    });
    expect(patched.body).toMatchObject({ token_status: 'ok', token_last4: '9999' });
    await eventually(() => s.graph.events('1002').find((g) => g.event.event_id === 'held-1'));
  });

  it('accepts but never sends while publishing is off, and forwards the test event code', async () => {
    await s.admin.patch(`/accounts/${s.accountId}/pixels/1001`, { publishing: false });
    const off = await postBrowserEvents(s.url, {
      pixel_id: '1001',
      events: [ev({ event_name: 'Purchase', event_id: 'off-1' })],
    });
    expect(off.status).toBe(202);
    expect(off.body.accepted).toBe(1);
    await s.admin.patch(`/accounts/${s.accountId}/pixels/1001`, {
      publishing: true,
      test_event_code: 'TEST123',
    });
    await postBrowserEvents(s.url, {
      pixel_id: '1001',
      events: [ev({ event_name: 'Purchase', event_id: 'tec-1' })],
    });
    const got = await eventually(() =>
      s.graph.events('1001').find((g) => g.event.event_id === 'tec-1'),
    );
    expect(got.testEventCode).toBe('TEST123');
    // Sent after the event accepted while publishing was off: that one never left.
    expect(s.graph.events('1001').map((g) => g.event.event_id)).not.toContain('off-1');
    await s.admin.patch(`/accounts/${s.accountId}/pixels/1001`, { test_event_code: null });
  });

  it('answers 404 for an unknown pixel and while receiving is off', async () => {
    const unknown = await postBrowserEvents(s.url, {
      pixel_id: '999',
      events: [{ event_name: 'X' }],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('PIXEL_UNKNOWN');
    await s.admin.patch(`/accounts/${s.accountId}/pixels/1001`, { receiving: false });
    const off = await postBrowserEvents(s.url, { pixel_id: '1001', events: [{ event_name: 'X' }] });
    expect(off.status).toBe(404);
    expect(off.body.error.code).toBe('PIXEL_NOT_RECEIVING');
    await s.admin.patch(`/accounts/${s.accountId}/pixels/1001`, { receiving: true });
  });

  it('takes server events on /capi/{pixel}/events with the pixel access key only', async () => {
    const key = s.pixels.find((p) => p.pixelId === '1001')!.accessKey;
    const event = {
      event_name: 'Subscribe',
      event_id: 'srv-1',
      action_source: 'system_generated',
      user_data: { em: 'a@b.co', client_ip_address: '9.9.9.9' },
    };
    const post = (accessKey: string) =>
      fetch(`${s.url}/capi/1001/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ data: [event], accessKey }),
      });
    expect((await post('ak_wrong')).status).toBe(403);
    expect((await post(key)).status).toBe(202);
    const got = await eventually(() =>
      s.graph.events('1001').find((g) => g.event.event_id === 'srv-1'),
    );
    // A server's own request says nothing about the user: its IP and user data are kept as sent.
    expect(got!.event.user_data.client_ip_address).toBe('9.9.9.9');
    expect(got!.event.user_data.em).toEqual([sha('a@b.co')]);
    expect(got!.event.action_source).toBe('system_generated');
  });

  it('acknowledges WebSocket batches by seq after storing them', async () => {
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/events/ws`, {
      headers: { 'user-agent': 'Mozilla/5.0 (E2E)' },
    });
    await new Promise((r) => ws.once('open', r));
    const replies: any[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    ws.send(
      JSON.stringify({
        type: 'events',
        seq: 7,
        pixel_id: '1001',
        events: [ev({ event_name: 'ViewContent', event_id: 'ws-1' })],
      }),
    );
    ws.send(
      JSON.stringify({ type: 'events', seq: 8, pixel_id: '404404', events: [{ event_name: 'X' }] }),
    );
    ws.send('not json');
    await eventually(() => replies.length >= 3 || undefined);
    ws.close();
    expect(replies).toEqual(
      expect.arrayContaining([
        { type: 'ack', seq: 7, accepted: 1 },
        expect.objectContaining({ type: 'error', seq: 8, code: 'PIXEL_UNKNOWN' }),
        expect.objectContaining({ type: 'error', seq: null, code: 'INVALID_JSON' }),
      ]),
    );
    // Found by id: delivery is at least once, so a late duplicate of an earlier test may land too.
    await eventually(() => s.graph.events('1001').find((g) => g.event.event_id === 'ws-1'));
  });

  it('acknowledges a resent event without sending it to Meta twice', async () => {
    const body = { pixel_id: '1002', events: [ev({ event_name: 'Lead', event_id: 'dup-1' })] };
    // The browser client resends by beacon what its WebSocket ack did not confirm in time.
    expect((await postBrowserEvents(s.url, body)).body).toEqual({ accepted: 1 });
    expect((await postBrowserEvents(s.url, body)).body).toEqual({ accepted: 1 });
    await eventually(() => s.graph.events('1002').find((g) => g.event.event_id === 'dup-1'));
    await new Promise((r) => setTimeout(r, 300));
    expect(s.graph.events('1002').filter((g) => g.event.event_id === 'dup-1')).toHaveLength(1);
  });
});
