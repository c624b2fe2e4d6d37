import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Connection } from '../db.js';
import type { tables as t, Tables } from '../db.js';

export type InvitationRow = typeof t.invitations.$inferSelect;
export type LinkKind = 'invitation' | 'reset';
type NewLink = Omit<typeof t.invitations.$inferInsert, 'accountId' | 'scope'>;

/**
 * Single-use links of one place: the host (accountId null) or one account. Each place sees its
 * own links only; AccountScope hands out the account's instance, Store the host's.
 */
export class InvitationsRepo {
  constructor(
    private readonly c: Connection,
    readonly accountId: string | null,
  ) {}

  private get t(): Tables {
    return this.c.tables;
  }

  private here() {
    const i = this.t.invitations;
    return this.accountId === null
      ? and(eq(i.scope, 'host'), isNull(i.accountId))
      : and(eq(i.scope, 'account'), eq(i.accountId, this.accountId));
  }

  /** Adds a link; an open link of the same kind for the same person here stops working. */
  async issue(row: NewLink): Promise<InvitationRow> {
    const i = this.t.invitations;
    return this.c.transaction(async (db) => {
      await db
        .update(i)
        .set({ usedAt: row.createdAt })
        .where(and(this.here(), eq(i.email, row.email), eq(i.kind, row.kind), isNull(i.usedAt)));
      const values = {
        ...row,
        scope: this.accountId === null ? ('host' as const) : ('account' as const),
        accountId: this.accountId,
      };
      return (await db.insert(i).values(values).returning())[0]!;
    });
  }

  /** Unused links of a kind, expired ones included (the hub offers to regenerate those). */
  open(kind: LinkKind = 'invitation'): Promise<InvitationRow[]> {
    const i = this.t.invitations;
    return this.c.run((db) =>
      db
        .select()
        .from(i)
        .where(and(this.here(), eq(i.kind, kind), isNull(i.usedAt)))
        .orderBy(asc(i.createdAt)),
    );
  }

  /** An unused invitation of this place by id. */
  get(id: string): Promise<InvitationRow | undefined> {
    const i = this.t.invitations;
    return this.c.run(
      async (db) =>
        (
          await db
            .select()
            .from(i)
            .where(and(this.here(), eq(i.id, id), eq(i.kind, 'invitation'), isNull(i.usedAt)))
        )[0],
    );
  }

  /** A new secret for the same invitation: the old link dies, the id stays. */
  async rotate(
    id: string,
    tokenHash: string,
    expiresAt: number,
  ): Promise<InvitationRow | undefined> {
    const i = this.t.invitations;
    return this.c.run(
      async (db) =>
        (
          await db
            .update(i)
            .set({ tokenHash, expiresAt })
            .where(and(this.here(), eq(i.id, id), eq(i.kind, 'invitation'), isNull(i.usedAt)))
            .returning()
        )[0],
    );
  }

  async revoke(id: string, now: number): Promise<boolean> {
    const i = this.t.invitations;
    const rows = await this.c.run((db) =>
      db
        .update(i)
        .set({ usedAt: now })
        .where(and(this.here(), eq(i.id, id), isNull(i.usedAt)))
        .returning({ id: i.id }),
    );
    return rows.length === 1;
  }
}

/** Links by their secret: whoever holds a token holds the capability, wherever it belongs. */
export class LinkTokensRepo {
  constructor(private readonly c: Connection) {}

  private get t(): Tables {
    return this.c.tables;
  }

  /** The unused, unexpired link behind a token hash. */
  find(tokenHash: string, now: number): Promise<InvitationRow | undefined> {
    const i = this.t.invitations;
    return this.c.run(
      async (db) =>
        (
          await db
            .select()
            .from(i)
            .where(and(eq(i.tokenHash, tokenHash), isNull(i.usedAt), gt(i.expiresAt, now)))
        )[0],
    );
  }

  /** Marks a link used; false if it was used or expired meanwhile (single use under races). */
  async consume(id: string, now: number): Promise<boolean> {
    const i = this.t.invitations;
    const rows = await this.c.run((db) =>
      db
        .update(i)
        .set({ usedAt: now })
        .where(and(eq(i.id, id), isNull(i.usedAt), gt(i.expiresAt, now)))
        .returning({ id: i.id }),
    );
    return rows.length === 1;
  }

  /** After a password is set, every other reset link for that person stops working. */
  async revokeResets(email: string, now: number): Promise<void> {
    const i = this.t.invitations;
    await this.c.run((db) =>
      db
        .update(i)
        .set({ usedAt: now })
        .where(and(eq(i.email, email), eq(i.kind, 'reset'), isNull(i.usedAt))),
    );
  }
}
