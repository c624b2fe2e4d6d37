/** One acknowledged event waiting for delivery: already enriched, normalized, hashed. */
export interface OutboxEntry {
  pixelId: string;
  accountId: string;
  eventName: string;
  /** The CAPI event as JSON text, sent to Meta as-is. */
  payload: string;
}

/**
 * Ids from here up name events an outbox keeps outside its table (the SQLite journal's records,
 * the events of a PostgreSQL batch row): far above any table id, so one id tells where it is.
 */
export const OFF_TABLE_IDS = 2 ** 50;
export const isOffTableId = (id: number) => id >= OFF_TABLE_IDS;

export interface ClaimedEvent extends OutboxEntry {
  id: number;
  attempts: number;
  createdAt: number;
  /**
   * The payload's UTF-8, where the row keeps its payload as bytes (the SQLite fast lane): the
   * Graph body copies these, and `payload` decodes them on each read.
   */
  readonly payloadBytes?: Uint8Array;
}

/**
 * The durable outbox: "acknowledged" means "in here". append() resolves only after the rows
 * are committed (requests arriving together share one commit); a crash after that loses
 * nothing. The forwarder claims due rows with a lease, so on PostgreSQL several replicas share
 * the work and a dead replica's rows return to the pool when its lease runs out.
 */
export interface Outbox {
  readonly kind: 'sqlite' | 'postgres';
  /** Stores entries durably. Throws GatewayError OUTBOX_FULL or STORAGE_UNAVAILABLE. */
  append(entries: readonly OutboxEntry[]): Promise<void>;
  /** Leases up to `limit` due rows, oldest first, skipping held pixels. */
  claim(limit: number, now: number, heldPixels: readonly string[]): Promise<ClaimedEvent[]>;
  /** Delivered, or given up for good. */
  remove(ids: readonly number[]): Promise<void>;
  /** Not delivered this time: release the lease, count the attempt, try again at `at`. */
  reschedule(ids: readonly number[], at: number): Promise<void>;
  /** Rows of one pixel created before `before` (for expiring held events). */
  expireHeld(pixelId: string, before: number): Promise<ClaimedEvent[]>;
  /** Events waiting, as last known (exact on SQLite, refreshed every second on PostgreSQL). */
  depth(): number;
  /** Waits for pending appends to commit, then releases the database. */
  close(): Promise<void>;
}

export interface OutboxOptions {
  maxEvents: number;
  leaseMs: number;
  /** Identifies this process's leases. */
  owner: string;
  /** Free disk space below which appends are refused (SQLite only). */
  diskReserveBytes?: number;
}

/** Runs `flush` once per turn of the event loop for everything appended during that turn. */
export class GroupCommit<T> {
  private pending: { items: readonly T[]; resolve(): void; reject(e: unknown): void }[] = [];
  private scheduled = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly flush: (items: T[]) => Promise<void> | void) {}

  add(items: readonly T[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ items, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.run());
      }
    });
  }

  private async run(): Promise<void> {
    // One commit at a time: a commit that is still running collects the next group meanwhile.
    // Overlapping commits were measured on SQLite: no lower latency, 15 % more CPU per request
    // (more, smaller fsyncs).
    await this.inFlight;
    this.scheduled = false;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    const items = group.flatMap((g) => g.items);
    this.inFlight = (async () => {
      try {
        await this.flush(items);
        for (const g of group) g.resolve();
      } catch (e) {
        for (const g of group) g.reject(e);
      }
    })();
    await this.inFlight;
  }

  /** Resolves once everything appended so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.scheduled) {
      await new Promise((r) => setImmediate(r));
      await this.inFlight;
    }
    await this.inFlight;
  }
}
