import { describe, expect, it } from 'vitest';
import { UnitContext } from './unit-context.js';

describe('UnitContext', () => {
  it('is seen by everything awaited inside the unit, and by nothing outside it', async () => {
    const units = new UnitContext<string>();
    const seen: (string | undefined)[] = [];
    await units.run('a', async () => {
      seen.push(units.current());
      await new Promise((r) => setTimeout(r, 1));
      seen.push(units.current());
    });
    seen.push(units.current());
    expect(seen).toEqual(['a', 'a', undefined]);
  });

  it('keeps concurrent units apart, and still answers after one of them ends', async () => {
    const units = new UnitContext<string>();
    let releaseB!: () => void;
    const bHeld = new Promise<void>((r) => (releaseB = r));
    let bSaw: string | undefined;
    const b = units.run('b', async () => {
      await bHeld;
      bSaw = units.current();
    });
    await units.run('a', async () => expect(units.current()).toBe('a'));
    releaseB();
    await b;
    expect(bSaw).toBe('b');
  });

  it('works again after it was switched off, and when a unit throws', async () => {
    const units = new UnitContext<number>();
    await expect(
      units.run(1, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(units.current()).toBeUndefined();
    expect(await units.run(2, async () => units.current())).toBe(2);
  });
});
