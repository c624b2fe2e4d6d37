import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postEvents, validWebEvent as webEvent } from './capi-events.js';
import { startGraphStandIn } from './graph-stand-in.js';
import type { GraphStandIn } from './graph-stand-in.js';

let standIn: GraphStandIn;
beforeAll(async () => (standIn = await startGraphStandIn()));
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

const post = (data: unknown, extra: Record<string, unknown> = {}, pixel = '111') =>
  postEvents(standIn.url, pixel, data, extra);

describe('Graph stand-in: injected failures', () => {
  it('answers 190 OAuthException for an invalid token and 104 when the token is missing', async () => {
    standIn.setBehaviour({ invalidTokens: ['revoked'] });
    expect((await post([webEvent()], { access_token: 'revoked' })).body.error).toMatchObject({
      code: 190,
      type: 'OAuthException',
    });
    expect((await post([webEvent()], { access_token: undefined })).body.error.code).toBe(104);
  });

  it('answers 503 during an outage, 500 at failRate 1, and 429 with Retry-After at throttleRate 1', async () => {
    standIn.setBehaviour({ outage: true });
    expect((await post([webEvent()])).status).toBe(503);
    standIn.setBehaviour({ failRate: 1 });
    expect((await post([webEvent()])).body.error).toMatchObject({ code: 2, is_transient: true });
    standIn.setBehaviour({ throttleRate: 1 });
    const throttled = await post([webEvent()]);
    expect([
      throttled.status,
      throttled.headers.get('retry-after'),
      throttled.body.error.code,
    ]).toEqual([429, '1', 4]);
    expect(standIn.events()).toEqual([]);
    expect(standIn.stats().byStatus).toEqual({ 503: 1, 500: 1, 429: 1 });
  });

  it('reset forgets events and restores the starting behaviour', async () => {
    standIn.setBehaviour({ outage: true });
    await post([webEvent()]);
    standIn.reset();
    expect(standIn.requests).toEqual([]);
    expect((await post([webEvent()])).status).toBe(200);
  });

  it('keeps only counters in quiet mode', async () => {
    const quiet = await startGraphStandIn({ quiet: true });
    try {
      await fetch(`${quiet.url}/v25.0/9/events`, {
        method: 'POST',
        body: JSON.stringify({ data: [webEvent()], access_token: 't' }),
      });
      expect(await quiet.waitForEvents(1, { pixelId: '9' })).toEqual([]);
      expect([quiet.events(), quiet.requests]).toEqual([[], []]);
      expect(quiet.stats()).toMatchObject({ requests: 1, events: 1, byPixel: { 9: 1 } });
    } finally {
      await quiet.close();
    }
  });
});

describe('Graph stand-in: observing and controlling it', () => {
  it('waitForEvents resolves once enough events arrived and rejects with a count on timeout', async () => {
    const waiting = standIn.waitForEvents(2, { pixelId: '333' });
    await post([webEvent(), webEvent()], {}, '333');
    expect(await waiting).toHaveLength(2);
    await expect(standIn.waitForEvents(5, { pixelId: '333', timeoutMs: 50 })).rejects.toThrow(
      /got 2/,
    );
  });

  it('does not let a request still in flight at reset leak into the next test', async () => {
    standIn.setBehaviour({ delayMs: 100 });
    const late = post([webEvent()]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    standIn.reset();
    expect((await late).status).toBe(200);
    expect([standIn.events(), standIn.requests]).toEqual([[], []]);
  });

  it('can be steered over HTTP when it runs in another process', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${standIn.url}/__stand-in/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        body: JSON.stringify(body),
      });
    await control('behaviour', { outage: true });
    expect((await post([webEvent()])).status).toBe(503);
    await control('reset', {});
    await post([webEvent()]);
    expect(await (await control('stats')).json()).toEqual({
      requests: 1,
      events: 1,
      byStatus: { 200: 1 },
      byPixel: { 111: 1 },
    });
  });

  it('runs as its own process, prints its URL as one JSON line and stops on SIGTERM', async () => {
    const file = fileURLToPath(new URL('./graph-stand-in.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', file, '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const { url } = JSON.parse(line.toString()) as { url: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await postEvents(url, '5', [webEvent()])).status).toBe(200);
      child.kill('SIGTERM');
      expect((await once(child, 'exit'))[0]).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
