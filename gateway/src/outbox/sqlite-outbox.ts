import { closeSync, fdatasync, fdatasyncSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { GatewayError } from '../errors.js';
import { DiskGuard } from './disk-guard.js';
import { FastLane, JOURNAL_IDS } from './fast-lane.js';
import { Journal, readJournal, removeSegments } from './journal.js';
import { CLAIMED_COLUMNS, prepareOutboxSchema } from './sqlite-outbox-schema.js';
import {
  GroupCommit,
  isOffTableId,
  type ClaimedEvent,
  type Outbox,
  type OutboxEntry,
  type OutboxOptions,
} from './outbox.js';

// The SQLite outbox, in two parts. The fast lane: an acknowledged event is appended to the
// journal (journal.ts, fsynced before the 202) and handed to the forwarder from memory
// (fast-lane.ts), so a delivered event never touches a table. The table, in a file of its own
// (SQLite locks per file, so event writes never wait on a configuration transaction): events
// past the lane's room while the forwarder is behind, retries, held pixels' events, and what a
// previous process left in the journal. Both count towards OUTBOX_MAX_EVENTS.

/** The WAL's size once checkpointed: about its automatic checkpoint size (1,000 pages). */
export const WAL_LIMIT_BYTES = 4 * 1024 * 1024;

/** Payload bytes per transaction when many rows move into the table at once. */
export const PARK_CHUNK_BYTES = 1024 * 1024;

/** What a row waiting in the table keeps beyond the entry itself. */
type Waiting = { createdAt: number; attempts: number };
/** A row on its way into the table: new, recovered from the journal, or out of the lane. */
type ToTable = OutboxEntry & Partial<Waiting> & Pick<ClaimedEvent, 'payloadBytes'>;

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
  // An appended row is on disk before the 202 goes out, even across a power cut, as with
  // synchronous = FULL; but FULL would fsync the WAL on the event loop. NORMAL writes the WAL
  // without syncing it, and append() fdatasync()s it on libuv's thread pool before it
  // resolves. Rows moved in from the journal are synced before their segment is deleted.
  // Claims, removals and reschedules are not synced on their own: a power cut that loses one
  // only redelivers an event, which at-least-once allows.
  db.pragma('synchronous = NORMAL');
  // A large move into the table (a whole lane parked when Meta fails) grows the WAL past its
  // checkpoint size, and SQLite keeps the file at its largest: on a nearly full disk that space
  // would keep intake refused long after the backlog drained. Truncated back after checkpoints.
  db.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
  prepareOutboxSchema(db, PARK_CHUNK_BYTES);
  // Only this process uses the file: leases left by a killed predecessor are void, and the rows
  // they kept out of reach (a lease defers next_attempt_at) are due now.
  db.prepare(
    'update outbox set lease_owner = null, lease_until = null, next_attempt_at = min(next_attempt_at, ?) where lease_owner is not null',
  ).run(Date.now());
  // The WAL exists once the statements above have run, and stays the same file while this
  // connection is open (SQLite rewinds it after a checkpoint, never replaces it).
  const wal = openSync(`${file}-wal`, 'r+');
  const syncTable = () => syncWal(wal);

  const insert = db.prepare(
    'insert into outbox (pixel_id, account_id, event_name, created_at, attempts, next_attempt_at) values (?, ?, ?, ?, ?, ?)',
  );
  const insertPayload = db.prepare(
    'insert into outbox_payload (id, payload) values (last_insert_rowid(), ?)',
  );
  /**
   * Rows that wait in the table, due at `at`: beyond the fast lane's room (created now), moved
   * out of the lane (parked, retried: their own creation time and attempts, plus `extraAttempt`)
   * and recovered from a previous process's journal.
   */
  const insertWaiting = db.transaction((rows: readonly ToTable[], at: number, extraAttempt = 0) => {
    for (const r of rows) {
      const attempts = (r.attempts ?? 0) + extraAttempt;
      insert.run(r.pixelId, r.accountId, r.eventName, r.createdAt ?? at, attempts, at);
      insertPayload.run(r.payload);
    }
  });

  /**
   * insertWaiting in transactions of about PARK_CHUNK_BYTES of payloads, for moves of many
   * rows at once: SQLite restarts its WAL only between transactions, so moving a whole lane (up
   * to 10,000 events, or fewer large ones) in one grew the WAL by all of it, on top of the
   * table's own growth, and on a nearly full disk that could take the room left for deletes.
   */
  const insertInChunks = (rows: readonly ToTable[], at: number, extraAttempt = 0) => {
    for (let from = 0; from < rows.length;) {
      let to = from;
      for (let bytes = 0; to < rows.length && bytes < PARK_CHUNK_BYTES; to++) {
        bytes += rows[to]!.payloadBytes?.length ?? rows[to]!.payload.length;
      }
      insertWaiting(
        from === 0 && to === rows.length ? rows : rows.slice(from, to),
        at,
        extraAttempt,
      );
      from = to;
    }
  };

  // What a previous process acknowledged into the journal and did not deliver moves into the
  // table, durably, before its segments go; the new journal then starts empty.
  const journalDir = join(dir, 'journal');
  const left = readJournal(journalDir);
  if (left.records.length > 0) {
    insertInChunks(left.records, Date.now());
    fdatasyncSync(wal);
  }
  removeSegments(left.files);
  const journal = new Journal(journalDir);
  const lane = new FastLane(opts.leaseMs);
  let depth = (db.prepare('select count(*) as n from outbox').get() as { n: number }).n;

  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const disk = new DiskGuard(
    dir,
    opts.diskReserveBytes ?? 0,
    // Free pages are reused without growing the file, and so is the journal's kept segment
    // file; the journal's unsettled records may still be written again into the table, and a
    // retry storm that did so on a nearly full disk ran out of room (503) before the reserve
    // refused intake (429).
    () =>
      (db.pragma('freelist_count', { simple: true }) as number) * pageSize +
      journal.reusableBytes() -
      journal.unsettledBytes(),
  );
  // Group commits run one at a time (GroupCommit), and each is done with its journal bytes
  // (written, then copied into the lane's ring) before the next encodes into the same room.
  const groupScratch = Buffer.allocUnsafeSlow(4 * 1024 * 1024);
  const group = new GroupCommit<OutboxEntry>(async (items) => {
    const now = Date.now();
    const fast = Math.min(items.length, lane.room());
    try {
      // Past the lane's room (the forwarder is behind), rows wait in the table.
      if (fast < items.length) {
        insertWaiting(items.slice(fast), now);
        await syncTable();
      }
      if (fast > 0) {
        const head = fast === items.length ? items : items.slice(0, fast);
        lane.push(head, await journal.append(head, now, groupScratch), now);
      }
    } catch (e) {
      depth -= items.length;
      throw storageError(e);
    }
  });

  /** Lane rows that no longer need the journal (delivered, expired or moved to the table). */
  const settle = (rows: readonly ClaimedEvent[]) =>
    journal.settle(rows.map((r) => r.id - JOURNAL_IDS));
  /** Moves lane rows into the table, due at `at`. */
  const park = (rows: readonly ClaimedEvent[], at: number, extraAttempt = 0) => {
    if (rows.length === 0) return;
    insertInChunks(rows, at, extraAttempt);
    settle(rows);
  };
  // A segment goes once all of it is settled, after the table's WAL is on disk: a row parked
  // from it must not exist only in an unsynced WAL when its segment is deleted.
  let retiring: Promise<void> | undefined;
  const retireSoon = () => {
    if (retiring || !journal.retirable()) return;
    retiring = journal
      .retire(syncTable)
      .catch(() => undefined) // the disk failed: the segments stay and are read at next start
      .finally(() => (retiring = undefined));
  };

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
       returning ${CLAIMED_COLUMNS}`,
    );
  /** Runs `sql` over the ids in chunks; returns how many rows it changed. */
  const byIds = (sql: string, ids: readonly number[], ...head: unknown[]) => {
    let changed = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      changed += prepared(sql.replace('$IDS', chunk.map(() => '?').join(','))).run(
        ...head,
        ...chunk,
      ).changes;
    }
    return changed;
  };

  // A delivery ends with one Graph answer, and with many pixels an answer settles one event:
  // a transaction per answer wrote the pages of the table, its indexes and the payloads' table
  // to the WAL again and again (7 % of the gateway's CPU in a profile of the scale run's
  // backlog). The deletes of one turn of the event loop share one transaction, as appends do.
  const deletions = new GroupCommit<number>((ids) => {
    // Counted by what went: a row given up after expiring was deleted already.
    depth -= db.transaction(() => byIds('delete from outbox where id in ($IDS)', ids))();
  });

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
      if (claimed.length < limit) {
        const fast = lane.take(limit - claimed.length, now, held);
        park(fast.parked, now);
        retireSoon();
        claimed.push(...fast.rows);
      }
      return claimed.sort((a, b) => a.id - b.id);
    },
    async remove(ids) {
      if (ids.length === 0) return;
      const [fast, table] = split(ids);
      const settled = lane.release(fast);
      settle(settled);
      depth -= settled.length;
      retireSoon();
      if (table.length > 0) await deletions.add(table);
    },
    async reschedule(ids, at) {
      const [fast, table] = split(ids);
      if (table.length > 0) {
        db.transaction(() =>
          byIds(
            'update outbox set lease_owner = null, lease_until = null, attempts = attempts + 1, next_attempt_at = ? where id in ($IDS)',
            table,
            at,
          ),
        )();
      }
      park(lane.release(fast), at, 1);
      retireSoon();
    },
    async expireHeld(pixelId, before) {
      const fast = lane.drop(pixelId, before);
      settle(fast);
      const rows = prepared(
        `delete from outbox where pixel_id = ? and created_at < ? returning ${CLAIMED_COLUMNS}`,
      ).all(pixelId, before) as Row[];
      depth -= rows.length + fast.length;
      retireSoon();
      return [...fast, ...rows.map(toClaimed)];
    },
    depth: () => depth,
    async close() {
      await group.drain();
      await deletions.drain();
      await retiring;
      // Undelivered lane rows go to the table, so the next start does not read back (and send
      // again) the delivered events that share their segments. Not possible after a crash.
      try {
        park(lane.takeAll(), Date.now());
        fdatasyncSync(wal);
        journal.close(true);
      } catch {
        journal.close(false); // the segments stay, and are read back at the next start
      }
      closeSync(wal);
      db.close();
    },
  };
}

const syncWal = promisify(fdatasync);

/** Journal ids and table ids, apart. */
function split(ids: readonly number[]): [number[], number[]] {
  const fast: number[] = [];
  const table: number[] = [];
  for (const id of ids) (isOffTableId(id) ? fast : table).push(id);
  return [fast, table];
}

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
