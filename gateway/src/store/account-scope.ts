import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Connection } from './db.js';
import { tables as t, type Tables } from './db.js';
import type { PixelRow } from './repos/pixels-repo.js';

/**
 * Everything inside one account, and nothing outside it. Account-scoped handlers receive this
 * object, never the gateway-wide store: every query below carries the account predicate, so a
 * forgotten `where` cannot reach another account's rows.
 */
export class AccountScope {
  constructor(
    private readonly c: Connection,
    readonly accountId: string,
  ) {}

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
