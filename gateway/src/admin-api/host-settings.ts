import type { FastifyInstance } from 'fastify';
import { HostSettingsPatchBody, type HostSettingsDto } from '@capgw/shared/schemas/tenancy';
import { parseBody } from '../http/parse.js';
import { requireHost } from '../auth/access.js';
import { smtpHostOf, type StoredSmtp } from '../mail/mailer.js';
import type { Services } from '../services.js';
import { principal } from './index.js';

/** The host's name and its SMTP server for invitation and reset emails (host admins only). */
export async function hostSettingsRoutes(app: FastifyInstance): Promise<void> {
  const { store, box } = app.gw;

  app.get('/host/settings', async (request) => {
    requireHost(principal(request), 'host.settings.read');
    return describeSettings(app.gw);
  });

  app.patch('/host/settings', async (request) => {
    const p = principal(request);
    requireHost(p, 'host.settings.write');
    const body = parseBody(HostSettingsPatchBody, request.body);
    const before = await describeSettings(app.gw);
    const host = await store.host.get();
    const settings = { ...host.settings };
    if (body.smtp === null) delete settings.smtp;
    else if (body.smtp) {
      // The URL carries the SMTP password: kept encrypted, and only its host is ever shown.
      const stored: StoredSmtp = {
        url_enc: box.encrypt(body.smtp.url),
        from: body.smtp.from,
        host: smtpHostOf(body.smtp.url),
      };
      settings.smtp = stored;
    }
    await store.host.update({ ...(body.name ? { name: body.name } : {}), settings });
    const after = await describeSettings(app.gw);
    await app.gw.audit(p, {
      accountId: null,
      action: 'host.settings.update',
      target: 'host',
      before,
      after,
    });
    return after;
  });
}

async function describeSettings(gw: Services): Promise<HostSettingsDto> {
  const host = await gw.store.host.get();
  const smtp = await gw.mailer.target();
  return {
    name: host.name,
    smtp: smtp ? { configured: true, host: smtp.host, from: smtp.from, source: smtp.source } : null,
  };
}
