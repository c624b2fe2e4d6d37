import type { WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fbq, newShopper, pixelCalls } from './fixtures/browser.js';
import { REFUSE_WEBSOCKETS, watchPosts, watchSocket } from './fixtures/network.js';
import { snippetPage } from './fixtures/pages.js';
import { openShop, startStack, type Stack } from './fixtures/stack.js';

const PIXELS = {
  socket: '1300000000000001',
  noSocketOpen: '1300000000000002',
  beacon: '1300000000000003',
  noWebSocket: '1300000000000004',
};

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(Object.values(PIXELS));
});
afterAll(async () => stack?.close());

describe('delivery to the gateway', () => {
  it('sends over the WebSocket and gets each message acknowledged, with no HTTP request', async () => {
    const pixel = PIXELS.socket;
    const context = await newShopper(stack.browser);
    const posts = watchPosts(context);
    const { sent, received: acks } = watchSocket(context);
    const page = await openShop(stack, context, '/ws', snippetPage(stack.gatewayUrl, pixel));
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
    const page = await openShop(stack, context, '/no-ws', snippetPage(stack.gatewayUrl, pixel));
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
    const page = await openShop(stack, context, '/beacon', snippetPage(stack.gatewayUrl, pixel));
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
    const page = await openShop(
      stack,
      context,
      '/old-browser',
      snippetPage(stack.gatewayUrl, pixel),
    );
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
});
