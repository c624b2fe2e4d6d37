import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AccountCreateBody, AccountPatchBody } from '@capgw/shared/schemas/admin';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { accessAccount, requireHost } from '../auth/access.js';
import { newId } from '../security/tokens.js';
import { accountDto } from './dto.js';
import { principal } from './index.js';
import { deliverLink } from './links.js';

export const AccountParams = z.object({ accountId: z.string().min(1).max(64) });

/** Accounts: the host's list and creation; rename, (de)activate and delete one account. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;

  app.post('/accounts', async (request, reply) => {
    const p = principal(request);
    requireHost(p, 'host.accounts.create');
    const body = parseBody(AccountCreateBody, request.body);
    if (!body.managed && !body.admin_email) {
      throw new GatewayError(
        'VALIDATION_FAILED',
        'admin_email: an unmanaged account needs an invited admin',
      );
    }
    const now = Date.now();
    const account = await store.accounts.create({
      id: newId('acc'),
      name: body.name,
      managed: body.managed,
      // Unmanaged accounts wait for their invited admin ("setup in progress" in Meta's gateway).
      status: body.managed ? 'active' : 'setup',
      createdAt: now,
      updatedAt: now,
    });
    const invitation = body.admin_email
      ? await deliverLink(app.gw, store.account(account.id).invitations, {
          email: body.admin_email,
          role: 'admin',
          invitedBy: p.kind === 'user' ? p.userId : null,
        })
      : undefined;
    // The host's act: its log keeps it, whether or not the host may later look inside.
    await app.gw.audit(p, {
      accountId: null,
      action: 'account.create',
      target: `account:${account.id}`,
      after: { ...accountDto(account), admin_email: body.admin_email ?? null },
    });
    return reply
      .status(201)
      .send({ ...accountDto(account), ...(invitation ? { invitation } : {}) });
  });

  app.get('/accounts', async (request) => {
    const p = principal(request);
    const memberOf = p.kind === 'user' ? await store.accounts.memberships(p.userId) : [];
    const roles = new Map(memberOf.map((m) => [m.accountId, m.role]));
    let visible: string[] | undefined = [...roles.keys()];
    if (p.hostRole === 'admin') visible = undefined;
    else if (p.hostRole && p.kind === 'user') {
      const assigned = await store.users.hostAssignedAccounts(p.userId);
      const managed = (await store.accounts.list(assigned))
        .filter((a) => a.managed)
        .map((a) => a.id);
      visible = [...new Set([...visible, ...managed])];
    }
    const rows = await store.accounts.list(visible);
    await app.gw.counters.flush().catch(() => undefined);
    const usage = await store.accounts.usage(
      rows.map((a) => a.id),
      Date.now() - 24 * 3600_000,
    );
    return {
      accounts: rows.map((a) => ({
        ...accountDto(a),
        role: roles.get(a.id) ?? null,
        usage: usage.get(a.id)!,
      })),
    };
  });

  app.get('/accounts/:accountId', async (request) => {
    const { accountId } = parseBody(AccountParams, request.params);
    const access = await accessAccount(store, principal(request), accountId);
    access.require('account.read');
    return { ...accountDto(access.account), seats: access.seats };
  });

  app.patch('/accounts/:accountId', async (request) => {
    const p = principal(request);
    const { accountId } = parseBody(AccountParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('account.update');
    const body = parseBody(AccountPatchBody, request.body);
    if (body.status && access.account.status === 'setup') {
      throw new GatewayError('CONFLICT', 'This account is waiting for its invited admin.');
    }
    const updated = await store.accounts.update(accountId, { ...body, updatedAt: Date.now() });
    await app.gw.directory.reload();
    await app.gw.audit(p, {
      accountId,
      action: 'account.update',
      target: `account:${accountId}`,
      before: accountDto(access.account),
      after: body,
    });
    return accountDto(updated!);
  });

  app.delete('/accounts/:accountId', async (request, reply) => {
    const p = principal(request);
    const { accountId } = parseBody(AccountParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('account.delete');
    const members = await access.scope.members();
    await store.accounts.delete(accountId);
    // Meta's gateway: deleting an account removes its users. People who belong nowhere else go.
    for (const m of members) await store.users.deleteIfOrphan(m.userId);
    await app.gw.directory.reload();
    await app.gw.audit(p, {
      accountId: null,
      action: 'account.delete',
      target: `account:${accountId}`,
      before: accountDto(access.account),
    });
    return reply.status(204).send();
  });
}
