import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Connection, tables as t } from '../db.js';
import { type Tables } from '../db.js';

export type SessionRow = typeof t.sessions.$inferSelect;

/** Hub cookies and bearer tokens. Only hashes of the tokens are stored. */
export class SessionsRepo {
  constructor(private readonly c: Connection) {}

  private get t(): Tables {
    return this.c.tables;
  }

  async create(row: typeof t.sessions.$inferInsert): Promise<SessionRow> {
    return this.c.run(async (db) => (await db.insert(this.t.sessions).values(row).returning())[0]!);
  }

  /** A live session: not revoked, not expired. */
  findLive(tokenHash: string, now: number): Promise<SessionRow | undefined> {
    return this.c.run(
      async (db) =>
        (
          await db
            .select()
            .from(this.t.sessions)
            .where(
              and(
                eq(this.t.sessions.tokenHash, tokenHash),
                isNull(this.t.sessions.revokedAt),
                gt(this.t.sessions.expiresAt, now),
              ),
            )
        )[0],
    );
  }

  async touch(id: string, now: number): Promise<void> {
    await this.c.run((db) =>
      db.update(this.t.sessions).set({ lastSeenAt: now }).where(eq(this.t.sessions.id, id)),
    );
  }

  async revoke(id: string, now: number): Promise<void> {
    await this.c.run((db) =>
      db.update(this.t.sessions).set({ revokedAt: now }).where(eq(this.t.sessions.id, id)),
    );
  }

  /** "Sign out everywhere", and what a password change does. */
  async revokeAllForUser(userId: string, now: number): Promise<void> {
    await this.c.run((db) =>
      db
        .update(this.t.sessions)
        .set({ revokedAt: now })
        .where(and(eq(this.t.sessions.userId, userId), isNull(this.t.sessions.revokedAt))),
    );
  }

  /** What a password change does: every other session of the person ends. */
  async revokeOthersForUser(userId: string, keepSessionId: string, now: number): Promise<void> {
    await this.c.run((db) =>
      db
        .update(this.t.sessions)
        .set({ revokedAt: now })
        .where(
          and(
            eq(this.t.sessions.userId, userId),
            ne(this.t.sessions.id, keepSessionId),
            isNull(this.t.sessions.revokedAt),
          ),
        ),
    );
  }

  /** "Sign out everywhere" for an API account: every token it was issued. */
  async revokeAllForApiAccount(apiAccountId: string, now: number): Promise<void> {
    await this.c.run((db) =>
      db
        .update(this.t.sessions)
        .set({ revokedAt: now })
        .where(
          and(eq(this.t.sessions.apiAccountId, apiAccountId), isNull(this.t.sessions.revokedAt)),
        ),
    );
  }

  listForUser(userId: string, now: number): Promise<SessionRow[]> {
    return this.c.run((db) =>
      db
        .select()
        .from(this.t.sessions)
        .where(
          and(
            eq(this.t.sessions.userId, userId),
            isNull(this.t.sessions.revokedAt),
            gt(this.t.sessions.expiresAt, now),
          ),
        ),
    );
  }
}
