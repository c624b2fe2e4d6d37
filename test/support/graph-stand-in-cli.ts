// Lets graph-stand-in.ts run as its own process, so benchmarks measure the gateway and not a
// stand-in sharing its event loop:
//   node --import tsx test/support/graph-stand-in.ts --port 0 [--quiet] [--behaviour '{"failRate":0.1}']
// Prints one JSON line {"url":"http://127.0.0.1:PORT"} on stdout, then serves until SIGTERM/SIGINT.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { StandInBehaviour } from './graph-stand-in-state.js';

interface Startable {
  (opts: { port?: number; behaviour?: StandInBehaviour; quiet?: boolean }): Promise<{
    url: string;
    close(): Promise<void>;
  }>;
}

function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === moduleUrl;
  } catch {
    return false;
  }
}

export function parseArgs(argv: readonly string[]): {
  port: number;
  quiet: boolean;
  behaviour: StandInBehaviour;
} {
  const out = { port: 0, quiet: false, behaviour: {} as StandInBehaviour };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quiet') out.quiet = true;
    else if (arg === '--port') out.port = Number(argv[++i]);
    else if (arg === '--behaviour')
      out.behaviour = JSON.parse(argv[++i] ?? '{}') as StandInBehaviour;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535)
    throw new Error('--port needs 0..65535');
  return out;
}

/** Starts the stand-in when `moduleUrl` is the process entry point; a no-op when imported. */
export async function runCliIfMain(moduleUrl: string, start: Startable): Promise<void> {
  if (!isMain(moduleUrl)) return;
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`graph-stand-in: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const standIn = await start(args);
  process.stdout.write(`${JSON.stringify({ url: standIn.url })}\n`);
  const stop = () => {
    standIn.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
