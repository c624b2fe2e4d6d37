import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../gateway/src/app.js';
import { loadConfig } from '../../../gateway/src/config/env.js';
import { postBrowserEvents, startStack, type Stack } from '../gateway/harness.js';

// A disk that fails under a running gateway: an ext4 image mounted with errors=remount-ro, then
// ext4's own trigger_fs_error, which turns it read-only exactly as a failing disk does. Needs
// root and loop devices (the development machines and CI have both).

const UA = { 'user-agent': 'Mozilla/5.0 (read-only)' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'ignore' });

function ext4Disk() {
  const root = mkdtempSync(join(tmpdir(), 'capgw-ext4-'));
  const image = join(root, 'disk.img');
  const dir = join(root, 'mnt');
  mkdirSync(dir);
  try {
    run('truncate', ['-s', '48M', image]);
    run('mkfs.ext4', ['-q', '-F', image]);
    run('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
  } catch {
    rmSync(root, { recursive: true, force: true });
    return undefined;
  }
  const device = () =>
    basename(execFileSync('findmnt', ['-n', '-o', 'SOURCE', dir]).toString().trim());
  return {
    dir,
    fail: () => writeFileSync(`/sys/fs/ext4/${device()}/trigger_fs_error`, 'capgw test'),
    isReadOnly: () =>
      /\bro\b|emergency_ro/.test(
        readFileSync('/proc/mounts', 'utf8')
          .split('\n')
          .find((l) => l.includes(dir)) ?? '',
      ),
    repair: () => {
      run('umount', ['-l', dir]);
      try {
        run('e2fsck', ['-f', '-y', image]);
      } catch {
        // e2fsck exits 1 when it fixed something, which is what we asked for
      }
      run('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
    },
    remove: () => {
      try {
        run('umount', ['-l', dir]);
      } catch {
        // not mounted
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const disk = ext4Disk();
if (!disk)
  console.warn(
    'Cannot mount an ext4 loop image here (not root?): skipping the read-only disk test.',
  );

describe.runIf(disk !== undefined)('chaos: the data directory turns read-only under load', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({
      pixelIds: ['7001'],
      env: { DATA_DIR: disk!.dir, DISK_RESERVE_MB: '1' },
    });
  });
  afterAll(() => disk!.remove());

  const post = (id: string) =>
    postBrowserEvents(
      s.url,
      {
        pixel_id: '7001',
        events: [{ event_name: 'Lead', event_id: id, event_source_url: 'https://shop.example/' }],
      },
      UA,
    );

  it('answers 503 without crashing, and keeps what it acknowledged for after the repair', async () => {
    s.graph.setBehaviour({ outage: true });
    expect((await post('kept-1')).status).toBe(202);
    disk!.fail();
    expect(disk!.isReadOnly()).toBe(true);
    for (const id of ['lost-1', 'lost-2']) {
      const r = await post(id);
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('STORAGE_UNAVAILABLE');
      expect(r.headers.get('retry-after')).toBeTruthy();
    }
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    await s.app.close().catch(() => undefined);

    // The operator repairs the disk and starts the gateway again: the acknowledged event goes out.
    disk!.repair();
    s.graph.setBehaviour({});
    const app = await buildApp(
      loadConfig({ DATA_DIR: disk!.dir, GRAPH_API_BASE_URL: s.graph.url, FORWARD_FLUSH_MS: '100' }),
    );
    try {
      let ids: string[] = [];
      for (let i = 0; i < 100 && !ids.includes('kept-1'); i++) {
        await sleep(100);
        ids = s.graph.events('7001').map((e) => String(e.event.event_id));
      }
      expect(ids).toContain('kept-1');
      expect(ids).not.toContain('lost-1');
    } finally {
      await app.close();
      await s.graph.close();
    }
  }, 60_000);
});
