import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config/env.js';
import { adminApi } from './admin-api/index.js';
import { clientTokenRoutes } from './admin-api/client-token.js';
import { actorOf, type Actor, type Principal } from './auth/principal.js';
import { GatewayError } from './errors.js';
import { MinuteCounters } from './engine/counters.js';
import { PixelDirectory } from './engine/directory.js';
import { Forwarder } from './forwarder/forwarder.js';
import { GraphClient } from './forwarder/graph/graph-client.js';
import { registerErrorHandling } from './http/error-handler.js';
import { intakeHttpRoutes } from './intake/http-routes.js';
import { Ingest } from './intake/ingest.js';
import { sdkRoute } from './intake/sdk-route.js';
import { intakeWsRoute } from './intake/ws-route.js';
import { Mailer } from './mail/mailer.js';
import { createMetrics } from './ops/metrics.js';
import { opsRoutes } from './ops/routes.js';
import { openOutbox } from './outbox/index.js';
import { SecretBox } from './security/master-key.js';
import { newSecret } from './security/tokens.js';
import type { Services } from './services.js';
import { Store } from './store/store.js';

export interface BuildOptions {
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | Record<string, unknown>;
}

/**
 * Builds the gateway: services first (store, outbox, directory, forwarder), then the routes in
 * a fixed order: errors → ops → intake → admin API → hub. Closing the app drains it.
 */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: config.TRUST_PROXY,
    // A line per request would cost more than the request itself at intake rates, and log IPs.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
  });
  const { services, graph } = await createServices(config, app);
  app.decorate('gw', services);
  app.addHook('onClose', async () => {
    // Order matters: stop taking work, let batches in flight finish, then release storage.
    await services.forwarder.stop(8000);
    services.directory.stop();
    await services.counters.stop();
    await services.outbox.close();
    await graph.close();
    await services.store.close();
  });

  registerErrorHandling(app);
  await app.register(websocket, { options: { maxPayload: 2 * 1024 * 1024 } });
  // Only routes that opt in (sign-in, resets, invitations, tokens) are limited, per client IP.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new GatewayError('RATE_LIMITED', `Too many attempts; retry in ${ctx.after}.`),
  });
  await app.register(opsRoutes);
  await app.register(sdkRoute);
  await app.register(intakeHttpRoutes);
  await app.register(intakeWsRoute);
  // Only the admin API uses cookies (the hub's session): registered around it alone, the
  // cookie plugin's hooks (every cookie parsed, a map per request) stay off the event path.
  await app.register(async (scope) => {
    await scope.register(cookie);
    await scope.register(adminApi, { prefix: '/api/v1' });
  });
  await app.register(clientTokenRoutes);
  await registerHub(app);

  services.forwarder.start();
  services.counters.start();
  return app;
}

/** The services routes see, and the Graph client only the app's shutdown needs. */
async function createServices(
  config: Config,
  app: FastifyInstance,
): Promise<{ services: Services; graph: GraphClient }> {
  const store = await Store.open(config.database);
  const box = SecretBox.load(config.MASTER_KEY, config.DATA_DIR);
  const directory = new PixelDirectory(store.connection, box);
  await directory.start();
  const owner = `${hostname()}:${process.pid}:${newSecret().slice(0, 8)}`;
  const outbox = await openOutbox(config, store.connection, owner);
  const metrics = createMetrics();
  const counters = new MinuteCounters(store.metrics);
  const graph = new GraphClient({
    baseUrl: config.GRAPH_API_BASE_URL,
    apiVersion: config.GRAPH_API_VERSION,
    timeoutMs: config.GRAPH_TIMEOUT_MS,
  });
  const forwarder = new Forwarder(outbox, directory, graph, store, counters, metrics, {
    flushMs: config.FORWARD_FLUSH_MS,
    retryMaxMs: config.FORWARD_RETRY_MAX_MS,
    holdRetentionMs: config.HOLD_RETENTION_HOURS * 3600_000,
  });
  const ingest = new Ingest(directory, outbox, counters, metrics, (n) => forwarder.notifyStored(n));
  const services: Services = {
    config,
    store,
    box,
    directory,
    outbox,
    ingest,
    forwarder,
    counters,
    metrics,
    mailer: new Mailer(store, box, config, app.log),
    setupToken: config.SETUP_TOKEN ?? newSecret(),
    async audit(p, entry) {
      const actor: Actor = !p
        ? { kind: 'system', id: null, label: 'system' }
        : 'label' in p
          ? p
          : actorOf(p as Principal);
      await store.audit.add({
        at: Date.now(),
        actorKind: actor.kind,
        actorId: actor.id,
        actorLabel: actor.label,
        accountId: entry.accountId,
        action: entry.action,
        target: entry.target ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
      });
      app.log.info({ action: entry.action, actor: actor.kind }, 'configuration changed');
    },
  };
  return { services, graph };
}

/** The hub (React app built by gateway/hub) at /hub/, when it has been built. */
async function registerHub(app: FastifyInstance): Promise<void> {
  const root = fileURLToPath(new URL('../hub/dist/', import.meta.url));
  if (!existsSync(root)) {
    app.get('/hub/', async (_req, reply) =>
      reply.status(503).type('text/plain').send('The hub is not built; run npm run build.'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/hub/',
    index: ['index.html'],
    // Files are looked up per request, so a rebuild of the hub is served without a restart.
    wildcard: true,
  });
  app.get('/hub', async (_req, reply) => reply.redirect('/hub/'));
  app.get('/', async (_req, reply) => reply.redirect('/hub/'));
}
