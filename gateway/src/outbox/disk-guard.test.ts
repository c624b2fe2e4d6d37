import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DiskGuard } from './disk-guard.js';

describe('DiskGuard', () => {
  const free = (() => {
    const s = statfsSync(tmpdir());
    return s.bavail * s.bsize;
  })();

  it('lets writes through while more than the reserve stays free', () => {
    expect(new DiskGuard(tmpdir(), 1024).hasRoom(100)).toBe(true);
  });

  it('refuses once the reserve would be eaten into', () => {
    expect(new DiskGuard(tmpdir(), free + 1).hasRoom(1)).toBe(false);
  });

  it('counts what was written since the last look, so a burst cannot overshoot', () => {
    const guard = new DiskGuard(tmpdir(), Math.floor(free / 2));
    const now = Date.now();
    expect(guard.hasRoom(0, now)).toBe(true);
    // Within the same second, writing more than the disk's headroom is refused without waiting.
    expect(guard.hasRoom(Math.ceil(free / 2) + 1, now + 1)).toBe(false);
  });

  it('never refuses with no reserve configured', () => {
    expect(new DiskGuard(tmpdir(), 0).hasRoom(Number.MAX_SAFE_INTEGER)).toBe(true);
  });
});
