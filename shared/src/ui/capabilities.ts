import type { AccountDetail, Me, Role } from './api/types';

// What the caller may do, derived from the seats the gateway reports, so the screens hide or
// disable what would be refused. A hint only: the gateway checks every write itself.

export interface AccountCapabilities {
  /** Sees pixels, metrics, domains (any seat inside the account). */
  inside: boolean;
  /** Users, pixels create/delete, domains, account settings. */
  admin: boolean;
  /** Only the account's own admins decide on the managed switch. */
  ownAdmin: boolean;
  /** A host admin looking at an unmanaged account: name and status only. */
  outside: boolean;
  roleLabel: string;
}

export function accountCapabilities(account: Pick<AccountDetail, 'seats'>): AccountCapabilities {
  const seats = new Set(account.seats);
  const ownAdmin = seats.has('account:admin');
  const admin = ownAdmin || seats.has('host:admin');
  const inside = [...seats].some((s) => s !== 'host:outside');
  return {
    inside,
    admin,
    ownAdmin,
    outside: !inside && seats.has('host:outside'),
    roleLabel: roleLabel(account.seats),
  };
}

function roleLabel(seats: string[]): string {
  const s = seats.find((x) => x.startsWith('account:')) ?? seats[0] ?? '';
  const [side, role] = s.split(':');
  if (role === 'outside') return 'Host (outside)';
  return `${side === 'host' ? 'Host ' : ''}${role ?? ''}`;
}

export const isHostAdmin = (me: Me | null): boolean => me?.host_role === 'admin';
export const isHostUser = (me: Me | null): boolean => Boolean(me?.host_role);

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Manager',
  viewer: 'Viewer',
};

export const ACCOUNT_ROLE_HINTS: Record<Role, string> = {
  admin: 'Manages users and roles, adds and removes pixels.',
  manager: 'Changes the settings of the pixels assigned to them.',
  viewer: 'Sees pixels and their data; changes nothing.',
};

export const HOST_ROLE_HINTS: Record<Role, string> = {
  admin: 'Every managed account, host users, settings and API accounts.',
  manager: 'The managed accounts assigned to them, and their pixels.',
  viewer: 'Sees the assigned managed accounts; changes nothing.',
};
