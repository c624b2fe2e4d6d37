import { asc, eq, inArray } from 'drizzle-orm';
import type { Connection } from '../db.js';
import { tables as t, type Tables } from '../db.js';

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
