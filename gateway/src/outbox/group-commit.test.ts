import { describe, expect, it } from 'vitest';
import { GroupCommit } from './outbox.js';

/** A flush that stays under way until the test lets it finish. */
function gatedFlush() {
  const calls: { items: number[]; finish(): void }[] = [];
  const flush = (items: number[]) =>
    new Promise<void>((resolve) => calls.push({ items, finish: resolve }));
  return { calls, flush };
}
const turn = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('commits what arrives in one turn together, and what arrives meanwhile as the next group', async () => {
    const { calls, flush } = gatedFlush();
    const group = new GroupCommit<number>(flush);
    const first = [group.add([1]), group.add([2, 3])];
    await turn();
    expect(calls.map((c) => c.items)).toEqual([[1, 2, 3]]);
    const second = [group.add([4]), group.add([5])];
    await turn();
    expect(calls).toHaveLength(1); // one at a time: 4 and 5 wait for the first commit
    calls[0]!.finish();
    await Promise.all(first);
    await turn();
    expect(calls.map((c) => c.items)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    calls[1]!.finish();
    await Promise.all(second);
  });

  it('rejects every append of a failed commit, and the next group still commits', async () => {
    let fail = true;
    const group = new GroupCommit<number>(async () => {
      if (fail) throw new Error('disk');
    });
    const failed = [group.add([1]), group.add([2])];
    await expect(Promise.all(failed)).rejects.toThrow('disk');
    await Promise.allSettled(failed);
    fail = false;
    await expect(group.add([3])).resolves.toBeUndefined();
  });
});
