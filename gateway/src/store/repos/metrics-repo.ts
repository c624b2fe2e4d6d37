import { and, desc, eq, gte, sql, type AnyColumn } from 'drizzle-orm';
import type { Connection, Tables, tables as t } from '../db.js';

export type CounterDelta = {
  pixelId: string;
  accountId: string;
  minute: number;
  eventName: string;
  received: number;
  published: number;
  failed: number;
  rejected: number;
};
export type EventErrorRow = typeof t.eventErrors.$inferSelect;

/** Per-minute counters and the record of events Meta refused for good. */
export class MetricsRepo {
  constructor(private readonly c: Connection) {}

  private get t(): Tables {
    return this.c.tables;
  }

  /**
   * Adds deltas to the per-minute counters: one multi-row upsert per 500 rows, in one
   * transaction (a statement per row cost ~65 µs each on the event loop). The deltas are keyed
   * by (pixel, minute, event name) already, so no statement touches a row twice.
   */
  async addCounters(deltas: CounterDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    const c = this.t.counters;
    const add = (column: AnyColumn, name: string) => sql`${column} + excluded.${sql.raw(name)}`;
    // Counters are flushed every few seconds; losing the last flush to a power cut is allowed.
    await this.c.relaxedTransaction(async (db) => {
      for (let i = 0; i < deltas.length; i += 500) {
        await db
          .insert(c)
          .values(deltas.slice(i, i + 500))
          .onConflictDoUpdate({
            target: [c.pixelId, c.minute, c.eventName],
            set: {
              received: add(c.received, 'received'),
              published: add(c.published, 'published'),
              failed: add(c.failed, 'failed'),
              rejected: add(c.rejected, 'rejected'),
            },
          });
      }
    });
  }

  async addEventErrors(rows: (typeof t.eventErrors.$inferInsert)[]): Promise<void> {
    if (rows.length === 0) return;
    await this.c.run((db) => db.insert(this.t.eventErrors).values(rows));
  }

  /** Counters of one pixel since a minute (used by AccountScope, which checks the account). */
  countersForPixel(pixelId: string, sinceMinute: number) {
    return this.c.run((db) =>
      db
        .select()
        .from(this.t.counters)
        .where(and(eq(this.t.counters.pixelId, pixelId), gte(this.t.counters.minute, sinceMinute))),
    );
  }

  recentErrors(pixelId: string, limit = 50): Promise<EventErrorRow[]> {
    return this.c.run((db) =>
      db
        .select()
        .from(this.t.eventErrors)
        .where(eq(this.t.eventErrors.pixelId, pixelId))
        .orderBy(desc(this.t.eventErrors.id))
        .limit(limit),
    );
  }
}
