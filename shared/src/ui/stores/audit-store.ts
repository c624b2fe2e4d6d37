import { createStore, type StoreApi } from 'zustand/vanilla';
import { toApiError, type ApiError } from '../api/api-error';
import type { HubApi } from '../api/hub-api';
import type { AuditEntry } from '../api/types';

/** Whose log: the host's own (null) or one account's. */
export type AuditScope = { accountId: string | null };

export interface AuditLog {
  entries: AuditEntry[];
  /** Pass as `before` for the next page; null when the last page has been read. */
  nextBefore: number | null;
  /** The first page has arrived at least once. */
  loaded: boolean;
  /** The first page is being (re)read. */
  loading: boolean;
  /** A further page is being read. */
  loadingMore: boolean;
  /** The first page failed; nothing trustworthy to show. */
  error: ApiError | null;
  /** A further page failed; what was shown stays. */
  moreError: ApiError | null;
}

export interface AuditState {
  logs: Record<string, AuditLog>;
  /** Reads the newest page afresh, replacing what was there (someone may have changed things). */
  open(scope: AuditScope): Promise<void>;
  /** Appends the next older page. */
  more(scope: AuditScope): Promise<void>;
  /** Forgets everything (sign-out): the next person must not see these entries. */
  reset(): void;
}

export const auditKey = (scope: AuditScope): string =>
  scope.accountId === null ? 'host' : `account:${scope.accountId}`;

export const EMPTY_LOG: AuditLog = {
  entries: [],
  nextBefore: null,
  loaded: false,
  loading: false,
  loadingMore: false,
  error: null,
  moreError: null,
};

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit logs the person has opened, per API client: the host's and each account's, each a
 * list of pages read newest first. A store so the paging survives a re-render and is tested
 * without a browser; answers that arrive after a newer request for the same log are dropped.
 */
export function createAuditStore(api: HubApi, pageSize = AUDIT_PAGE_SIZE): StoreApi<AuditState> {
  // Per log: bumped by open() and reset(), so a late page of an older reading is ignored.
  const generation = new Map<string, number>();
  return createStore<AuditState>()((set, get) => {
    const log = (key: string) => get().logs[key] ?? EMPTY_LOG;
    const patch = (key: string, changes: Partial<AuditLog>) =>
      set({ logs: { ...get().logs, [key]: { ...log(key), ...changes } } });
    const query = (scope: AuditScope, before?: number) => ({
      ...(scope.accountId === null ? {} : { account_id: scope.accountId }),
      limit: pageSize,
      ...(before === undefined ? {} : { before }),
    });

    return {
      logs: {},
      async open(scope) {
        const key = auditKey(scope);
        const mine = (generation.get(key) ?? 0) + 1;
        generation.set(key, mine);
        patch(key, { loading: true, loadingMore: false, error: null, moreError: null });
        try {
          const page = await api.auditLog(query(scope));
          if (generation.get(key) !== mine) return;
          patch(key, {
            entries: page.entries,
            nextBefore: page.next_before,
            loaded: true,
            loading: false,
          });
        } catch (err) {
          if (generation.get(key) !== mine) return;
          patch(key, { loading: false, error: toApiError(err) });
        }
      },
      async more(scope) {
        const key = auditKey(scope);
        const current = log(key);
        if (current.nextBefore === null || current.loading || current.loadingMore) return;
        const mine = generation.get(key) ?? 0;
        patch(key, { loadingMore: true, moreError: null });
        try {
          const page = await api.auditLog(query(scope, current.nextBefore));
          if (generation.get(key) !== mine) return;
          // An entry already shown (ids only grow) is not shown twice.
          const seen = new Set(log(key).entries.map((e) => e.id));
          patch(key, {
            entries: [...log(key).entries, ...page.entries.filter((e) => !seen.has(e.id))],
            nextBefore: page.next_before,
            loadingMore: false,
          });
        } catch (err) {
          if (generation.get(key) !== mine) return;
          patch(key, { loadingMore: false, moreError: toApiError(err) });
        }
      },
      reset() {
        for (const key of generation.keys()) generation.set(key, (generation.get(key) ?? 0) + 1);
        set({ logs: {} });
      },
    };
  });
}
