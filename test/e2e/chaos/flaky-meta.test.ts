import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postBrowserEvents, startStack, type Stack } from '../gateway/harness.js';

const UA = { 'user-agent': 'Mozilla/5.0 (chaos)' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Meta misbehaving in every way at once, under steady load: 30 % server errors and 10 % 429s,
 * then answers slower than the gateway's timeout, then a 20 s outage. Every event that got a
 * 202 must arrive once Meta is healthy again.
 */
describe('chaos: a flaky Meta under load', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({
      pixelIds: ['5001', '5002'],
      env: { GRAPH_TIMEOUT_MS: '500', FORWARD_RETRY_MAX_MS: '1000' },
    });
  });
  afterAll(() => s.close());

  it('loses nothing it acknowledged through errors, throttling, timeouts and a 20 s outage', async () => {
    const acknowledged = new Set<string>();
    let stop = false;
    let n = 0;
    const sender = async (w: number) => {
      while (!stop) {
        const pixel = w % 2 === 0 ? '5001' : '5002';
        const ids = Array.from({ length: 1 + (n % 3) }, () => `c-${w}-${n++}`);
        const r = await postBrowserEvents(
          s.url,
          {
            pixel_id: pixel,
            events: ids.map((id) => ({
              event_name: 'Purchase',
              event_id: id,
              event_source_url: 'https://shop.example/',
            })),
          },
          UA,
        );
        if (r.status === 202) for (const id of ids) acknowledged.add(id);
        await sleep(5);
      }
    };
    const senders = Promise.all([0, 1, 2, 3].map(sender));

    s.graph.setBehaviour({ failRate: 0.3, throttleRate: 0.1 });
    await sleep(3000);
    // At 10 % a 429 is left to chance in 3 s (about one run in ten would see none, and one
    // did): this phase lasts until the stand-in has answered both kinds of failure, 10 s more
    // at most.
    const answered = (status: number) => s.graph.requests.some((r) => r.status === status);
    for (let i = 0; i < 100 && !(answered(429) && answered(500)); i++) await sleep(100);
    s.graph.setBehaviour({ delayMs: 800, failRate: 0.1 });
    await sleep(2000);
    s.graph.setBehaviour({ outage: true });
    await sleep(20_000);
    stop = true;
    await senders;
    s.graph.setBehaviour({});

    expect(acknowledged.size).toBeGreaterThan(500);
    const deadline = Date.now() + 40_000;
    let missing: string[];
    do {
      const got = new Set(s.graph.events().map((e) => String(e.event.event_id)));
      missing = [...acknowledged].filter((id) => !got.has(id));
      if (missing.length === 0) break;
      await sleep(250);
    } while (Date.now() < deadline);
    expect(missing).toEqual([]);
    // The failures really happened: the stand-in answered errors, throttles and outages.
    const statuses = new Set(s.graph.requests.map((r) => r.status));
    expect([...statuses]).toEqual(expect.arrayContaining([200, 429, 500, 503]));
  }, 120_000);
});
