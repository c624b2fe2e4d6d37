// A local stand-in of Meta's Graph API `/{version}/{pixel}/events` for tests and benchmarks:
// validates like Meta (all-or-nothing batches), records what it accepted, and injects failures.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answers, parseRequest, readBody } from './graph-responses.js';
import type { GraphAnswer } from './graph-responses.js';
import { validateBatch } from './graph-validate.js';
import { runCliIfMain } from './graph-stand-in-cli.js';
import { StandInState } from './graph-stand-in-state.js';
import type { ReceivedEvent, StandInBehaviour, StandInStats } from './graph-stand-in-state.js';

export type { ReceivedEvent, StandInBehaviour, StandInStats } from './graph-stand-in-state.js';

export interface GraphStandIn {
  url: string;
  /** Every request with its answer. Live array; empty in quiet mode. */
  requests: { pixelId: string; count: number; status: number; at: number }[];
  /** Events accepted (2xx) so far, optionally for one pixel. Always empty in quiet mode. */
  events(pixelId?: string): ReceivedEvent[];
  /** Counters, kept in every mode (also served at GET /__stand-in/stats). */
  stats(): StandInStats;
  setBehaviour(b: StandInBehaviour): void;
  /** Resolves once n events (for the pixel, if given) were accepted; rejects after timeoutMs (10 s). */
  waitForEvents(
    n: number,
    opts?: { pixelId?: string; timeoutMs?: number },
  ): Promise<ReceivedEvent[]>;
  /** Forgets requests, events and counters, and restores the starting behaviour. */
  reset(): void;
  close(): Promise<void>;
}

export interface StandInOptions {
  port?: number;
  behaviour?: StandInBehaviour;
  /** Keep counters only, not events or per-request records: bounded memory for benchmarks. */
  quiet?: boolean;
}

const ROUTE = /^\/([^/]+)\/([^/]+)\/events\/?$/;

export async function startGraphStandIn(opts: StandInOptions = {}): Promise<GraphStandIn> {
  const state = new StandInState(opts.quiet ?? false, opts.behaviour ?? {});
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => (timers.delete(t), resolve()), ms);
      timers.add(t);
    });

  async function answer(req: IncomingMessage, url: URL, pixelId: string): Promise<GraphAnswer> {
    const raw = await readBody(req);
    if (raw === null) {
      state.record(pixelId, 0, 413);
      return answers.tooLarge();
    }
    const parsed = parseRequest(raw, req.headers['content-type'] ?? '', url.searchParams);
    const count = 'data' in parsed && Array.isArray(parsed.data) ? parsed.data.length : 0;
    // Snapshot, so a behaviour change mid-request can't mix two behaviours in one answer.
    const b = { ...state.behaviour };
    const generation = state.generation;
    if (b.delayMs) await sleep(b.delayMs);
    const result = ((): GraphAnswer => {
      if (b.outage) return answers.outage();
      if (b.failRate && Math.random() < b.failRate) return answers.serverError();
      if (b.throttleRate && Math.random() < b.throttleRate) return answers.throttled();
      if (!('data' in parsed)) return answers.invalidParameter(parsed);
      if (!parsed.accessToken) return answers.missingToken();
      if (b.invalidTokens?.includes(parsed.accessToken)) return answers.invalidToken();
      const violation = validateBatch(parsed.data);
      if (violation) return answers.invalidParameter(violation);
      // Meta processes what it accepted even if the client has stopped waiting (a timeout):
      // recording here is what lets suites observe at-least-once duplicates.
      if (generation === state.generation) {
        state.accept(pixelId, parsed.data as Record<string, unknown>[], parsed.testEventCode);
      }
      return answers.ok(count);
    })();
    if (generation === state.generation) state.record(pixelId, count, result.status);
    return result;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    let result: GraphAnswer;
    const route = ROUTE.exec(url.pathname);
    if (url.pathname.startsWith('/__stand-in/')) {
      result = await control(req, url.pathname);
    } else if (req.method === 'POST' && route) {
      result = await answer(req, url, decodeURIComponent(route[2] ?? ''));
    } else {
      req.resume();
      result = answers.notFound(url.pathname);
    }
    if (res.destroyed) return; // the client gave up (timeout): nothing to write to
    res.writeHead(result.status, { 'content-type': 'application/json', ...result.headers });
    res.end(JSON.stringify(result.body));
  }

  // Remote control for a stand-in running as its own process (benchmarks, chaos suites).
  async function control(req: IncomingMessage, path: string): Promise<GraphAnswer> {
    const raw = (await readBody(req)) ?? '{}';
    if (path === '/__stand-in/stats') return { status: 200, body: { ...state.stats() } };
    if (req.method !== 'POST') return answers.notFound(path);
    if (path === '/__stand-in/reset') return (state.reset(), { status: 200, body: { ok: true } });
    if (path === '/__stand-in/behaviour') {
      try {
        state.behaviour = JSON.parse(raw || '{}') as StandInBehaviour;
        return { status: 200, body: { ok: true } };
      } catch {
        return { status: 400, body: { error: { message: 'behaviour must be JSON' } } };
      }
    }
    return answers.notFound(path);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests: state.requests,
    events: (pixelId) => state.eventsFor(pixelId),
    stats: () => state.stats(),
    setBehaviour: (b) => void (state.behaviour = { ...b }),
    waitForEvents: (n, o) => state.waitFor(n, o?.pixelId, o?.timeoutMs ?? 10_000),
    reset: () => state.reset(),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      state.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      await closed;
    },
  };
}

await runCliIfMain(import.meta.url, startGraphStandIn);
