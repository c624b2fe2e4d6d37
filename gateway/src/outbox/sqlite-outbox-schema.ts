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

/** Creates the tables, or moves a file of the first version (payloads in `outbox`) to them. */
export function prepareOutboxSchema(db: Database.Database): void {
  const columns = db.prepare("select name from pragma_table_info('outbox')").pluck().all();
  if (!columns.includes('payload')) {
    db.exec(SCHEMA);
    return;
  }
  // Events acknowledged before an update must still be delivered after it. One transaction:
  // on a disk too full for the copy the old table stays as it was and the start fails.
  db.transaction(() => {
    db.exec(`alter table outbox rename to outbox_v1;
      drop index outbox_pixel;
      drop index outbox_due;`);
    db.exec(SCHEMA);
    db.exec(`insert into outbox (id, pixel_id, account_id, event_name, created_at, attempts,
        next_attempt_at, lease_owner, lease_until)
      select id, pixel_id, account_id, event_name, created_at, attempts, next_attempt_at,
        lease_owner, lease_until from outbox_v1;
      insert into outbox_payload (id, payload) select id, payload from outbox_v1;
      drop table outbox_v1;`);
  })();
}
