import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, requirePostgres, tempDir } from '@capgw/test/support/databases';
import { sql } from 'drizzle-orm';
import type { Db, SqliteDb } from './db.js';
import { Store } from './store.js';

// One repository suite, run against both dialects: the contract of Store is the same.
type Harness = {
  name: string;
  open(): Promise<{ store: Store; cleanup(): Promise<void> }>;
  enabled(): Promise<boolean>;
};

const harnesses: Harness[] = [
  {
    name: 'SQLite',
    enabled: async () => true,
    open: async () => {
      const tmp = tempDir();
      const store = await Store.open({ kind: 'sqlite', dir: tmp.dir });
      return { store, cleanup: async () => (await store.close(), tmp.remove()) };
    },
  },
  {
    name: 'PostgreSQL',
    enabled: requirePostgres,
    open: async () => {
      const db = await createPostgresDatabase();
      const store = await Store.open({ kind: 'postgres', url: db.url });
      return { store, cleanup: async () => (await store.close(), await db.drop()) };
    },
  },
];

const now = 1_764_300_000_000;
const counterRow = {
  pixelId: '111',
  accountId: 'acc_a',
  minute: now - 60_000,
  eventName: 'Purchase',
  received: 1,
  published: 0,
  failed: 0,
  rejected: 0,
};
const pixelRow = (pixelId: string) => ({
  pixelId,
  name: `Pixel ${pixelId}`,
  accessTokenEnc: 'v1.x.y.z',
  tokenLast4: 'abcd',
  tokenStatus: 'ok' as const,
  accessKeyHash: 'h',
  receiving: true,
  publishing: true,
  testEventCode: null,
  blockedEvents: [],
  lastError: null,
  createdAt: now,
  updatedAt: now,
});

for (const h of harnesses) {
  describe.runIf(await h.enabled())(`Store on ${h.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await h.open());
      for (const id of ['acc_a', 'acc_b']) {
        await store.accounts.create({
          id,
          name: id,
          managed: true,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        });
      }
    });
    afterAll(() => cleanup?.());

    it('claims the host exactly once', async () => {
      expect(await store.host.claim(now)).toBe(true);
      expect(await store.host.claim(now + 1)).toBe(false);
      expect((await store.host.get()).claimedAt).toBe(now);
    });

    it('stores booleans, json and epoch milliseconds the same way', async () => {
      const p = await store
        .account('acc_a')
        .createPixel({ ...pixelRow('111'), blockedEvents: ['Lead'] });
      expect(p).toMatchObject({
        accountId: 'acc_a',
        receiving: true,
        blockedEvents: ['Lead'],
        createdAt: now,
      });
    });

    it("never returns another account's pixel through an account scope", async () => {
      await store.account('acc_b').createPixel(pixelRow('222'));
      expect(await store.account('acc_a').getPixel('222')).toBeUndefined();
      expect(await store.account('acc_b').updatePixel('111', { name: 'stolen' })).toBeUndefined();
      expect(await store.account('acc_b').deletePixel('111')).toBe(false);
      expect((await store.account('acc_a').listPixels()).map((p) => p.pixelId)).toEqual(['111']);
      expect((await store.account('acc_a').getPixel('111'))?.name).toBe('Pixel 111');
    });

    it('refuses a pixel id that another account already connected', async () => {
      await expect(store.account('acc_b').createPixel(pixelRow('111'))).rejects.toThrow();
    });

    it('adds counter deltas to the same minute', async () => {
      const d = {
        pixelId: '111',
        accountId: 'acc_a',
        minute: now,
        eventName: 'Purchase',
        received: 2,
        published: 1,
        failed: 0,
        rejected: 0,
      };
      await store.metrics.addCounters([d]);
      await store.metrics.addCounters([{ ...d, received: 3, published: 3 }]);
      // Several rows in one call, new and existing alike, names taken as they are.
      await store.metrics.addCounters([
        { ...d, received: 1, published: 0 },
        { ...d, eventName: 'Lead', received: 7, published: 7 },
        { ...d, eventName: `Quote "ö" 'x'`, received: 1, failed: 2, rejected: 3 },
      ]);
      const rows = await store.account('acc_a').counters(now);
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ eventName: 'Purchase', received: 6, published: 4 }),
          expect.objectContaining({ eventName: 'Lead', received: 7, published: 7 }),
          expect.objectContaining({
            pixelId: '111',
            minute: now,
            eventName: `Quote "ö" 'x'`,
            received: 1,
            published: 1,
            failed: 2,
            rejected: 3,
          }),
        ]),
      );
      expect(rows).toHaveLength(3);
      expect(await store.account('acc_b').counters(now)).toEqual([]);
    });

    it('commits counters without waiting for the disk, and only those', async () => {
      const c = store.connection;
      // SQLite: synchronous 1 = NORMAL, 2 = FULL; PostgreSQL: synchronous_commit.
      const durability = (db: Db) =>
        c.dialect === 'sqlite'
          ? String(
              (db as unknown as SqliteDb).get<{ synchronous: number }>(sql`pragma synchronous`)
                .synchronous,
            )
          : db
              .execute(sql`show synchronous_commit`)
              .then((r) => String(r.rows[0]!.synchronous_commit));
      expect(await c.relaxedTransaction(durability)).toBe(c.dialect === 'sqlite' ? '1' : 'off');
      expect(await c.transaction(durability)).toBe(c.dialect === 'sqlite' ? '2' : 'on');
      await expect(
        c.relaxedTransaction(async (db) => {
          await db.insert(c.tables.counters).values({ ...counterRow, eventName: 'Gone' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await c.transaction(durability)).toBe(c.dialect === 'sqlite' ? '2' : 'on');
      const rows = await store.account('acc_a').counters(now - 60_000);
      expect(rows.filter((r) => r.eventName === 'Gone')).toEqual([]);
    });

    it('rolls a failed transaction back entirely', async () => {
      await expect(
        store.transaction(async () => {
          await store.account('acc_a').createPixel(pixelRow('333'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.account('acc_a').getPixel('333')).toBeUndefined();
    });

    it('finds live sessions only', async () => {
      await store.sessions.create({
        id: 's1',
        tokenHash: 'th1',
        kind: 'bearer',
        userId: 'u1',
        createdAt: now,
        expiresAt: now + 1000,
        lastSeenAt: now,
      });
      expect(await store.sessions.findLive('th1', now)).toBeDefined();
      expect(await store.sessions.findLive('th1', now + 1000)).toBeUndefined();
      await store.sessions.revoke('s1', now);
      expect(await store.sessions.findLive('th1', now)).toBeUndefined();
    });
  });
}
