import type pg from 'pg';
import { GatewayError } from '../errors.js';
import { HandOff } from './hand-off.js';
import type { RingRow } from './ring-row.js';
import {
  BATCH_MAX,
  BatchLedger,
  batchEventId,
  DELETE_BATCHES,
  DELETE_ROWS,
  EXPLODE,
  INSERT_BATCH,
  INSERT_ROWS,
  encodePayloads,
  type EncodedPayloads,
} from './pg-batches.js';
import {
  GroupCommit,
  isOffTableId,
  type ClaimedEvent,
  type Outbox,
  type OutboxEntry,
  type OutboxOptions,
} from './outbox.js';

// The PostgreSQL outbox shares the configuration database (its table is in migrations/pg), so
// replicas that share DATABASE_URL share the work.
type Row = {
  id: string;
  pixel_id: string;
  account_id: string;
  event_name: string;
  payload: string;
  attempts: number;
  created_at: string;
};
const toClaimed = (r: Row): ClaimedEvent => ({
  id: Number(r.id),
  pixelId: r.pixel_id,
  accountId: r.account_id,
  eventName: r.event_name,
  payload: r.payload,
  attempts: r.attempts,
  createdAt: Number(r.created_at),
});
const RETURNING = 'returning id, pixel_id, account_id, event_name, payload, attempts, created_at';

export async function openPgOutbox(pool: pg.Pool, opts: OutboxOptions): Promise<Outbox> {
  let depth = 0;
  const refreshDepth = async () => {
    const r = await pool.query<{ n: string }>(
      `select (select count(*) from outbox)
         + (select coalesce(sum(cardinality(pixel_ids)), 0) from outbox_batch) as n`,
    );
    depth = Number(r.rows[0]?.n ?? 0);
  };
  await refreshDepth();
  // Other replicas append and deliver too: the local figure is refreshed, not just counted.
  const timer = setInterval(() => void refreshDepth().catch(() => undefined), 1000);
  timer.unref();

  const handOff = new HandOff(opts.leaseMs);
  const ledger = new BatchLedger();
  // Group commits run one at a time (GroupCommit), and each is done with its payloads' bytes
  // (sent, then copied into the hand-off's ring) before the next encodes into the same room.
  const groupScratch = Buffer.allocUnsafeSlow(4 * 1024 * 1024);

  /** Writes events as `outbox` rows of their own, unleased, due at `due`. */
  const insertRows = async (events: readonly RowToWrite[], due: number) => {
    if (events.length === 0) return;
    await pool.query({
      name: 'outbox-rows',
      text: INSERT_ROWS,
      values: [
        events.map((e) => e.pixelId),
        events.map((e) => e.accountId),
        events.map((e) => e.eventName),
        encodePayloads(events).bytes,
        events.map((e) => e.createdAt),
        events.map((e) => e.attempts),
        due,
      ],
    });
  };
  // With many pixels each Graph answer settles an event or two: the deletes of one turn of the
  // event loop go in one statement (as the SQLite outbox's do), not one per answer.
  const batchDeletions = new GroupCommit<number>(async (done) => {
    await pool.query({ name: 'outbox-delete-batches', text: DELETE_BATCHES, values: [done] });
    batchesDeleted = true;
  });
  const rowDeletions = new GroupCommit<number>(async (rows) => {
    const r = await pool.query({ name: 'outbox-delete-rows', text: DELETE_ROWS, values: [rows] });
    depth -= r.rowCount ?? 0;
  });
  /**
   * Settles batch events (delivered, given up, or written as rows of their own); deletes the
   * batch rows that hold nothing unsettled any more.
   */
  const settle = async (ids: readonly number[]) => {
    const done = ledger.settle(ids);
    if (done.length > 0) await batchDeletions.add(done);
  };

  // A delivered batch leaves a dead row and its payloads' dead TOAST chunks, about a kilobyte
  // an event. Autovacuum visits a database once a minute at best: in between, the table grew
  // by every event stored (190 MB in 20 s at peak, no autovacuum), past shared buffers, and
  // PostgreSQL's backends wrote dirty pages out themselves in the middle of commits (8,000 at
  // once). Vacuumed every second, the table reuses its space while it is still in memory.
  let batchesDeleted = false;
  let vacuuming = false;
  const vacuum = async () => {
    if (!batchesDeleted || vacuuming) return;
    batchesDeleted = false;
    vacuuming = true;
    try {
      // Another replica's vacuum (or autovacuum) at work does the job: no waiting for it. Nor
      // does it cut the table's emptied end: that takes an ACCESS EXCLUSIVE lock, which every
      // insert (every acknowledgement) waits behind, for pages the next batches would reuse.
      await pool.query('vacuum (skip_locked, truncate false) outbox_batch');
    } finally {
      vacuuming = false;
    }
  };
  const vacuumTimer = setInterval(() => void vacuum().catch(() => undefined), 1000);
  vacuumTimer.unref();

  const group = new GroupCommit<OutboxEntry>(async (items) => {
    const now = Date.now();
    // The first `leased` events go into one batch row leased to this replica and are handed to
    // its forwarder from memory (hand-off.ts, pg-batches.ts); the rest (the hand-off is full,
    // the forwarder is behind) are rows of their own, due now. Both commit before the answer.
    const leased = Math.min(items.length, handOff.room(), BATCH_MAX);
    const inBatch = items.slice(0, leased);
    let payloads: EncodedPayloads | undefined;
    let batch: number | undefined;
    try {
      payloads = encodePayloads(inBatch, groupScratch);
      // Named statements are parsed and planned once per connection, not per group.
      const [stored] = await Promise.all([
        leased > 0
          ? pool.query<{ id: string }>({
              name: 'outbox-batch',
              text: INSERT_BATCH,
              values: [
                opts.owner,
                now + opts.leaseMs,
                now,
                inBatch.map((e) => e.pixelId),
                inBatch.map((e) => e.accountId),
                inBatch.map((e) => e.eventName),
                payloads.bytes,
              ],
            })
          : undefined,
        insertRows(
          items.slice(leased).map((e) => ({ ...e, createdAt: now, attempts: 0 })),
          now,
        ),
      ]);
      if (stored) batch = Number(stored.rows[0]!.id);
    } catch {
      depth -= items.length;
      throw new GatewayError('STORAGE_UNAVAILABLE', undefined, undefined, { 'retry-after': '5' });
    }
    if (batch === undefined || payloads === undefined) return;
    ledger.opened(batch, leased, now);
    handOff.add(
      inBatch,
      inBatch.map((_, i) => batchEventId(batch, i)),
      now,
      payloads,
    );
  });

  return {
    kind: 'postgres',
    async append(entries) {
      if (depth + entries.length > opts.maxEvents) {
        throw new GatewayError('OUTBOX_FULL', undefined, undefined, { 'retry-after': '5' });
      }
      depth += entries.length;
      await group.add(entries);
    },
    async claim(limit, now, held) {
      // Batches whose lease ran out (their replica died, or kept them too long) become rows.
      await pool.query({ name: 'outbox-explode', text: EXPLODE, values: [now] });
      ledger.forgetOlderThan(now - opts.leaseMs);
      // A lease also defers next_attempt_at, so the outbox_due index skips leased rows.
      const r = await pool.query<Row>(
        `update outbox set lease_owner = $1, lease_until = $2, next_attempt_at = $2 where id in (
           select id from outbox
           where next_attempt_at <= $3 and (lease_until is null or lease_until < $3) and not (pixel_id = any($4::text[]))
           order by next_attempt_at, id limit $5 for update skip locked)
         ${RETURNING}`,
        [opts.owner, now + opts.leaseMs, now, held, limit],
      );
      const claimed = r.rows.map(toClaimed);
      if (claimed.length < limit) {
        const letGo: RingRow[] = [];
        const taken = handOff.take(limit - claimed.length, now, held, letGo);
        ledger.handedOut(taken);
        claimed.push(...taken);
        // Let go while their batch is still leased: written as rows of their own, so the rest
        // of the batch can go once delivered. Past the lease, the batch became rows above.
        const keep = letGo.filter((e) => e.createdAt + opts.leaseMs > now);
        if (keep.length > 0) {
          await insertRows(keep, now);
          await settle(keep.map((e) => e.id));
        }
      }
      return claimed.sort((a, b) => a.id - b.id);
    },
    async remove(ids) {
      const { rows, batched } = splitIds(ids);
      if (batched.length > 0) {
        await settle(batched);
        depth -= batched.length;
      }
      if (rows.length > 0) await rowDeletions.add(rows);
    },
    async reschedule(ids, at) {
      const { rows, batched } = splitIds(ids);
      if (batched.length > 0) {
        const events = batched.map((id) => ledger.event(id)).filter((e) => e !== undefined);
        // Field by field: a handed-out row's payload is a getter (its bytes are in a ring).
        await insertRows(
          events.map((e) => ({
            pixelId: e.pixelId,
            accountId: e.accountId,
            eventName: e.eventName,
            payload: e.payload,
            createdAt: e.createdAt,
            attempts: e.attempts + 1,
          })),
          at,
        );
        await settle(events.map((e) => e.id));
      }
      if (rows.length === 0) return;
      await pool.query(
        `update outbox set lease_owner = null, lease_until = null, attempts = attempts + 1, next_attempt_at = $2
         where id = any($1::bigint[])`,
        [rows, at],
      );
    },
    async expireHeld(pixelId, before) {
      // Dropped from memory: the caller removes each, which settles it in its batch.
      const dropped = handOff.drop(pixelId, before);
      const r = await pool.query<Row>(
        `delete from outbox where pixel_id = $1 and created_at < $2 ${RETURNING}`,
        [pixelId, before],
      );
      depth -= r.rowCount ?? 0;
      return [...dropped, ...r.rows.map(toClaimed)];
    },
    depth: () => depth,
    async close() {
      clearInterval(timer);
      clearInterval(vacuumTimer);
      await group.drain();
      await batchDeletions.drain();
      await rowDeletions.drain();
    },
  };
}

/** What a row of its own is written from. */
type RowToWrite = OutboxEntry & { createdAt: number; attempts: number };

const splitIds = (ids: readonly number[]) => ({
  rows: ids.filter((id) => !isOffTableId(id)),
  batched: ids.filter(isOffTableId),
});
