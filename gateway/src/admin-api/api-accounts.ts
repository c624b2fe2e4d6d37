import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiAccountCreateBody } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { requireHost } from '../auth/access.js';
import { verifyPassword } from '../auth/passwords.js';
import { hashSecret, newId, newSecret } from '../security/tokens.js';
import type { ApiAccountRow } from '../store/repos/api-accounts-repo.js';
import { principal } from './index.js';

const ApiAccountParams = z.object({ apiAccountId: z.string().min(1).max(64) });

const apiAccountDto = (a: ApiAccountRow, secret?: string) => ({
  id: a.id,
  name: a.name,
  created_at: a.createdAt,
  ...(secret ? { secret } : {}),
});

/**
 * API accounts: machine clients that trade their secret for 10-hour tokens at /clients/token
 * and act with host-admin rights. As in Meta's gateway, a host admin creates one by
 * re-entering their password, and sees the secret once.
 */
export async function apiAccountRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;

  app.get('/api-accounts', async (request) => {
    requireHost(principal(request), 'host.api_accounts');
    return { api_accounts: (await store.apiAccounts.list()).map((a) => apiAccountDto(a)) };
  });

  app.post('/api-accounts', async (request, reply) => {
    const p = principal(request);
    requireHost(p, 'host.api_accounts');
    const body = parseBody(ApiAccountCreateBody, request.body);
    // A person vouches with their password; an API account cannot mint further API accounts.
    if (p.kind !== 'user')
      throw new GatewayError('FORBIDDEN', 'Only a host admin signed in as a person can do this.');
    const me = await store.users.byId(p.userId);
    if (!(await verifyPassword(me?.passwordHash ?? null, body.password)))
      throw new GatewayError('WRONG_PASSWORD');
    if (await store.apiAccounts.byName(body.name)) throw new GatewayError('API_ACCOUNT_EXISTS');
    const secret = newSecret('cs_');
    const row = await store.apiAccounts
      .create({
        id: newId('api'),
        name: body.name,
        secretHash: hashSecret(secret),
        createdBy: p.userId,
        createdAt: Date.now(),
      })
      .catch(() => {
        throw new GatewayError('API_ACCOUNT_EXISTS');
      });
    await app.gw.audit(p, {
      accountId: null,
      action: 'api_account.create',
      target: `api_account:${row.id}`,
      after: apiAccountDto(row),
    });
    return reply.status(201).send(apiAccountDto(row, secret));
  });

  app.delete('/api-accounts/:apiAccountId', async (request, reply) => {
    const p = principal(request);
    requireHost(p, 'host.api_accounts');
    const { apiAccountId } = parseBody(ApiAccountParams, request.params);
    const before = await store.apiAccounts.get(apiAccountId);
    // Its tokens go with it (the repository revokes them in the same transaction).
    if (!before || !(await store.apiAccounts.delete(apiAccountId)))
      throw new GatewayError('NOT_FOUND');
    await app.gw.audit(p, {
      accountId: null,
      action: 'api_account.delete',
      target: `api_account:${apiAccountId}`,
      before: apiAccountDto(before),
    });
    return reply.status(204).send();
  });
}
