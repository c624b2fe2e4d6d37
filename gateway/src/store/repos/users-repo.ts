import { eq, inArray } from 'drizzle-orm';
import type { Connection, tables as t } from '../db.js';
import { type Tables } from '../db.js';

export type UserRow = typeof t.users.$inferSelect;
export type HostRole = 'admin' | 'manager' | 'viewer';

/** People who sign in: host users and account users share one table of identities. */
export class UsersRepo {
  constructor(private readonly c: Connection) {}

  private get t(): Tables {
    return this.c.tables;
  }

  byEmail(email: string): Promise<UserRow | undefined> {
    return this.c.run(
      async (db) => (await db.select().from(this.t.users).where(eq(this.t.users.email, email)))[0],
    );
  }

  byId(id: string): Promise<UserRow | undefined> {
    return this.c.run(
      async (db) => (await db.select().from(this.t.users).where(eq(this.t.users.id, id)))[0],
    );
  }

  byIds(ids: string[]): Promise<UserRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.c.run((db) => db.select().from(this.t.users).where(inArray(this.t.users.id, ids)));
  }

  async create(row: typeof t.users.$inferInsert): Promise<UserRow> {
    return this.c.run(async (db) => (await db.insert(this.t.users).values(row).returning())[0]!);
  }

  async update(
    id: string,
    patch: Partial<typeof t.users.$inferInsert>,
  ): Promise<UserRow | undefined> {
    return this.c.run(
      async (db) =>
        (await db.update(this.t.users).set(patch).where(eq(this.t.users.id, id)).returning())[0],
    );
  }

  hostRole(userId: string): Promise<HostRole | undefined> {
    return this.c.run(
      async (db) =>
        (await db.select().from(this.t.hostMembers).where(eq(this.t.hostMembers.userId, userId)))[0]
          ?.role,
    );
  }

  async setHostRole(userId: string, role: HostRole | null): Promise<void> {
    await this.c.run(async (db) => {
      if (role === null) {
        await db.delete(this.t.hostMembers).where(eq(this.t.hostMembers.userId, userId));
        return;
      }
      await db
        .insert(this.t.hostMembers)
        .values({ userId, role })
        .onConflictDoUpdate({ target: this.t.hostMembers.userId, set: { role } });
    });
  }

  /** Managed accounts assigned to a host manager or viewer. */
  hostAssignedAccounts(userId: string): Promise<string[]> {
    return this.c.run(async (db) =>
      (
        await db
          .select()
          .from(this.t.hostMemberAccounts)
          .where(eq(this.t.hostMemberAccounts.userId, userId))
      ).map((r) => r.accountId),
    );
  }

  async setHostAssignedAccounts(userId: string, accountIds: string[]): Promise<void> {
    await this.c.transaction(async (db) => {
      await db
        .delete(this.t.hostMemberAccounts)
        .where(eq(this.t.hostMemberAccounts.userId, userId));
      if (accountIds.length > 0) {
        await db
          .insert(this.t.hostMemberAccounts)
          .values(accountIds.map((accountId) => ({ userId, accountId })));
      }
    });
  }

  /** Every host user with their role. */
  hostMembers(): Promise<{ userId: string; role: HostRole }[]> {
    return this.c.run((db) => db.select().from(this.t.hostMembers));
  }

  /** Host manager/viewer → assigned accounts, for every host user at once. */
  async hostAssignments(): Promise<Map<string, string[]>> {
    const rows = await this.c.run((db) => db.select().from(this.t.hostMemberAccounts));
    const byUser = new Map<string, string[]>();
    for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.accountId]);
    return byUser;
  }

  /** Takes a person off the host side: role and account assignments. */
  async removeFromHost(userId: string): Promise<void> {
    await this.c.transaction(async (db) => {
      await db
        .delete(this.t.hostMemberAccounts)
        .where(eq(this.t.hostMemberAccounts.userId, userId));
      await db.delete(this.t.hostMembers).where(eq(this.t.hostMembers.userId, userId));
    });
  }

  /**
   * Forgets a person who no longer belongs anywhere (no host role, no account): their email is
   * personal data with no purpose left, and their sessions must stop working.
   */
  async deleteIfOrphan(userId: string): Promise<boolean> {
    return this.c.transaction(async (db) => {
      const host = await db
        .select()
        .from(this.t.hostMembers)
        .where(eq(this.t.hostMembers.userId, userId));
      const accounts = await db
        .select()
        .from(this.t.accountMembers)
        .where(eq(this.t.accountMembers.userId, userId));
      if (host.length > 0 || accounts.length > 0) return false;
      await db.delete(this.t.sessions).where(eq(this.t.sessions.userId, userId));
      await db
        .delete(this.t.hostMemberAccounts)
        .where(eq(this.t.hostMemberAccounts.userId, userId));
      await db.delete(this.t.users).where(eq(this.t.users.id, userId));
      return true;
    });
  }
}
