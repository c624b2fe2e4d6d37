import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BrowserBatch, INTAKE_LIMITS, ServerBatch } from '@capgw/shared/schemas/intake';
import { PixelId } from '@capgw/shared/schemas/intake';
import { GatewayError } from '../errors.js';
import { parseBody } from '../http/parse.js';
import { originOf, senderContext } from './context.js';

/**
 * Intake routes log no request line, and the few lines they may log (a failed commit) need no
 * request id: they share the app's logger instead of building a pino child per request, which
 * took about 2 % of the gateway's CPU at peak.
 */
const intakeRoute = {
  bodyLimit: INTAKE_LIMITS.maxBodyBytes,
  childLoggerFactory: (logger: FastifyBaseLogger) => logger,
};

/**
 * `POST /events` (browsers: JSON, or text/plain from sendBeacon and preflight-free fetch) and
 * `POST /capi/{pixelId}/events` (servers, with the pixel's access key). Both answer 202 only
 * once the events are committed to the outbox.
 */
export async function intakeHttpRoutes(app: FastifyInstance): Promise<void> {
  const { ingest } = app.gw;

  // Beacons cannot set a content type other than text/plain: the body is JSON all the same.
  app.addContentTypeParser(
    'text/plain',
    { parseAs: 'string', bodyLimit: INTAKE_LIMITS.maxBodyBytes },
    (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new GatewayError('INVALID_JSON'), undefined);
      }
    },
  );

  // Pages on any site post here; credentials let first-party cookies ride along. A callback
  // hook, not an async one: no promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    if (origin) {
      void reply.header('access-control-allow-origin', origin);
      void reply.header('access-control-allow-credentials', 'true');
      void reply.header('vary', 'Origin');
    }
    done();
  });
  const preflight = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '86400')
      .status(204)
      .send();
  app.options('/events', preflight);

  app.post('/events', intakeRoute, async (request, reply) => {
    const body = parseBody(BrowserBatch, request.body);
    const result = await ingest.ingest({
      pixelId: body.pixel_id,
      events: body.events,
      ctx: senderContext(request, 'browser'),
      host: request.hostname,
      origin: originOf(request),
    });
    return reply.status(202).send(result);
  });

  app.post('/capi/:pixelId/events', intakeRoute, async (request, reply) => {
    const pixelId = parseBody(PixelId, (request.params as { pixelId?: string }).pixelId);
    const body = parseBody(ServerBatch, request.body);
    const result = await ingest.ingest({
      pixelId,
      events: body.data,
      ctx: senderContext(request, 'server'),
      host: request.hostname,
      accessKey: body.accessKey,
    });
    return reply.status(202).send(result);
  });
}
