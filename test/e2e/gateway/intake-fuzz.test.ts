import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postBrowserEvents, startStack, type Stack } from './harness.js';

// Generated hostile bodies against the intake: every answer is a 202 or a 4xx with a code and a
// message, never a 5xx, and the gateway still forwards afterwards.

const anyJson = fc.jsonValue({ maxDepth: 4 });
const hostileString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    '{"a":',
    '\u0000',
    'NaN',
    '1e400',
    '💥'.repeat(50),
    'x'.repeat(5000),
  ),
);
const eventLike = fc.record(
  {
    event_name: fc.oneof(hostileString, fc.constant('Purchase'), anyJson),
    event_id: fc.oneof(hostileString, anyJson),
    event_time: fc.oneof(
      fc.integer(),
      fc.double(),
      hostileString,
      fc.constant(Math.floor(Date.now() / 1000)),
    ),
    event_source_url: fc.oneof(fc.webUrl(), hostileString),
    action_source: fc.oneof(fc.constantFrom('website', 'app', 'bogus'), anyJson),
    user_data: fc.oneof(
      fc.dictionary(
        fc.constantFrom('em', 'ph', 'fn', 'zp', 'fbp', 'fbc', 'x', '__proto__'),
        fc.oneof(hostileString, anyJson),
      ),
      anyJson,
    ),
    custom_data: anyJson,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  anyJson,
  fc.record({
    pixel_id: fc.oneof(fc.constant('4001'), hostileString, anyJson),
    events: fc.oneof(fc.array(eventLike, { maxLength: 5 }), anyJson),
  }),
  hostileString,
);

describe('intake under generated hostile bodies', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ pixelIds: ['4001'] });
  });
  afterAll(() => s.close());

  it('answers 202 or a coded 4xx to anything, and keeps forwarding', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('text/plain', 'application/json'), async (b, type) => {
        const text = typeof b === 'string' ? b : JSON.stringify(b);
        const r = await postBrowserEvents(s.url, text, { 'content-type': type });
        seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
        expect(r.status === 202 || (r.status >= 400 && r.status < 500)).toBe(true);
        if (r.status >= 400) {
          expect(typeof r.body.error.code).toBe('string');
          expect(typeof r.body.error.message).toBe('string');
        }
      }),
      { numRuns: 400 },
    );
    expect(seen.get(400)).toBeGreaterThan(0);
    const ok = await postBrowserEvents(
      s.url,
      {
        pixel_id: '4001',
        events: [
          {
            event_name: 'AfterFuzz',
            event_id: 'after-fuzz',
            event_source_url: 'https://x.example/',
          },
        ],
      },
      { 'user-agent': 'Mozilla/5.0' },
    );
    expect(ok.status).toBe(202);
    // Generated bodies that were valid are delivered too: look for this one by its id.
    const deadline = Date.now() + 10_000;
    while (
      !s.graph.events('4001').some((g) => g.event.event_id === 'after-fuzz') &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(s.graph.events('4001').some((g) => g.event.event_id === 'after-fuzz')).toBe(true);
  });

  it('refuses oversized bodies and floods of events with 413 and 400', async () => {
    const big = await postBrowserEvents(s.url, 'x'.repeat(3 * 1024 * 1024));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('BODY_TOO_LARGE');
    const many = Array.from({ length: 1001 }, () => ({ event_name: 'E' }));
    const flood = await postBrowserEvents(s.url, { pixel_id: '4001', events: many });
    expect(flood.status).toBe(400);
  });
});
