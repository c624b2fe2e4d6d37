import { and, asc, eq } from 'drizzle-orm';
import type { Connection, Tables } from '../db.js';
import type { tables as t } from '../db.js';

export type DomainRow = typeof t.domains.$inferSelect;

/** One account's first-party domains and blocked websites; reached through AccountScope. */
export class AccountDomains {
  constructor(
    private readonly c: Connection,
    readonly accountId: string,
  ) {}

  private get t(): Tables {
    return this.c.tables;
  }

  private own(id: string) {
    return and(eq(this.t.domains.accountId, this.accountId), eq(this.t.domains.id, id));
  }

  list(): Promise<DomainRow[]> {
    return this.c.run((db) =>
      db
        .select()
        .from(this.t.domains)
        .where(eq(this.t.domains.accountId, this.accountId))
        .orderBy(asc(this.t.domains.createdAt), asc(this.t.domains.id)),
    );
  }

  get(id: string): Promise<DomainRow | undefined> {
    return this.c.run(
      async (db) => (await db.select().from(this.t.domains).where(this.own(id)))[0],
    );
  }

  async create(row: Omit<typeof t.domains.$inferInsert, 'accountId'>): Promise<DomainRow> {
    return this.c.run(
      async (db) =>
        (
          await db
            .insert(this.t.domains)
            .values({ ...row, accountId: this.accountId })
            .returning()
        )[0]!,
    );
  }

  async delete(id: string): Promise<boolean> {
    const gone = await this.c.run((db) =>
      db.delete(this.t.domains).where(this.own(id)).returning({ id: this.t.domains.id }),
    );
    return gone.length === 1;
  }

  /** Blocked-website rows naming a pixel that is going away. */
  async forgetPixel(pixelId: string): Promise<void> {
    await this.c.run((db) =>
      db
        .delete(this.t.domains)
        .where(
          and(eq(this.t.domains.accountId, this.accountId), eq(this.t.domains.pixelId, pixelId)),
        ),
    );
  }
}
