import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { HubApi } from './api/hub-api';
import type { Navigator } from './routing/navigator';
import type { AccountsState } from './stores/accounts-store';
import type { AuditState } from './stores/audit-store';
import type { SessionState } from './stores/session-store';
import type { ToastState } from './stores/toast-store';

/** What the host gives the screens, plus the stores made for that API client. */
export interface Hub {
  api: HubApi;
  navigator: Navigator;
  /** The gateway's public address, used in the pixel snippet. */
  gatewayUrl: string;
  /** Copies text; the host decides how (clipboard API, Electron clipboard). */
  copyText(text: string): Promise<void>;
  session: StoreApi<SessionState>;
  toasts: StoreApi<ToastState>;
  accounts: StoreApi<AccountsState>;
  audit: StoreApi<AuditState>;
}

export const HubContext = createContext<Hub | null>(null);

export function useHub(): Hub {
  const hub = useContext(HubContext);
  if (!hub) throw new Error('Hub screens must be rendered inside <HubProvider>.');
  return hub;
}

export const useApi = (): HubApi => useHub().api;

export function useSession<T>(select: (s: SessionState) => T): T {
  return useStore(useHub().session, select);
}

export function useToasts<T>(select: (s: ToastState) => T): T {
  return useStore(useHub().toasts, select);
}

export function useAccounts<T>(select: (s: AccountsState) => T): T {
  return useStore(useHub().accounts, select);
}

export function useAudit<T>(select: (s: AuditState) => T): T {
  return useStore(useHub().audit, select);
}
