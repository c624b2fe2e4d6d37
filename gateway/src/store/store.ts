import { openConnection, type Connection, type DatabaseTarget } from './db.js';
import { AccountScope } from './account-scope.js';
import { AccountsRepo } from './repos/accounts-repo.js';
import { ApiAccountsRepo } from './repos/api-accounts-repo.js';
import { AuditRepo } from './repos/audit-repo.js';
import { DomainsRepo } from './repos/domains-repo.js';
import { HostRepo } from './repos/host-repo.js';
import { InvitationsRepo, LinkTokensRepo } from './repos/invitations-repo.js';
import { MetricsRepo } from './repos/metrics-repo.js';
import { PixelsRepo } from './repos/pixels-repo.js';
import { SessionsRepo } from './repos/sessions-repo.js';
import { UsersRepo } from './repos/users-repo.js';

/** The configuration store: one interface over SQLite and PostgreSQL. */
export class Store {
  readonly host: HostRepo;
  readonly users: UsersRepo;
  readonly sessions: SessionsRepo;
  readonly accounts: AccountsRepo;
  readonly pixels: PixelsRepo;
  readonly metrics: MetricsRepo;
  readonly apiAccounts: ApiAccountsRepo;
  readonly audit: AuditRepo;
  /** Invitation and reset links of the host (account links: AccountScope.invitations). */
  readonly hostInvitations: InvitationsRepo;
  /** Links looked up by their secret, wherever they belong. */
  readonly linkTokens: LinkTokensRepo;
  /** Gateway-wide domain questions (only: is a first-party hostname taken elsewhere). */
  readonly domains: DomainsRepo;

  constructor(readonly connection: Connection) {
    this.host = new HostRepo(connection);
    this.users = new UsersRepo(connection);
    this.sessions = new SessionsRepo(connection);
    this.accounts = new AccountsRepo(connection);
    this.pixels = new PixelsRepo(connection);
    this.metrics = new MetricsRepo(connection);
    this.apiAccounts = new ApiAccountsRepo(connection);
    this.audit = new AuditRepo(connection);
    this.hostInvitations = new InvitationsRepo(connection, null);
    this.linkTokens = new LinkTokensRepo(connection);
    this.domains = new DomainsRepo(connection);
  }

  static async open(target: DatabaseTarget): Promise<Store> {
    return new Store(await openConnection(target));
  }

  get dialect() {
    return this.connection.dialect;
  }

  /** The only door into an account's rows. Callers must have checked access first. */
  account(accountId: string): AccountScope {
    return new AccountScope(this.connection, accountId);
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.connection.transaction(() => work());
  }

  ping(): Promise<void> {
    return this.connection.ping();
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
