import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AccountInvitationBody } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { accessAccount } from '../auth/access.js';
import { ownPixels } from './account-users.js';
import { AccountParams } from './accounts.js';
import { principal } from './index.js';
import { deliverLink, deliverRotatedLink, linkAuditView } from './links.js';

const InvitationParams = AccountParams.extend({ invitationId: z.string().min(1).max(64) });

/** Inviting people into an account: create, regenerate a lost or expired link, withdraw. */
export async function accountInvitationRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;
  const base = '/accounts/:accountId/invitations';

  app.post(base, async (request, reply) => {
    const p = principal(request);
    const { accountId } = parseBody(AccountParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('account.users.write');
    const body = parseBody(AccountInvitationBody, request.body);
    if (body.pixel_ids && body.role !== 'manager')
      throw new GatewayError('VALIDATION_FAILED', 'pixel_ids: only managers are assigned pixels');
    const assignments = body.pixel_ids ? await ownPixels(access.scope, body.pixel_ids) : null;
    if ((await access.scope.people()).some((u) => u.email === body.email))
      throw new GatewayError('ALREADY_MEMBER');
    const link = await deliverLink(app.gw, access.scope.invitations, {
      email: body.email,
      role: body.role,
      assignments,
      invitedBy: p.kind === 'user' ? p.userId : null,
    });
    await app.gw.audit(p, {
      accountId,
      action: 'invitation.create',
      target: `invitation:${link.id}`,
      after: linkAuditView({ ...body, kind: 'invitation', assignments }),
    });
    return reply.status(201).send(link);
  });

  app.post(`${base}/:invitationId/regenerate`, async (request, reply) => {
    const p = principal(request);
    const { accountId, invitationId } = parseBody(InvitationParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('account.users.write');
    const link = await deliverRotatedLink(app.gw, access.scope.invitations, invitationId);
    if (!link) throw new GatewayError('NOT_FOUND');
    await app.gw.audit(p, {
      accountId,
      action: 'invitation.regenerate',
      target: `invitation:${invitationId}`,
    });
    return reply.status(201).send(link);
  });

  app.delete(`${base}/:invitationId`, async (request, reply) => {
    const p = principal(request);
    const { accountId, invitationId } = parseBody(InvitationParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('account.users.write');
    const before = await access.scope.invitations.get(invitationId);
    if (!before || !(await access.scope.invitations.revoke(invitationId, Date.now())))
      throw new GatewayError('NOT_FOUND');
    await app.gw.audit(p, {
      accountId,
      action: 'invitation.revoke',
      target: `invitation:${invitationId}`,
      before: linkAuditView(before),
    });
    return reply.status(204).send();
  });
}
