import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainCreateBody, type DomainDto } from '@capgw/shared/schemas/tenancy';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { accessAccount } from '../auth/access.js';
import { newId } from '../security/tokens.js';
import type { DomainRow } from '../store/scoped/account-domains.js';
import { AccountParams } from './accounts.js';
import { principal } from './index.js';

const DomainParams = AccountParams.extend({ domainId: z.string().min(1).max(64) });

/**
 * An account's first-party domains (a CNAME on the advertiser's site to this gateway, so the
 * browser client runs first-party) and blocked websites (events from them are refused). The
 * event path reads both from the directory, which reloads after every change here.
 */
export async function domainRoutes(app: FastifyInstance): Promise<void> {
  const { store, directory } = app.gw;
  const base = '/accounts/:accountId/domains';
  const cnameTarget = new URL(app.gw.config.publicUrl).hostname;
  const dto = (d: DomainRow): DomainDto => ({
    id: d.id,
    hostname: d.hostname,
    kind: d.kind,
    pixel_id: d.pixelId,
    status: d.status,
    cname_target: d.kind === 'first_party' ? cnameTarget : null,
    created_at: d.createdAt,
  });

  app.get(base, async (request) => {
    const { accountId } = parseBody(AccountParams, request.params);
    const access = await accessAccount(store, principal(request), accountId);
    access.require('domain.read');
    return { domains: (await access.scope.domains.list()).map(dto) };
  });

  app.post(base, async (request, reply) => {
    const p = principal(request);
    const { accountId } = parseBody(AccountParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('domain.write');
    const body = parseBody(DomainCreateBody, request.body);
    if (body.pixel_id && body.kind !== 'blocked')
      throw new GatewayError('VALIDATION_FAILED', 'pixel_id: only blocked websites name a pixel');
    if (body.pixel_id && !(await access.scope.getPixel(body.pixel_id)))
      throw new GatewayError('VALIDATION_FAILED', 'pixel_id: no such pixel in this account');
    const mine = await access.scope.domains.list();
    if (mine.some((d) => d.kind === body.kind && d.hostname === body.hostname))
      throw new GatewayError('DOMAIN_EXISTS');
    // Intake maps a first-party hostname to one account; a second claim would hijack it.
    if (
      body.kind === 'first_party' &&
      (await store.domains.firstPartyTakenElsewhere(body.hostname, accountId))
    )
      throw new GatewayError('DOMAIN_TAKEN');
    const row = await access.scope.domains
      .create({
        id: newId('dom'),
        hostname: body.hostname,
        kind: body.kind,
        pixelId: body.pixel_id ?? null,
        // Blocking needs no proof. First-party domains route at once; 'pending' says that the
        // gateway has not seen the CNAME (it does not resolve DNS yet).
        status: body.kind === 'blocked' ? 'verified' : 'pending',
        checkedAt: null,
        createdAt: Date.now(),
      })
      .catch(() => {
        throw new GatewayError('DOMAIN_EXISTS');
      });
    await directory.reload();
    await app.gw.audit(p, {
      accountId,
      action: 'domain.create',
      target: `domain:${row.id}`,
      after: dto(row),
    });
    return reply.status(201).send(dto(row));
  });

  app.delete(`${base}/:domainId`, async (request, reply) => {
    const p = principal(request);
    const { accountId, domainId } = parseBody(DomainParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('domain.write');
    const before = await access.scope.domains.get(domainId);
    if (!before || !(await access.scope.domains.delete(domainId)))
      throw new GatewayError('NOT_FOUND');
    await directory.reload();
    await app.gw.audit(p, {
      accountId,
      action: 'domain.delete',
      target: `domain:${domainId}`,
      before: dto(before),
    });
    return reply.status(204).send();
  });
}
