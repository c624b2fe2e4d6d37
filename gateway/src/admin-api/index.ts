import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.js';
import { authenticate } from '../auth/sessions.js';
import type { Principal } from '../auth/principal.js';
import type { Services } from '../services.js';
import { accountInvitationRoutes } from './account-invitations.js';
import { accountUserRoutes } from './account-users.js';
import { accountRoutes } from './accounts.js';
import { apiAccountRoutes } from './api-accounts.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { domainRoutes } from './domains.js';
import { hostInvitationRoutes } from './host-invitations.js';
import { hostSettingsRoutes } from './host-settings.js';
import { hostUserRoutes } from './host-users.js';
import { invitationRoutes } from './invitations.js';
import { managedRoutes } from './managed.js';
import { openApiRoutes } from './openapi.js';
import { passwordRoutes } from './passwords.js';
import { pixelRoutes } from './pixels.js';
import { setupRoutes } from './setup.js';
import { totpRoutes } from './totp.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes that answer without a signed-in caller. */
const PUBLIC = new Set([
  '/api/v1/setup',
  '/api/v1/status',
  '/api/v1/auth/login',
  '/api/v1/invitations/accept',
  '/api/v1/invitations/lookup',
  '/api/v1/auth/reset',
  '/api/v1/auth/reset-request',
  '/api/v1/openapi.json',
]);

/** The routes each gateway registered under /api/v1, for checking them against the OpenAPI lists. */
export const registeredAdminRoutes = new WeakMap<Services, { method: string; url: string }[]>();

/**
 * The admin API at /api/v1: authenticates every request (hub cookie with CSRF, or bearer token),
 * then hands the routes a Principal. Routes check permissions through auth/access.ts.
 */
export async function adminApi(app: FastifyInstance): Promise<void> {
  const routes: { method: string; url: string }[] = [];
  registeredAdminRoutes.set(app.gw, routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.addHook('onRequest', async (request) => {
    request.principal = await authenticate(request, app.gw.store);
    const path = request.routeOptions.url ?? request.url;
    if (PUBLIC.has(path)) return;
    if (!request.principal) throw new GatewayError('UNAUTHENTICATED');
    const p = request.principal;
    // Cookie-authenticated writes must echo the session's CSRF token (double submit).
    if (p.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (p.kind !== 'user' || !p.csrfToken || sent !== p.csrfToken)
        throw new GatewayError('CSRF_FAILED');
    }
  });
  await app.register(setupRoutes);
  await app.register(authRoutes);
  await app.register(passwordRoutes);
  await app.register(totpRoutes);
  await app.register(invitationRoutes);
  await app.register(accountRoutes);
  await app.register(managedRoutes);
  await app.register(accountUserRoutes);
  await app.register(accountInvitationRoutes);
  await app.register(pixelRoutes);
  await app.register(domainRoutes);
  await app.register(hostUserRoutes);
  await app.register(hostInvitationRoutes);
  await app.register(hostSettingsRoutes);
  await app.register(apiAccountRoutes);
  await app.register(auditRoutes);
  await app.register(openApiRoutes);
}

/** The authenticated caller of a route that is not public. */
export function principal(request: FastifyRequest): Principal {
  if (!request.principal) throw new GatewayError('UNAUTHENTICATED');
  return request.principal;
}
