import { describe, expect, it } from 'vitest';
import type { ClaimedEvent } from '../outbox/index.js';
import { isolateRejected, type SendOutcome } from './isolate.js';

const events = (n: number): ClaimedEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i,
    pixelId: '1',
    accountId: 'a',
    eventName: 'E',
    payload: JSON.stringify({ i }),
    attempts: 0,
    createdAt: 0,
  }));

/** A fake Meta that refuses any batch containing a bad id, like the real one (all or nothing). */
function meta(bad: Set<number>, namesIndex: boolean) {
  const calls: number[][] = [];
  const delivered: number[] = [];
  const send = async (batch: ClaimedEvent[]): Promise<SendOutcome> => {
    calls.push(batch.map((e) => e.id));
    const i = batch.findIndex((e) => bad.has(e.id));
    if (i < 0) {
      delivered.push(...batch.map((e) => e.id));
      return 'done';
    }
    return {
      rejected: {
        status: 400,
        code: 100,
        message: 'bad',
        ...(namesIndex ? { eventIndex: i } : {}),
      },
    };
  };
  return { calls, delivered, send };
}

describe('isolateRejected', () => {
  it.each([true, false])(
    'delivers every good event and gives up only the bad ones (index named: %s)',
    async (named) => {
      const bad = new Set([3, 600, 999]);
      const m = meta(bad, named);
      const given: number[] = [];
      await isolateRejected(events(1000), m.send, async (e) => void given.push(e.id));
      expect(given.sort((a, b) => a - b)).toEqual([3, 600, 999]);
      expect(m.delivered.sort((a, b) => a - b)).toEqual(
        Array.from({ length: 1000 }, (_, i) => i).filter((i) => !bad.has(i)),
      );
      // Far fewer calls than one per event.
      expect(m.calls.length).toBeLessThan(named ? 6 : 70);
    },
  );

  it('gives up a whole batch at once for a refusal that is not about one event', async () => {
    const calls: number[] = [];
    const given: number[] = [];
    await isolateRejected(
      events(50),
      async (b) => (
        calls.push(b.length),
        { rejected: { status: 403, code: 200, message: 'permission' } }
      ),
      async (e) => void given.push(e.id),
    );
    expect(calls).toEqual([50]);
    expect(given).toHaveLength(50);
  });
});
