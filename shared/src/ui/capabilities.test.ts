import { describe, expect, it } from 'vitest';
import { accountCapabilities } from './capabilities';

describe('accountCapabilities', () => {
  const caps = (...seats: string[]) => accountCapabilities({ seats });

  it('gives admin screens to account and host admins, the managed switch to account admins only', () => {
    expect(caps('account:admin')).toMatchObject({ inside: true, admin: true, ownAdmin: true });
    expect(caps('host:admin')).toMatchObject({ inside: true, admin: true, ownAdmin: false });
    expect(caps('account:viewer')).toMatchObject({ inside: true, admin: false, ownAdmin: false });
  });

  it('keeps a host admin outside an unmanaged account', () => {
    expect(caps('host:outside')).toMatchObject({ inside: false, admin: false, outside: true });
    // An account member who is also host admin is inside through their own seat.
    expect(caps('account:viewer', 'host:outside')).toMatchObject({ inside: true, outside: false });
  });
});
