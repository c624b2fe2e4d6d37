import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@capgw/test/support/databases';
import { Fdatasync } from './fdatasync.js';

/** A disk whose syncs take `ms` of a fake clock, and a record of where each one ran. */
function fakeDisk() {
  let clock = 0;
  const disk = { ms: 0.3, ran: [] as ('loop' | 'pool')[] };
  const sync = new Fdatasync(
    () => clock,
    () => {
      disk.ran.push('loop');
      clock += disk.ms;
    },
    async () => {
      disk.ran.push('pool');
      clock += disk.ms;
    },
  );
  return { disk, sync };
}

describe('Fdatasync', () => {
  it('syncs on the event loop while the disk is quick', async () => {
    const { disk, sync } = fakeDisk();
    for (let i = 0; i < 20; i++) await sync.sync(0);
    expect(disk.ran).toEqual(Array(20).fill('loop'));
  });

  it('moves to the thread pool after a stall, and back once syncs are quick again', async () => {
    const { disk, sync } = fakeDisk();
    await sync.sync(0);
    disk.ms = 40; // one stalled sync: the loop waited for it once
    await sync.sync(0);
    disk.ms = 0.3;
    disk.ran.length = 0;
    for (let i = 0; i < 30; i++) await sync.sync(0);
    expect(disk.ran[0]).toBe('pool');
    expect(disk.ran.at(-1)).toBe('loop');
    expect(disk.ran.lastIndexOf('pool')).toBeLessThan(disk.ran.indexOf('loop'));
  });

  it('stays on the thread pool while the disk is slow', async () => {
    const { disk, sync } = fakeDisk();
    disk.ms = 3; // a network volume
    for (let i = 0; i < 20; i++) await sync.sync(0);
    expect(disk.ran.filter((r) => r === 'loop')).toHaveLength(1);
  });

  it('syncs a real file, and reports a sync that fails', async () => {
    const tmp = tempDir();
    try {
      const fd = openSync(join(tmp.dir, 'f'), 'w');
      writeSync(fd, 'x');
      const sync = new Fdatasync();
      await expect(sync.sync(fd)).resolves.toBeUndefined();
      closeSync(fd);
      await expect(sync.sync(fd)).rejects.toThrow(/EBADF/);
    } finally {
      tmp.remove();
    }
  });
});
