import type { WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fbq, newShopper, pixelCalls } from './fixtures/browser.js';
import { sleep, watchPosts, watchSocket } from './fixtures/network.js';
import { doubleIncludePage, snippetPage } from './fixtures/pages.js';
import { openShop, startStack, type Stack } from './fixtures/stack.js';

const PIXELS = {
  twice: '1400000000000001',
  retried: '1400000000000002',
  refused: '1400000000000003',
  down: '1400000000000004',
};
/** Never connected to the gateway: its events are refused for good. */
const UNKNOWN_PIXEL = '9400000000000009';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(Object.values(PIXELS));
});
afterAll(async () => stack?.close());

describe('a client that never gets in the way', () => {
  it('drops, without retrying, events the gateway refuses for a pixel it does not know', async () => {
    const pixel = PIXELS.refused;
    const context = await newShopper(stack.browser);
    const posts = watchPosts(context);
    const { sent, received } = watchSocket(context);
    const html = snippetPage(stack.gatewayUrl, pixel).replace(
      `fbq('track', 'PageView');`,
      `fbq('init', '${UNKNOWN_PIXEL}');\nfbq('track', 'PageView');`,
    );
    await openShop(stack, context, '/unknown-pixel', html);

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
    await openShop(stack, context, '/retry', html);

    await expect.poll(() => frames.filter((f) => f.pixel_id === pixel).length).toBe(2);
    await sleep(2_000); // well past the first backoff steps
    expect(frames.filter((f) => f.pixel_id === pixel)).toHaveLength(2);
    expect(frames.filter((f) => f.pixel_id === UNKNOWN_PIXEL)).toHaveLength(1);
    await context.close();
  });

  it('mirrors each call once when the script is included twice', async () => {
    const pixel = PIXELS.twice;
    const context = await newShopper(stack.browser);
    const page = await openShop(
      stack,
      context,
      '/twice',
      doubleIncludePage(stack.gatewayUrl, pixel),
    );
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
    await page.goto(stack.site.page('/down', snippetPage(downUrl, PIXELS.down)));
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
