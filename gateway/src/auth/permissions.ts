/**
 * The permission matrix: who may do what inside an account. One table, used by every route
 * and asserted cell by cell through the HTTP API in the tests. CONTRACT.md "Roles" is the source.
 *
 * Seats: an account user's role in the account, or a host user's role reaching in. Host users
 * reach inside an account only while it is managed; host managers and viewers only into the
 * accounts assigned to them. Account managers change only the pixels assigned to them.
 */
export const ACCOUNT_ACTIONS = [
  'account.read',
  'account.update',
  'account.delete',
  'account.set_managed',
  'account.setup_invitation',
  'account.users.read',
  'account.users.write',
  'pixel.read',
  'pixel.create',
  'pixel.update',
  'pixel.delete',
  'domain.read',
  'domain.write',
  'audit.read',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export const SEATS = [
  'account:admin',
  'account:manager',
  'account:viewer',
  'host:admin',
  'host:manager',
  'host:viewer',
  // A host admin looking at an unmanaged account: its name, status and usage; deletion, asking
  // to manage it, and a new link for its invited admin while setup is in progress.
  'host:outside',
] as const;
export type Seat = (typeof SEATS)[number];

const ALL: readonly Seat[] = SEATS.filter((s) => s !== 'host:outside');
const ADMINS: readonly Seat[] = ['account:admin', 'host:admin'];

export const ACCOUNT_MATRIX: Record<AccountAction, readonly Seat[]> = {
  'account.read': ALL,
  'account.update': ADMINS,
  'account.delete': [...ADMINS, 'host:outside'],
  // Only the account's own admins switch; a host admin outside may ask for managed (the handler
  // records the request, which takes effect when an account admin consents).
  'account.set_managed': ['account:admin', 'host:outside'],
  // A new link for the admin of an unmanaged account still in setup ("Complete setup").
  'account.setup_invitation': ['host:outside'],
  'account.users.read': ADMINS,
  'account.users.write': ADMINS,
  'pixel.read': ALL,
  'pixel.create': ADMINS,
  // account:manager only for pixels assigned to them (see pixelScoped below).
  'pixel.update': ['account:admin', 'account:manager', 'host:admin', 'host:manager'],
  'pixel.delete': ADMINS,
  'domain.read': ALL,
  'domain.write': ADMINS,
  'audit.read': ADMINS,
};

/** Actions an account manager may take only on their assigned pixels. */
export const PIXEL_SCOPED_FOR_MANAGER: ReadonlySet<AccountAction> = new Set(['pixel.update']);

/** Host-level actions (no account involved): host roles only. */
export const HOST_ACTIONS = [
  'host.accounts.list',
  'host.accounts.create',
  'host.users.read',
  'host.users.write',
  'host.settings.read',
  'host.settings.write',
  'host.api_accounts',
  'host.audit.read',
] as const;
export type HostAction = (typeof HOST_ACTIONS)[number];
export type HostRole = 'admin' | 'manager' | 'viewer';

export const HOST_MATRIX: Record<HostAction, readonly HostRole[]> = {
  'host.accounts.list': ['admin', 'manager', 'viewer'],
  'host.accounts.create': ['admin'],
  'host.users.read': ['admin'],
  'host.users.write': ['admin'],
  'host.settings.read': ['admin'],
  'host.settings.write': ['admin'],
  'host.api_accounts': ['admin'],
  'host.audit.read': ['admin'],
};

export function seatAllows(seat: Seat, action: AccountAction): boolean {
  return ACCOUNT_MATRIX[action].includes(seat);
}

export function hostAllows(role: HostRole | undefined, action: HostAction): boolean {
  return role !== undefined && HOST_MATRIX[action].includes(role);
}
