import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SetupBody } from '@capgw/shared/schemas/admin';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { hashPassword } from '../auth/passwords.js';
import { newUuid } from '../security/tokens.js';

/** First run: the setup token claims the instance and creates the first host admin. */
export async function setupRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;

  app.get('/status', async () => {
    const host = await store.host.get();
    return { claimed: host.claimedAt !== null, name: host.name };
  });

  app.post('/setup', async (request, reply) => {
    const body = parseBody(SetupBody, request.body);
    if ((await store.host.get()).claimedAt !== null)
      throw new GatewayError('SETUP_ALREADY_CLAIMED');
    if (!sameText(body.setup_token, app.gw.setupToken))
      throw new GatewayError('SETUP_TOKEN_INVALID');
    const passwordHash = await hashPassword(body.password);
    const now = Date.now();
    const user = await store.transaction(async () => {
      if (!(await store.host.claim(now))) throw new GatewayError('SETUP_ALREADY_CLAIMED');
      const existing = await store.users.byEmail(body.email);
      const u =
        existing ??
        (await store.users.create({
          id: newUuid(),
          email: body.email,
          passwordHash,
          status: 'active',
          createdAt: now,
        }));
      if (existing)
        await store.users.update(u.id, { passwordHash, status: 'active', passwordChangedAt: now });
      await store.users.setHostRole(u.id, 'admin');
      return u;
    });
    request.log.info('instance claimed');
    await app.gw.audit(null, {
      accountId: null,
      action: 'host.claim',
      target: `user:${user.id}`,
      after: { email: user.email },
    });
    return reply.status(201).send({ user: { id: user.id, email: user.email, host_role: 'admin' } });
  });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
