import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.js';
import { verifyPassword } from '../auth/passwords.js';
import { SESSION_COOKIE, TTL, openSession } from '../auth/sessions.js';
import { matchTotp } from '../auth/totp.js';
import type { SecretBox } from '../security/master-key.js';
import type { UserRow } from '../store/repos/users-repo.js';
import type { Store } from '../store/store.js';
import { describeMe } from './me.js';

const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;

/** Route options that put a route under the per-IP limit of sign-in-like requests. */
export function authRateLimit(app: FastifyInstance) {
  return {
    config: {
      rateLimit: { max: app.gw.config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 },
    },
  };
}

/**
 * Checks a person's password and, when they turned it on, their authenticator code. Five
 * failures in a row lock the person out for 15 minutes, whatever IP the attempts come from
 * (the per-IP rate limit covers the other direction: one IP trying many people).
 */
export async function checkCredentials(
  store: Store,
  box: SecretBox,
  user: UserRow | undefined,
  password: string,
  totp: string | undefined,
): Promise<UserRow> {
  const now = Date.now();
  if (user?.lockedUntil && user.lockedUntil > now) throw new GatewayError('ACCOUNT_LOCKED');
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.status !== 'active') {
    if (user) await recordFailure(store, user, now);
    throw new GatewayError('INVALID_CREDENTIALS');
  }
  if (user.totpSecretEnc) {
    // Asked only after the password was right: the code is the second factor, not a hint.
    if (!totp) throw new GatewayError('TOTP_REQUIRED');
    const step = matchTotp(box.decrypt(user.totpSecretEnc), totp, now, user.totpLastStep);
    if (step === null) {
      await recordFailure(store, user, now);
      throw new GatewayError('TOTP_INVALID');
    }
    await store.users.update(user.id, { totpLastStep: step });
  }
  if (user.failedLogins > 0)
    await store.users.update(user.id, { failedLogins: 0, lockedUntil: null });
  return user;
}

async function recordFailure(store: Store, user: UserRow, now: number): Promise<void> {
  const failures = user.failedLogins + 1;
  await store.users.update(user.id, {
    failedLogins: failures >= MAX_FAILURES ? 0 : failures,
    lockedUntil: failures >= MAX_FAILURES ? now + LOCK_MS : user.lockedUntil,
  });
}

/** Opens a hub session (cookie) and answers like GET /me with the CSRF token to echo. */
export async function signIn(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  opts: { bearer?: boolean } = {},
): Promise<Record<string, unknown>> {
  const cookie = await openSession(store, { userId }, 'cookie');
  void reply.setCookie(SESSION_COOKIE, cookie.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: TTL.cookie / 1000,
  });
  const answer: Record<string, unknown> = {
    ...(await describeMe(store, userId)),
    csrf_token: cookie.csrfToken,
  };
  if (opts.bearer) {
    const label = request.headers['user-agent']?.slice(0, 120) ?? null;
    const bearer = await openSession(store, { userId }, 'bearer', label);
    answer.token = bearer.token;
    answer.token_expires_at = bearer.expiresAt;
  }
  return answer;
}
