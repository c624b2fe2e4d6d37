// Child processes of the benchmark: each server pinned to its own core, its memory read from
// /proc, stopped cleanly. Linux only (taskset, /proc), like the machines the figures come from.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Servers run on this core; the load generator and the Graph stand-in on the other one. */
export const SERVER_CORE = '1';
export const LOAD_CORE = '0';

export const pinned = (core: string) => ['taskset', '-c', core];

/** Pins this process (every thread, including ones created later) to the load core. */
export function pinSelf(): void {
  execFileSync('taskset', ['-a', '-cp', LOAD_CORE, String(process.pid)], { stdio: 'ignore' });
}

export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` on `core` and waits for its `{"url"}` line
 * (the Graph stand-in and the servers under test/bench/servers print one).
 */
export async function startScript(
  script: string,
  core: string,
  opts: { args?: string[]; env?: Record<string, string>; lowPriority?: boolean } = {},
): Promise<Child> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const command = ['taskset', '-c', core, process.execPath, '--import', 'tsx', path];
  // SCHED_IDLE: on a shared core the process runs only when the other one has nothing to do, and
  // a waking load generator preempts it at once (at nice 19 it waited out a time slice, and the
  // generator's sends ran up to 5 ms late while the stand-in parsed a 1,000-event batch).
  if (opts.lowPriority) command.unshift('chrt', '--idle', '0');
  const child = spawn(command[0]!, [...command.slice(1), ...(opts.args ?? [])], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 20_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Peak resident set size of a live process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  return memoryFieldMb(pid, 'VmHWM');
}

/** CPU time (user + system) a live process has used so far, in seconds. */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name, which may itself hold spaces: utime and stime are 12th, 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100; // USER_HZ, 100 on every Linux the benchmark targets

/** CPU seconds every process on the machine has used so far (all cores, from /proc/stat). */
export function machineCpuSeconds(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / CLOCK_TICKS;
}

/** Current resident set size (VmRSS), in MB. */
export function rssMb(pid: number): number {
  return memoryFieldMb(pid, 'VmRSS');
}

function memoryFieldMb(pid: number, field: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return Math.round(kb / 102.4) / 10;
  } catch {
    return NaN;
  }
}
