import { timingSafeEqual } from 'node:crypto';
import type { IntakeAccepted, RejectedEvent } from '@capgw/shared/schemas/intake';
import type { MinuteCounters } from '../engine/counters.js';
import { RecentEvents } from '../engine/recent-events.js';
import { hostMatches, type PixelDirectory, type PixelRoute } from '../engine/directory.js';
import { GatewayError } from '../errors.js';
import type { Metrics } from '../ops/metrics.js';
import type { Outbox, OutboxEntry } from '../outbox/index.js';
import { UserDataHasher } from '../normalize/index.js';
import { hashSecret } from '../security/tokens.js';
import { enrichEvent, hostOf, type SenderContext } from './enrich.js';

export interface IngestRequest {
  pixelId: string;
  events: readonly unknown[];
  ctx: SenderContext;
  /** Hostname the request arrived on: an account's first-party domain, or the gateway's. */
  host: string;
  /** Origin (or Referer) of a browser request. */
  origin?: string;
  /** Required on the server channel. */
  accessKey?: string;
}

/**
 * The one intake service behind HTTP, WebSocket and server ingestion: checks the pixel, enriches
 * each event, stores the batch in the outbox and only then answers. It never calls Meta.
 */
export class Ingest {
  constructor(
    private readonly directory: PixelDirectory,
    private readonly outbox: Outbox,
    private readonly counters: MinuteCounters,
    private readonly metrics: Metrics,
    private readonly onStored: (n: number) => void,
    private readonly recent = new RecentEvents(),
  ) {}

  async ingest(req: IngestRequest): Promise<IntakeAccepted> {
    const route = this.admit(req);
    const now = Date.now();
    const entries: OutboxEntry[] = [];
    const rejected: RejectedEvent[] = [];
    let discarded = 0;
    let duplicates = 0;
    let batchKeys: Set<number> | undefined;
    // One visitor's events share their user data: each value is hashed once per request.
    const hasher = req.events.length > 1 ? new UserDataHasher() : undefined;
    this.metrics.received.inc({ channel: req.ctx.channel }, req.events.length);
    for (let i = 0; i < req.events.length; i++) {
      const r = enrichEvent(req.events[i], req.ctx, now, hasher);
      if (r.ok && blocksSite(route, r.url)) {
        rejected.push({
          index: i,
          code: 'WEBSITE_BLOCKED',
          message: 'The account blocks events from this website.',
        });
        continue;
      }
      if (!r.ok) {
        rejected.push({ index: i, code: r.code, message: r.message });
        continue;
      }
      const key =
        r.eventId === undefined
          ? undefined
          : RecentEvents.key(route.pixelId, r.eventName, r.eventId);
      if (key !== undefined && (this.recent.has(key) || batchKeys?.has(key))) {
        duplicates++;
        continue;
      }
      if (key !== undefined) (batchKeys ??= new Set()).add(key);
      this.counters.add(route.pixelId, route.accountId, r.eventName, 'received', 1, now);
      // Publishing off, or this event name switched off: accepted and counted, never sent.
      if (!route.publishing || route.blockedEvents.has(r.eventName)) {
        discarded++;
        continue;
      }
      entries.push({
        pixelId: route.pixelId,
        accountId: route.accountId,
        eventName: r.eventName,
        payload: r.payload,
      });
    }
    for (const r of rejected) {
      this.metrics.rejected.inc({ reason: r.code });
      this.counters.add(route.pixelId, route.accountId, '(invalid)', 'rejected', 1, now);
    }
    if (entries.length === 0 && discarded === 0 && duplicates === 0) {
      const first = rejected[0]!;
      throw new GatewayError(first.code, first.message, { rejected });
    }
    if (entries.length > 0) {
      await this.outbox.append(entries);
      this.onStored(entries.length);
    }
    // Remembered only once stored (or deliberately not sent): a failed write must stay retryable.
    if (batchKeys) for (const key of batchKeys) this.recent.add(key, now);
    if (duplicates > 0) this.metrics.discarded.inc({ reason: 'duplicate' }, duplicates);
    if (discarded > 0) this.metrics.discarded.inc({ reason: 'publishing_off' }, discarded);
    // A resent duplicate is acknowledged like the first copy, so the sender stops resending it.
    const accepted = entries.length + discarded + duplicates;
    this.metrics.accepted.inc(accepted);
    return rejected.length > 0 ? { accepted, rejected } : { accepted };
  }

  /** The checks that refuse a whole body before any event is looked at. */
  private admit(req: IngestRequest): PixelRoute {
    const route = this.directory.get(req.pixelId);
    if (!route) throw new GatewayError('PIXEL_UNKNOWN');
    if (!route.receiving || !route.accountActive) throw new GatewayError('PIXEL_NOT_RECEIVING');
    if (req.ctx.channel === 'server' && !sameSecret(req.accessKey ?? '', route.accessKeyHash)) {
      throw new GatewayError('ACCESS_KEY_INVALID');
    }
    const owner = this.directory.accountOfDomain(req.host);
    if (owner !== undefined && owner !== route.accountId) throw new GatewayError('WRONG_DOMAIN');
    if (blocksSite(route, req.origin)) throw new GatewayError('WEBSITE_BLOCKED');
    return route;
  }
}

/** Whether the page at `url` (a URL or an origin) is on a website the pixel blocks. */
function blocksSite(route: PixelRoute, url: string | undefined): boolean {
  // Most pixels block nothing: then no URL is parsed at all.
  if (route.blockedSites.length === 0) return false;
  const host = hostOf(url);
  if (!host) return false;
  for (const site of route.blockedSites) if (hostMatches(host, site)) return true;
  return false;
}

function sameSecret(given: string, expectedHash: string): boolean {
  const a = Buffer.from(hashSecret(given), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
