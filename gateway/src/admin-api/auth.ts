import type { FastifyInstance } from 'fastify';
import { LoginBody } from '@capgw/shared/schemas/admin';
import { parseBody } from '../http/parse.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { principal } from './index.js';
import { describeMe } from './me.js';
import { authRateLimit, checkCredentials, signIn } from './sign-in.js';

/** Sign-in with email and password (and TOTP when on); sign out here or everywhere; who am I. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { store, box } = app.gw;

  app.post('/auth/login', authRateLimit(app), async (request, reply) => {
    const body = parseBody(LoginBody, request.body);
    const user = await checkCredentials(
      store,
      box,
      await store.users.byEmail(body.email),
      body.password,
      body.totp,
    );
    return signIn(store, request, reply, user.id, { bearer: body.token === true });
  });

  app.post('/auth/logout', async (request, reply) => {
    const p = principal(request);
    await store.sessions.revoke(p.sessionId, Date.now());
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  // A lost laptop or a leaked token: every hub cookie and bearer token of the caller ends.
  app.post('/auth/logout-all', async (request, reply) => {
    const p = principal(request);
    const now = Date.now();
    if (p.kind === 'user') await store.sessions.revokeAllForUser(p.userId, now);
    else await store.sessions.revokeAllForApiAccount(p.apiAccountId, now);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/me', async (request) => {
    const p = principal(request);
    if (p.kind === 'api')
      return {
        api_account: { id: p.apiAccountId, name: p.name },
        host_role: 'admin',
        accounts: [],
      };
    return { ...(await describeMe(store, p.userId)), csrf_token: p.csrfToken };
  });
}
