import type { FastifyInstance } from 'fastify';
import { Password } from '@capgw/shared/schemas/admin';
import { InvitationAcceptBody, InvitationLookupQuery } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { grantInvitation } from '../auth/grants.js';
import { findLink } from '../auth/invitations.js';
import { hashPassword } from '../auth/passwords.js';
import { newUuid } from '../security/tokens.js';
import { authRateLimit, checkCredentials, signIn } from './sign-in.js';

/** The public side of a link: what it is for, and accepting an invitation (which signs in). */
export async function invitationRoutes(app: FastifyInstance): Promise<void> {
  const { store, box } = app.gw;

  app.get('/invitations/lookup', authRateLimit(app), async (request) => {
    const { token } = parseBody(InvitationLookupQuery, request.query);
    const link = await findLink(store, token);
    if (!link) throw new GatewayError('INVITATION_INVALID');
    const account = link.accountId ? await store.accounts.get(link.accountId) : undefined;
    const user = await store.users.byEmail(link.email);
    return {
      kind: link.kind,
      email: link.email,
      scope: link.scope,
      role: link.role,
      account_name: account?.name ?? null,
      expires_at: link.expiresAt,
      existing_user: Boolean(user?.passwordHash),
    };
  });

  app.post('/invitations/accept', authRateLimit(app), async (request, reply) => {
    const body = parseBody(InvitationAcceptBody, request.body);
    const link = await findLink(store, body.token);
    if (!link || link.kind !== 'invitation') throw new GatewayError('INVITATION_INVALID');
    const existing = await store.users.byEmail(link.email);
    // Someone who already signs in proves it with their password: otherwise whoever holds an
    // invitation for a host admin's address could set that admin's password.
    let passwordHash: string | undefined;
    if (existing?.passwordHash) {
      await checkCredentials(store, box, existing, body.password, body.totp);
    } else {
      passwordHash = await hashPassword(parseBody(Password, body.password));
    }
    const now = Date.now();
    const { userId, activatedAccount } = await store.transaction(async () => {
      if (!(await store.linkTokens.consume(link.id, now)))
        throw new GatewayError('INVITATION_INVALID');
      const user =
        existing ??
        (await store.users.create({
          id: newUuid(),
          email: link.email,
          status: 'active',
          createdAt: now,
        }));
      if (passwordHash)
        await store.users.update(user.id, {
          passwordHash,
          status: 'active',
          passwordChangedAt: now,
        });
      const grant = await grantInvitation(store, link, user.id, now);
      if (!grant.granted) throw new GatewayError('INVITATION_INVALID');
      // A reset link was checked against the person's access when it was made; with new
      // access it could reach further than its maker may, so open ones stop working.
      await store.linkTokens.revokeResets(link.email, now);
      return { userId: user.id, activatedAccount: grant.activatedAccount };
    });
    if (activatedAccount) await app.gw.directory.reload();
    await app.gw.audit(
      { kind: 'user', id: userId, label: link.email },
      {
        accountId: link.accountId,
        action: 'invitation.accept',
        target: `user:${userId}`,
        after: { email: link.email, role: link.role, assignments: link.assignments },
      },
    );
    return signIn(store, request, reply, userId);
  });
}
