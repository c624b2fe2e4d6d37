import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which unit of work (SQLite) or transaction (PostgreSQL) the current async flow is inside, so
 * a repository called from within one joins it. An AsyncLocalStorage that has run once turns
 * Node's async hooks on for the whole process (Node 20 and 22), and from then on every promise
 * everywhere pays for them: in a micro-benchmark an `await` took three times as long, and on the
 * event intake that is a few microseconds per request. So the storage is switched off whenever
 * no unit is running; the intake never runs inside one.
 */
export class UnitContext<T> {
  private readonly storage = new AsyncLocalStorage<T>();
  private running = 0;

  /** The unit this flow is inside, if any. */
  current(): T | undefined {
    return this.running > 0 ? this.storage.getStore() : undefined;
  }

  async run<R>(value: T, work: () => Promise<R>): Promise<R> {
    this.running++;
    try {
      return await this.storage.run(value, work);
    } finally {
      // disable() drops the hooks once no storage is enabled; the next run() enables them again.
      if (--this.running === 0) this.storage.disable();
    }
  }
}
