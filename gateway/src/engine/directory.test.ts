import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '@capgw/test/support/databases';
import { SecretBox } from '../security/master-key.js';
import { Store } from '../store/store.js';
import { PixelDirectory } from './directory.js';

// Another replica's writes are simulated by writing to the tables behind the directory's back.
describe('PixelDirectory', () => {
  const tmp = tempDir();
  const box = SecretBox.fromBase64(randomBytes(32).toString('base64'));
  let store: Store;
  beforeAll(async () => {
    store = await Store.open({ kind: 'sqlite', dir: tmp.dir });
    const now = Date.now();
    await store.connection.run((db) =>
      db.insert(store.connection.tables.accounts).values({
        id: 'acc_1',
        name: 'Shop',
        managed: true,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      }),
    );
  });
  afterAll(async () => {
    await store.close();
    tmp.remove();
  });

  const addPixel = (pixelId: string) =>
    store.connection.run((db) =>
      db.insert(store.connection.tables.pixels).values({
        pixelId,
        accountId: 'acc_1',
        name: pixelId,
        accessTokenEnc: box.encrypt('EAAtoken'),
        tokenLast4: 'oken',
        tokenStatus: 'ok',
        accessKeyHash: 'x',
        receiving: true,
        publishing: true,
        testEventCode: null,
        blockedEvents: [],
        lastError: null,
        createdAt: Date.now(),
        updatedAt: Date.now(),
      }),
    );
  const setPublishing = (pixelId: string, publishing: boolean, updatedAt?: number) =>
    store.connection.run((db) =>
      db
        .update(store.connection.tables.pixels)
        .set({ publishing, ...(updatedAt ? { updatedAt } : {}) })
        .where(eq(store.connection.tables.pixels.pixelId, pixelId)),
    );
  const until = async (probe: () => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (!probe() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return probe();
  };

  it("sees another replica's new pixel and changed switches at the next check", async () => {
    const d = new PixelDirectory(store.connection, box, 20, 60_000);
    await d.start();
    try {
      await addPixel('111');
      expect(await until(() => d.get('111') !== undefined)).toBe(true);
      await setPublishing('111', false, Date.now() + 1);
      expect(await until(() => d.get('111')?.publishing === false)).toBe(true);
      expect(d.get('111')?.accessToken()).toBe('EAAtoken');
    } finally {
      d.stop();
    }
  });

  it('skips reloading while nothing changed, yet reloads fully within its bound', async () => {
    await addPixel('222');
    const d = new PixelDirectory(store.connection, box, 20, 1500);
    await d.start();
    try {
      // A write that bumps nothing is invisible to the cheap check…
      await setPublishing('222', false);
      await new Promise((r) => setTimeout(r, 200));
      expect(d.get('222')?.publishing).toBe(true);
      // …and caught by the periodic full reload.
      expect(await until(() => d.get('222')?.publishing === false)).toBe(true);
    } finally {
      d.stop();
    }
  });
});
