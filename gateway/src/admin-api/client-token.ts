import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ClientTokenBody } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { TTL, openSession } from '../auth/sessions.js';
import { hashSecret } from '../security/tokens.js';
import { authRateLimit } from './sign-in.js';

/**
 * POST /clients/token, where Meta's gateway has it (outside /api/v1): an API account's name and
 * secret, grant_type=client_credentials, as a form (Meta's sample scripts) or JSON. The answer
 * carries the token as both `token` (Meta's docs) and `access_token` (Meta's sample script).
 */
export async function clientTokenRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.post('/clients/token', authRateLimit(app), async (request, reply) => {
    const body = parseBody(ClientTokenBody, request.body);
    if (body.grant_type !== 'client_credentials') throw new GatewayError('UNSUPPORTED_GRANT_TYPE');
    const account = await store.apiAccounts.byName(body.client_id);
    const given = Buffer.from(hashSecret(body.client_secret), 'hex');
    // Compare against a hash even for unknown names, so timing does not tell names apart.
    const expected = Buffer.from(account?.secretHash ?? hashSecret('no such account'), 'hex');
    if (!account || !timingSafeEqual(given, expected)) throw new GatewayError('INVALID_CLIENT');
    const session = await openSession(
      store,
      { apiAccountId: account.id },
      'api',
      'client_credentials',
    );
    void reply.header('cache-control', 'no-store');
    return {
      token: session.token,
      access_token: session.token,
      token_type: 'bearer',
      expires_in: TTL.api / 1000,
    };
  });
}
