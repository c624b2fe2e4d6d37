import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Store } from '../store/store.js';
import { hashSecret, newId, newSecret } from '../security/tokens.js';

export const INVITATION_TTL_MS = 24 * 3600_000;

export interface InvitationRequest {
  email: string;
  scope: 'host' | 'account';
  accountId: string | null;
  role: 'admin' | 'manager' | 'viewer';
  invitedBy: string | null;
  kind?: 'invitation' | 'reset';
}

/**
 * Single-use links (invitations and password resets): the token is shown once, in the link, and
 * stored as its hash; it expires after 24 hours. A new link for the same person and place
 * replaces the old one.
 */
export async function issueInvitation(store: Store, publicUrl: string, req: InvitationRequest) {
  const token = newSecret();
  const now = Date.now();
  const kind = req.kind ?? 'invitation';
  const c = store.connection;
  const t = c.tables;
  const expiresAt = now + INVITATION_TTL_MS;
  await c.transaction(async (db) => {
    const same = and(
      eq(t.invitations.email, req.email),
      eq(t.invitations.kind, kind),
      eq(t.invitations.scope, req.scope),
      req.accountId ? eq(t.invitations.accountId, req.accountId) : isNull(t.invitations.accountId),
      isNull(t.invitations.usedAt),
    );
    await db.update(t.invitations).set({ usedAt: now }).where(same);
    await db.insert(t.invitations).values({
      id: newId('inv'),
      tokenHash: hashSecret(token),
      kind,
      email: req.email,
      scope: req.scope,
      accountId: req.accountId,
      role: req.role,
      invitedBy: req.invitedBy,
      createdAt: now,
      expiresAt,
    });
  });
  const path = kind === 'reset' ? 'reset' : 'invite';
  return { token, link: `${publicUrl}/hub/#/${path}/${token}`, expires_at: expiresAt };
}

/** The unused, unexpired link behind a token, if any. */
export async function findInvitation(
  store: Store,
  token: string,
  kind: 'invitation' | 'reset' = 'invitation',
) {
  const c = store.connection;
  const t = c.tables;
  return c.run(
    async (db) =>
      (
        await db
          .select()
          .from(t.invitations)
          .where(
            and(
              eq(t.invitations.tokenHash, hashSecret(token)),
              eq(t.invitations.kind, kind),
              isNull(t.invitations.usedAt),
              gt(t.invitations.expiresAt, Date.now()),
            ),
          )
      )[0],
  );
}
