import type { FastifyInstance } from 'fastify';
import { LoginBody } from '@capgw/shared/schemas/admin';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { verifyPassword } from '../auth/passwords.js';
import { SESSION_COOKIE, TTL, openSession } from '../auth/sessions.js';
import { principal } from './index.js';
import { describeMe } from './me.js';

const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;

/** Sign-in with email and password: a hub cookie, and with `token: true` a bearer token too. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.gw;

  app.post('/auth/login', async (request, reply) => {
    const body = parseBody(LoginBody, request.body);
    const now = Date.now();
    const user = await store.users.byEmail(body.email);
    if (user?.lockedUntil && user.lockedUntil > now) throw new GatewayError('ACCOUNT_LOCKED');
    const ok = await verifyPassword(user?.passwordHash ?? null, body.password);
    if (!user || !ok || user.status !== 'active') {
      if (user) {
        const failures = user.failedLogins + 1;
        await store.users.update(user.id, {
          failedLogins: failures >= MAX_FAILURES ? 0 : failures,
          lockedUntil: failures >= MAX_FAILURES ? now + LOCK_MS : user.lockedUntil,
        });
      }
      throw new GatewayError('INVALID_CREDENTIALS');
    }
    if (user.failedLogins > 0)
      await store.users.update(user.id, { failedLogins: 0, lockedUntil: null });
    const cookie = await openSession(store, { userId: user.id }, 'cookie');
    void reply.setCookie(SESSION_COOKIE, cookie.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      maxAge: TTL.cookie / 1000,
    });
    const answer: Record<string, unknown> = {
      ...(await describeMe(store, user.id)),
      csrf_token: cookie.csrfToken,
    };
    if (body.token) {
      const bearer = await openSession(
        store,
        { userId: user.id },
        'bearer',
        request.headers['user-agent']?.slice(0, 120) ?? null,
      );
      answer.token = bearer.token;
      answer.token_expires_at = bearer.expiresAt;
    }
    return answer;
  });

  app.post('/auth/logout', async (request, reply) => {
    const p = principal(request);
    await store.sessions.revoke(p.sessionId, Date.now());
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
