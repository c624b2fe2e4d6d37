import type { Config } from '../config/env.js';
import type { Connection } from '../store/db.js';
import type { Outbox, OutboxOptions } from './outbox.js';
import { openPgOutbox } from './pg-outbox.js';
import { openSqliteOutbox } from './sqlite-outbox.js';

export type { ClaimedEvent, Outbox, OutboxEntry } from './outbox.js';

/** The outbox of the configured database: its own SQLite file, or the shared PostgreSQL. */
export async function openOutbox(
  config: Config,
  connection: Connection,
  owner: string,
): Promise<Outbox> {
  const opts: OutboxOptions = {
    maxEvents: config.OUTBOX_MAX_EVENTS,
    leaseMs: config.OUTBOX_LEASE_MS,
    owner,
    diskReserveBytes: config.DISK_RESERVE_MB * 1024 * 1024,
  };
  if (config.database.kind === 'sqlite') return openSqliteOutbox(config.database.dir, opts);
  if (!connection.pgPool) throw new Error('PostgreSQL connection without a pool');
  return openPgOutbox(connection.pgPool, opts);
}
