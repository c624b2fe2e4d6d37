import type { FastifyInstance } from 'fastify';
import { ManagedBody, SetupInvitationBody } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { accessAccount } from '../auth/access.js';
import { AccountParams } from './accounts.js';
import { accountDto } from './dto.js';
import { principal } from './index.js';
import { deliverLink } from './links.js';

/**
 * Who controls an account. Its own admins switch managed ↔ unmanaged at any time; a host admin
 * can only ask for managed, and the account becomes managed when one of its admins consents
 * (switches to managed while the request stands). While an unmanaged account waits for its
 * invited admin, the host can send that invitation again.
 */
export async function managedRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;

  app.post('/accounts/:accountId/managed', async (request, reply) => {
    const p = principal(request);
    const { accountId } = parseBody(AccountParams, request.params);
    const { managed } = parseBody(ManagedBody, request.body);
    const access = await accessAccount(store, p, accountId);
    access.require('account.set_managed');
    const before = access.account;
    const now = Date.now();
    if (!access.seats.includes('account:admin')) {
      // The host asking from outside: only "please let us manage", recorded for consent.
      if (!managed) throw new GatewayError('CONFLICT', 'Only the account admins can change this.');
      const asked = await store.accounts.update(accountId, {
        manageRequestedAt: before.manageRequestedAt ?? now,
        updatedAt: now,
      });
      await app.gw.audit(p, {
        accountId,
        action: 'account.manage_request',
        target: `account:${accountId}`,
        before: { manage_requested: before.manageRequestedAt !== null },
        after: { manage_requested: true },
      });
      return reply.status(202).send(accountDto(asked!));
    }
    // An account admin decides; either answer settles a pending request.
    const updated = await store.accounts.update(accountId, {
      managed,
      manageRequestedAt: null,
      updatedAt: now,
    });
    await app.gw.audit(p, {
      accountId,
      action: 'account.set_managed',
      target: `account:${accountId}`,
      before: { managed: before.managed, manage_requested: before.manageRequestedAt !== null },
      after: { managed, manage_requested: false },
    });
    return accountDto(updated!);
  });

  app.post('/accounts/:accountId/setup-invitation', async (request, reply) => {
    const p = principal(request);
    const { accountId } = parseBody(AccountParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('account.setup_invitation');
    if (access.account.status !== 'setup')
      throw new GatewayError('CONFLICT', 'This account already has its admin.');
    const place = access.scope.invitations;
    const pending = (await place.open()).filter((i) => i.role === 'admin');
    const email = parseBody(SetupInvitationBody, request.body).email ?? pending.at(-1)?.email;
    if (!email) throw new GatewayError('VALIDATION_FAILED', 'email: whom to invite as admin');
    // A changed address replaces the earlier admin invitation rather than adding a second one.
    for (const i of pending) if (i.email !== email) await place.revoke(i.id, Date.now());
    const link = await deliverLink(app.gw, place, {
      email,
      role: 'admin',
      invitedBy: p.kind === 'user' ? p.userId : null,
    });
    await app.gw.audit(p, {
      accountId: null,
      action: 'account.setup_invitation',
      target: `account:${accountId}`,
      after: { email, role: 'admin' },
    });
    return reply.status(201).send(link);
  });
}
