import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { homeOf, redirectFor } from './gate';
import { parseRoute } from './routes';

const me = (over: Partial<Me> = {}): Me => ({
  user: { id: 'u', email: 'u@x.example', totp_enabled: false },
  host_role: null,
  accounts: [{ id: 'acc_1', name: 'Acme', role: 'viewer' }],
  ...over,
});
const go = (phase: Parameters<typeof redirectFor>[0], path: string, who: Me | null = null) =>
  redirectFor(phase, parseRoute(path), who);

describe('redirectFor', () => {
  it('sends everyone to the claim screen until the gateway is claimed', () => {
    expect(go('unclaimed', '/login')).toBe('/setup');
    expect(go('unclaimed', '/accounts')).toBe('/setup');
    expect(go('unclaimed', '/setup')).toBeNull();
  });

  it('lets signed-out people use the public screens and remembers where they were going', () => {
    expect(go('signed-out', '/invite/tok')).toBeNull();
    expect(go('signed-out', '/reset/tok')).toBeNull();
    expect(go('signed-out', '/setup')).toBe('/login');
    expect(go('signed-out', '/')).toBe('/login');
    expect(go('signed-out', '/accounts/acc_1/pixels')).toBe(
      '/login?next=%2Faccounts%2Facc_1%2Fpixels',
    );
  });

  it('takes signed-in people past the sign-in screens, back to where they were going', () => {
    expect(go('signed-in', '/login?next=%2Fprofile', me())).toBe('/profile');
    expect(go('signed-in', '/login?next=https%3A%2F%2Fevil.example', me())).toBe('/accounts/acc_1');
    expect(go('signed-in', '/setup', me())).toBe('/accounts/acc_1');
    expect(go('signed-in', '/invite/tok', me())).toBeNull();
    expect(go('signed-in', '/accounts', me())).toBeNull();
  });

  it('waits while booting', () => {
    expect(go('booting', '/accounts')).toBeNull();
  });
});

describe('homeOf', () => {
  it('opens the only account of an account user, the list otherwise', () => {
    expect(homeOf(me())).toEqual({ name: 'account', accountId: 'acc_1', tab: 'overview' });
    expect(homeOf(me({ host_role: 'admin' }))).toEqual({ name: 'accounts' });
    expect(homeOf(me({ accounts: [] }))).toEqual({ name: 'accounts' });
  });
});
