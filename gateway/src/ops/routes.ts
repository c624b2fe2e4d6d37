import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../errors.js';

/** Liveness, readiness and Prometheus metrics. Nothing here names a pixel, a user or a secret. */
export async function opsRoutes(app: FastifyInstance): Promise<void> {
  const { store, metrics, outbox } = app.gw;
  const alive = async () => ({ status: 'ok' });
  app.get('/healthz', alive);
  app.get('/hub/health/', alive);
  app.get('/hub/health', alive);

  app.get('/readyz', async () => {
    try {
      await store.ping();
    } catch {
      throw new GatewayError('NOT_READY', 'The database is not reachable.');
    }
    return { status: 'ready', database: store.dialect, outbox_depth: outbox.depth() };
  });

  app.get('/metrics', async (_request, reply) => {
    metrics.outboxDepth.set(outbox.depth());
    void reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
