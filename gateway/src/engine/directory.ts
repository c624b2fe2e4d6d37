import { count, max } from 'drizzle-orm';
import type { SecretBox } from '../security/master-key.js';
import type { Connection } from '../store/db.js';
import type { PixelRow } from '../store/repos/pixels-repo.js';

type RouteRow = Pick<
  PixelRow,
  | 'pixelId'
  | 'accountId'
  | 'receiving'
  | 'publishing'
  | 'testEventCode'
  | 'accessKeyHash'
  | 'tokenStatus'
  | 'blockedEvents'
  | 'accessTokenEnc'
>;

/** What the event path needs to know about a pixel, kept in memory for every pixel. */
export interface PixelRoute {
  pixelId: string;
  accountId: string;
  accountActive: boolean;
  receiving: boolean;
  publishing: boolean;
  testEventCode: string | null;
  accessKeyHash: string;
  tokenInvalid: boolean;
  blockedEvents: ReadonlySet<string>;
  /** Websites this pixel must not receive events from (account-wide blocks included). */
  blockedSites: readonly string[];
  /** Decrypted only when the forwarder asks, and cached: the token never leaves this process. */
  accessToken(): string;
}

/**
 * The in-memory routing table of the event path: pixels, their switches and first-party
 * domains. Intake never queries the database per request. It reloads when this replica changes
 * configuration (reload) and, so that replicas see each other's changes, whenever a check
 * every few seconds finds the tables changed, and at least once a minute regardless.
 */
export class PixelDirectory {
  private pixels = new Map<string, PixelRoute>();
  private firstParty = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;
  /** What fingerprint() said just before the last load, and when that load was. */
  private loaded = { mark: '', at: 0 };

  constructor(
    private readonly c: Connection,
    private readonly box: SecretBox,
    private readonly refreshMs = 5000,
    private readonly fullReloadMs = 60_000,
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.refreshMs);
    this.timer.unref();
  }

  /**
   * Reloading 10,000 pixels takes about 75 ms of the event loop and leaves ~20 MB of garbage;
   * three counts and maxima take about 1 ms. Every configuration write bumps updated_at (or
   * adds or removes a row); the minute's full reload bounds the cost of one that does not.
   */
  private async refresh(): Promise<void> {
    if (Date.now() - this.loaded.at < this.fullReloadMs) {
      if ((await this.fingerprint()) === this.loaded.mark) return;
    }
    await this.reload();
  }

  private async fingerprint(): Promise<string> {
    const t = this.c.tables;
    const rows = await this.c.run((db) =>
      Promise.all([
        db.select({ n: count(), at: max(t.pixels.updatedAt) }).from(t.pixels),
        db.select({ n: count(), at: max(t.accounts.updatedAt) }).from(t.accounts),
        db.select({ n: count(), at: max(t.domains.createdAt) }).from(t.domains),
      ]),
    );
    return rows.map(([r]) => `${r?.n}:${r?.at}`).join('/');
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get(pixelId: string): PixelRoute | undefined {
    return this.pixels.get(pixelId);
  }

  /** The account whose first-party domain this hostname is, if any. */
  accountOfDomain(hostname: string): string | undefined {
    return this.firstParty.get(hostname.toLowerCase());
  }

  /** Pixels whose events wait for a new access token. */
  heldPixels(): string[] {
    const held: string[] = [];
    for (const p of this.pixels.values()) if (p.tokenInvalid) held.push(p.pixelId);
    return held;
  }

  get size(): number {
    return this.pixels.size;
  }

  /** Reloads now; concurrent callers share one load. */
  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<void> {
    const t = this.c.tables;
    // Read before the tables: a change landing in between is then seen by the next check.
    const mark = await this.fingerprint();
    const at = Date.now();
    // Only the columns routing needs: names and last errors are parsed for nothing otherwise.
    const [pixelRows, accountRows, domainRows] = await this.c.run((db) =>
      Promise.all([
        db
          .select({
            pixelId: t.pixels.pixelId,
            accountId: t.pixels.accountId,
            receiving: t.pixels.receiving,
            publishing: t.pixels.publishing,
            testEventCode: t.pixels.testEventCode,
            accessKeyHash: t.pixels.accessKeyHash,
            tokenStatus: t.pixels.tokenStatus,
            blockedEvents: t.pixels.blockedEvents,
            accessTokenEnc: t.pixels.accessTokenEnc,
          })
          .from(t.pixels),
        db.select({ id: t.accounts.id, status: t.accounts.status }).from(t.accounts),
        db
          .select({
            accountId: t.domains.accountId,
            hostname: t.domains.hostname,
            kind: t.domains.kind,
            pixelId: t.domains.pixelId,
          })
          .from(t.domains),
      ]),
    );
    const active = new Map(accountRows.map((a) => [a.id, a.status !== 'deactivated']));
    const blocked = new Map<string, { pixelId: string | null; host: string }[]>();
    const firstParty = new Map<string, string>();
    for (const d of domainRows) {
      if (d.kind === 'first_party') firstParty.set(d.hostname.toLowerCase(), d.accountId);
      else {
        const list = blocked.get(d.accountId) ?? [];
        list.push({ pixelId: d.pixelId, host: d.hostname.toLowerCase() });
        blocked.set(d.accountId, list);
      }
    }
    const next = new Map<string, PixelRoute>();
    for (const row of pixelRows) {
      const sites = (blocked.get(row.accountId) ?? [])
        .filter((b) => b.pixelId === null || b.pixelId === row.pixelId)
        .map((b) => b.host);
      next.set(row.pixelId, this.route(row, active.get(row.accountId) ?? false, sites));
    }
    this.pixels = next;
    this.firstParty = firstParty;
    this.loaded = { mark, at };
  }

  private route(row: RouteRow, accountActive: boolean, blockedSites: string[]): PixelRoute {
    const previous = this.pixels.get(row.pixelId);
    const box = this.box;
    let token: string | undefined;
    const enc = row.accessTokenEnc;
    // Keep the decrypted token across reloads while the ciphertext is unchanged.
    const reuse =
      previous && (previous as PixelRoute & { enc?: string }).enc === enc ? previous : undefined;
    return Object.assign(
      {
        pixelId: row.pixelId,
        accountId: row.accountId,
        accountActive,
        receiving: row.receiving,
        publishing: row.publishing,
        testEventCode: row.testEventCode,
        accessKeyHash: row.accessKeyHash,
        tokenInvalid: row.tokenStatus === 'invalid',
        blockedEvents: new Set(row.blockedEvents),
        blockedSites,
        accessToken: reuse ? reuse.accessToken : () => (token ??= box.decrypt(enc)),
      },
      { enc },
    );
  }
}

/** True when `host` is `site` or one of its subdomains. */
export function hostMatches(host: string, site: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}
