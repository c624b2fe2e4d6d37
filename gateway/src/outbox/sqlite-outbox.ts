import { closeSync, fdatasync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { GatewayError } from '../errors.js';
import { DiskGuard } from './disk-guard.js';
import { HandOff } from './hand-off.js';
import {
  GroupCommit,
  type ClaimedEvent,
  type Outbox,
  type OutboxEntry,
  type OutboxOptions,
} from './outbox.js';

// The outbox has its own file: SQLite locks per file, so event writes never wait on a
// configuration transaction and vice versa.
const SCHEMA = `
create table if not exists outbox (
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
create index if not exists outbox_pixel on outbox (pixel_id, id);
create index if not exists outbox_due on outbox (next_attempt_at, id);
`;

type Row = {
  id: number;
  pixel_id: string;
  account_id: string;
  event_name: string;
  payload: string;
  attempts: number;
  created_at: number;
};
const toClaimed = (r: Row): ClaimedEvent => ({
  id: r.id,
  pixelId: r.pixel_id,
  accountId: r.account_id,
  eventName: r.event_name,
  payload: r.payload,
  attempts: r.attempts,
  createdAt: r.created_at,
});

export function openSqliteOutbox(dir: string, opts: OutboxOptions): Outbox {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'outbox.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A commit is on disk before the 202 goes out, even across a power cut, as with synchronous
  // = FULL; but FULL would fsync the WAL on the event loop (about 0.5 ms per commit, during
  // which no request is parsed). NORMAL writes the WAL without syncing it, and append() below
  // fdatasync()s it on libuv's thread pool, as SQLite itself would under FULL, before it
  // resolves. Claims, removals and reschedules are not synced on their own: a power cut that
  // loses one only redelivers an event, which at-least-once allows.
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  // Only this process uses the file: leases left by a killed predecessor are void, and the rows
  // they kept out of reach (a lease defers next_attempt_at) are due now.
  db.prepare(
    'update outbox set lease_owner = null, lease_until = null, next_attempt_at = min(next_attempt_at, ?) where lease_owner is not null',
  ).run(Date.now());
  // The WAL exists once the statements above have run, and stays the same file while this
  // connection is open (SQLite rewinds it after a checkpoint, never replaces it).
  const wal = openSync(`${file}-wal`, 'r+');
  let depth = (db.prepare('select count(*) as n from outbox').get() as { n: number }).n;

  const handOff = new HandOff(opts.leaseMs);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const disk = new DiskGuard(
    dir,
    opts.diskReserveBytes ?? 0,
    () => (db.pragma('freelist_count', { simple: true }) as number) * pageSize,
  );
  const insert = db.prepare(
    'insert into outbox (pixel_id, account_id, event_name, payload, created_at, next_attempt_at, lease_owner, lease_until) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // The first `leased` rows are written leased to this process and handed to the forwarder
  // from memory after the commit (hand-off.ts); the rest wait in the table for a claim.
  const insertAll = db.transaction((items: OutboxEntry[], now: number, leased: number) => {
    const ids: number[] = [];
    const until = now + opts.leaseMs;
    for (let i = 0; i < items.length; i++) {
      const e = items[i]!;
      const [next, owner, leaseUntil] = i < leased ? [until, opts.owner, until] : [now, null, null];
      const r = insert.run(
        e.pixelId,
        e.accountId,
        e.eventName,
        e.payload,
        now,
        next,
        owner,
        leaseUntil,
      );
      if (i < leased) ids.push(Number(r.lastInsertRowid));
    }
    return ids;
  });
  const group = new GroupCommit<OutboxEntry>(async (items) => {
    const now = Date.now();
    const leased = Math.min(items.length, handOff.room());
    let ids: number[];
    try {
      ids = insertAll(items, now, leased);
    } catch (e) {
      depth -= items.length;
      throw storageError(e);
    }
    // Committed, not yet on disk: the forwarder gets the rows once the answer could go out.
    await syncWal(wal).catch((e: unknown) => {
      throw storageError(e);
    });
    handOff.add(items.slice(0, leased), ids, now);
  });

  // Statements are prepared once per shape and kept: preparing one per call cost CPU and, with
  // one small batch per pixel, left thousands of native statements waiting for the garbage
  // collector to finalize them. Shapes are few (id lists in chunks, held-pixel counts).
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size >= 256) statements.clear();
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  // A lease defers next_attempt_at to its end, so "due" alone excludes rows in flight and the
  // outbox_due index finds due rows without scanning the ones waiting or leased.
  const claimStmt = (held: number) =>
    prepared(
      `update outbox set lease_owner = ?, lease_until = ?, next_attempt_at = ? where id in (
         select id from outbox where next_attempt_at <= ?
         ${held > 0 ? `and pixel_id not in (${Array(held).fill('?').join(',')})` : ''}
         order by next_attempt_at, id limit ?)
       returning id, pixel_id, account_id, event_name, payload, attempts, created_at`,
    );
  const byIds = (sql: string, ids: readonly number[], ...head: unknown[]) => {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      prepared(sql.replace('$IDS', chunk.map(() => '?').join(','))).run(...head, ...chunk);
    }
  };

  return {
    kind: 'sqlite',
    async append(entries) {
      if (depth + entries.length > opts.maxEvents) {
        throw new GatewayError('OUTBOX_FULL', undefined, undefined, { 'retry-after': '5' });
      }
      let bytes = 0;
      for (const e of entries) bytes += e.payload.length;
      if (!disk.hasRoom(bytes)) {
        throw new GatewayError(
          'OUTBOX_FULL',
          "The gateway's disk is almost full; retry later.",
          undefined,
          {
            'retry-after': '30',
          },
        );
      }
      depth += entries.length;
      await group.add(entries);
    },
    async claim(limit, now, held) {
      const until = now + opts.leaseMs;
      const rows = claimStmt(held.length).all(
        opts.owner,
        until,
        until,
        now,
        ...held,
        limit,
      ) as Row[];
      const claimed = rows.map(toClaimed);
      if (claimed.length < limit) claimed.push(...handOff.take(limit - claimed.length, now, held));
      return claimed.sort((a, b) => a.id - b.id);
    },
    async remove(ids) {
      if (ids.length === 0) return;
      db.transaction(() => byIds('delete from outbox where id in ($IDS)', ids))();
      depth -= ids.length;
    },
    async reschedule(ids, at) {
      db.transaction(() =>
        byIds(
          'update outbox set lease_owner = null, lease_until = null, attempts = attempts + 1, next_attempt_at = ? where id in ($IDS)',
          ids,
          at,
        ),
      )();
    },
    async expireHeld(pixelId, before) {
      handOff.drop(pixelId, before);
      const rows = db
        .prepare(
          'delete from outbox where pixel_id = ? and created_at < ? returning id, pixel_id, account_id, event_name, payload, attempts, created_at',
        )
        .all(pixelId, before) as Row[];
      depth -= rows.length;
      return rows.map(toClaimed);
    },
    depth: () => depth,
    async close() {
      await group.drain();
      closeSync(wal);
      db.close();
    },
  };
}

const syncWal = promisify(fdatasync);

/** A read-only or full disk must answer 503, never crash the process or lie with a 202. */
export function storageError(e: unknown): GatewayError {
  const code = (e as { code?: string }).code ?? '';
  return new GatewayError(
    'STORAGE_UNAVAILABLE',
    code === 'SQLITE_FULL'
      ? 'The gateway disk is full; events cannot be stored.'
      : 'Events cannot be stored right now; retry later.',
    undefined,
    { 'retry-after': '30' },
  );
}
