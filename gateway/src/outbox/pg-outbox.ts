import type pg from 'pg';
import { GatewayError } from '../errors.js';
import {
  GroupCommit,
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
    const r = await pool.query<{ n: string }>('select count(*) as n from outbox');
    depth = Number(r.rows[0]?.n ?? 0);
  };
  await refreshDepth();
  // Other replicas append and deliver too: the local figure is refreshed, not just counted.
  const timer = setInterval(() => void refreshDepth().catch(() => undefined), 1000);
  timer.unref();

  const group = new GroupCommit<OutboxEntry>(async (items) => {
    const now = Date.now();
    try {
      // One statement for the whole group: unnest keeps it a single round trip and one commit.
      await pool.query(
        `insert into outbox (pixel_id, account_id, event_name, payload, created_at, next_attempt_at)
         select p, a, n, b, $5::bigint, $5::bigint from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as x(p, a, n, b)`,
        [
          items.map((e) => e.pixelId),
          items.map((e) => e.accountId),
          items.map((e) => e.eventName),
          items.map((e) => e.payload),
          now,
        ],
      );
    } catch (e) {
      depth -= items.length;
      throw new GatewayError('STORAGE_UNAVAILABLE', undefined, undefined, { 'retry-after': '5' });
    }
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
      const r = await pool.query<Row>(
        `update outbox set lease_owner = $1, lease_until = $2 where id in (
           select id from outbox
           where next_attempt_at <= $3 and (lease_until is null or lease_until < $3) and not (pixel_id = any($4::text[]))
           order by id limit $5 for update skip locked)
         ${RETURNING}`,
        [opts.owner, now + opts.leaseMs, now, held, limit],
      );
      return r.rows.map(toClaimed).sort((a, b) => a.id - b.id);
    },
    async remove(ids) {
      if (ids.length === 0) return;
      const r = await pool.query('delete from outbox where id = any($1::bigint[])', [ids]);
      depth -= r.rowCount ?? 0;
    },
    async reschedule(ids, at) {
      if (ids.length === 0) return;
      await pool.query(
        `update outbox set lease_owner = null, lease_until = null, attempts = attempts + 1, next_attempt_at = $2
         where id = any($1::bigint[])`,
        [ids, at],
      );
    },
    async expireHeld(pixelId, before) {
      const r = await pool.query<Row>(
        `delete from outbox where pixel_id = $1 and created_at < $2 ${RETURNING}`,
        [pixelId, before],
      );
      depth -= r.rowCount ?? 0;
      return r.rows.map(toClaimed);
    },
    depth: () => depth,
    async close() {
      clearInterval(timer);
      await group.drain();
    },
  };
}
