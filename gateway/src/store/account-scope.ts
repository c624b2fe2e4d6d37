import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Connection, tables as t } from './db.js';
import { type Tables } from './db.js';
import { AuditRepo, type AuditRow } from './repos/audit-repo.js';
import { InvitationsRepo } from './repos/invitations-repo.js';
import type { PixelRow } from './repos/pixels-repo.js';
import { AccountDomains } from './scoped/account-domains.js';

/**
 * Everything inside one account, and nothing outside it. Account-scoped handlers receive this
 * object, never the gateway-wide store: every query below carries the account predicate, so a
 * forgotten `where` cannot reach another account's rows.
 */
export class AccountScope {
  /** First-party domains and blocked websites of this account. */
  readonly domains: AccountDomains;
  /** Invitation and reset links of this account. */
  readonly invitations: InvitationsRepo;

  constructor(
    private readonly c: Connection,
    readonly accountId: string,
  ) {
    this.domains = new AccountDomains(c, accountId);
    this.invitations = new InvitationsRepo(c, accountId);
  }

  private get t(): Tables {
    return this.c.tables;
  }

  private ownPixel(pixelId: string) {
    return and(eq(this.t.pixels.accountId, this.accountId), eq(this.t.pixels.pixelId, pixelId));
  }

  listPixels(onlyIds?: readonly string[]): Promise<PixelRow[]> {
    if (onlyIds && onlyIds.length === 0) return Promise.resolve([]);
    return this.c.run((db) =>
      db
        .select()
        .from(this.t.pixels)
        .where(
          onlyIds
            ? and(
                eq(this.t.pixels.accountId, this.accountId),
                inArray(this.t.pixels.pixelId, [...onlyIds]),
              )
            : eq(this.t.pixels.accountId, this.accountId),
        )
        .orderBy(asc(this.t.pixels.createdAt)),
    );
  }

  getPixel(pixelId: string): Promise<PixelRow | undefined> {
    return this.c.run(
      async (db) => (await db.select().from(this.t.pixels).where(this.ownPixel(pixelId)))[0],
    );
  }

  async createPixel(row: Omit<typeof t.pixels.$inferInsert, 'accountId'>): Promise<PixelRow> {
    return this.c.run(
      async (db) =>
        (
          await db
            .insert(this.t.pixels)
            .values({ ...row, accountId: this.accountId })
            .returning()
        )[0]!,
    );
  }

  async updatePixel(
    pixelId: string,
    patch: Partial<Omit<typeof t.pixels.$inferInsert, 'accountId' | 'pixelId'>>,
  ): Promise<PixelRow | undefined> {
    return this.c.run(
      async (db) =>
        (await db.update(this.t.pixels).set(patch).where(this.ownPixel(pixelId)).returning())[0],
    );
  }

  async deletePixel(pixelId: string): Promise<boolean> {
    return this.c.transaction(async (db) => {
      const gone = await db
        .delete(this.t.pixels)
        .where(this.ownPixel(pixelId))
        .returning({ id: this.t.pixels.pixelId });
      await db
        .delete(this.t.accountMemberPixels)
        .where(
          and(
            eq(this.t.accountMemberPixels.accountId, this.accountId),
            eq(this.t.accountMemberPixels.pixelId, pixelId),
          ),
        );
      await this.domains.forgetPixel(pixelId);
      return gone.length === 1;
    });
  }

  /** Per-minute counters of this account's pixels since `sinceMinute` (epoch ms of a minute). */
  counters(sinceMinute: number, pixelIds?: readonly string[]) {
    return this.c.run((db) =>
      db
        .select()
        .from(this.t.counters)
        .where(
          and(
            eq(this.t.counters.accountId, this.accountId),
            gte(this.t.counters.minute, sinceMinute),
            pixelIds ? inArray(this.t.counters.pixelId, [...pixelIds]) : sql`true`,
          ),
        ),
    );
  }

  eventErrors(pixelId: string, limit = 50) {
    return this.c.run((db) =>
      db
        .select()
        .from(this.t.eventErrors)
        .where(
          and(
            eq(this.t.eventErrors.accountId, this.accountId),
            eq(this.t.eventErrors.pixelId, pixelId),
          ),
        )
        .orderBy(desc(this.t.eventErrors.id))
        .limit(limit),
    );
  }

  members() {
    return this.c.run((db) =>
      db
        .select()
        .from(this.t.accountMembers)
        .where(eq(this.t.accountMembers.accountId, this.accountId)),
    );
  }

  async setMember(userId: string, role: 'admin' | 'manager' | 'viewer'): Promise<void> {
    await this.c.run((db) =>
      db
        .insert(this.t.accountMembers)
        .values({ accountId: this.accountId, userId, role })
        .onConflictDoUpdate({
          target: [this.t.accountMembers.accountId, this.t.accountMembers.userId],
          set: { role },
        }),
    );
  }

  /** Who this account's members are (id and email), and nobody else. */
  people(): Promise<{ id: string; email: string }[]> {
    const m = this.t.accountMembers;
    return this.c.run((db) =>
      db
        .select({ id: this.t.users.id, email: this.t.users.email })
        .from(this.t.users)
        .innerJoin(m, and(eq(m.userId, this.t.users.id), eq(m.accountId, this.accountId))),
    );
  }

  /** Takes a person out of this account, with their pixel assignments. */
  async removeMember(userId: string): Promise<boolean> {
    const m = this.t.accountMembers;
    return this.c.transaction(async (db) => {
      await db
        .delete(this.t.accountMemberPixels)
        .where(
          and(
            eq(this.t.accountMemberPixels.accountId, this.accountId),
            eq(this.t.accountMemberPixels.userId, userId),
          ),
        );
      const gone = await db
        .delete(m)
        .where(and(eq(m.accountId, this.accountId), eq(m.userId, userId)))
        .returning({ userId: m.userId });
      return gone.length === 1;
    });
  }

  /** Manager → pixel assignments of every manager of this account. */
  async pixelAssignments(): Promise<Map<string, string[]>> {
    const rows = await this.c.run((db) =>
      db
        .select()
        .from(this.t.accountMemberPixels)
        .where(eq(this.t.accountMemberPixels.accountId, this.accountId)),
    );
    const byUser = new Map<string, string[]>();
    for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.pixelId]);
    return byUser;
  }

  /** This account's audit entries, newest first. */
  auditEntries(opts: { limit: number; beforeId?: number }): Promise<AuditRow[]> {
    return new AuditRepo(this.c).list({ accountId: this.accountId }, opts);
  }

  /** Pixels assigned to an account manager. */
  async assignedPixels(userId: string): Promise<string[]> {
    const rows = await this.c.run((db) =>
      db
        .select({ pixelId: this.t.accountMemberPixels.pixelId })
        .from(this.t.accountMemberPixels)
        .where(
          and(
            eq(this.t.accountMemberPixels.accountId, this.accountId),
            eq(this.t.accountMemberPixels.userId, userId),
          ),
        ),
    );
    return rows.map((r) => r.pixelId);
  }

  async setAssignedPixels(userId: string, pixelIds: readonly string[]): Promise<void> {
    await this.c.transaction(async (db) => {
      await db
        .delete(this.t.accountMemberPixels)
        .where(
          and(
            eq(this.t.accountMemberPixels.accountId, this.accountId),
            eq(this.t.accountMemberPixels.userId, userId),
          ),
        );
      if (pixelIds.length > 0) {
        await db
          .insert(this.t.accountMemberPixels)
          .values(pixelIds.map((pixelId) => ({ accountId: this.accountId, userId, pixelId })));
      }
    });
  }
}
