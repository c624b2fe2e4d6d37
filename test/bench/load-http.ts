// The HTTP load generator for peak runs: autocannon in this process (pinned to the load core),
// closed loop, the same options against every target. Fixed-rate runs use load-rate.ts.
import { createRequire } from 'node:module';

interface Histogram {
  p50: number;
  p99: number;
  average: number;
}
interface AutocannonResult {
  duration: number;
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadResult {
  /** Answers with a 2xx, per second. */
  reqPerSec: number;
  ok: number;
  failed: number;
  p50: number;
  p99: number;
  /** Fixed-rate loads: p99 of how late requests left the generator, already inside p50/p99. */
  sendLagP99?: number;
  /** Status codes other than 2xx, and connection errors, for the report's notes. */
  statuses: Record<string, number>;
}

export interface HttpLoad {
  url: string;
  /** Body with `[<id>]` tags (unique per request), or a function of the request number. */
  body: string | ((n: number) => string);
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
}

export async function httpLoad(o: HttpLoad): Promise<LoadResult> {
  const headers = { 'content-type': 'application/json', ...o.headers };
  let n = 0;
  const body = o.body;
  const request =
    typeof body === 'string'
      ? { method: 'POST', path: '/events', headers, body }
      : {
          method: 'POST',
          path: '/events',
          headers,
          setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body(n++) }),
        };
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.durationS,
    requests: [request],
    idReplacement: typeof body === 'string',
  });
  const statuses: Record<string, number> = {};
  let ok = 0;
  for (const [code, { count }] of Object.entries(r.statusCodeStats)) {
    if (code.startsWith('2')) ok += Number(count);
    else statuses[code] = Number(count);
  }
  if (r.errors > 0) statuses.errors = r.errors;
  return {
    reqPerSec: ok / r.duration,
    ok,
    failed: r.non2xx + r.errors,
    p50: r.latency.p50,
    p99: r.latency.p99,
    statuses,
  };
}
