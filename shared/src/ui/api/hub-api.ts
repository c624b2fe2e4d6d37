import type * as T from './types';

/**
 * Everything the screens ask of the gateway. The hub implements it over fetch to /api/v1
 * (createFetchApi); the desktop app implements the same shape over its own transport. Every
 * method rejects with an ApiError, never with a transport-specific error.
 */
export interface HubApi {
  // First run and sign-in
  status(): Promise<T.Status>;
  setup(body: { setup_token: string; email: string; password: string }): Promise<void>;
  login(body: { email: string; password: string; totp?: string }): Promise<T.Me>;
  logout(): Promise<void>;
  logoutEverywhere(): Promise<void>;
  /** The signed-in caller; rejects with UNAUTHENTICATED when there is none. */
  me(): Promise<T.Me>;
  changePassword(body: { current_password: string; new_password: string }): Promise<void>;
  requestReset(body: { email: string }): Promise<void>;
  resetPassword(body: { token: string; password: string }): Promise<void>;
  totpSetup(): Promise<T.TotpSetup>;
  totpEnable(code: string): Promise<void>;
  totpDisable(code: string): Promise<void>;

  // Invitations (public side)
  lookupInvitation(token: string): Promise<T.InvitationInfo>;
  /** Sets the password and signs in, like login. */
  acceptInvitation(body: T.InvitationAccept): Promise<T.Me>;

  // Accounts
  listAccounts(): Promise<T.AccountListItem[]>;
  createAccount(body: T.AccountCreate): Promise<T.AccountCreated>;
  getAccount(accountId: string): Promise<T.AccountDetail>;
  updateAccount(accountId: string, body: T.AccountPatch): Promise<T.AccountDto>;
  deleteAccount(accountId: string): Promise<void>;
  setManaged(accountId: string, managed: boolean): Promise<T.AccountDto>;
  /** An unmanaged account still waiting for its admin: a new link, optionally to another email. */
  resendSetupInvitation(accountId: string, email?: string): Promise<T.IssuedLink>;
  metrics(accountId: string, minutes: number): Promise<T.Metrics>;

  // Pixels
  listPixels(accountId: string): Promise<T.PixelDto[]>;
  getPixel(accountId: string, pixelId: string): Promise<T.PixelDetail>;
  createPixel(accountId: string, body: T.PixelCreate): Promise<T.PixelDto>;
  updatePixel(accountId: string, pixelId: string, body: T.PixelPatch): Promise<T.PixelDto>;
  deletePixel(accountId: string, pixelId: string): Promise<void>;
  rotateAccessKey(accountId: string, pixelId: string): Promise<T.PixelDto>;
  pixelErrors(accountId: string, pixelId: string): Promise<T.PixelError[]>;

  // Account users and invitations
  listAccountUsers(accountId: string): Promise<T.AccountUser[]>;
  inviteAccountUser(accountId: string, body: T.AccountInvite): Promise<T.IssuedLink>;
  regenerateInvitation(accountId: string, invitationId: string): Promise<T.IssuedLink>;
  revokeInvitation(accountId: string, invitationId: string): Promise<void>;
  updateAccountUser(accountId: string, userId: string, body: T.UserPatch): Promise<void>;
  removeAccountUser(accountId: string, userId: string): Promise<void>;
  userResetLink(accountId: string, userId: string): Promise<T.IssuedLink>;

  // Domains
  listDomains(accountId: string): Promise<T.Domain[]>;
  addDomain(accountId: string, body: T.DomainCreate): Promise<T.Domain>;
  removeDomain(accountId: string, domainId: string): Promise<void>;

  // Host
  listHostUsers(): Promise<T.HostUser[]>;
  inviteHostUser(body: T.HostInvite): Promise<T.IssuedLink>;
  regenerateHostInvitation(invitationId: string): Promise<T.IssuedLink>;
  revokeHostInvitation(invitationId: string): Promise<void>;
  updateHostUser(userId: string, body: T.HostUserPatch): Promise<void>;
  removeHostUser(userId: string): Promise<void>;
  hostUserResetLink(userId: string): Promise<T.IssuedLink>;
  hostSettings(): Promise<T.HostSettings>;
  updateHostSettings(body: T.HostSettingsPatch): Promise<T.HostSettings>;
  listApiAccounts(): Promise<T.ApiAccount[]>;
  createApiAccount(body: T.ApiAccountCreate): Promise<T.ApiAccount>;
  deleteApiAccount(id: string): Promise<void>;

  // Audit log
  /** Without account_id the host's own log (host admins); with it, that account's log. */
  auditLog(query: T.AuditPageQuery): Promise<T.AuditPage>;
}
