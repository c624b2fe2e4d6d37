import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HostInvitationBody } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { requireHost } from '../auth/access.js';
import { existingAccounts } from './host-users.js';
import { principal } from './index.js';
import { deliverLink, deliverRotatedLink, linkAuditView } from './links.js';

const InvitationParams = z.object({ invitationId: z.string().min(1).max(64) });

/** Inviting host users: admins reach every managed account, managers and viewers the listed ones. */
export async function hostInvitationRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;

  app.post('/host/invitations', async (request, reply) => {
    const p = principal(request);
    requireHost(p, 'host.users.write');
    const body = parseBody(HostInvitationBody, request.body);
    if (body.account_ids && body.role === 'admin')
      throw new GatewayError(
        'VALIDATION_FAILED',
        'account_ids: host admins reach every managed account',
      );
    const assignments = body.account_ids ? await existingAccounts(store, body.account_ids) : null;
    const user = await store.users.byEmail(body.email);
    if (user && (await store.users.hostRole(user.id))) throw new GatewayError('ALREADY_MEMBER');
    const link = await deliverLink(app.gw, store.hostInvitations, {
      email: body.email,
      role: body.role,
      assignments,
      invitedBy: p.kind === 'user' ? p.userId : null,
    });
    await app.gw.audit(p, {
      accountId: null,
      action: 'host.invitation.create',
      target: `invitation:${link.id}`,
      after: linkAuditView({ ...body, kind: 'invitation', assignments }),
    });
    return reply.status(201).send(link);
  });

  app.post('/host/invitations/:invitationId/regenerate', async (request, reply) => {
    const p = principal(request);
    requireHost(p, 'host.users.write');
    const { invitationId } = parseBody(InvitationParams, request.params);
    const link = await deliverRotatedLink(app.gw, store.hostInvitations, invitationId);
    if (!link) throw new GatewayError('NOT_FOUND');
    await app.gw.audit(p, {
      accountId: null,
      action: 'host.invitation.regenerate',
      target: `invitation:${invitationId}`,
    });
    return reply.status(201).send(link);
  });

  app.delete('/host/invitations/:invitationId', async (request, reply) => {
    const p = principal(request);
    requireHost(p, 'host.users.write');
    const { invitationId } = parseBody(InvitationParams, request.params);
    const before = await store.hostInvitations.get(invitationId);
    if (!before || !(await store.hostInvitations.revoke(invitationId, Date.now())))
      throw new GatewayError('NOT_FOUND');
    await app.gw.audit(p, {
      accountId: null,
      action: 'host.invitation.revoke',
      target: `invitation:${invitationId}`,
      before: linkAuditView(before),
    });
    return reply.status(204).send();
  });
}
