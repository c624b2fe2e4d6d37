import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createPostgresDatabase,
  requirePostgres,
  type TestDatabase,
} from '../../support/databases.js';
import { startGraphStandIn, type GraphStandIn } from '../../support/graph-stand-in.js';
import { startGateway, type GatewayProcess } from '../../support/gateway-process.js';
import { setupHostAndPixel } from '../../support/admin-client.js';
import { postBrowserEvents } from './harness.js';

const UA = { 'user-agent': 'Mozilla/5.0 (durability)' };
const event = (id: string, note?: string) => ({
  event_name: 'Purchase',
  event_id: id,
  event_source_url: 'https://shop.example/',
  ...(note ? { custom_data: { note } } : {}),
});

/**
 * Posts single-event bodies from `workers` concurrent senders until stopped, remembering the
 * event ids that got a 202: those, and only those, are what the gateway promised to deliver.
 */
function loadGenerator(
  targets: string[],
  pixelId: string,
  prefix: string,
  workers = 8,
  note?: string,
) {
  const acknowledged = new Set<string>();
  let stopped = false;
  let n = 0;
  const worker = async (w: number) => {
    while (!stopped) {
      const id = `${prefix}-${w}-${n++}`;
      const url = targets[n % targets.length]!;
      try {
        const body = { pixel_id: pixelId, events: [event(id, note)] };
        const r = await postBrowserEvents(url, body, UA);
        if (r.status === 202) acknowledged.add(id);
      } catch {
        // the process died under us: that request was never acknowledged
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  };
  const running = Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return {
    acknowledged,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

async function deliveredIds(
  graph: GraphStandIn,
  expected: Set<string>,
  timeoutMs: number,
): Promise<Set<string>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = new Set(graph.events().map((e) => String(e.event.event_id)));
    if ([...expected].every((id) => got.has(id)) || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('no event lost once acknowledged', () => {
  let graph: GraphStandIn;
  beforeAll(async () => {
    graph = await startGraphStandIn();
  });
  afterAll(() => graph.close());

  it('delivers every acknowledged event after a SIGKILL mid-load while Meta is down (SQLite)', async () => {
    graph.reset();
    graph.setBehaviour({ outage: true });
    let gw: GatewayProcess = await startGateway({ graphUrl: graph.url });
    await setupHostAndPixel(gw.url, { pixelIds: ['2001'] });
    const load = loadGenerator([gw.url], '2001', 'kill');
    await new Promise((r) => setTimeout(r, 1500));
    await gw.kill();
    await load.stop();
    expect(load.acknowledged.size).toBeGreaterThan(50);
    expect(graph.events()).toHaveLength(0);

    graph.setBehaviour({});
    gw = await gw.restart();
    const got = await deliveredIds(graph, load.acknowledged, 30_000);
    const missing = [...load.acknowledged].filter((id) => !got.has(id));
    expect(missing).toEqual([]);
    expect(await gw.stop()).toBe(0);
  });

  it('delivers every acknowledged event after a SIGKILL mid-load while Meta is up (SQLite)', async () => {
    graph.reset();
    let gw: GatewayProcess = await startGateway({ graphUrl: graph.url });
    await setupHostAndPixel(gw.url, { pixelIds: ['2003'] });
    // Events of 40 KB fill the journal's 8 MB segments quickly: a segment whose events are all
    // delivered is retired and its file written over as a later segment, several times before
    // the kill.
    const load = loadGenerator([gw.url], '2003', 'reuse', 16, 'x'.repeat(40_000));
    const journal = join(gw.dataDir, 'journal');
    const firstSegment = () => readdirSync(journal).sort()[0] ?? '';
    await vi.waitFor(() => expect(firstSegment() >= '0000000004.seg').toBe(true), {
      timeout: 20_000,
      interval: 50,
    });
    await new Promise((r) => setTimeout(r, 300));
    await gw.kill();
    await load.stop();

    gw = await gw.restart();
    const got = await deliveredIds(graph, load.acknowledged, 30_000);
    const missing = [...load.acknowledged].filter((id) => !got.has(id));
    expect(missing).toEqual([]);
    expect(await gw.stop()).toBe(0);
  });

  it('drains on SIGTERM: exits 0 quickly and keeps what it could not send for the next start', async () => {
    graph.reset();
    graph.setBehaviour({ outage: true });
    const gw = await startGateway({ graphUrl: graph.url });
    await setupHostAndPixel(gw.url, { pixelIds: ['2002'] });
    const r = await postBrowserEvents(
      gw.url,
      { pixel_id: '2002', events: [event('term-1'), event('term-2')] },
      UA,
    );
    expect(r.status).toBe(202);
    const started = Date.now();
    expect(await gw.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    graph.setBehaviour({});
    const again = await gw.restart();
    const got = await deliveredIds(graph, new Set(['term-1', 'term-2']), 15_000);
    expect(got).toEqual(new Set(['term-1', 'term-2']));
    await again.stop();
  });
});

describe.runIf(await requirePostgres())('two replicas sharing PostgreSQL', () => {
  let graph: GraphStandIn;
  let db: TestDatabase;
  beforeAll(async () => {
    graph = await startGraphStandIn({ behaviour: { outage: true } });
    db = await createPostgresDatabase();
  });
  afterAll(async () => {
    await graph.close();
    await db.drop();
  });

  it('the survivor delivers everything both acknowledged when one is killed mid-load', async () => {
    const env = {
      DATABASE_URL: db.url,
      MASTER_KEY: randomBytes(32).toString('base64'),
      OUTBOX_LEASE_MS: '3000',
    };
    const a = await startGateway({ graphUrl: graph.url, env });
    const b = await startGateway({ graphUrl: graph.url, env });
    await setupHostAndPixel(a.url, { pixelIds: ['3001'] });
    // b learns about the pixel from the shared database on its next directory refresh.
    await new Promise((r) => setTimeout(r, 5500));
    const load = loadGenerator([a.url, b.url], '3001', 'pg');
    await new Promise((r) => setTimeout(r, 1000));
    // Meta comes back while both work; then a dies with rows leased and in flight.
    graph.setBehaviour({});
    await new Promise((r) => setTimeout(r, 300));
    await a.kill();
    await new Promise((r) => setTimeout(r, 700));
    await load.stop();
    expect(load.acknowledged.size).toBeGreaterThan(50);
    const got = await deliveredIds(graph, load.acknowledged, 30_000);
    expect([...load.acknowledged].filter((id) => !got.has(id))).toEqual([]);
    expect(await b.stop()).toBe(0);
  });
});
