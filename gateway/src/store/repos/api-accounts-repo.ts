import { asc, eq } from 'drizzle-orm';
import type { Connection, tables as t } from '../db.js';
import { type Tables } from '../db.js';

export type ApiAccountRow = typeof t.apiAccounts.$inferSelect;

/** Machine clients of the control plane (`POST /clients/token`), acting with host-admin rights. */
export class ApiAccountsRepo {
  constructor(private readonly c: Connection) {}

  private get t(): Tables {
    return this.c.tables;
  }

  list(): Promise<ApiAccountRow[]> {
    return this.c.run((db) =>
      db.select().from(this.t.apiAccounts).orderBy(asc(this.t.apiAccounts.createdAt)),
    );
  }

  get(id: string): Promise<ApiAccountRow | undefined> {
    return this.c.run(
      async (db) =>
        (await db.select().from(this.t.apiAccounts).where(eq(this.t.apiAccounts.id, id)))[0],
    );
  }

  byName(name: string): Promise<ApiAccountRow | undefined> {
    return this.c.run(
      async (db) =>
        (await db.select().from(this.t.apiAccounts).where(eq(this.t.apiAccounts.name, name)))[0],
    );
  }

  async create(row: typeof t.apiAccounts.$inferInsert): Promise<ApiAccountRow> {
    return this.c.run(
      async (db) => (await db.insert(this.t.apiAccounts).values(row).returning())[0]!,
    );
  }

  async delete(id: string): Promise<boolean> {
    return this.c.transaction(async (db) => {
      await db.delete(this.t.sessions).where(eq(this.t.sessions.apiAccountId, id));
      return (
        (await db.delete(this.t.apiAccounts).where(eq(this.t.apiAccounts.id, id)).returning())
          .length === 1
      );
    });
  }
}
