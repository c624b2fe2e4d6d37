import type { Store } from '../store/store.js';
import { accessAccount } from './access.js';
import type { Principal } from './principal.js';

/**
 * May the caller hand out a link that sets this person's password? Only when the caller could
 * manage every place the person has access to: otherwise an account admin could take over a
 * host admin, or the admin of another account, by resetting their password.
 */
export async function coversEverySeatOf(
  store: Store,
  p: Principal,
  userId: string,
): Promise<boolean> {
  if ((await store.users.hostRole(userId)) && p.hostRole !== 'admin') return false;
  for (const m of await store.accounts.memberships(userId)) {
    const access = await accessAccount(store, p, m.accountId).catch(() => undefined);
    if (!access?.can('account.users.write')) return false;
  }
  return true;
}
