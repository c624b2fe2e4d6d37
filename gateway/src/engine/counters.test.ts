import { describe, expect, it } from 'vitest';
import type { CounterDelta, MetricsRepo } from '../store/repos/metrics-repo.js';
import { MinuteCounters } from './counters.js';

/** A repo that records what it is given and fails the calls listed in `failing`. */
function fakeRepo(failing: number[] = []) {
  const calls: CounterDelta[][] = [];
  const repo = {
    async addCounters(deltas: CounterDelta[]) {
      calls.push(deltas);
      if (failing.includes(calls.length)) throw new Error('database away');
    },
  } as unknown as MetricsRepo;
  return { repo, calls };
}

const MINUTE = 1_764_300_000_000;

describe('MinuteCounters', () => {
  it('adds up per pixel, minute and event name, and writes in small slices', async () => {
    const { repo, calls } = fakeRepo();
    const c = new MinuteCounters(repo);
    for (let p = 0; p < 250; p++) c.add(`px${p}`, 'acc', 'Purchase', 'received', 1, MINUTE + 5);
    c.add('px0', 'acc', 'Purchase', 'received', 2, MINUTE + 30_000);
    c.add('px0', 'acc', 'Purchase', 'published', 1, MINUTE + 59_999);
    await c.flush();
    expect(calls.map((s) => s.length)).toEqual([100, 100, 50]);
    expect(calls[0]![0]).toMatchObject({
      pixelId: 'px0',
      minute: MINUTE,
      received: 3,
      published: 1,
    });
  });

  it('counts an add made after a flush in the next flush, not in the rows already taken', async () => {
    const { repo, calls } = fakeRepo();
    const c = new MinuteCounters(repo);
    c.add('px1', 'acc', 'Purchase', 'received', 1, MINUTE);
    c.add('px1', 'acc', 'Purchase', 'received', 1, MINUTE);
    await c.flush();
    c.add('px1', 'acc', 'Purchase', 'received', 1, MINUTE);
    c.add('px1', 'acc', 'Purchase', 'published', 1, MINUTE);
    await c.flush();
    expect(calls.map((slice) => slice.map((d) => [d.received, d.published]))).toEqual([
      [[2, 0]],
      [[1, 1]],
    ]);
  });

  it('keeps what a failed slice did not write for the next flush', async () => {
    const { repo, calls } = fakeRepo([2]);
    const c = new MinuteCounters(repo);
    for (let p = 0; p < 250; p++) c.add(`px${p}`, 'acc', 'Lead', 'received', 1, MINUTE);
    await expect(c.flush()).rejects.toThrow('database away');
    await c.flush();
    const written = [calls[0]!, ...calls.slice(2)].flat();
    expect(written.map((d) => d.pixelId).sort()).toEqual(
      Array.from({ length: 250 }, (_, p) => `px${p}`).sort(),
    );
    expect(written.every((d) => d.received === 1)).toBe(true);
  });
});
