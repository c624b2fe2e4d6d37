import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AccountUserPatchBody, type AccountUserDto } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { accessAccount } from '../auth/access.js';
import { coversEverySeatOf } from '../auth/reach.js';
import type { AccountScope } from '../store/account-scope.js';
import { AccountParams } from './accounts.js';
import { principal } from './index.js';
import { deliverLink } from './links.js';

const UserParams = AccountParams.extend({ userId: z.string().min(1).max(64) });

/** An account's people: the list (with open invitations), role changes, removal, reset links. */
export async function accountUserRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;
  const base = '/accounts/:accountId/users';

  app.get(base, async (request) => {
    const { accountId } = parseBody(AccountParams, request.params);
    const access = await accessAccount(store, principal(request), accountId);
    access.require('account.users.read');
    return { users: await listAccountUsers(access.scope) };
  });

  app.patch(`${base}/:userId`, async (request) => {
    const p = principal(request);
    const { accountId, userId } = parseBody(UserParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('account.users.write');
    const body = parseBody(AccountUserPatchBody, request.body);
    const scope = access.scope;
    const before = await memberView(scope, userId);
    const role = body.role ?? before.role;
    if (body.pixel_ids && role !== 'manager')
      throw new GatewayError('VALIDATION_FAILED', 'pixel_ids: only managers are assigned pixels');
    const pixelIds = body.pixel_ids ? await ownPixels(scope, body.pixel_ids) : before.pixel_ids;
    await store.transaction(async () => {
      await store.accounts.lockForChange(accountId, Date.now());
      if (before.role === 'admin' && role !== 'admin') await keepAnAdmin(scope);
      await scope.setMember(userId, role);
      await scope.setAssignedPixels(userId, role === 'manager' ? (pixelIds ?? []) : []);
    });
    const after = await memberView(scope, userId);
    await app.gw.audit(p, {
      accountId,
      action: 'user.update',
      target: `user:${userId}`,
      before: { email: before.email, role: before.role, pixel_ids: before.pixel_ids },
      after: { email: after.email, role: after.role, pixel_ids: after.pixel_ids },
    });
    return after;
  });

  app.delete(`${base}/:userId`, async (request, reply) => {
    const p = principal(request);
    const { accountId, userId } = parseBody(UserParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('account.users.write');
    const before = await memberView(access.scope, userId);
    await store.transaction(async () => {
      await store.accounts.lockForChange(accountId, Date.now());
      if (before.role === 'admin') await keepAnAdmin(access.scope);
      await access.scope.removeMember(userId);
    });
    await store.users.deleteIfOrphan(userId);
    await app.gw.audit(p, {
      accountId,
      action: 'user.remove',
      target: `user:${userId}`,
      before: { email: before.email, role: before.role },
    });
    return reply.status(204).send();
  });

  app.post(`${base}/:userId/reset-link`, async (request, reply) => {
    const p = principal(request);
    const { accountId, userId } = parseBody(UserParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('account.users.write');
    const member = await memberView(access.scope, userId);
    if (!(await coversEverySeatOf(store, p, userId))) {
      throw new GatewayError(
        'FORBIDDEN',
        'This person also has access elsewhere; they can reset their password from the sign-in page.',
      );
    }
    const link = await deliverLink(app.gw, access.scope.invitations, {
      email: member.email,
      role: member.role,
      kind: 'reset',
      invitedBy: p.kind === 'user' ? p.userId : null,
    });
    await app.gw.audit(p, {
      accountId,
      action: 'user.reset_link',
      target: `user:${userId}`,
      after: { email: member.email },
    });
    return reply.status(201).send(link);
  });
}

/** Members and open invitations, as the hub's user table shows them. */
export async function listAccountUsers(scope: AccountScope): Promise<AccountUserDto[]> {
  const members = await scope.members();
  const pixels = await scope.pixelAssignments();
  const people = new Map((await scope.people()).map((u) => [u.id, u.email]));
  const active: AccountUserDto[] = members.map((m) => ({
    id: m.userId,
    email: people.get(m.userId) ?? '',
    role: m.role,
    status: 'active',
    pixel_ids: m.role === 'manager' ? (pixels.get(m.userId) ?? []) : null,
    expires_at: null,
  }));
  const pending: AccountUserDto[] = (await scope.invitations.open()).map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    status: 'pending',
    pixel_ids: i.role === 'manager' ? (i.assignments ?? []) : null,
    expires_at: i.expiresAt,
  }));
  active.sort((a, b) => a.email.localeCompare(b.email));
  return [...active, ...pending];
}

async function memberView(scope: AccountScope, userId: string): Promise<AccountUserDto> {
  const found = (await listAccountUsers(scope)).find(
    (u) => u.status === 'active' && u.id === userId,
  );
  if (!found) throw new GatewayError('NOT_FOUND');
  return found;
}

/** The pixels of this account among `ids`; an id outside it reads as unknown, never as "other". */
export async function ownPixels(scope: AccountScope, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await scope.listPixels(unique);
  if (found.length !== unique.length)
    throw new GatewayError('VALIDATION_FAILED', 'pixel_ids: no such pixel in this account');
  return unique;
}

async function keepAnAdmin(scope: AccountScope): Promise<void> {
  const admins = (await scope.members()).filter((m) => m.role === 'admin');
  if (admins.length <= 1) throw new GatewayError('LAST_ADMIN');
}
