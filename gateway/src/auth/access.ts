import { GatewayError } from '../errors.js';
import type { AccountScope } from '../store/account-scope.js';
import type { AccountRow } from '../store/repos/accounts-repo.js';
import type { Store } from '../store/store.js';
import {
  PIXEL_SCOPED_FOR_MANAGER,
  hostAllows,
  seatAllows,
  type AccountAction,
  type HostAction,
  type Seat,
} from './permissions.js';
import type { Principal } from './principal.js';

/** A caller's reach into one account: the scoped store, and the permission check. */
export interface AccountAccess {
  account: AccountRow;
  scope: AccountScope;
  seats: Seat[];
  can(action: AccountAction, pixelId?: string): boolean;
  /** 403 when the caller sees the account but may not do this. */
  require(action: AccountAction, pixelId?: string): void;
  /** Pixel ids an account manager is assigned (undefined: every pixel). */
  assignedPixels: ReadonlySet<string> | undefined;
}

/**
 * Resolves which seats a caller holds in an account. No seat means 404: outside a caller's
 * reach nothing reveals that the account exists.
 */
export async function accessAccount(
  store: Store,
  p: Principal,
  accountId: string,
): Promise<AccountAccess> {
  const account = await store.accounts.get(accountId);
  if (!account) throw new GatewayError('NOT_FOUND');
  const seats: Seat[] = [];
  let assignedPixels: Set<string> | undefined;
  if (p.kind === 'user') {
    const role = (await store.account(accountId).members()).find(
      (m) => m.userId === p.userId,
    )?.role;
    if (role) seats.push(`account:${role}`);
    if (role === 'manager')
      assignedPixels = new Set(await store.account(accountId).assignedPixels(p.userId));
  }
  if (p.hostRole === 'admin') seats.push(account.managed ? 'host:admin' : 'host:outside');
  else if (p.hostRole && account.managed && p.kind === 'user') {
    if ((await store.users.hostAssignedAccounts(p.userId)).includes(accountId))
      seats.push(`host:${p.hostRole}`);
  }
  const insideSeats = seats.filter((s) => s !== 'host:outside');
  if (insideSeats.length === 0 && !seats.includes('host:outside'))
    throw new GatewayError('NOT_FOUND');
  const can = (action: AccountAction, pixelId?: string) =>
    seats.some((seat) => {
      if (!seatAllows(seat, action)) return false;
      if (seat === 'account:manager' && PIXEL_SCOPED_FOR_MANAGER.has(action)) {
        return pixelId !== undefined && (assignedPixels?.has(pixelId) ?? false);
      }
      return true;
    });
  return {
    account,
    scope: store.account(accountId),
    seats,
    assignedPixels,
    can,
    require(action, pixelId) {
      // A host admin outside an unmanaged account sees nothing inside it: 404, as for strangers,
      // except for the few things the matrix gives the 'host:outside' seat.
      if (insideSeats.length === 0 && !seatAllows('host:outside', action))
        throw new GatewayError('NOT_FOUND');
      if (!can(action, pixelId)) throw new GatewayError('FORBIDDEN');
    },
  };
}

export function requireHost(p: Principal, action: HostAction): void {
  if (!hostAllows(p.hostRole, action)) throw new GatewayError('FORBIDDEN');
}
