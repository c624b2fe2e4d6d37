import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../gateway/src/app.js';
import { loadConfig } from '../../../gateway/src/config/env.js';
import { tempDir } from '../../support/databases.js';
import { startGraphStandIn, type GraphStandIn } from '../../support/graph-stand-in.js';
import { api, setupHostAndPixel } from '../../support/admin-client.js';

export interface Stack {
  app: FastifyInstance;
  url: string;
  graph: GraphStandIn;
  token: string;
  accountId: string;
  pixels: { pixelId: string; accessKey: string }[];
  admin: ReturnType<typeof api>;
  close(): Promise<void>;
}

/**
 * One gateway built in-process and listening on a loopback port, a Graph stand-in, a claimed
 * host with one account and the given pixels. Real sockets, real SQLite (or PostgreSQL via env).
 */
export async function startStack(
  opts: { pixelIds?: string[]; env?: Record<string, string> } = {},
): Promise<Stack> {
  const graph = await startGraphStandIn();
  const tmp = tempDir('capgw-e2e-');
  const config = loadConfig({
    DATA_DIR: tmp.dir,
    GRAPH_API_BASE_URL: graph.url,
    SETUP_TOKEN: 'test-setup-token-0123456789',
    FORWARD_FLUSH_MS: '100',
    FORWARD_RETRY_MAX_MS: '300',
    GRAPH_TIMEOUT_MS: '1000',
    ...opts.env,
  });
  const app = await buildApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  const setup = await setupHostAndPixel(url, { pixelIds: opts.pixelIds ?? ['1001'] });
  return {
    app,
    url,
    graph,
    ...setup,
    admin: api(url, setup.token),
    close: async () => {
      await app.close();
      await graph.close();
      tmp.remove();
    },
  };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** POSTs a browser batch to /events the way the browser client does (text/plain JSON). */
export async function postBrowserEvents(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const r = await fetch(`${url}/events`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (E2E)', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
}

export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
