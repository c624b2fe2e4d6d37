import { OFF_TABLE_IDS } from './outbox.js';
import type { RingRow } from './ring-row.js';

// The PostgreSQL outbox stores the events this replica hands to its own forwarder as one
// `outbox_batch` row per group commit, not one `outbox` row per event. A row per event cost
// PostgreSQL ~30 µs of CPU per event (the insert and three index entries, the delete after
// delivery, vacuum) and a commit of 48 rows 2.0-2.1 ms; one row for the 48 cost 11-12 µs per
// event and 1.0-1.1 ms, from an idle client. The batch row is deleted once every event in it
// is settled: delivered, given up, or written as an `outbox` row of its own (a retry, or an
// event this replica let go of). A replica that dies leaves its batches leased; when the lease
// runs out, any replica turns them into `outbox` rows (`EXPLODE`), which may send again the
// events it had delivered: at least once, as with a lease that runs out mid-delivery.

/** Ids of events in a batch row tell the batch and the event's place in it apart. */
const BATCH_IDS = OFF_TABLE_IDS;
/** Events in one batch row at most (a group commit beyond it writes the rest as rows). */
export const BATCH_MAX = 4096;
export const batchEventId = (batch: number, index: number) => BATCH_IDS + batch * BATCH_MAX + index;
const batchOf = (id: number) => Math.floor((id - BATCH_IDS) / BATCH_MAX);
const indexOf = (id: number) => (id - BATCH_IDS) % BATCH_MAX;

interface OpenBatch {
  left: number;
  settled: Uint8Array;
  createdAt: number;
  /** Its events handed out and not settled, by their place in the batch. */
  out: (RingRow | undefined)[];
}

/**
 * This replica's batch rows that still hold unsettled events, and the events handed out: kept
 * by batch, not in a Map by event id, which took one insertion and one deletion per event and
 * rebuilt its table every few thousand (as the fast lane found, handed-out.ts).
 */
export class BatchLedger {
  private readonly open = new Map<number, OpenBatch>();

  opened(batch: number, size: number, createdAt: number): void {
    const out = new Array<RingRow | undefined>(size);
    this.open.set(batch, { left: size, settled: new Uint8Array(size), createdAt, out });
  }

  handedOut(events: readonly RingRow[]): void {
    for (const e of events) {
      const batch = this.open.get(batchOf(e.id));
      if (batch) batch.out[indexOf(e.id)] = e;
    }
  }

  /** A handed-out event, for writing it as a row of its own. */
  event(id: number): RingRow | undefined {
    return this.open.get(batchOf(id))?.out[indexOf(id)];
  }

  /** Settles batch events (each counts once); returns the batches with nothing left. */
  settle(ids: readonly number[]): number[] {
    const done: number[] = [];
    for (const id of ids) {
      const batch = this.open.get(batchOf(id));
      const i = indexOf(id);
      if (!batch || batch.settled[i]) continue;
      batch.out[i]?.settle(); // its payload's bytes in the hand-off's ring are free
      batch.out[i] = undefined;
      batch.settled[i] = 1;
      if (--batch.left === 0) {
        this.open.delete(batchOf(id));
        done.push(batchOf(id));
      }
    }
    return done;
  }

  /**
   * Forgets batches created before `before`: their lease has run out, and a replica turned
   * them into rows (or will), whatever is settled here.
   */
  forgetOlderThan(before: number): void {
    for (const [id, b] of this.open) {
      if (b.createdAt >= before) continue;
      // A delivery still under way reads the text; the ring's bytes are free.
      for (const e of b.out) e?.detach();
      this.open.delete(id);
    }
  }
}

/** A group's payloads as UTF-8, one after another, each but the last followed by U+001E. */
export interface EncodedPayloads {
  /**
   * Sent as the text parameter of the payloads in binary format, which for text is its UTF-8,
   * and PostgreSQL splits it with string_to_array. JSON text never holds U+001E (the ASCII
   * record separator) unescaped: JSON.stringify writes control characters as \u escapes.
   */
  bytes: Buffer;
  /** Where each payload ends in `bytes` (the next one starts a separator later). */
  ends: Int32Array;
}

/**
 * Encodes payloads once, into `scratch` when they surely fit (3 bytes per UTF-16 unit at
 * most), else into a buffer of their own. The hand-off copies each event's bytes from here
 * into its ring. Joining the payloads into one string instead, and letting pg encode it, made
 * a string of up to half a megabyte per commit, in V8's large-object space, and encoded every
 * payload twice. As a text[] parameter, every quote in every payload was escaped (pg's
 * arrayString): 4 % of the gateway's busy time at peak; as one JSON array, PostgreSQL parsed
 * every payload and spent more CPU per row.
 */
export function encodePayloads(
  items: readonly { readonly payload: string }[],
  scratch?: Buffer,
): EncodedPayloads {
  let bound = 0;
  for (const e of items) bound += e.payload.length * 3 + 1;
  const bytes = scratch && bound <= scratch.length ? scratch : Buffer.allocUnsafe(exactSize(items));
  const ends = new Int32Array(items.length);
  let at = 0;
  for (let i = 0; i < items.length; i++) {
    const payload = items[i]!.payload;
    // Guards the invariant above: a stray separator would shift every payload after it.
    if (payload.indexOf(SEPARATOR) !== -1) throw new Error('payload holds U+001E');
    if (i > 0) bytes[at++] = SEPARATOR_BYTE;
    at += bytes.write(payload, at, 'utf8');
    ends[i] = at;
  }
  return { bytes: bytes.subarray(0, at), ends };
}
const SEPARATOR = '\x1e';
const SEPARATOR_BYTE = 0x1e;

const exactSize = (items: readonly { readonly payload: string }[]) =>
  items.reduce((n, e) => n + Buffer.byteLength(e.payload, 'utf8') + 1, 0);

/**
 * The batch's payloads are stored out of line uncompressed (migration 0003): compressing 40-50
 * KB of hashed user data with pglz cost PostgreSQL 36 µs of CPU per event, five times the rest
 * of the insert.
 */
export const INSERT_BATCH = `insert into outbox_batch
  (lease_owner, lease_until, created_at, pixel_ids, account_ids, event_names, payloads)
  values ($1, $2, $3, $4, $5, $6, $7) returning id`;

/** Turns up to 20 batches whose lease ran out into due `outbox` rows. */
export const EXPLODE = `with gone as (
    delete from outbox_batch where id in (
      select id from outbox_batch where lease_until < $1 order by id limit 20 for update skip locked)
    returning created_at, pixel_ids, account_ids, event_names, payloads)
  insert into outbox (pixel_id, account_id, event_name, payload, created_at, next_attempt_at)
  select x.p, x.a, x.n, x.b, gone.created_at, $1 from gone,
    rows from (unnest(gone.pixel_ids), unnest(gone.account_ids), unnest(gone.event_names),
      unnest(string_to_array(gone.payloads, E'\\x1e'))) as x(p, a, n, b)`;

/**
 * Ends a statement that settles what is already delivered or stored elsewhere: it commits
 * without waiting for its WAL to reach the disk (`synchronous_commit` off for its own
 * transaction, set inside the statement so that it stays one round trip). Delivery is
 * settled batch by batch, so with many pixels (one Graph call each) a delete followed nearly
 * every insert, and PostgreSQL synced its WAL twice per group commit: 0.40 syncs per event
 * against 0.20 with this, in groups of five events removed one by one. A crash can undo such
 * a delete; the events are then delivered again, at least once as with a lease that runs out.
 * What acknowledges an event (the inserts) always commits synchronously.
 */
const WITHOUT_WAITING_FOR_DISK = `(select set_config('synchronous_commit', 'off', true)) = 'off'`;

/** Deletes batch rows with nothing unsettled left ($1: their ids). */
export const DELETE_BATCHES = `delete from outbox_batch
  where id = any($1::bigint[]) and ${WITHOUT_WAITING_FOR_DISK}`;

/** Deletes delivered `outbox` rows ($1: their ids). */
export const DELETE_ROWS = `delete from outbox
  where id = any($1::bigint[]) and ${WITHOUT_WAITING_FOR_DISK}`;

/** Events as `outbox` rows of their own, unleased, due at $7. */
export const INSERT_ROWS = `insert into outbox
  (pixel_id, account_id, event_name, payload, created_at, attempts, next_attempt_at)
  select x.p, x.a, x.n, x.b, x.c, x.t, $7::bigint
  from rows from (unnest($1::text[]), unnest($2::text[]), unnest($3::text[]),
    unnest(string_to_array($4::text, E'\\x1e')), unnest($5::bigint[]), unnest($6::int[]))
    as x(p, a, n, b, c, t)`;
