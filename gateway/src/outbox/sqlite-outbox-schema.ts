import type Database from 'better-sqlite3';

// The outbox table in two parts: `outbox` holds what a claim or a retry changes (attempts,
// lease, when due) and `outbox_payload` the event, written once. In one row, an event past a
// page (about 4 KB) spills into overflow pages, and SQLite writes a row again whole when its
// record changes size, as it does when a lease owner is set or cleared: a retry storm of large
// events wrote every payload into the WAL twice a round, and on a nearly full disk the WAL took
// the room that deliveries needed to delete anything (intake refused for good).
const SCHEMA = `
create table if not exists outbox (
  id integer primary key autoincrement,
  pixel_id text not null,
  account_id text not null,
  event_name text not null,
  created_at integer not null,
  attempts integer not null default 0,
  next_attempt_at integer not null,
  lease_owner text,
  lease_until integer
);
create table if not exists outbox_payload (
  id integer primary key,
  payload text not null
);
create index if not exists outbox_pixel on outbox (pixel_id, id);
create index if not exists outbox_due on outbox (next_attempt_at, id);
create trigger if not exists outbox_payload_gone after delete on outbox begin
  delete from outbox_payload where id = old.id;
end;
`;

/** Columns of a claimed row, its payload included (for RETURNING and SELECT on `outbox`). */
export const CLAIMED_COLUMNS =
  'id, pixel_id, account_id, event_name, attempts, created_at, ' +
  '(select payload from outbox_payload p where p.id = outbox.id) as payload';

/**
 * Creates the tables, and moves a file of the first version (payloads in `outbox`) over: that
 * table is set aside as `outbox_v1` in one quick transaction, then its rows move in chunks of
 * about `chunkBytes` of payloads, each chunk a transaction of its own. Events acknowledged
 * before an update must still be delivered after it, even a large backlog on a nearly full
 * disk: moved in one transaction it needed room for all of it twice (table and WAL), and a
 * start that failed for want of it would fail again. Chunk by chunk, the next one reuses the
 * pages the last one freed. A start interrupted midway goes on where it stopped.
 */
export function prepareOutboxSchema(db: Database.Database, chunkBytes: number): void {
  const columns = db.prepare("select name from pragma_table_info('outbox')").pluck().all();
  if (columns.includes('payload')) {
    db.transaction(() =>
      db.exec(`alter table outbox rename to outbox_v1;
        drop index outbox_pixel;
        drop index outbox_due;`),
    )();
  }
  db.exec(SCHEMA);
  const left = db
    .prepare("select count(*) from sqlite_master where type = 'table' and name = 'outbox_v1'")
    .pluck()
    .get();
  if (left === 0) return;

  const sizes = db.prepare(
    'select id, octet_length(payload) as bytes from outbox_v1 order by id limit 1000',
  );
  const moveRows = db.prepare(
    `insert into outbox (id, pixel_id, account_id, event_name, created_at, attempts,
       next_attempt_at, lease_owner, lease_until)
     select id, pixel_id, account_id, event_name, created_at, attempts, next_attempt_at,
       lease_owner, lease_until from outbox_v1 where id between ? and ?`,
  );
  const movePayloads = db.prepare(
    'insert into outbox_payload (id, payload) select id, payload from outbox_v1 where id between ? and ?',
  );
  const forget = db.prepare('delete from outbox_v1 where id between ? and ?');
  const move = db.transaction((from: number, to: number) => {
    moveRows.run(from, to);
    movePayloads.run(from, to);
    forget.run(from, to);
  });
  for (;;) {
    const rows = sizes.all() as { id: number; bytes: number }[];
    if (rows.length === 0) break;
    // The oldest rows of about chunkBytes together, one at least.
    let last = 0;
    let bytes = rows[0]!.bytes;
    while (last + 1 < rows.length && bytes + rows[last + 1]!.bytes <= chunkBytes)
      bytes += rows[++last]!.bytes;
    move(rows[0]!.id, rows[last]!.id);
  }
  db.exec('drop table outbox_v1');
}
