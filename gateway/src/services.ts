import type { Actor, Principal } from './auth/principal.js';
import type { Config } from './config/env.js';
import type { MinuteCounters } from './engine/counters.js';
import type { PixelDirectory } from './engine/directory.js';
import type { Forwarder } from './forwarder/forwarder.js';
import type { Ingest } from './intake/ingest.js';
import type { Mailer } from './mail/mailer.js';
import type { Metrics } from './ops/metrics.js';
import type { Outbox } from './outbox/index.js';
import type { SecretBox } from './security/master-key.js';
import type { Store } from './store/store.js';

/** Everything a route may use, built once in app.ts and decorated onto the Fastify instance. */
export interface Services {
  config: Config;
  store: Store;
  box: SecretBox;
  directory: PixelDirectory;
  outbox: Outbox;
  ingest: Ingest;
  forwarder: Forwarder;
  counters: MinuteCounters;
  metrics: Metrics;
  /** Invitation and reset emails, when SMTP is configured. */
  mailer: Mailer;
  /** The one-time secret that claims an unclaimed instance. */
  setupToken: string;
  /** Every configuration change lands here (who, what, when, before/after without secrets). */
  audit(
    /** The caller; an Actor for changes made before a session exists (accepting an invite). */
    p: Principal | Actor | null,
    entry: {
      accountId: string | null;
      action: string;
      target?: string;
      before?: unknown;
      after?: unknown;
    },
  ): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    gw: Services;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}
