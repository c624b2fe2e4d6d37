import { createStore, type StoreApi } from 'zustand/vanilla';
import { toApiError, type ApiError } from '../api/api-error';
import type { HubApi } from '../api/hub-api';
import type { AccountCreate, AccountCreated, AccountListItem } from '../api/types';

export interface AccountsState {
  accounts: AccountListItem[];
  loaded: boolean;
  loading: boolean;
  error: ApiError | null;
  load(): Promise<void>;
  create(body: AccountCreate): Promise<AccountCreated>;
  /** Replaces one account after a change made elsewhere (rename, managed switch, status). */
  patch(id: string, changes: Partial<AccountListItem>): void;
  remove(id: string): void;
  /** Forgets everything (sign-out): the next person must not see this list. */
  reset(): void;
}

/**
 * The accounts the caller may see. A store rather than per-screen state because the sidebar's
 * switcher and the accounts page show the same list, and a new account must appear in both.
 */
export function createAccountsStore(api: HubApi): StoreApi<AccountsState> {
  let inflight: Promise<void> | null = null;
  return createStore<AccountsState>()((set, get) => ({
    accounts: [],
    loaded: false,
    loading: false,
    error: null,
    load() {
      // The sidebar and a page mount together; one request serves both.
      inflight ??= (async () => {
        set({ loading: true, error: null });
        try {
          set({ accounts: await api.listAccounts(), loaded: true });
        } catch (err) {
          set({ error: toApiError(err) });
        } finally {
          set({ loading: false });
          inflight = null;
        }
      })();
      return inflight;
    },
    async create(body) {
      const created = await api.createAccount(body);
      const { invitation: _omit, ...account } = created;
      set({ accounts: [...get().accounts, { ...account, role: null }] });
      return created;
    },
    patch(id, changes) {
      set({ accounts: get().accounts.map((a) => (a.id === id ? { ...a, ...changes } : a)) });
    },
    remove(id) {
      set({ accounts: get().accounts.filter((a) => a.id !== id) });
    },
    reset() {
      set({ accounts: [], loaded: false, loading: false, error: null });
    },
  }));
}
