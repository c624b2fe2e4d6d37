import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Connection, tables as t } from '../db.js';
import { type Tables } from '../db.js';

export type AccountRow = typeof t.accounts.$inferSelect;

/**
 * Host-level view of accounts: the list, creation and lifecycle. What lives inside an account
 * (pixels, users, domains, metrics) is reached through AccountScope only.
 */
export class AccountsRepo {
  constructor(private readonly c: Connection) {}

  private get t(): Tables {
    return this.c.tables;
  }

  list(ids?: readonly string[]): Promise<AccountRow[]> {
    if (ids && ids.length === 0) return Promise.resolve([]);
    return this.c.run((db) => {
      const q = db.select().from(this.t.accounts);
      return (ids ? q.where(inArray(this.t.accounts.id, [...ids])) : q).orderBy(
        asc(this.t.accounts.createdAt),
        asc(this.t.accounts.id),
      );
    });
  }

  get(id: string): Promise<AccountRow | undefined> {
    return this.c.run(
      async (db) => (await db.select().from(this.t.accounts).where(eq(this.t.accounts.id, id)))[0],
    );
  }

  async create(row: typeof t.accounts.$inferInsert): Promise<AccountRow> {
    return this.c.run(async (db) => (await db.insert(this.t.accounts).values(row).returning())[0]!);
  }

  async update(
    id: string,
    patch: Partial<typeof t.accounts.$inferInsert>,
  ): Promise<AccountRow | undefined> {
    return this.c.run(
      async (db) =>
        (
          await db.update(this.t.accounts).set(patch).where(eq(this.t.accounts.id, id)).returning()
        )[0],
    );
  }

  /** Deletes the account and everything inside it. */
  async delete(id: string): Promise<void> {
    await this.c.transaction(async (db) => {
      await db
        .delete(this.t.accountMemberPixels)
        .where(eq(this.t.accountMemberPixels.accountId, id));
      await db.delete(this.t.accountMembers).where(eq(this.t.accountMembers.accountId, id));
      await db.delete(this.t.hostMemberAccounts).where(eq(this.t.hostMemberAccounts.accountId, id));
      await db.delete(this.t.pixels).where(eq(this.t.pixels.accountId, id));
      await db.delete(this.t.domains).where(eq(this.t.domains.accountId, id));
      await db.delete(this.t.invitations).where(eq(this.t.invitations.accountId, id));
      await db.delete(this.t.counters).where(eq(this.t.counters.accountId, id));
      await db.delete(this.t.eventErrors).where(eq(this.t.eventErrors.accountId, id));
      await db.delete(this.t.accounts).where(eq(this.t.accounts.id, id));
    });
  }

  /**
   * Takes the account's row lock for the rest of the transaction. Membership changes that must
   * keep an invariant ("at least one admin") call this first, so two concurrent demotions on
   * PostgreSQL cannot each see the other's admin and leave none.
   */
  async lockForChange(id: string, now: number): Promise<void> {
    await this.c.run((db) =>
      db.update(this.t.accounts).set({ updatedAt: now }).where(eq(this.t.accounts.id, id)),
    );
  }

  /**
   * Usage per account, the one thing the host may know of an unmanaged account besides its
   * name and status (as Meta's tenantUsage): pixel counts and events received since `since`.
   */
  async usage(
    ids: readonly string[],
    since: number,
  ): Promise<Map<string, { pixels: number; receiving_pixels: number; events_received: number }>> {
    const out = new Map(
      ids.map((id) => [id, { pixels: 0, receiving_pixels: 0, events_received: 0 }]),
    );
    if (ids.length === 0) return out;
    const p = this.t.pixels;
    const k = this.t.counters;
    const [pixelRows, eventRows] = await this.c.run((db) =>
      Promise.all([
        db
          .select({
            accountId: p.accountId,
            pixels: sql<number>`count(*)`,
            receiving: sql<number>`sum(case when ${p.receiving} then 1 else 0 end)`,
          })
          .from(p)
          .where(inArray(p.accountId, [...ids]))
          .groupBy(p.accountId),
        db
          .select({ accountId: k.accountId, received: sql<number>`sum(${k.received})` })
          .from(k)
          .where(and(inArray(k.accountId, [...ids]), gte(k.minute, since)))
          .groupBy(k.accountId),
      ]),
    );
    // PostgreSQL returns count/sum as text (bigint); SQLite as numbers.
    for (const r of pixelRows) {
      const u = out.get(r.accountId)!;
      u.pixels = Number(r.pixels);
      u.receiving_pixels = Number(r.receiving ?? 0);
    }
    for (const r of eventRows) out.get(r.accountId)!.events_received = Number(r.received ?? 0);
    return out;
  }

  /** Accounts a user belongs to, with the user's role in each. */
  memberships(
    userId: string,
  ): Promise<{ accountId: string; role: 'admin' | 'manager' | 'viewer' }[]> {
    return this.c.run((db) =>
      db
        .select({ accountId: this.t.accountMembers.accountId, role: this.t.accountMembers.role })
        .from(this.t.accountMembers)
        .where(eq(this.t.accountMembers.userId, userId)),
    );
  }
}
