import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@capgw/test/support/databases';
import { openSqliteOutbox } from './sqlite-outbox.js';

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
});
