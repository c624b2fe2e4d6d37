import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HostUserPatchBody, type HostUserDto } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { requireHost } from '../auth/access.js';
import { coversEverySeatOf } from '../auth/reach.js';
import type { Store } from '../store/store.js';
import { principal } from './index.js';
import { deliverLink } from './links.js';

const HostUserParams = z.object({ userId: z.string().min(1).max(64) });

/** The host's people: list (with open invitations), role and account changes, removal, resets. */
export async function hostUserRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;

  app.get('/host/users', async (request) => {
    requireHost(principal(request), 'host.users.read');
    return { users: await listHostUsers(store) };
  });

  app.patch('/host/users/:userId', async (request) => {
    const p = principal(request);
    requireHost(p, 'host.users.write');
    const { userId } = parseBody(HostUserParams, request.params);
    const body = parseBody(HostUserPatchBody, request.body);
    const before = await hostUserView(store, userId);
    const role = body.role ?? before.role;
    if (body.account_ids && role === 'admin')
      throw new GatewayError(
        'VALIDATION_FAILED',
        'account_ids: host admins reach every managed account',
      );
    const accountIds = body.account_ids
      ? await existingAccounts(store, body.account_ids)
      : (before.account_ids ?? []);
    await store.transaction(async () => {
      await store.host.lockForChange();
      if (before.role === 'admin' && role !== 'admin') await keepAHostAdmin(store);
      await store.users.setHostRole(userId, role);
      await store.users.setHostAssignedAccounts(userId, role === 'admin' ? [] : accountIds);
    });
    const after = await hostUserView(store, userId);
    await app.gw.audit(p, {
      accountId: null,
      action: 'host.user.update',
      target: `user:${userId}`,
      before: { email: before.email, role: before.role, account_ids: before.account_ids },
      after: { email: after.email, role: after.role, account_ids: after.account_ids },
    });
    return after;
  });

  app.delete('/host/users/:userId', async (request, reply) => {
    const p = principal(request);
    requireHost(p, 'host.users.write');
    const { userId } = parseBody(HostUserParams, request.params);
    const before = await hostUserView(store, userId);
    await store.transaction(async () => {
      await store.host.lockForChange();
      if (before.role === 'admin') await keepAHostAdmin(store);
      await store.users.removeFromHost(userId);
    });
    await store.users.deleteIfOrphan(userId);
    await app.gw.audit(p, {
      accountId: null,
      action: 'host.user.remove',
      target: `user:${userId}`,
      before: { email: before.email, role: before.role },
    });
    return reply.status(204).send();
  });

  app.post('/host/users/:userId/reset-link', async (request, reply) => {
    const p = principal(request);
    requireHost(p, 'host.users.write');
    const { userId } = parseBody(HostUserParams, request.params);
    const user = await hostUserView(store, userId);
    if (!(await coversEverySeatOf(store, p, userId)))
      throw new GatewayError(
        'FORBIDDEN',
        'This person also administers accounts outside your reach; they can reset their password from the sign-in page.',
      );
    const link = await deliverLink(app.gw, store.hostInvitations, {
      email: user.email,
      role: user.role,
      kind: 'reset',
      invitedBy: p.kind === 'user' ? p.userId : null,
    });
    await app.gw.audit(p, {
      accountId: null,
      action: 'host.user.reset_link',
      target: `user:${userId}`,
      after: { email: user.email },
    });
    return reply.status(201).send(link);
  });
}

export async function listHostUsers(store: Store): Promise<HostUserDto[]> {
  const members = await store.users.hostMembers();
  const assigned = await store.users.hostAssignments();
  const emails = new Map(
    (await store.users.byIds(members.map((m) => m.userId))).map((u) => [u.id, u.email]),
  );
  const active: HostUserDto[] = members.map((m) => ({
    id: m.userId,
    email: emails.get(m.userId) ?? '',
    role: m.role,
    status: 'active',
    account_ids: m.role === 'admin' ? null : (assigned.get(m.userId) ?? []),
    expires_at: null,
  }));
  const pending: HostUserDto[] = (await store.hostInvitations.open()).map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    status: 'pending',
    account_ids: i.role === 'admin' ? null : (i.assignments ?? []),
    expires_at: i.expiresAt,
  }));
  active.sort((a, b) => a.email.localeCompare(b.email));
  return [...active, ...pending];
}

async function hostUserView(store: Store, userId: string): Promise<HostUserDto> {
  const found = (await listHostUsers(store)).find((u) => u.status === 'active' && u.id === userId);
  if (!found) throw new GatewayError('NOT_FOUND');
  return found;
}

export async function existingAccounts(store: Store, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if ((await store.accounts.list(unique)).length !== unique.length)
    throw new GatewayError('VALIDATION_FAILED', 'account_ids: no such account');
  return unique;
}

async function keepAHostAdmin(store: Store): Promise<void> {
  const admins = (await store.users.hostMembers()).filter((m) => m.role === 'admin');
  if (admins.length <= 1) throw new GatewayError('LAST_HOST_ADMIN');
}
