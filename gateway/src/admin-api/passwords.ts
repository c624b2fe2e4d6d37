import type { FastifyInstance } from 'fastify';
import { PasswordChangeBody, ResetBody, ResetRequestBody } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { findLink } from '../auth/invitations.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { principal } from './index.js';
import { deliverLink } from './links.js';
import { authRateLimit } from './sign-in.js';

/** Changing one's password, and resetting a forgotten one through an emailed single-use link. */
export async function passwordRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;

  app.post('/auth/password', async (request) => {
    const p = principal(request);
    if (p.kind !== 'user') throw new GatewayError('FORBIDDEN', 'API accounts have no password.');
    const body = parseBody(PasswordChangeBody, request.body);
    const user = await store.users.byId(p.userId);
    if (!(await verifyPassword(user?.passwordHash ?? null, body.current_password)))
      throw new GatewayError('WRONG_PASSWORD');
    const now = Date.now();
    await store.users.update(p.userId, {
      passwordHash: await hashPassword(body.new_password),
      passwordChangedAt: now,
    });
    // Whoever knew the old password may hold a session: end all but the one changing it.
    await store.sessions.revokeOthersForUser(p.userId, p.sessionId, now);
    await store.linkTokens.revokeResets(p.email, now);
    return { ok: true };
  });

  app.post('/auth/reset-request', authRateLimit(app), async (request, reply) => {
    const { email } = parseBody(ResetRequestBody, request.body);
    // The same answer, at the same speed, whether or not the person exists: the work happens
    // after the reply, so neither the body nor the timing tells which emails sign in here.
    void (async () => {
      const user = await store.users.byEmail(email);
      if (!user || user.status !== 'active' || !(await app.gw.mailer.target())) return;
      await deliverLink(app.gw, store.hostInvitations, {
        email,
        role: 'viewer',
        kind: 'reset',
        invitedBy: null,
      });
    })().catch(() => request.log.warn('reset email failed'));
    return reply.status(202).send({ ok: true });
  });

  app.post('/auth/reset', authRateLimit(app), async (request) => {
    const body = parseBody(ResetBody, request.body);
    const link = await findLink(store, body.token);
    if (!link || link.kind !== 'reset') throw new GatewayError('INVITATION_INVALID');
    const user = await store.users.byEmail(link.email);
    if (!user) throw new GatewayError('INVITATION_INVALID');
    const passwordHash = await hashPassword(body.password);
    const now = Date.now();
    await store.transaction(async () => {
      if (!(await store.linkTokens.consume(link.id, now)))
        throw new GatewayError('INVITATION_INVALID');
      await store.users.update(user.id, {
        passwordHash,
        passwordChangedAt: now,
        failedLogins: 0,
        lockedUntil: null,
      });
      await store.sessions.revokeAllForUser(user.id, now);
      await store.linkTokens.revokeResets(user.email, now);
    });
    return { ok: true };
  });
}
