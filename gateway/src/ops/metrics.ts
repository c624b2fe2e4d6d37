import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one gateway instance (its own registry, so tests can run several).
 * Labels never carry user data, tokens or unbounded values: reasons are error codes.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'capgw_' });
  const m = {
    registry,
    received: new Counter({
      name: 'capgw_events_received_total',
      help: 'Events received, by channel (browser, websocket, server).',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    accepted: new Counter({
      name: 'capgw_events_accepted_total',
      help: 'Events durably stored in the outbox and acknowledged.',
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'capgw_events_rejected_total',
      help: 'Events refused at intake, by error code.',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    discarded: new Counter({
      name: 'capgw_events_discarded_total',
      help: 'Events accepted but not published (publishing off, event blocked, pixel removed).',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    forwarded: new Counter({
      name: 'capgw_events_forwarded_total',
      help: "Events delivered to Meta's Conversions API.",
      registers: [registry],
    }),
    failed: new Counter({
      name: 'capgw_events_failed_total',
      help: 'Events given up for good (rejected by Meta, expired while held).',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    retried: new Counter({
      name: 'capgw_graph_retries_total',
      help: 'Graph API calls that will be retried, by kind.',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    outboxDepth: new Gauge({
      name: 'capgw_outbox_depth',
      help: 'Events waiting in the outbox.',
      registers: [registry],
    }),
    batchSize: new Histogram({
      name: 'capgw_graph_batch_size',
      help: 'Events per Graph API call.',
      buckets: [1, 5, 10, 50, 100, 250, 500, 1000],
      registers: [registry],
    }),
    forwardLatency: new Histogram({
      name: 'capgw_graph_request_seconds',
      help: 'Duration of Graph API calls.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
