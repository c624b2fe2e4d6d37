import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Connection, tables as t } from '../db.js';
import { type Tables } from '../db.js';

export type HostRow = typeof t.host.$inferSelect;

/** The single host row: who claimed this gateway, and its settings. */
export class HostRepo {
  constructor(private readonly c: Connection) {}

  private get t(): Tables {
    return this.c.tables;
  }

  async get(): Promise<HostRow> {
    return this.c.run(async (db) => {
      const [row] = await db.select().from(this.t.host).where(eq(this.t.host.id, 1));
      if (row) return row;
      await db
        .insert(this.t.host)
        .values({ id: 1, name: 'My gateway', settings: {} })
        .onConflictDoNothing();
      const [created] = await db.select().from(this.t.host).where(eq(this.t.host.id, 1));
      return created!;
    });
  }

  /** Marks the host claimed; false if another request claimed it first. */
  async claim(now: number): Promise<boolean> {
    await this.get();
    return this.c.run(async (db) => {
      const rows = await db
        .update(this.t.host)
        .set({ claimedAt: now })
        .where(and(eq(this.t.host.id, 1), isNull(this.t.host.claimedAt)))
        .returning({ id: this.t.host.id });
      return rows.length === 1;
    });
  }

  /** The host row's lock for the rest of the transaction (see AccountsRepo.lockForChange). */
  async lockForChange(): Promise<void> {
    await this.get();
    await this.c.run((db) =>
      db
        .update(this.t.host)
        .set({ name: sql`${this.t.host.name}` })
        .where(eq(this.t.host.id, 1)),
    );
  }

  async update(patch: { name?: string; settings?: Record<string, unknown> }): Promise<HostRow> {
    await this.get();
    return this.c.run(async (db) => {
      const [row] = await db
        .update(this.t.host)
        .set(patch)
        .where(eq(this.t.host.id, 1))
        .returning();
      return row!;
    });
  }
}
