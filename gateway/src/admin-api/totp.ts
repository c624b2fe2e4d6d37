import type { FastifyInstance } from 'fastify';
import { TotpCodeBody } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { matchTotp, newTotpSecret, otpauthUrl } from '../auth/totp.js';
import type { Principal } from '../auth/principal.js';
import { principal } from './index.js';

/**
 * The optional second factor. Setup shows a secret once (encrypted at rest under the master
 * key); it takes effect only when a first code proves the authenticator app has it, so a
 * half-finished setup cannot lock anyone out. Turning it off takes a current code.
 */
export async function totpRoutes(app: FastifyInstance): Promise<void> {
  const { store, box } = app.gw;

  const person = async (p: Principal) => {
    if (p.kind !== 'user')
      throw new GatewayError('FORBIDDEN', 'API accounts have no second factor.');
    const user = await store.users.byId(p.userId);
    if (!user) throw new GatewayError('UNAUTHENTICATED');
    return user;
  };

  app.post('/auth/totp/setup', async (request) => {
    const user = await person(principal(request));
    if (user.totpSecretEnc) throw new GatewayError('CONFLICT', 'Turn the authenticator off first.');
    const secret = newTotpSecret();
    await store.users.update(user.id, { totpPendingEnc: box.encrypt(secret) });
    const issuer = (await store.host.get()).name;
    return { secret, otpauth_url: otpauthUrl(issuer, user.email, secret) };
  });

  app.post('/auth/totp/enable', async (request) => {
    const user = await person(principal(request));
    const { code } = parseBody(TotpCodeBody, request.body);
    if (!user.totpPendingEnc) throw new GatewayError('TOTP_NOT_PENDING');
    const step = matchTotp(box.decrypt(user.totpPendingEnc), code, Date.now(), null);
    if (step === null) throw new GatewayError('TOTP_INVALID');
    await store.users.update(user.id, {
      totpSecretEnc: user.totpPendingEnc,
      totpPendingEnc: null,
      totpLastStep: step,
    });
    return { totp_enabled: true };
  });

  app.post('/auth/totp/disable', async (request) => {
    const user = await person(principal(request));
    const { code } = parseBody(TotpCodeBody, request.body);
    if (!user.totpSecretEnc) return { totp_enabled: false };
    const step = matchTotp(box.decrypt(user.totpSecretEnc), code, Date.now(), user.totpLastStep);
    if (step === null) throw new GatewayError('TOTP_INVALID');
    await store.users.update(user.id, {
      totpSecretEnc: null,
      totpPendingEnc: null,
      totpLastStep: null,
    });
    return { totp_enabled: false };
  });
}
