import type { StoreApi } from 'zustand/vanilla';
import { toApiError } from '../../api/api-error';
import type { HubApi } from '../../api/hub-api';
import type { AccountDetail } from '../../api/types';
import type { AccountsState } from '../../stores/accounts-store';

/**
 * The account and the caller's seats in it. A host admin gets 404 for the inside of an
 * unmanaged account; what they may know of it (name, status) is in their account list, so
 * the screen shows that, as the seat `host:outside`.
 */
export async function loadAccount(
  api: HubApi,
  accounts: StoreApi<AccountsState>,
  accountId: string,
): Promise<AccountDetail> {
  try {
    return await api.getAccount(accountId);
  } catch (err) {
    if (toApiError(err).code !== 'NOT_FOUND') throw err;
    // Fresh, not the cached list: the state shown must be today's (e.g. setup finished).
    await accounts.getState().load();
    const listed = accounts.getState().accounts.find((a) => a.id === accountId);
    if (!listed || listed.managed || listed.role) throw err;
    const { role: _role, ...account } = listed;
    return { ...account, seats: ['host:outside'] };
  }
}
