import { and, eq, ne } from 'drizzle-orm';
import type { Connection } from '../db.js';
import type { Tables } from '../db.js';

/**
 * The one gateway-wide question about domains: is a hostname already another account's
 * first-party domain? Intake routes a hostname to one account, so two may not claim it. The
 * answer is a yes/no; no row of the other account leaves this repository.
 */
export class DomainsRepo {
  constructor(private readonly c: Connection) {}

  private get t(): Tables {
    return this.c.tables;
  }

  async firstPartyTakenElsewhere(hostname: string, accountId: string): Promise<boolean> {
    const d = this.t.domains;
    const rows = await this.c.run((db) =>
      db
        .select({ id: d.id })
        .from(d)
        .where(and(eq(d.kind, 'first_party'), eq(d.hostname, hostname), ne(d.accountId, accountId)))
        .limit(1),
    );
    return rows.length > 0;
  }
}
