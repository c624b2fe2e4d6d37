import type { AccountAction, HostAction } from '../../../gateway/src/auth/permissions.js';
import { PASSWORD, addHostUser, expectStatus, type Gateway } from './harness.js';

// The endpoints that perform each action of the permission matrix. Every action lists every
// route that checks it, so a route that checks the wrong action shows up as a wrong cell.

export interface CellWorld {
  accountId: string;
  managed: boolean;
  assignedPixel: string;
  otherPixel: string;
  spareUserId: string;
  pendingInvitationId: string;
  domainId: string;
  n: number;
}

export interface Request {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}

export interface AccountProbe {
  action: AccountAction;
  name: string;
  /** `pixel` is the pixel the call is about (assigned or not to an account manager). */
  request(w: CellWorld, pixel: string): Request;
}

const acc = (w: CellWorld) => `/accounts/${w.accountId}`;

export const ACCOUNT_PROBES: AccountProbe[] = [
  {
    action: 'account.read',
    name: 'reads the account',
    request: (w) => ({ method: 'GET', path: acc(w) }),
  },
  {
    action: 'account.update',
    name: 'renames the account',
    request: (w) => ({ method: 'PATCH', path: acc(w), body: { name: `Renamed ${w.n}` } }),
  },
  {
    action: 'account.delete',
    name: 'deletes the account',
    request: (w) => ({ method: 'DELETE', path: acc(w) }),
  },
  {
    action: 'account.set_managed',
    name: 'switches (or asks to switch) managed',
    request: (w) => ({ method: 'POST', path: `${acc(w)}/managed`, body: { managed: !w.managed } }),
  },
  {
    action: 'account.setup_invitation',
    name: "resends the invited admin's link",
    request: (w) => ({ method: 'POST', path: `${acc(w)}/setup-invitation`, body: {} }),
  },
  {
    action: 'account.users.read',
    name: 'lists users',
    request: (w) => ({ method: 'GET', path: `${acc(w)}/users` }),
  },
  {
    action: 'account.users.write',
    name: 'invites a user',
    request: (w) => ({
      method: 'POST',
      path: `${acc(w)}/invitations`,
      body: { email: `new${w.n}@cell.example`, role: 'viewer' },
    }),
  },
  {
    action: 'account.users.write',
    name: 'regenerates an invitation',
    request: (w) => ({
      method: 'POST',
      path: `${acc(w)}/invitations/${w.pendingInvitationId}/regenerate`,
    }),
  },
  {
    action: 'account.users.write',
    name: 'withdraws an invitation',
    request: (w) => ({ method: 'DELETE', path: `${acc(w)}/invitations/${w.pendingInvitationId}` }),
  },
  {
    action: 'account.users.write',
    name: "changes a user's role",
    request: (w) => ({
      method: 'PATCH',
      path: `${acc(w)}/users/${w.spareUserId}`,
      body: { role: 'manager' },
    }),
  },
  {
    action: 'account.users.write',
    name: 'removes a user',
    request: (w) => ({ method: 'DELETE', path: `${acc(w)}/users/${w.spareUserId}` }),
  },
  {
    action: 'account.users.write',
    name: 'makes a password reset link',
    request: (w) => ({ method: 'POST', path: `${acc(w)}/users/${w.spareUserId}/reset-link` }),
  },
  {
    action: 'pixel.read',
    name: 'lists pixels',
    request: (w) => ({ method: 'GET', path: `${acc(w)}/pixels` }),
  },
  {
    action: 'pixel.read',
    name: 'reads a pixel',
    request: (w, pixel) => ({ method: 'GET', path: `${acc(w)}/pixels/${pixel}` }),
  },
  {
    action: 'pixel.read',
    name: "reads a pixel's errors",
    request: (w, pixel) => ({ method: 'GET', path: `${acc(w)}/pixels/${pixel}/errors` }),
  },
  {
    action: 'pixel.read',
    name: 'reads metrics',
    request: (w) => ({ method: 'GET', path: `${acc(w)}/metrics` }),
  },
  {
    action: 'pixel.create',
    name: 'connects a pixel',
    request: (w) => ({
      method: 'POST',
      path: `${acc(w)}/pixels`,
      body: { pixel_id: `8${String(w.n).padStart(5, '0')}3`, access_token: 'EAAnew-token-value' },
    }),
  },
  {
    action: 'pixel.create',
    name: "rotates a pixel's access key",
    request: (w, pixel) => ({ method: 'POST', path: `${acc(w)}/pixels/${pixel}/access-key` }),
  },
  {
    action: 'pixel.update',
    name: "changes a pixel's settings",
    request: (w, pixel) => ({
      method: 'PATCH',
      path: `${acc(w)}/pixels/${pixel}`,
      body: { test_event_code: 'TEST123', publishing: false },
    }),
  },
  {
    action: 'pixel.delete',
    name: 'removes a pixel',
    request: (w, pixel) => ({ method: 'DELETE', path: `${acc(w)}/pixels/${pixel}` }),
  },
  {
    action: 'domain.read',
    name: 'lists domains',
    request: (w) => ({ method: 'GET', path: `${acc(w)}/domains` }),
  },
  {
    action: 'domain.write',
    name: 'adds a domain',
    request: (w) => ({
      method: 'POST',
      path: `${acc(w)}/domains`,
      body: { hostname: `shop${w.n}.cell.example`, kind: 'first_party' },
    }),
  },
  {
    action: 'domain.write',
    name: 'removes a domain',
    request: (w) => ({ method: 'DELETE', path: `${acc(w)}/domains/${w.domainId}` }),
  },
  {
    action: 'audit.read',
    name: "reads the account's audit log",
    request: (w) => ({ method: 'GET', path: `/audit?account_id=${w.accountId}` }),
  },
];

export interface HostProbe {
  action: HostAction;
  name: string;
  /** Roles the probe does not apply to, with the reason in a comment at the probe. */
  skipFor?: string[];
  prepare?(gw: Gateway, root: string, n: number): Promise<string>;
  request(n: number, target?: string): Request;
}

/** A host viewer to change or remove, and an open host invitation to regenerate or withdraw. */
const spareHostUser = async (gw: Gateway, root: string, n: number) =>
  (await addHostUser(gw, root, `host-spare${n}@host.example`, 'viewer', [])).userId;
const openHostInvitation = async (gw: Gateway, root: string, n: number) =>
  expectStatus(
    await gw
      .as({ bearer: root })
      .post('/host/invitations', { email: `host-pending${n}@host.example`, role: 'viewer' }),
    201,
  ).body.id as string;

export const HOST_PROBES: HostProbe[] = [
  {
    action: 'host.accounts.list',
    name: 'lists accounts',
    request: () => ({ method: 'GET', path: '/accounts' }),
  },
  {
    action: 'host.accounts.create',
    name: 'creates an account',
    request: (n) => ({
      method: 'POST',
      path: '/accounts',
      body: { name: `Host cell ${n}`, managed: true },
    }),
  },
  {
    action: 'host.users.read',
    name: 'lists host users',
    request: () => ({ method: 'GET', path: '/host/users' }),
  },
  {
    action: 'host.users.write',
    name: 'invites a host user',
    request: (n) => ({
      method: 'POST',
      path: '/host/invitations',
      body: { email: `h${n}@host.example`, role: 'viewer' },
    }),
  },
  {
    action: 'host.users.write',
    name: 'regenerates a host invitation',
    prepare: openHostInvitation,
    request: (_n, id) => ({ method: 'POST', path: `/host/invitations/${id}/regenerate` }),
  },
  {
    action: 'host.users.write',
    name: 'withdraws a host invitation',
    prepare: openHostInvitation,
    request: (_n, id) => ({ method: 'DELETE', path: `/host/invitations/${id}` }),
  },
  {
    action: 'host.users.write',
    name: "changes a host user's role",
    prepare: spareHostUser,
    request: (_n, id) => ({
      method: 'PATCH',
      path: `/host/users/${id}`,
      body: { role: 'manager' },
    }),
  },
  {
    action: 'host.users.write',
    name: 'removes a host user',
    prepare: spareHostUser,
    request: (_n, id) => ({ method: 'DELETE', path: `/host/users/${id}` }),
  },
  {
    action: 'host.users.write',
    name: "makes a host user's reset link",
    prepare: spareHostUser,
    request: (_n, id) => ({ method: 'POST', path: `/host/users/${id}/reset-link` }),
  },
  {
    action: 'host.settings.read',
    name: 'reads host settings',
    request: () => ({ method: 'GET', path: '/host/settings' }),
  },
  {
    action: 'host.settings.write',
    name: 'renames the host',
    request: (n) => ({ method: 'PATCH', path: '/host/settings', body: { name: `Host ${n}` } }),
  },
  {
    action: 'host.api_accounts',
    name: 'lists API accounts',
    request: () => ({ method: 'GET', path: '/api-accounts' }),
  },
  {
    action: 'host.api_accounts',
    name: 'creates an API account',
    // An API account cannot vouch with a password: refused by design (api-accounts.test.ts).
    skipFor: ['api'],
    request: (n) => ({
      method: 'POST',
      path: '/api-accounts',
      body: { name: `bot${n}`, password: PASSWORD },
    }),
  },
  {
    action: 'host.api_accounts',
    name: 'deletes an API account',
    prepare: async (gw, root, n) =>
      expectStatus(
        await gw
          .as({ bearer: root })
          .post('/api-accounts', { name: `gone${n}`, password: PASSWORD }),
        201,
      ).body.id as string,
    request: (_n, id) => ({ method: 'DELETE', path: `/api-accounts/${id}` }),
  },
  {
    action: 'host.audit.read',
    name: "reads the host's audit log",
    request: () => ({ method: 'GET', path: '/audit' }),
  },
];
