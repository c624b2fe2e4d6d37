import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PixelCreateBody, PixelPatchBody } from '@capgw/shared/schemas/admin';
import { PixelId } from '@capgw/shared/schemas/intake';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { accessAccount } from '../auth/access.js';
import { hashSecret, newSecret } from '../security/tokens.js';
import { AccountParams } from './accounts.js';
import { pixelAuditView, pixelDto } from './dto.js';
import { principal } from './index.js';

const PixelParams = AccountParams.extend({ pixelId: PixelId });
const MetricsQuery = z.object({
  minutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 31)
    .default(60),
});

/** An account's pixels: connect with an access token, switch receiving/publishing, remove. */
export async function pixelRoutes(app: FastifyInstance): Promise<void> {
  const { store, box, directory } = app.gw;
  const base = '/accounts/:accountId/pixels';

  app.post(base, async (request, reply) => {
    const p = principal(request);
    const { accountId } = parseBody(AccountParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('pixel.create');
    const body = parseBody(PixelCreateBody, request.body);
    if (await store.pixels.get(body.pixel_id)) throw new GatewayError('PIXEL_EXISTS');
    const accessKey = newSecret('ak_');
    const now = Date.now();
    const row = await access.scope
      .createPixel({
        pixelId: body.pixel_id,
        name: body.name ?? `Pixel ${body.pixel_id}`,
        accessTokenEnc: box.encrypt(body.access_token),
        tokenLast4: body.access_token.slice(-4),
        tokenStatus: 'ok',
        accessKeyHash: hashSecret(accessKey),
        receiving: true,
        publishing: true,
        testEventCode: null,
        blockedEvents: [],
        lastError: null,
        createdAt: now,
        updatedAt: now,
      })
      .catch(() => {
        throw new GatewayError('PIXEL_EXISTS');
      });
    await directory.reload();
    await app.gw.audit(p, {
      accountId,
      action: 'pixel.create',
      target: `pixel:${row.pixelId}`,
      after: pixelAuditView(row),
    });
    return reply.status(201).send(pixelDto(row, accessKey));
  });

  app.get(base, async (request) => {
    const { accountId } = parseBody(AccountParams, request.params);
    const access = await accessAccount(store, principal(request), accountId);
    access.require('pixel.read');
    return { pixels: (await access.scope.listPixels()).map((row) => pixelDto(row)) };
  });

  app.get(`${base}/:pixelId`, async (request) => {
    const { accountId, pixelId } = parseBody(PixelParams, request.params);
    const access = await accessAccount(store, principal(request), accountId);
    access.require('pixel.read');
    const row = await access.scope.getPixel(pixelId);
    if (!row) throw new GatewayError('NOT_FOUND');
    return { ...pixelDto(row), can_update: access.can('pixel.update', pixelId) };
  });

  app.patch(`${base}/:pixelId`, async (request) => {
    const p = principal(request);
    const { accountId, pixelId } = parseBody(PixelParams, request.params);
    const access = await accessAccount(store, p, accountId);
    const before = await access.scope.getPixel(pixelId);
    if (!before) throw new GatewayError('NOT_FOUND');
    access.require('pixel.update', pixelId);
    const body = parseBody(PixelPatchBody, request.body);
    const token = body.access_token;
    const row = await access.scope.updatePixel(pixelId, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.receiving !== undefined ? { receiving: body.receiving } : {}),
      ...(body.publishing !== undefined ? { publishing: body.publishing } : {}),
      ...(body.test_event_code !== undefined
        ? { testEventCode: body.test_event_code || null }
        : {}),
      ...(body.blocked_events !== undefined
        ? { blockedEvents: [...new Set(body.blocked_events)] }
        : {}),
      // A new token releases the events held while the old one was invalid.
      ...(token
        ? {
            accessTokenEnc: box.encrypt(token),
            tokenLast4: token.slice(-4),
            tokenStatus: 'ok' as const,
            lastError: null,
          }
        : {}),
      updatedAt: Date.now(),
    });
    await directory.reload();
    if (token) app.gw.forwarder.wake();
    await app.gw.audit(p, {
      accountId,
      action: 'pixel.update',
      target: `pixel:${pixelId}`,
      before: pixelAuditView(before),
      after: { ...body, ...(token ? { access_token: `…${token.slice(-4)}` } : {}) },
    });
    return pixelDto(row!);
  });

  app.post(`${base}/:pixelId/access-key`, async (request) => {
    const p = principal(request);
    const { accountId, pixelId } = parseBody(PixelParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('pixel.create');
    const accessKey = newSecret('ak_');
    const row = await access.scope.updatePixel(pixelId, {
      accessKeyHash: hashSecret(accessKey),
      updatedAt: Date.now(),
    });
    if (!row) throw new GatewayError('NOT_FOUND');
    await directory.reload();
    await app.gw.audit(p, {
      accountId,
      action: 'pixel.rotate_access_key',
      target: `pixel:${pixelId}`,
    });
    return pixelDto(row, accessKey);
  });

  app.delete(`${base}/:pixelId`, async (request, reply) => {
    const p = principal(request);
    const { accountId, pixelId } = parseBody(PixelParams, request.params);
    const access = await accessAccount(store, p, accountId);
    access.require('pixel.delete');
    const before = await access.scope.getPixel(pixelId);
    if (!before || !(await access.scope.deletePixel(pixelId))) throw new GatewayError('NOT_FOUND');
    await directory.reload();
    await app.gw.audit(p, {
      accountId,
      action: 'pixel.delete',
      target: `pixel:${pixelId}`,
      before: pixelAuditView(before),
    });
    return reply.status(204).send();
  });

  app.get(`${base}/:pixelId/errors`, async (request) => {
    const { accountId, pixelId } = parseBody(PixelParams, request.params);
    const access = await accessAccount(store, principal(request), accountId);
    access.require('pixel.read');
    if (!(await access.scope.getPixel(pixelId))) throw new GatewayError('NOT_FOUND');
    const rows = await access.scope.eventErrors(pixelId);
    return {
      errors: rows.map((e) => ({
        at: e.at,
        event_name: e.eventName,
        event_id: e.eventId,
        reason: e.reason,
        code: e.code,
        subcode: e.subcode,
        message: e.message,
        fbtrace_id: e.fbtraceId,
      })),
    };
  });

  app.get('/accounts/:accountId/metrics', async (request) => {
    const { accountId } = parseBody(AccountParams, request.params);
    const { minutes } = parseBody(MetricsQuery, request.query);
    const access = await accessAccount(store, principal(request), accountId);
    access.require('pixel.read');
    await app.gw.counters.flush().catch(() => undefined);
    const since = Date.now() - minutes * 60_000;
    const rows = await access.scope.counters(since - (since % 60_000));
    return {
      minutes,
      series: rows.map((r) => ({
        pixel_id: r.pixelId,
        minute: r.minute,
        event_name: r.eventName,
        received: r.received,
        published: r.published,
        failed: r.failed,
        rejected: r.rejected,
      })),
    };
  });
}
