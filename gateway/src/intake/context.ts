import type { FastifyRequest } from 'fastify';
import { cookieValue } from '../normalize/index.js';
import type { SenderContext } from './enrich.js';

/** What the server observed about a browser request (the IP honours TRUST_PROXY via Fastify). */
export function senderContext(
  request: FastifyRequest,
  channel: SenderContext['channel'],
): SenderContext {
  const cookie = request.headers.cookie;
  return {
    channel,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    cookies: { fbp: cookieValue(cookie, '_fbp'), fbc: cookieValue(cookie, '_fbc') },
    referer: request.headers.referer ?? validOrigin(request.headers.origin),
  };
}

const validOrigin = (o: string | undefined) => (o && o !== 'null' ? o : undefined);

/** The page's origin: the Origin header, else the Referer. Used for website blocks. */
export function originOf(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin && origin !== 'null') return origin;
  return request.headers.referer;
}
