import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fbq, newShopper, waitForScripts } from './fixtures/browser.js';
import { snippetPage } from './fixtures/pages.js';
import { startStack, type Stack } from './fixtures/stack.js';

const PIXELS = { fresh: '1200000000000001', click: '1200000000000002', known: '1200000000000003' };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(Object.values(PIXELS));
});
afterAll(async () => stack?.close());

describe('first-party _fbp and _fbc cookies', () => {
  it('creates one _fbp on the registrable domain before the first events, and sends it with each', async () => {
    const pixel = PIXELS.fresh;
    const context = await newShopper(stack.browser);
    const page = await context.newPage();
    const before = Date.now();
    await page.goto(stack.site.page('/', snippetPage(stack.gatewayUrl, pixel)));
    await waitForScripts(page);
    // Several events at once on a first visit must not each invent their own browser id.
    await page.evaluate(() => {
      const f = (window as unknown as { fbq: (...a: unknown[]) => void }).fbq;
      f('track', 'ViewContent');
      f('track', 'AddToCart');
      f('trackCustom', 'Scrolled');
    });

    const cookies = await context.cookies();
    const fbp = cookies.filter((c) => c.name === '_fbp');
    expect(fbp).toHaveLength(1);
    expect(fbp[0]!.domain).toBe('.shop.test');
    expect(fbp[0]!.sameSite).toBe('Lax');
    expect(fbp[0]!.expires * 1000 - Date.now()).toBeGreaterThan(89 * 864e5);
    const [, index, created, random] = /^fb\.(\d)\.(\d{13})\.(\d+)$/.exec(fbp[0]!.value) ?? [];
    expect(index).toBe('1'); // shop.test: 'example.com' = 1
    expect(Number(created)).toBeGreaterThanOrEqual(before);
    expect(Number(random)).toBeLessThan(2 ** 31);

    const events = await stack.graph.waitForEvents(4, { pixelId: pixel });
    expect(new Set(events.map((e) => e.event.user_data.fbp))).toEqual(new Set([fbp[0]!.value]));
    expect(cookies.find((c) => c.name === '_fbc')).toBeUndefined();
    await context.close();
  });

  it('builds _fbc from the landing URL fbclid with its case kept, and sends it', async () => {
    const pixel = PIXELS.click;
    const context = await newShopper(stack.browser);
    const page = await context.newPage();
    const path = '/landing?utm_source=fb&fbclid=IwAR2xYz_ABC-def';
    await page.goto(stack.site.page(path, snippetPage(stack.gatewayUrl, pixel)));
    await waitForScripts(page);

    const fbc = (await context.cookies()).find((c) => c.name === '_fbc');
    expect(fbc?.domain).toBe('.shop.test');
    expect(fbc?.value).toMatch(/^fb\.1\.\d{13}\.IwAR2xYz_ABC-def$/);
    const [event] = await stack.graph.waitForEvents(1, { pixelId: pixel });
    expect(event!.event.user_data.fbc).toBe(fbc!.value);
    expect(event!.event.user_data.fbp).toMatch(/^fb\.1\.\d{13}\.\d+$/);
    await context.close();
  });

  it('keeps an existing _fbp, and an _fbc that already carries the same click id', async () => {
    const pixel = PIXELS.known;
    const context = await newShopper(stack.browser);
    const fbp = 'fb.1.1700000000000.123456789';
    const fbc = 'fb.1.1700000000001.ABC';
    const cookie = { domain: '.shop.test', path: '/', sameSite: 'Lax' as const };
    await context.addCookies([
      { name: '_fbp', value: fbp, ...cookie },
      { name: '_fbc', value: fbc, ...cookie },
    ]);
    const page = await context.newPage();
    await page.goto(stack.site.page('/again?fbclid=ABC', snippetPage(stack.gatewayUrl, pixel)));
    await waitForScripts(page);
    await fbq(page, 'track', 'Search', { search_string: 'boots' });

    const events = await stack.graph.waitForEvents(2, { pixelId: pixel });
    for (const e of events) expect(e.event.user_data).toMatchObject({ fbp, fbc });
    const jar = await context.cookies();
    expect(jar.filter((c) => c.name === '_fbp').map((c) => c.value)).toEqual([fbp]);
    expect(jar.filter((c) => c.name === '_fbc').map((c) => c.value)).toEqual([fbc]);
    await context.close();
  });
});
