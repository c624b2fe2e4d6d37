import { eq } from 'drizzle-orm';
import type { Connection, tables as t } from '../db.js';
import { type Tables } from '../db.js';

export type PixelRow = typeof t.pixels.$inferSelect;

/**
 * Gateway-wide pixel access for the event engine (intake cache, forwarder). It never serves an
 * HTTP caller directly: the admin API reaches pixels through AccountScope.
 */
export class PixelsRepo {
  constructor(private readonly c: Connection) {}

  private get t(): Tables {
    return this.c.tables;
  }

  all(): Promise<PixelRow[]> {
    return this.c.run((db) => db.select().from(this.t.pixels));
  }

  get(pixelId: string): Promise<PixelRow | undefined> {
    return this.c.run(
      async (db) =>
        (await db.select().from(this.t.pixels).where(eq(this.t.pixels.pixelId, pixelId)))[0],
    );
  }

  /** Meta said the token is invalid (code 190): hold the pixel's events until it is replaced. */
  async markTokenInvalid(
    pixelId: string,
    error: Record<string, unknown>,
    now: number,
  ): Promise<void> {
    await this.c.run((db) =>
      db
        .update(this.t.pixels)
        .set({ tokenStatus: 'invalid', lastError: error, updatedAt: now })
        .where(eq(this.t.pixels.pixelId, pixelId)),
    );
  }

  async recordError(pixelId: string, error: Record<string, unknown>, now: number): Promise<void> {
    await this.c.run((db) =>
      db
        .update(this.t.pixels)
        .set({ lastError: error, updatedAt: now })
        .where(eq(this.t.pixels.pixelId, pixelId)),
    );
  }
}
