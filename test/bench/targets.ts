// The three servers under test, each started pinned to the server core: (a) the gateway on
// SQLite or PostgreSQL, (b) the bare Fastify ceiling, (c) the Meta SDK baseline.
import { randomBytes } from 'node:crypto';
import { setupHostAndPixel } from '../support/admin-client.js';
import { createPostgresDatabase, tempDir } from '../support/databases.js';
import { startGateway } from '../support/gateway-process.js';
import { BENCH_PIXEL } from './bodies.js';
import { pinned, SERVER_CORE, startScript, type Child } from './procs.js';

export type TargetName = 'gateway-sqlite' | 'gateway-pg' | 'bare' | 'sdk';

export interface Target extends Child {
  name: TargetName;
  /** Whether events reach the Graph stand-in after the answer (the gateway forwards later). */
  forwardsLater: boolean;
}

export interface GatewayOptions {
  graphUrl: string;
  env?: Record<string, string>;
  dataDir?: string;
  nodeArgs?: string[];
  /** Skip the claim and pixel creation (the scale run seeds its own configuration). */
  seeded?: boolean;
}

/** The gateway with production defaults (flush every second, retries up to a minute). */
export async function startGatewayTarget(db: 'sqlite' | 'pg', o: GatewayOptions): Promise<Target> {
  const pgDb = db === 'pg' ? await createPostgresDatabase() : undefined;
  const tmp = o.dataDir ? undefined : tempDir('capgw-bench-');
  const env: Record<string, string> = {
    LOG_LEVEL: 'warn',
    FORWARD_FLUSH_MS: '1000',
    FORWARD_RETRY_MAX_MS: '60000',
    GRAPH_TIMEOUT_MS: '10000',
    ...(pgDb ? { DATABASE_URL: pgDb.url, MASTER_KEY: randomBytes(32).toString('base64') } : {}),
    ...o.env,
  };
  const gw = await startGateway({
    graphUrl: o.graphUrl,
    env,
    dataDir: o.dataDir ?? tmp!.dir,
    launcher: pinned(SERVER_CORE),
    nodeArgs: o.nodeArgs,
  });
  if (!o.seeded) await setupHostAndPixel(gw.url, { pixelIds: [BENCH_PIXEL] });
  return {
    name: db === 'pg' ? 'gateway-pg' : 'gateway-sqlite',
    url: gw.url,
    pid: gw.pid,
    forwardsLater: true,
    stop: async () => {
      await gw.stop();
      await pgDb?.drop();
      tmp?.remove();
    },
  };
}

export async function startBare(): Promise<Target> {
  const child = await startScript('./servers/bare.ts', SERVER_CORE);
  return { ...child, name: 'bare', forwardsLater: false };
}

export async function startSdkBaseline(graphUrl: string): Promise<Target> {
  const child = await startScript('./servers/sdk.ts', SERVER_CORE, {
    env: { GRAPH_URL: graphUrl },
  });
  return { ...child, name: 'sdk', forwardsLater: false };
}
