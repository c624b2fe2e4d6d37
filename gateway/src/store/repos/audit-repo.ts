import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Connection, tables as t } from '../db.js';
import { type Tables } from '../db.js';

export type AuditRow = typeof t.auditLog.$inferSelect;
export type AuditInsert = typeof t.auditLog.$inferInsert;

/** Who changed what, when; before/after never hold secrets (callers pass redacted views). */
export class AuditRepo {
  constructor(private readonly c: Connection) {}

  private get t(): Tables {
    return this.c.tables;
  }

  async add(row: AuditInsert): Promise<void> {
    await this.c.run((db) => db.insert(this.t.auditLog).values(row));
  }

  /** Host-level entries (accountId null) or one account's entries, newest first. */
  list(
    scope: { accountId: string | null },
    opts: { limit: number; beforeId?: number },
  ): Promise<AuditRow[]> {
    const a = this.t.auditLog;
    return this.c.run((db) =>
      db
        .select()
        .from(a)
        .where(
          and(
            scope.accountId === null ? isNull(a.accountId) : eq(a.accountId, scope.accountId),
            opts.beforeId ? lt(a.id, opts.beforeId) : undefined,
          ),
        )
        .orderBy(desc(a.id))
        .limit(opts.limit),
    );
  }
}
