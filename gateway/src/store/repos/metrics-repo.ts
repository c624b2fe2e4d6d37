import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Connection, tables as t } from '../db.js';
import { type Tables } from '../db.js';

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

  /** Adds deltas to the per-minute counters (one upsert per row, in one transaction). */
  async addCounters(deltas: CounterDelta[]): Promise<void> {
    if (deltas.length === 0) return;
    await this.c.transaction(async (db) => {
      for (const d of deltas) {
        await db
          .insert(this.t.counters)
          .values(d)
          .onConflictDoUpdate({
            target: [this.t.counters.pixelId, this.t.counters.minute, this.t.counters.eventName],
            set: {
              received: sql`${this.t.counters.received} + ${d.received}`,
              published: sql`${this.t.counters.published} + ${d.published}`,
              failed: sql`${this.t.counters.failed} + ${d.failed}`,
              rejected: sql`${this.t.counters.rejected} + ${d.rejected}`,
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
