import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPostgresDatabase, requirePostgres } from '@capgw/test/support/databases';
import { openConnection, type Connection } from '../store/db.js';
import type { Outbox } from './outbox.js';
import { openPgOutbox } from './pg-outbox.js';

// How the PostgreSQL outbox keeps its batch table (outbox.test.ts has what both dialects do).
describe.runIf(await requirePostgres())('the PostgreSQL outbox batch table', () => {
  let drop: () => Promise<void>;
  let conn: Connection;
  let a: Outbox;
  beforeAll(async () => {
    const db = await createPostgresDatabase();
    drop = db.drop;
    conn = await openConnection({ kind: 'postgres', url: db.url });
    a = await openPgOutbox(conn.pgPool!, { maxEvents: 50, leaseMs: 1000, owner: 'a' });
  });
  afterAll(async () => {
    await a.close();
    await conn.close();
    await drop();
  });

  const sql = async (text: string) => (await conn.pgPool!.query(text)).rows;
  const event = (pixelId: string, id: string, em: string) => ({
    pixelId,
    accountId: 'acc',
    eventName: 'Purchase',
    payload: JSON.stringify({ event_id: id, user_data: { em } }),
  });
  const batchTableSize = async () =>
    Number((await sql(`select pg_total_relation_size('outbox_batch') as n`))[0]!.n);
  /** Ten large events of a pixel, each its own group commit. */
  const appendLarge = async (pixelId: string, from: number, chars: number) => {
    for (let i = from; i < from + 10; i++) {
      await a.append([event(pixelId, `${pixelId}-${i}`, 'c'.repeat(chars))]);
    }
  };
  /** Delivers the pixel's events, then waits for a vacuum that ended after the deletes. */
  const deliverAndWaitForVacuum = async (pixelId: string) => {
    const rows = (await a.claim(50, Date.now(), [])).filter((r) => r.pixelId === pixelId);
    expect(rows).toHaveLength(10);
    await a.remove(rows.map((r) => r.id));
    const [{ t }] = (await sql(`select clock_timestamp()::text as t`)) as [{ t: string }];
    const vacuumed = async () =>
      (
        await sql(
          `select last_vacuum > '${t}'::timestamptz as done
             from pg_stat_user_tables where relname = 'outbox_batch'`,
        )
      )[0]!.done;
    await vi.waitFor(async () => expect(await vacuumed()).toBe(true), {
      timeout: 5000,
      interval: 50,
    });
  };

  it("stores a group's payloads uncompressed, where compressing cost more than the rest", async () => {
    await a.append(Array.from({ length: 20 }, (_, i) => event('7', `b${i}`, 'ab'.repeat(600))));
    const [row] = await sql(
      `select pg_column_compression(payloads) as method, length(payloads) as chars
         from outbox_batch where '7' = any(pixel_ids)`,
    );
    expect(row).toEqual({ method: null, chars: expect.any(Number) });
    expect(row!.chars).toBeGreaterThan(20 * 1200);
    const rows = (await a.claim(50, Date.now(), [])).filter((r) => r.pixelId === '7');
    expect(rows).toHaveLength(20);
    await a.remove(rows.map((r) => r.id));
  });

  it('vacuums delivered batches, so their space is reused rather than the table growing', async () => {
    await appendLarge('8', 100, 2400);
    await deliverAndWaitForVacuum('8');
    const afterFirst = await batchTableSize();
    for (const round of [2, 3]) {
      await appendLarge('8', 100 * round, 2400);
      await deliverAndWaitForVacuum('8');
    }
    // Unvacuumed, each round leaves ~25 KB of dead payload chunks behind.
    expect(await batchTableSize()).toBeLessThanOrEqual(afterFirst + 16 * 1024);
  });

  it('leaves emptied pages to the next batches rather than locking inserts out to cut them', async () => {
    await appendLarge('9', 0, 8000);
    const full = await batchTableSize();
    await deliverAndWaitForVacuum('9');
    // Truncating the table's empty end takes a lock that queues every insert behind it.
    expect(await batchTableSize()).toBe(full);
  });
});
