import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as pgSchema from './schema/pg.js';
import * as sqliteSchema from './schema/sqlite.js';
import { UnitContext } from './unit-context.js';

/**
 * Repositories are written once, typed against the PostgreSQL schema. On SQLite the twin
 * schema (same table, column and property names) is passed in its place: drizzle's query
 * builders behave alike for the subset we use (select/insert/update/delete/returning/upsert).
 */
export type Db = NodePgDatabase<typeof pgSchema>;
export type Tables = typeof pgSchema;
/** The SQLite twin of Db, for the few statements written per dialect. */
export type SqliteDb = BetterSQLite3Database;
export const tables = pgSchema;

export type DatabaseTarget = { kind: 'sqlite'; dir: string } | { kind: 'postgres'; url: string };

const MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** One connection to the configuration database, with the dialect's transaction rules. */
export interface Connection {
  readonly dialect: 'sqlite' | 'postgres';
  /** This dialect's tables, typed as the PostgreSQL twins (same names, same shapes). */
  readonly tables: Tables;
  /** Runs one unit of work; on SQLite units are serialized (one writer, awaits in between). */
  run<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** Runs work atomically; nested calls join the outer transaction. */
  transaction<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /**
   * A transaction whose commit does not wait for the disk: a process crash keeps it, a power
   * cut may lose it. For figures rewritten every few seconds (counters): on SQLite a synced
   * commit holds the event loop for the fsync, which a busy virtual disk stretched to 30-60 ms.
   */
  relaxedTransaction<T>(work: (db: Db) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The PostgreSQL pool, for the outbox, which shares the database there. */
  readonly pgPool?: pg.Pool;
}

export async function openConnection(target: DatabaseTarget): Promise<Connection> {
  return target.kind === 'sqlite' ? openSqlite(target.dir) : openPostgres(target.url);
}

/** A FIFO lock: SQLite has one connection, so a transaction must not interleave with others. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

function openSqlite(dir: string): Connection {
  mkdirSync(dir, { recursive: true });
  const file = new Database(join(dir, 'gateway.db'));
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = FULL');
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  const db = drizzleSqlite(file, { schema: sqliteSchema });
  migrateSqlite(db, { migrationsFolder: join(MIGRATIONS, 'sqlite') });
  const asDb = db as unknown as Db;
  const mutex = new Mutex();
  const inUnit = new UnitContext<true>();
  type Mode = 'plain' | 'atomic' | 'relaxed';
  const unit = <T>(work: (db: Db) => Promise<T>, mode: Mode): Promise<T> => {
    // Already inside a unit of this async flow: join it instead of waiting on ourselves.
    if (inUnit.current()) return work(asDb);
    return mutex.lock(() =>
      inUnit.run(true, async () => {
        if (mode === 'plain') return work(asDb);
        // In WAL mode NORMAL commits without syncing; the next FULL commit or checkpoint syncs.
        if (mode === 'relaxed') file.pragma('synchronous = NORMAL');
        try {
          file.exec('BEGIN IMMEDIATE');
          try {
            const out = await work(asDb);
            file.exec('COMMIT');
            return out;
          } catch (e) {
            file.exec('ROLLBACK');
            throw e;
          }
        } finally {
          if (mode === 'relaxed') file.pragma('synchronous = FULL');
        }
      }),
    );
  };
  return {
    dialect: 'sqlite',
    tables: sqliteSchema as unknown as Tables,
    run: (work) => unit(work, 'plain'),
    transaction: (work) => unit(work, 'atomic'),
    relaxedTransaction: (work) => unit(work, 'relaxed'),
    ping: async () => void file.prepare('select 1').get(),
    close: async () => void file.close(),
  };
}

async function openPostgres(url: string): Promise<Connection> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema: pgSchema });
  // Replicas may start together: one migrates while the others wait on the advisory lock.
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(4242001)');
    await migratePg(drizzlePg(client), { migrationsFolder: join(MIGRATIONS, 'pg') });
  } finally {
    await client.query('select pg_advisory_unlock(4242001)').catch(() => undefined);
    client.release();
  }
  const inTx = new UnitContext<Db>();
  const transaction = <T>(work: (db: Db) => Promise<T>, relaxed: boolean): Promise<T> => {
    const outer = inTx.current();
    if (outer) return work(outer);
    return db.transaction(async (tx) => {
      // The same promise as on SQLite: the commit returns before the WAL is flushed.
      if (relaxed) await tx.execute(sql`set local synchronous_commit = off`);
      return inTx.run(tx as unknown as Db, () => work(tx as unknown as Db));
    });
  };
  return {
    dialect: 'postgres',
    tables: pgSchema,
    pgPool: pool,
    run: (work) => work(inTx.current() ?? db),
    transaction: (work) => transaction(work, false),
    relaxedTransaction: (work) => transaction(work, true),
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => pool.end(),
  };
}
