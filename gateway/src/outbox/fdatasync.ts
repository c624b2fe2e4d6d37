import { fdatasync, fdatasyncSync } from 'node:fs';
import { promisify } from 'node:util';

const onPool = promisify(fdatasync);

/** Syncs are done on the event loop while they average at most this. */
const LOOP_SYNC_MAX_MS = 1;
/** Weight of the latest sync in the running average. */
const ALPHA = 0.2;

/**
 * fdatasync for the journal, on the event loop while the disk syncs quickly and on libuv's
 * thread pool otherwise.
 *
 * On the thread pool, each sync also cost the gateway's core a hand-off to a worker thread and
 * back: in a loop of 5 KB writes pinned to one core, 55 µs of user and 100-115 µs of system CPU
 * per sync, against 14-25 and 71-82 µs on the loop, and 2.6 times the context switches. The
 * gateway syncs about a thousand times a second at half of its peak, where that overhead made
 * a request cost half as much again as at peak. On the loop, the loop waits for the disk
 * instead: nothing is lost while a sync takes a fraction of a millisecond (the requests that
 * arrive meanwhile are read after it, and their answers waited for the next sync anyway), but
 * a slow disk (a network volume, a stalled device) would hold every request and the forwarder.
 * So the duration of every sync is averaged, and above 1 ms they go back to the thread pool
 * (whose measured durations, counted to the callback, bring the average down once the disk
 * is quick again).
 */
export class Fdatasync {
  /** Undefined until the first sync, which runs on the loop and sets it. */
  private averageMs: number | undefined;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly loop: (fd: number) => void = fdatasyncSync,
    private readonly pool: (fd: number) => Promise<void> = onPool,
  ) {}

  /** Resolves once `fd`'s data is on disk; throws what fdatasync threw. */
  async sync(fd: number): Promise<void> {
    const started = this.now();
    try {
      if (this.onLoop()) this.loop(fd);
      else await this.pool(fd);
    } finally {
      const ms = this.now() - started;
      this.averageMs =
        this.averageMs === undefined ? ms : this.averageMs + ALPHA * (ms - this.averageMs);
    }
  }

  /** Whether the next sync runs on the event loop. */
  onLoop(): boolean {
    return (this.averageMs ?? 0) <= LOOP_SYNC_MAX_MS;
  }
}
