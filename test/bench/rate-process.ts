// The fixed-rate generator (load-rate.ts) in a process of its own, one per fixed-rate scenario.
// In the benchmark's own process, by the time the latency runs came, the garbage of a dozen
// closed-loop runs made its scavenges take 5-30 ms and its full collections 10-22 ms, several a
// second: every pause held the sends due meanwhile, and open-loop timing counted that as the
// server's latency (the generator was p99 12-17 ms late in full runs).
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from './load-http.js';

export interface RateProcessOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  rate: number;
  /** Events per request body, and the event_time they carry. */
  events: number;
  eventTime: number;
  /** Request n goes to pixel n mod their number (the scale run); unset: the bench pixel. */
  pixelIds?: string[];
}

/**
 * What the parent sends: the options first (over IPC: 10,000 pixel ids are more than one
 * command-line argument may hold), then runs of `durationS` whose event ids start with `tag`,
 * then a stop.
 */
export type RateCommand =
  { init: RateProcessOptions } | { run: { durationS: number; tag: string } } | { close: true };

export interface RateProcess {
  pid: number;
  /** One run over the process's keep-alive connections (a warm-up's stay open for the next). */
  run(durationS: number, tag: string): Promise<LoadResult>;
  close(): Promise<void>;
}

export function startRateProcess(o: RateProcessOptions): RateProcess {
  const script = fileURLToPath(new URL('./rate-child.ts', import.meta.url));
  // Inherits this process's CPU affinity: the load core.
  const child: ChildProcess = fork(script, [], {
    // GC on the main thread only: helper threads pinned to the same core only took turns with it,
    // and the sends waited (p99 late by 3-9 ms with them, 2-5 ms without, at 7,000 req/s).
    execArgv: ['--import', 'tsx', '--single-threaded-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  raisePriority(child.pid!);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send({ init: o } satisfies RateCommand);
  return {
    pid: child.pid!,
    run: (durationS, tag) =>
      new Promise<LoadResult>((resolve, reject) => {
        const onExit = (code: number | null) =>
          reject(new Error(`rate generator exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (result) => {
          child.off('exit', onExit);
          resolve(result as LoadResult);
        });
        child.send({ run: { durationS, tag } } satisfies RateCommand);
      }),
    close: async () => {
      if (child.exitCode === null && child.connected)
        child.send({ close: true } satisfies RateCommand);
      await exited;
    },
  };
}

let warned = false;
/**
 * The highest normal priority (nice -20) for the generator's sending thread, so that nothing else
 * on the load core delays its sends: after PostgreSQL's rounds, its background work (autovacuum,
 * checkpoints) ran there, and at nice 0 the generator sent p99 10.5-12.2 ms late in the other
 * servers' latency rounds. Real-time priority (`chrt --rr 1`) was used before, and on a 2-core
 * Intel VM it stalled the generator 6-18 ms at the same moments of every run, with a real-time
 * probe on the same core stalled alike and nothing else running: four paired runs gave p99
 * lateness 1.8-1.9 ms at nice -20 and 1.9-3.3 ms real-time, and the bare endpoint's fixed-rate
 * p99 was 2.2-2.9 ms against 3.2-3.9.
 */
function raisePriority(pid: number): void {
  try {
    execFileSync('renice', ['-n', '-20', '-p', String(pid)], { stdio: 'ignore' });
  } catch {
    if (!warned)
      process.stderr.write(
        "Could not raise the load generator's priority (renice -20 needs CAP_SYS_NICE): " +
          'its own lateness, which the report shows, counts in the fixed-rate p99.\n',
      );
    warned = true;
  }
}
