import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fbq, newShopper, pixelCalls, waitForScripts } from './fixtures/browser.js';
import { gatewayOnlyPage, snippetPage, twoPixelPage } from './fixtures/pages.js';
import { sha256, startStack, type Stack } from './fixtures/stack.js';

const PIXELS = {
  purchase: '1100000000000001',
  queued: '1100000000000002',
  chosenId: '1100000000000003',
  pixelFirst: '1100000000000004',
  agencyA: '1100000000000005',
  agencyB: '1100000000000006',
  noMeta: '1100000000000007',
};

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(Object.values(PIXELS));
});
afterAll(async () => stack?.close());

describe('the browser client mirrors the Meta Pixel', () => {
  it('sends PageView and Purchase with advanced matching, hashed, under the eventID the pixel got', async () => {
    const pixel = PIXELS.purchase;
    const url = stack.site.page(
      '/checkout/thanks',
      snippetPage(stack.gatewayUrl, pixel, {
        em: ' Jane.Doe@Example.com ',
        ph: '+1 (555) 123-4567',
        fn: 'Jane',
        ln: 'Doe',
        ct: 'Springfield',
        zp: '12345',
        country: 'US',
        external_id: 'cust-42',
      }),
    );
    const context = await newShopper(stack.browser);
    const page = await context.newPage();
    await page.goto(url);
    await waitForScripts(page);
    await fbq(page, 'track', 'Purchase', { value: 42.5, currency: 'EUR', content_ids: ['sku-1'] });

    const events = await stack.graph.waitForEvents(2, { pixelId: pixel });
    const seen = await pixelCalls(page);
    expect(seen.map((c) => c.name)).toEqual(['PageView', 'Purchase']);
    for (const call of seen) {
      const sent = events.find((e) => e.event.event_name === call.name)!.event;
      expect(call.eventID).toMatch(/^[0-9a-f]{32}$/);
      expect(sent.event_id).toBe(call.eventID);
      expect(sent.action_source).toBe('website');
      expect(sent.event_source_url).toBe(url);
      expect(sent.user_data.em).toEqual([sha256('jane.doe@example.com')]);
      expect(sent.user_data.ph).toEqual([sha256('15551234567')]);
      expect(sent.user_data.fn).toEqual([sha256('jane')]);
      expect(sent.user_data.country).toEqual([sha256('us')]);
      expect(sent.user_data.external_id).toEqual([sha256('cust-42')]);
      expect(sent.user_data.client_user_agent).toContain('Chrome');
    }
    const purchase = events.find((e) => e.event.event_name === 'Purchase')!.event;
    expect(purchase.custom_data).toEqual({ value: 42.5, currency: 'EUR', content_ids: ['sku-1'] });
    // The pixel got the page's params untouched, plus the eventID.
    expect(seen[1]!.params).toEqual({ value: 42.5, currency: 'EUR', content_ids: ['sku-1'] });
    await context.close();
  });

  it('mirrors fbq calls queued before it loaded, and the pixel replays them with the same eventIDs', async () => {
    const pixel = PIXELS.queued;
    const page0 = snippetPage(stack.gatewayUrl, pixel).replace(
      `fbq('track', 'PageView');`,
      `fbq('track', 'PageView');\nfbq('trackCustom', 'QuizStarted', {step: 1});`,
    );
    const context = await newShopper(stack.browser, { pixelDelayMs: 1500 });
    const page = await context.newPage();
    // 'load' would wait for fbevents.js too: look at the page as soon as it is parsed.
    await page.goto(stack.site.page('/quiz', page0), { waitUntil: 'domcontentloaded' });
    // The client ran while both calls were still sitting in fbq.queue.
    await page.waitForFunction(() => Boolean((window as { __capgw?: unknown }).__capgw));
    expect(
      await page.evaluate(() => (window as { __pixelLoaded?: boolean }).__pixelLoaded),
    ).toBeFalsy();
    await waitForScripts(page);

    const events = await stack.graph.waitForEvents(2, { pixelId: pixel });
    const seen = await pixelCalls(page);
    expect(seen.map((c) => [c.name, c.eventID])).toEqual(
      ['PageView', 'QuizStarted'].map((name) => [
        name,
        events.find((e) => e.event.event_name === name)!.event.event_id,
      ]),
    );
    expect(seen[1]!.params).toEqual({ step: 1 });
    await context.close();
  });

  it('keeps an eventID the page chose itself', async () => {
    const pixel = PIXELS.chosenId;
    const context = await newShopper(stack.browser);
    const page = await context.newPage();
    await page.goto(stack.site.page('/order', snippetPage(stack.gatewayUrl, pixel)));
    await waitForScripts(page);
    await fbq(page, 'track', 'Purchase', { value: 10, currency: 'USD' }, { eventID: 'order-981' });

    const events = await stack.graph.waitForEvents(2, { pixelId: pixel });
    expect(events.find((e) => e.event.event_name === 'Purchase')!.event.event_id).toBe('order-981');
    expect((await pixelCalls(page)).find((c) => c.name === 'Purchase')!.eventID).toBe('order-981');
    await context.close();
  });

  it('still mirrors later events when the Meta Pixel ran before the client', async () => {
    const pixel = PIXELS.pixelFirst;
    const context = await newShopper(stack.browser, { pixelDelayMs: 0, sdkDelayMs: 1500 });
    const page = await context.newPage();
    await page.goto(stack.site.page('/late', snippetPage(stack.gatewayUrl, pixel)), {
      waitUntil: 'domcontentloaded',
    });
    await page.waitForFunction(() =>
      Boolean((window as { __pixelLoaded?: boolean }).__pixelLoaded),
    );
    expect(await page.evaluate(() => (window as { __capgw?: unknown }).__capgw)).toBeUndefined();
    await waitForScripts(page);
    await fbq(page, 'track', 'AddToCart', { value: 5, currency: 'USD' });

    const [event] = await stack.graph.waitForEvents(1, { pixelId: pixel });
    const call = (await pixelCalls(page)).find((c) => c.name === 'AddToCart')!;
    expect(event!.event.event_name).toBe('AddToCart');
    expect(event!.event.event_id).toBe(call.eventID);
    await context.close();
  });

  it('sends track to every pixel on the page and trackSingle to one, each under its own pixel', async () => {
    const [a, b] = [PIXELS.agencyA, PIXELS.agencyB];
    const html = twoPixelPage(stack.gatewayUrl, [
      [a, { em: 'a@shop.test' }],
      [b, { em: 'b@shop.test' }],
    ]);
    const context = await newShopper(stack.browser);
    const page = await context.newPage();
    await page.goto(stack.site.page('/two-pixels', html));
    await waitForScripts(page);
    await fbq(page, 'trackSingle', b, 'Lead', { lead_type: 'newsletter' });
    await fbq(page, 'trackSingleCustom', a, 'BrochureDownloaded');

    const toA = await stack.graph.waitForEvents(2, { pixelId: a });
    const toB = await stack.graph.waitForEvents(2, { pixelId: b });
    expect(toA.map((e) => e.event.event_name).sort()).toEqual(['BrochureDownloaded', 'PageView']);
    expect(toB.map((e) => e.event.event_name).sort()).toEqual(['Lead', 'PageView']);
    // One PageView call: one event_id, deduplicated per pixel on Meta's side.
    const pageViewIds = [...toA, ...toB]
      .filter((e) => e.event.event_name === 'PageView')
      .map((e) => e.event.event_id);
    expect(new Set(pageViewIds).size).toBe(1);
    for (const e of toA) expect(e.event.user_data.em).toEqual([sha256('a@shop.test')]);
    for (const e of toB) expect(e.event.user_data.em).toEqual([sha256('b@shop.test')]);

    const seen = await pixelCalls(page);
    for (const e of [...toA, ...toB]) {
      const call = seen.find((c) => c.pixelId === e.pixelId && c.name === e.event.event_name);
      expect(call?.eventID).toBe(e.event.event_id);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(stack.graph.events(a)).toHaveLength(2);
    expect(stack.graph.events(b)).toHaveLength(2);
    await context.close();
  });

  it('works on a page without the Meta Pixel, sending to the gateway only', async () => {
    const pixel = PIXELS.noMeta;
    const context = await newShopper(stack.browser);
    let metaRequests = 0;
    context.on('request', (r) => void (r.url().includes('facebook') && metaRequests++));
    const page = await context.newPage();
    await page.goto(stack.site.page('/no-meta', gatewayOnlyPage(stack.gatewayUrl, pixel)));
    await page.waitForFunction(() => Boolean((window as { __capgw?: unknown }).__capgw));
    await fbq(page, 'track', 'ViewContent', { content_ids: ['sku-9'] });

    const events = await stack.graph.waitForEvents(2, { pixelId: pixel });
    expect(events.map((e) => e.event.event_name).sort()).toEqual(['PageView', 'ViewContent']);
    expect(metaRequests).toBe(0);
    await context.close();
  });
});
