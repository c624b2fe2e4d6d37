import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_HASH as HASH,
  nowSeconds as now,
  postEvents,
  validWebEvent as webEvent,
} from './capi-events.js';
import { startGraphStandIn } from './graph-stand-in.js';
import type { GraphStandIn } from './graph-stand-in.js';

let standIn: GraphStandIn;
beforeAll(async () => (standIn = await startGraphStandIn()));
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

const post = (data: unknown, extra: Record<string, unknown> = {}, pixel = '111') =>
  postEvents(standIn.url, pixel, data, extra);

async function rejectionOf(event: Record<string, unknown>) {
  const { status, body } = await post([webEvent(), event]);
  expect(status).toBe(400);
  return body.error.error_user_msg as string;
}

describe('Graph stand-in: accepting events', () => {
  it('accepts a valid batch like Meta and records every event with its pixel', async () => {
    const { status, body } = await post([webEvent(), webEvent({ event_name: 'Lead' })], {
      test_event_code: 'TEST1',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ events_received: 2, messages: [] });
    expect(body.fbtrace_id).toEqual(expect.any(String));
    expect(standIn.events('111').map((e) => e.event.event_name)).toEqual(['Purchase', 'Lead']);
    expect(standIn.events('111')[0]?.testEventCode).toBe('TEST1');
    expect(standIn.requests).toEqual([
      expect.objectContaining({ pixelId: '111', count: 2, status: 200 }),
    ]);
  });

  it('accepts a form body with data as JSON text and the token in the query string', async () => {
    const res = await fetch(`${standIn.url}/v25.0/222/events?access_token=tok`, {
      method: 'POST',
      body: new URLSearchParams({ data: JSON.stringify([webEvent()]) }),
    });
    expect(res.status).toBe(200);
    expect(standIn.events('222')).toHaveLength(1);
  });

  it('accepts non-website events without a URL or user agent, and hashes with an appendix', async () => {
    const event = {
      event_name: 'Call',
      event_time: now(),
      action_source: 'phone_call',
      user_data: { ph: [`${HASH}.AQYBAQIA`, HASH] },
    };
    expect((await post([event])).status).toBe(200);
  });

  it('answers unknown routes with 404', async () => {
    expect((await fetch(`${standIn.url}/v25.0/111/other`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${standIn.url}/v25.0/111/events`)).status).toBe(404);
  });
});

describe('Graph stand-in: rejecting the whole batch like Meta', () => {
  it('rejects every event of a batch when one is invalid, naming the first bad index', async () => {
    const { status, body } = await post([
      webEvent(),
      webEvent({ custom_data: { poison: true } }),
      webEvent({ event_name: '' }),
    ]);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      message: 'Invalid parameter',
      type: 'OAuthException',
      code: 100,
      error_subcode: 2804019,
      is_transient: false,
      error_user_title: 'Server-side API parameter error',
      error_user_msg: "The parameter $['data'][1]['custom_data']['poison'] is invalid.",
    });
    expect(body.error.fbtrace_id).toEqual(expect.any(String));
    expect(standIn.events()).toEqual([]);
  });

  it('requires data to be a non-empty array of at most 1000 events', async () => {
    expect((await post(undefined)).body.error.error_user_msg).toMatch(/\$\['data'\] is required/);
    expect((await post([])).status).toBe(400);
    expect((await post({ a: 1 })).status).toBe(400);
    expect(
      (await post(Array.from({ length: 1001 }, () => webEvent()))).body.error.error_user_msg,
    ).toMatch(/1001/);
    expect((await post(Array.from({ length: 1000 }, () => webEvent()))).status).toBe(200);
  });

  it.each([
    ['a missing event_name', { event_name: undefined }, "['event_name'] is required"],
    ['a missing event_time', { event_time: undefined }, "['event_time'] is required"],
    ['event_time as text', { event_time: String(now()) }, "['event_time'] must be"],
    [
      'event_time in milliseconds (the future)',
      { event_time: Date.now() },
      "['event_time'] is in the future",
    ],
    [
      'event_time older than 7 days',
      { event_time: now() - 8 * 86_400 },
      "['event_time'] is more than 7 days",
    ],
    ['a missing action_source', { action_source: undefined }, "['action_source'] is required"],
    [
      'an unknown action_source',
      { action_source: 'fax' },
      "['action_source'] is not a valid value",
    ],
    [
      'a website event without event_source_url',
      { event_source_url: undefined },
      "['event_source_url'] is required",
    ],
    [
      'a website event without a user agent',
      { user_data: { em: HASH } },
      "['user_data']['client_user_agent'] is required",
    ],
    [
      'an unhashed email',
      { user_data: { client_user_agent: 'ua', em: 'a@b.c' } },
      "['user_data']['em'] must be a SHA-256",
    ],
    [
      'one unhashed phone in a list',
      { user_data: { client_user_agent: 'ua', ph: [HASH, '123'] } },
      "['user_data']['ph']",
    ],
  ])('rejects %s', async (_name, over, expected) => {
    expect(await rejectionOf(webEvent(over))).toContain(`$['data'][1]${expected}`);
  });

  it('allows event_time up to 60 s ahead and physical_store events up to 62 days back', async () => {
    expect((await post([webEvent({ event_time: now() + 50 })])).status).toBe(200);
    const store = {
      event_name: 'Purchase',
      event_time: now() - 30 * 86_400,
      action_source: 'physical_store',
    };
    expect((await post([store])).status).toBe(200);
  });
});
