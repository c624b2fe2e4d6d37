import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postBrowserEvents, startStack, type Stack } from '../gateway/harness.js';

// A data directory that turns read-only or fills up must give a clear 503 or 429 (never a 202 that
// is not stored, never a crash), and the gateway must recover when the disk does. A small tmpfs
// mounted for the test makes the disk real; it needs root, which the development machines and CI have.

const UA = { 'user-agent': 'Mozilla/5.0 (storage)' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function mountTmpfs(
  sizeMb: number,
): { dir: string; remount(mode: 'ro' | 'rw'): void; unmount(): void } | undefined {
  const dir = join(tmpdir(), `capgw-disk-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
  } catch {
    return undefined;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const probe = mountTmpfs(1);
probe?.unmount();
if (!probe) console.warn('Cannot mount a tmpfs here (not root?): skipping the disk failure tests.');

describe.runIf(probe !== undefined)('chaos: the data directory fails', () => {
  let disk: NonNullable<ReturnType<typeof mountTmpfs>>;
  let s: Stack;
  beforeAll(async () => {
    disk = mountTmpfs(32)!;
    s = await startStack({
      pixelIds: ['6001'],
      env: { DATA_DIR: disk.dir, DISK_RESERVE_MB: '8' },
    });
  });
  afterAll(async () => {
    await s?.close().catch(() => undefined);
    disk.unmount();
  });

  const post = (id: string, padding = 0) =>
    postBrowserEvents(
      s.url,
      {
        pixel_id: '6001',
        events: [
          {
            event_name: 'Purchase',
            event_id: id,
            event_source_url: 'https://shop.example/',
            custom_data: { note: 'x'.repeat(padding) },
          },
        ],
      },
      UA,
    );

  it('answers 429 before the disk is full, stays up, and takes events again once Meta drains it', async () => {
    s.graph.setBehaviour({ outage: true });
    const acknowledged: string[] = [];
    let full: Awaited<ReturnType<typeof post>> | undefined;
    // Paced, so that the failed deliveries retry many rounds while the disk fills, as under load:
    // each round leases and reschedules every waiting row, and those writes must not grow
    // SQLite's write-ahead log into the reserve (they once wrote the whole 60 KB rows again).
    for (let i = 0; i < 400 && !full; i++) {
      const r = await post(`fill-${i}`, 60_000);
      if (r.status === 202) acknowledged.push(`fill-${i}`);
      else full = r;
      await sleep(10);
    }
    // The reserve (DISK_RESERVE_MB) stops intake before SQLite would fail: deliveries need room
    // too, in the write-ahead log, which grows up to its checkpoint (about 4 MB) and one more
    // transaction (at most about 1 MB when rows move in bulk), so the reserve stays above that.
    expect(full?.status).toBe(429);
    expect(full?.body.error.code).toBe('OUTBOX_FULL');
    expect(full?.headers.get('retry-after')).toBeTruthy();
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    // Meta comes back: the outbox drains, SQLite reuses the freed pages, intake works again.
    s.graph.setBehaviour({});
    let again = 0;
    for (let i = 0; i < 100 && again !== 202; i++) {
      await sleep(200);
      again = (await post(`after-full-${i}`)).status;
    }
    expect(again).toBe(202);
    const got = new Set<string>();
    for (let i = 0; i < 150 && !acknowledged.every((id) => got.has(id)); i++) {
      await sleep(100);
      for (const e of s.graph.events()) got.add(String(e.event.event_id));
    }
    expect(acknowledged.filter((id) => !got.has(id))).toEqual([]);
  }, 60_000);
});
