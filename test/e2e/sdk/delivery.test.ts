import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fbq, newShopper, pixelCalls, waitForScripts } from './fixtures/browser.js';
import { doubleIncludePage, snippetPage } from './fixtures/pages.js';
import { startStack, type Stack } from './fixtures/stack.js';

const PIXELS = {
  socket: '1300000000000001',
  noSocketOpen: '1300000000000002',
  beacon: '1300000000000003',
  noWebSocket: '1300000000000004',
  twice: '1300000000000005',
  retried: '1300000000000006',
  refused: '1300000000000007',
};
/** Never connected to the gateway: its events are refused for good. */
const UNKNOWN_PIXEL = '9300000000000009';

/** A network that refuses WebSockets: the socket errors and closes without ever opening. */
const REFUSE_WEBSOCKETS = `window.WebSocket = function () {
  var ws = { readyState: 0, send: function () {}, close: function () {} };
  setTimeout(function () {
    ws.readyState = 3;
    if (ws.onerror) ws.onerror(new Event('error'));
    if (ws.onclose) ws.onclose(new CloseEvent('close', { code: 1006 }));
  }, 20);
  return ws;
};`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(Object.values(PIXELS));
});
afterAll(async () => stack?.close());

/** Every POST the page made to the gateway's /events, with its resource type and content type. */
function watchPosts(context: BrowserContext) {
  const posts: { type: string; contentType: string; body: string }[] = [];
  context.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/events') {
      const contentType = r.headers()['content-type'] ?? '';
      posts.push({ type: r.resourceType(), contentType, body: r.postData() ?? '' });
    }
  });
  return posts;
}

async function open(context: BrowserContext, path: string, html: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(stack.site.page(path, html));
  await waitForScripts(page);
  return page;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('delivery to the gateway', () => {
  it('sends over the WebSocket and gets each message acknowledged, with no HTTP request', async () => {
    const pixel = PIXELS.socket;
    const context = await newShopper(stack.browser);
    const posts = watchPosts(context);
    const sent: Record<string, unknown>[] = [];
    const acks: Record<string, unknown>[] = [];
    context.on('page', (p) =>
      p.on('websocket', (ws) => {
        ws.on('framesent', (f) => sent.push(JSON.parse(String(f.payload))));
        ws.on('framereceived', (f) => acks.push(JSON.parse(String(f.payload))));
      }),
    );
    const page = await open(context, '/ws', snippetPage(stack.gatewayUrl, pixel));
    await fbq(page, 'track', 'Purchase', { value: 1, currency: 'USD' });

    const events = await stack.graph.waitForEvents(2, { pixelId: pixel });
    const ids = (await pixelCalls(page)).map((c) => c.eventID);
    expect(events.map((e) => e.event.event_id).sort()).toEqual([...ids].sort());
    await expect.poll(() => acks.length).toBe(sent.length);
    expect(sent.length).toBeGreaterThan(0);
    for (const frame of sent) {
      expect(frame).toMatchObject({ type: 'events', pixel_id: pixel, seq: expect.any(Number) });
      expect(acks).toContainEqual(expect.objectContaining({ type: 'ack', seq: frame.seq }));
    }
    expect(posts).toEqual([]);
    await context.close();
  });

  it('falls back to POST /events as text/plain when the socket cannot open', async () => {
    const pixel = PIXELS.noSocketOpen;
    const context = await newShopper(stack.browser, { initScript: REFUSE_WEBSOCKETS });
    const posts = watchPosts(context);
    const page = await open(context, '/no-ws', snippetPage(stack.gatewayUrl, pixel));
    await fbq(page, 'track', 'Lead');

    const events = await stack.graph.waitForEvents(2, { pixelId: pixel });
    expect(events.map((e) => e.event.event_name).sort()).toEqual(['Lead', 'PageView']);
    // text/plain keeps it a simple request: no CORS preflight before a keepalive fetch.
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(post.type).toBe('fetch');
      expect(post.contentType).toMatch(/^text\/plain/);
      expect(JSON.parse(post.body)).toMatchObject({ pixel_id: pixel, events: expect.any(Array) });
    }
    await context.close();
  });

  it('beacons what the socket never acknowledged when the page is closed', async () => {
    const pixel = PIXELS.beacon;
    const context = await newShopper(stack.browser);
    // A socket that opens but whose acks never come back (a proxy that swallows frames).
    const frames: string[] = [];
    await context.routeWebSocket(/\/events\/ws/, (ws: WebSocketRoute) => {
      ws.onMessage((m) => void frames.push(String(m)));
    });
    const page = await open(context, '/beacon', snippetPage(stack.gatewayUrl, pixel));
    await fbq(page, 'track', 'Purchase', { value: 99, currency: 'EUR' });
    await expect.poll(() => frames.some((f) => f.includes('"Purchase"'))).toBe(true);
    const ids = (await pixelCalls(page)).map((c) => c.eventID);
    // The socket stayed open, so nothing went over HTTP: only the beacon can deliver now.
    expect(stack.graph.events(pixel)).toEqual([]);

    await page.close({ runBeforeUnload: true });
    const events = await stack.graph.waitForEvents(2, { pixelId: pixel });
    expect(events.map((e) => e.event.event_id).sort()).toEqual([...ids].sort());
    await context.close();
  });

  it('delivers when the page has no WebSocket at all and is closed right after tracking', async () => {
    const pixel = PIXELS.noWebSocket;
    const context = await newShopper(stack.browser, { initScript: 'delete window.WebSocket;' });
    const page = await open(context, '/old-browser', snippetPage(stack.gatewayUrl, pixel));
    const eventId = await page.evaluate(() => {
      const w = window as unknown as {
        fbq: (...a: unknown[]) => void;
        __pixel: { eventID: string }[];
      };
      w.fbq('track', 'CompleteRegistration', { status: 'done' });
      return w.__pixel[w.__pixel.length - 1]!.eventID;
    });
    await page.close({ runBeforeUnload: true });

    const events = await stack.graph.waitForEvents(2, { pixelId: pixel });
    const sent = events.find((e) => e.event.event_name === 'CompleteRegistration');
    expect(sent?.event.event_id).toBe(eventId);
    await context.close();
  });

  it('drops, without retrying, events the gateway refuses for a pixel it does not know', async () => {
    const pixel = PIXELS.refused;
    const context = await newShopper(stack.browser);
    const posts = watchPosts(context);
    const sent: { type: string; seq: number; pixel_id: string }[] = [];
    const received: { type: string; seq: number; code?: string }[] = [];
    context.on('page', (p) =>
      p.on('websocket', (ws) => {
        ws.on('framesent', (f) => sent.push(JSON.parse(String(f.payload))));
        ws.on('framereceived', (f) => received.push(JSON.parse(String(f.payload))));
      }),
    );
    const html = snippetPage(stack.gatewayUrl, pixel).replace(
      `fbq('track', 'PageView');`,
      `fbq('init', '${UNKNOWN_PIXEL}');\nfbq('track', 'PageView');`,
    );
    await open(context, '/unknown-pixel', html);

    await stack.graph.waitForEvents(1, { pixelId: pixel });
    await sleep(2_000); // well past the first backoff steps
    const refused = sent.filter((f) => f.pixel_id === UNKNOWN_PIXEL);
    expect(refused).toHaveLength(1);
    expect(received).toContainEqual(
      expect.objectContaining({ type: 'error', seq: refused[0]!.seq, code: 'PIXEL_UNKNOWN' }),
    );
    expect(posts).toEqual([]);
    await context.close();
  });

  it('retries a message the gateway could not store yet, and drops one it refused for good', async () => {
    const pixel = PIXELS.retried;
    const context = await newShopper(stack.browser);
    const frames: { seq: number; pixel_id: string }[] = [];
    await context.routeWebSocket(/\/events\/ws/, (ws: WebSocketRoute) => {
      ws.onMessage((raw) => {
        const m = JSON.parse(String(raw)) as { seq: number; pixel_id: string; events: unknown[] };
        frames.push(m);
        const seen = frames.filter((f) => f.pixel_id === m.pixel_id).length;
        const reply =
          m.pixel_id === UNKNOWN_PIXEL
            ? { type: 'error', seq: m.seq, code: 'PIXEL_UNKNOWN', message: 'unknown pixel' }
            : seen === 1
              ? { type: 'error', seq: m.seq, code: 'OUTBOX_FULL', message: 'retry later' }
              : { type: 'ack', seq: m.seq, accepted: m.events.length };
        ws.send(JSON.stringify(reply));
      });
    });
    const html = snippetPage(stack.gatewayUrl, pixel).replace(
      `fbq('track', 'PageView');`,
      `fbq('init', '${UNKNOWN_PIXEL}');\nfbq('track', 'PageView');`,
    );
    await open(context, '/retry', html);

    await expect.poll(() => frames.filter((f) => f.pixel_id === pixel).length).toBe(2);
    await sleep(2_000); // well past the first backoff steps
    expect(frames.filter((f) => f.pixel_id === pixel)).toHaveLength(2);
    expect(frames.filter((f) => f.pixel_id === UNKNOWN_PIXEL)).toHaveLength(1);
    await context.close();
  });

  it('mirrors each call once when the script is included twice', async () => {
    const pixel = PIXELS.twice;
    const context = await newShopper(stack.browser);
    const page = await open(context, '/twice', doubleIncludePage(stack.gatewayUrl, pixel));
    await fbq(page, 'track', 'Contact');

    await stack.graph.waitForEvents(2, { pixelId: pixel });
    await sleep(500);
    expect(
      stack.graph
        .events(pixel)
        .map((e) => e.event.event_name)
        .sort(),
    ).toEqual(['Contact', 'PageView']);
    expect(await pixelCalls(page)).toHaveLength(2);
    await context.close();
  });

  it('never throws into the page, and the Meta Pixel keeps working, when the gateway is down', async () => {
    const downUrl = 'http://127.0.0.1:9'; // discard port: nothing listens
    const context = await newShopper(stack.browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(stack.site.page('/down', snippetPage(downUrl, PIXELS.socket)));
    await page.waitForFunction(() =>
      Boolean((window as { __pixelLoaded?: boolean }).__pixelLoaded),
    );
    await fbq(page, 'track', 'Purchase', { value: 3, currency: 'USD' });
    await sleep(1_000);
    expect(errors).toEqual([]);
    expect((await pixelCalls(page)).map((c) => c.name)).toEqual(['PageView', 'Purchase']);
    await context.close();
  });
});
