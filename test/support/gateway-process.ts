import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { tempDir } from './databases.js';

const SERVER = fileURLToPath(new URL('../../gateway/dist/server.js', import.meta.url));

/** The node flags `npm start` runs the gateway with (package.json config.gatewayNodeFlags). */
export const GATEWAY_NODE_FLAGS: string[] = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    config: { gatewayNodeFlags: string };
  }
).config.gatewayNodeFlags
  .split(' ')
  .filter(Boolean);

export interface GatewayProcess {
  url: string;
  pid: number;
  port: number;
  dataDir: string;
  env: Record<string, string>;
  /** Lines the gateway logged so far (JSON lines from pino). */
  logs(): string;
  /** SIGTERM and wait for a clean exit (drain). Resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the crash the outbox must survive. */
  kill(): Promise<void>;
  /** Starts a new process on the same data directory and port (after stop or kill). */
  restart(): Promise<GatewayProcess>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * The real gateway (gateway/dist/server.js, built by `npm run build`) as a child process on a
 * free loopback port with a temp DATA_DIR, pointed at a Graph stand-in.
 */
export async function startGateway(opts: {
  graphUrl: string;
  env?: Record<string, string>;
  dataDir?: string;
  port?: number;
  /** Runs node through this command, e.g. ['taskset', '-c', '1'] to pin it to a core. */
  launcher?: string[];
  /** Node flags after the production ones (GATEWAY_NODE_FLAGS), e.g. ['--cpu-prof']. */
  nodeArgs?: string[];
}): Promise<GatewayProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? tempDir('capgw-gw-').dir;
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    GRAPH_API_BASE_URL: opts.graphUrl,
    SETUP_TOKEN: 'test-setup-token-0123456789',
    FORWARD_FLUSH_MS: '100',
    FORWARD_RETRY_MAX_MS: '1000',
    GRAPH_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'info',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...opts.env,
  };
  const [command, ...args] = [
    ...(opts.launcher ?? []),
    process.execPath,
    ...GATEWAY_NODE_FLAGS,
    ...(opts.nodeArgs ?? []),
    SERVER,
  ];
  const child = spawn(command!, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, () => output);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const self: GatewayProcess = {
    url,
    pid: child.pid!,
    port,
    dataDir,
    env,
    logs: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    restart: () => startGateway({ ...opts, port, dataDir }),
  };
  return self;
}

async function waitReady(url: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway exited (${child.exitCode}):\n${logs()}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`gateway did not become ready:\n${logs()}`);
}
