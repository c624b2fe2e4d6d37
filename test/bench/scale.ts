// The scale run: 5,000 accounts × 2 pixels written straight into a fresh store, then the
// gateway started on it. Reports memory idle and under load spread over every pixel, and what
// the in-memory routing table costs: one lookup, and the periodic reload of all of it.
import { randomBytes } from 'node:crypto';
import { PixelDirectory } from '../../gateway/src/engine/directory.js';
import { SecretBox } from '../../gateway/src/security/master-key.js';
import { hashSecret } from '../../gateway/src/security/tokens.js';
import { Store } from '../../gateway/src/store/store.js';
import { tempDir } from '../support/databases.js';
import { BENCH_UA, browserBody } from './bodies.js';
import { httpLoad } from './load-http.js';
import { peakRssMb, rssMb } from './procs.js';
import { startRateProcess } from './rate-process.js';
import { drained, standInStats, type Stats } from './scenario.js';
import { startGatewayTarget, type Target } from './targets.js';

/** One load spread over every pixel: each event goes to the next pixel in turn. */
export interface ScaleLoad {
  /** Requests per second asked for; undefined for the closed loop. */
  rate?: number;
  reqPerSec: number;
  /**
   * Events delivered to the stand-in per second from the load's start until the last one
   * arrived: the capacity end to end, each event its own Graph call.
   */
  deliveredPerSec: number;
  p99: number;
  graphPer1k: number;
  /** The gateway's RSS high-water mark once this load and its forwarding are done. */
  peakRssMb: number;
}

export interface ScaleResult {
  accounts: number;
  pixelsPerAccount: number;
  idleRssMb: number;
  lookupNs: number;
  reloadMs: number;
  /**
   * Half of the closed loop's delivered rate, steady, on a fresh process: each pixel gets an
   * event every few seconds, so each is its own Graph call.
   */
  steady: ScaleLoad;
  /** As fast as 100 connections go: far more one-event Graph calls than Meta would take. */
  firehose: ScaleLoad;
}

const ACCOUNTS = 5000;
const PIXELS_PER_ACCOUNT = 2;

/** Writes the accounts and pixels in a few transactions; returns the pixel ids. */
async function seed(store: Store, box: SecretBox): Promise<string[]> {
  const t = store.connection.tables;
  const now = Date.now();
  const pixelIds: string[] = [];
  for (let from = 0; from < ACCOUNTS; from += 500) {
    const accounts: (typeof t.accounts.$inferInsert)[] = [];
    const pixels: (typeof t.pixels.$inferInsert)[] = [];
    for (let a = from; a < Math.min(ACCOUNTS, from + 500); a++) {
      const accountId = `acc_bench_${a}`;
      accounts.push({
        id: accountId,
        name: `Shop ${a}`,
        managed: true,
        status: 'active' as const,
        createdAt: now,
        updatedAt: now,
      });
      for (let p = 0; p < PIXELS_PER_ACCOUNT; p++) {
        const pixelId = String(9_000_000_000 + a * PIXELS_PER_ACCOUNT + p);
        pixelIds.push(pixelId);
        pixels.push({
          pixelId,
          accountId,
          name: `Pixel ${pixelId}`,
          accessTokenEnc: box.encrypt(`EAAbench-${pixelId}`),
          tokenLast4: pixelId.slice(-4),
          tokenStatus: 'ok' as const,
          accessKeyHash: hashSecret(`key-${pixelId}`),
          receiving: true,
          publishing: true,
          testEventCode: null,
          blockedEvents: [],
          lastError: null,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    await store.connection.transaction(async (db) => {
      await db.insert(t.accounts).values(accounts);
      await db.insert(t.pixels).values(pixels);
    });
  }
  return pixelIds;
}

/** Nanoseconds per PixelDirectory.get over random ids, and milliseconds per full reload. */
async function lookupCost(store: Store, box: SecretBox, ids: string[]) {
  const directory = new PixelDirectory(store.connection, box);
  let started = performance.now();
  const reloads = 5;
  for (let i = 0; i < reloads; i++) await directory.reload();
  const reloadMs = (performance.now() - started) / reloads;
  const probes = Array.from(
    { length: 1 << 16 },
    () => ids[Math.floor(Math.random() * ids.length)]!,
  );
  let found = 0;
  const n = 2_000_000;
  started = performance.now();
  for (let i = 0; i < n; i++) if (directory.get(probes[i & 0xffff]!)) found++;
  const lookupNs = ((performance.now() - started) * 1e6) / n;
  if (found !== n) throw new Error('a seeded pixel was not found');
  return { reloadMs: Math.round(reloadMs * 10) / 10, lookupNs: Math.round(lookupNs) };
}

async function spreadLoad(
  gw: Target,
  graphUrl: string,
  ids: string[],
  durationS: number,
  rate?: number,
): Promise<ScaleLoad> {
  const stats = () => standInStats(graphUrl);
  // A minute at most: with one Graph call per event, the closed loop's backlog drains slowly.
  const delivered = (from: Stats, n: number) => drained(graphUrl, from, n, 60_000);
  const t = Math.floor(Date.now() / 1000);
  const headers = { 'user-agent': BENCH_UA };
  // The steady load comes from a fresh process of its own on the load core, as for the latency
  // rounds (rate-process.ts says why); a short first run starts it and opens its connections.
  const rater = rate
    ? startRateProcess({
        url: gw.url,
        headers,
        connections: 100,
        rate,
        events: 1,
        eventTime: t,
        pixelIds: ids,
      })
    : undefined;
  try {
    if (rater) {
      const from = await stats();
      await delivered(from, (await rater.run(0.5, `scale-${rate}-w`)).ok);
    }
    const before = await stats();
    const started = performance.now();
    const r = rater
      ? await rater.run(durationS, `scale-${rate}`)
      : await httpLoad({
          url: gw.url,
          connections: 100,
          durationS,
          headers,
          body: (n) => browserBody(1, `scale-max-${n}`, t, ids[n % ids.length]),
        });
    const after = await delivered(before, r.ok);
    const events = after.events - before.events;
    return {
      rate,
      reqPerSec: Math.round(r.reqPerSec),
      deliveredPerSec: Math.round(events / ((performance.now() - started) / 1000)),
      p99: r.p99,
      graphPer1k:
        events > 0 ? Math.round(((after.requests - before.requests) / events) * 10000) / 10 : NaN,
      peakRssMb: peakRssMb(gw.pid),
    };
  } finally {
    await rater?.close();
  }
}

export async function runScale(
  graphUrl: string,
  o: {
    quick: boolean;
    log: (line: string) => void;
    nodeArgs?: string[];
    /** Variables for the gateway process (`--gateway-env`). */
    env?: Record<string, string>;
  },
): Promise<ScaleResult> {
  o.log(`scale: seeding ${ACCOUNTS} accounts × ${PIXELS_PER_ACCOUNT} pixels …`);
  const tmp = tempDir('capgw-scale-');
  const masterKey = randomBytes(32).toString('base64');
  const box = SecretBox.fromBase64(masterKey);
  const store = await Store.open({ kind: 'sqlite', dir: tmp.dir });
  const ids = await seed(store, box);
  const cost = await lookupCost(store, box, ids);
  await store.close();

  const start = () =>
    startGatewayTarget('sqlite', {
      graphUrl,
      dataDir: tmp.dir,
      env: { ...o.env, MASTER_KEY: masterKey },
      seeded: true,
      nodeArgs: o.nodeArgs,
    });
  const durationS = o.quick ? 3 : 10;
  try {
    // The closed loop first, for the capacity; then a fresh process (the peak RSS is a
    // high-water mark) at half of it, as the latency target is read at half of peak. A fixed
    // 2,000 events/s was a quarter of capacity on one machine and more than all of it on one four
    // times slower, where the figure measured the overload's queues, not the 5,000 accounts.
    // The capacity is what was delivered, not what was acknowledged: the closed loop's intake
    // outruns its one-event Graph calls, and half of the intake rate was still more than the
    // forwarding kept up with (p99 339 ms, 302 MB), so the backlog, not the accounts, set the RSS.
    let gw = await start();
    o.log('scale: as fast as 100 connections go, spread over every pixel …');
    const firehose = await spreadLoad(gw, graphUrl, ids, durationS).finally(() => gw.stop());
    gw = await start();
    try {
      await new Promise((r) => setTimeout(r, 1000));
      const idleRssMb = rssMb(gw.pid);
      const rate = Math.round(firehose.deliveredPerSec / 2);
      o.log(`scale: a steady ${rate} events/s (half of that) spread over every pixel …`);
      const steady = await spreadLoad(gw, graphUrl, ids, durationS, rate);
      return {
        accounts: ACCOUNTS,
        pixelsPerAccount: PIXELS_PER_ACCOUNT,
        idleRssMb,
        ...cost,
        steady,
        firehose,
      };
    } finally {
      await gw.stop();
    }
  } finally {
    tmp.remove();
  }
}
