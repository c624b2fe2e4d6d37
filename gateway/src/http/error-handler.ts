import type { FastifyError, FastifyInstance } from 'fastify';
import { ERRORS, type ErrorCode } from '@capgw/shared/protocol/errors';
import { GatewayError } from '../errors.js';

/** Fastify's own error codes mapped onto our catalogue, so every 4xx has our shape. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/** Every error leaves as `{"error":{"code","message"}}`; a 5xx never leaks its cause. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | GatewayError, request, reply) => {
    if (err instanceof GatewayError) {
      if (err.headers) void reply.headers(err.headers);
      if (err.status >= 500) request.log.warn({ code: err.code }, 'request failed');
      return reply.status(err.status).send(err.toBody());
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return reply.status(ERRORS[mapped].status).send(new GatewayError(mapped).toBody());
    if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
      return reply.status(400).send(new GatewayError('INVALID_JSON').toBody());
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(new GatewayError('BAD_REQUEST').toBody());
    }
    request.log.error(
      { err: { type: err.name, code: err.code, message: err.message } },
      'unhandled error',
    );
    return reply.status(500).send(new GatewayError('INTERNAL').toBody());
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send(new GatewayError('NOT_FOUND').toBody()),
  );
}
