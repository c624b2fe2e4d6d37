import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Store } from '../store/store.js';
import { hashSecret, newId, newSecret } from '../security/tokens.js';
import type { Principal } from './principal.js';

export const SESSION_COOKIE = 'capgw_session';
export const TTL = {
  cookie: 12 * 3600_000,
  bearer: 30 * 24 * 3600_000,
  /** As Meta's gateway does for API accounts: `/clients/token` tokens last 10 hours. */
  api: 10 * 3600_000,
} as const;

/** Opens a session and returns its secret token (shown to the caller once, stored hashed). */
export async function openSession(
  store: Store,
  who: { userId: string } | { apiAccountId: string },
  kind: keyof typeof TTL,
  label: string | null = null,
): Promise<{ token: string; id: string; csrfToken: string | null; expiresAt: number }> {
  const now = Date.now();
  const token = newSecret('capgw_');
  const csrfToken = kind === 'cookie' ? newSecret() : null;
  const id = newId('ses');
  const expiresAt = now + TTL[kind];
  await store.sessions.create({
    id,
    tokenHash: hashSecret(token),
    kind,
    userId: 'userId' in who ? who.userId : null,
    apiAccountId: 'apiAccountId' in who ? who.apiAccountId : null,
    csrfToken,
    label,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
  });
  return { token, id, csrfToken, expiresAt };
}

/** The caller behind a bearer token or the hub's session cookie, if any. */
export async function authenticate(
  request: FastifyRequest,
  store: Store,
): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const token = bearer ?? request.cookies?.[SESSION_COOKIE];
  if (!token) return undefined;
  const now = Date.now();
  const session = await store.sessions.findLive(hashSecret(token), now);
  if (!session) return undefined;
  // A cookie token replayed as a bearer header (or the reverse) is refused: it would skip CSRF.
  if ((session.kind === 'cookie') !== (bearer === undefined)) return undefined;
  if (now - session.lastSeenAt > 60_000) await store.sessions.touch(session.id, now);
  if (session.apiAccountId) {
    const api = await store.apiAccounts.get(session.apiAccountId);
    if (!api) return undefined;
    return {
      kind: 'api',
      apiAccountId: api.id,
      name: api.name,
      sessionId: session.id,
      via: 'bearer',
      hostRole: 'admin',
    };
  }
  const user = session.userId ? await store.users.byId(session.userId) : undefined;
  if (!user || user.status !== 'active') return undefined;
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    hostRole: await store.users.hostRole(user.id),
    sessionId: session.id,
    via: session.kind === 'cookie' ? 'cookie' : 'bearer',
    csrfToken: session.csrfToken,
  };
}
