import { describe, expect, it, vi } from 'vitest';
import type { AccountListItem } from '../api/types';
import { createAccountsStore } from './accounts-store';
import { fakeApi } from '../testing/fake-api';

const acme: AccountListItem = {
  id: 'acc_1',
  name: 'Acme',
  managed: false,
  status: 'setup',
  manage_requested: false,
  created_at: 1,
  role: null,
};

describe('createAccountsStore', () => {
  it('serves the sidebar and the page from one request', async () => {
    const listAccounts = vi.fn(async () => [acme]);
    const s = createAccountsStore(fakeApi({ listAccounts }));
    await Promise.all([s.getState().load(), s.getState().load()]);
    expect(listAccounts).toHaveBeenCalledTimes(1);
    expect(s.getState()).toMatchObject({ loaded: true, loading: false, accounts: [acme] });
  });

  it('adds a created account without its invitation, and forgets all on reset', async () => {
    const invitation = { id: 'inv', link: 'l', token: 't', expires_at: 2, emailed: false };
    const s = createAccountsStore(
      fakeApi({ createAccount: async () => ({ ...acme, invitation }) }),
    );
    const created = await s
      .getState()
      .create({ name: 'Acme', managed: false, admin_email: 'a@acme.example' });
    expect(created.invitation).toEqual(invitation);
    expect(s.getState().accounts).toEqual([acme]);
    s.getState().patch('acc_1', { name: 'Acme Shoes' });
    expect(s.getState().accounts[0]!.name).toBe('Acme Shoes');
    s.getState().reset();
    expect(s.getState()).toMatchObject({ accounts: [], loaded: false });
  });
});
