import { describe, expect, it } from 'vitest';
import { parseRoute, routePath, type Route } from './routes';

describe('hub routes', () => {
  const routes: Route[] = [
    { name: 'home' },
    { name: 'setup' },
    { name: 'login' },
    { name: 'login', next: '/accounts/acc_1/pixels' },
    { name: 'forgot' },
    { name: 'reset', token: 'r-Tok_1' },
    { name: 'invite', token: 'i-Tok_2' },
    { name: 'accounts' },
    { name: 'host-users' },
    { name: 'api-accounts' },
    { name: 'host-settings' },
    { name: 'host-activity' },
    { name: 'profile' },
    { name: 'account', accountId: 'acc_1', tab: 'overview' },
    { name: 'account', accountId: 'acc_1', tab: 'domains' },
    { name: 'account', accountId: 'acc_1', tab: 'activity' },
    { name: 'pixel', accountId: 'acc_1', pixelId: '123456' },
  ];

  it.each(routes.map((r) => [routePath(r), r] as const))(
    'parses %s back to its route',
    (path, r) => {
      expect(parseRoute(path)).toEqual(r);
    },
  );

  it('reads the invitation links the gateway sends', () => {
    expect(parseRoute('/invite/abc-DEF_123')).toEqual({ name: 'invite', token: 'abc-DEF_123' });
  });

  it('calls anything else not found, keeping the path', () => {
    expect(parseRoute('/accounts/acc_1/nope')).toEqual({
      name: 'not-found',
      path: '/accounts/acc_1/nope',
    });
    expect(parseRoute('/invite')).toEqual({ name: 'not-found', path: '/invite' });
  });

  it('escapes ids that would break the path', () => {
    const r: Route = { name: 'account', accountId: 'a/b c', tab: 'users' };
    expect(routePath(r)).toBe('/accounts/a%2Fb%20c/users');
    expect(parseRoute(routePath(r))).toEqual(r);
  });
});
