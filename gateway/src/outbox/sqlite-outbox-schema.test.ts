import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@capgw/test/support/databases';
import { openSqliteOutbox, PARK_CHUNK_BYTES, WAL_LIMIT_BYTES } from './sqlite-outbox.js';

// The first version of outbox.db, as gateways before the payload table wrote it.
const FIRST_VERSION = `
create table outbox (
  id integer primary key autoincrement,
  pixel_id text not null,
  account_id text not null,
  event_name text not null,
  payload text not null,
  created_at integer not null,
  attempts integer not null default 0,
  next_attempt_at integer not null,
  lease_owner text,
  lease_until integer
);
create index outbox_pixel on outbox (pixel_id, id);
create index outbox_due on outbox (next_attempt_at, id);
`;

const opts = { maxEvents: 100, leaseMs: 1000, owner: 'new' };
const payload = (id: string) => JSON.stringify({ event_name: 'Purchase', event_id: id });

describe('the SQLite outbox file of an earlier version', () => {
  it('delivers the events it was waiting with after an update, and deletes them for good', async () => {
    const tmp = tempDir();
    try {
      const old = new Database(join(tmp.dir, 'outbox.db'));
      old.pragma('journal_mode = WAL');
      old.exec(FIRST_VERSION);
      const insert = old.prepare(
        'insert into outbox (pixel_id, account_id, event_name, payload, created_at, attempts, next_attempt_at, lease_owner, lease_until) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      insert.run('7', 'acc', 'Purchase', payload('waiting'), 1000, 2, 0, null, null);
      // Leased by the killed process: due again now.
      insert.run('7', 'acc', 'Lead', payload('leased'), 2000, 0, 9e12, 'gone', 9e12);
      old.close();

      const o = openSqliteOutbox(tmp.dir, opts);
      expect(o.depth()).toBe(2);
      const claimed = await o.claim(10, Date.now(), []);
      expect(claimed.map((c) => [JSON.parse(c.payload).event_id, c.eventName, c.attempts])).toEqual(
        [
          ['waiting', 'Purchase', 2],
          ['leased', 'Lead', 0],
        ],
      );
      await o.remove(claimed.map((c) => c.id));
      await o.append([
        { pixelId: '7', accountId: 'acc', eventName: 'Purchase', payload: payload('new') },
      ]);
      await o.close();

      const reopened = openSqliteOutbox(tmp.dir, opts);
      const next = await reopened.claim(10, Date.now(), []);
      expect(next.map((c) => JSON.parse(c.payload).event_id)).toEqual(['new']);
      await reopened.close();
      const file = new Database(join(tmp.dir, 'outbox.db'), { readonly: true });
      expect(file.prepare('select count(*) from outbox_payload').pluck().get()).toBe(1);
      file.close();
    } finally {
      tmp.remove();
    }
  });

  /** A first-version file holding `n` events of `bytes` each, under the table name `table`. */
  const firstVersionFile = (dir: string, n: number, bytes: number, table = 'outbox') => {
    const old = new Database(join(dir, 'outbox.db'));
    old.pragma('journal_mode = WAL');
    // Set aside (`outbox_v1`), the table had lost its indexes in the same transaction.
    const schema = table === 'outbox' ? FIRST_VERSION : FIRST_VERSION.split('create index')[0]!;
    old.exec(schema.replace('create table outbox (', `create table ${table} (`));
    const insert = old.prepare(
      `insert into ${table} (pixel_id, account_id, event_name, payload, created_at, next_attempt_at) values (?, ?, ?, ?, ?, ?)`,
    );
    old.transaction(() => {
      for (let i = 0; i < n; i++)
        insert.run(
          '7',
          'acc',
          'Purchase',
          JSON.stringify({ event_id: `b${i}`, n: 'x'.repeat(bytes) }),
          1000,
          0,
        );
    })();
    old.close();
  };

  it('moves a large backlog over chunk by chunk, its file growing by about a chunk', async () => {
    const tmp = tempDir();
    try {
      firstVersionFile(tmp.dir, 100, 60_000); // 6 MB waiting
      const size = (f: string) => statSync(join(tmp.dir, f)).size;
      const before = size('outbox.db');
      const o = openSqliteOutbox(tmp.dir, { ...opts, maxEvents: 1000 });
      // In one transaction the new tables took room beside the old one: twice the backlog.
      expect(size('outbox.db')).toBeLessThan(before + 2 * PARK_CHUNK_BYTES);
      expect(size('outbox.db-wal')).toBeLessThanOrEqual(WAL_LIMIT_BYTES + 2 * PARK_CHUNK_BYTES);
      const claimed = await o.claim(1000, Date.now(), []);
      expect(claimed.map((c) => JSON.parse(c.payload).event_id)).toEqual(
        Array.from({ length: 100 }, (_, i) => `b${i}`),
      );
      await o.close();
    } finally {
      tmp.remove();
    }
  });

  it('goes on with a move that a killed start left half done', async () => {
    const tmp = tempDir();
    try {
      // Killed right after setting the first version's table aside.
      firstVersionFile(tmp.dir, 3, 100, 'outbox_v1');
      const o = openSqliteOutbox(tmp.dir, opts);
      expect(o.depth()).toBe(3);
      const claimed = await o.claim(10, Date.now(), []);
      expect(claimed.map((c) => JSON.parse(c.payload).event_id)).toEqual(['b0', 'b1', 'b2']);
      await o.close();
    } finally {
      tmp.remove();
    }
  });
});
