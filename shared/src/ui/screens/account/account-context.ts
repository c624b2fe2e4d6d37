import { createContext, useContext } from 'react';
import type { AccountDetail } from '../../api/types';
import type { AccountCapabilities } from '../../capabilities';

/** The open account, shared by its tabs so each does not fetch it again. */
export interface OpenAccount {
  account: AccountDetail;
  caps: AccountCapabilities;
  reload(): Promise<void>;
  /** Applies a change the gateway confirmed (rename, status, managed switch). */
  update(changes: Partial<AccountDetail>): void;
}

export const AccountContext = createContext<OpenAccount | null>(null);

export function useOpenAccount(): OpenAccount {
  const v = useContext(AccountContext);
  if (!v) throw new Error('Account tabs render inside <AccountScreen>.');
  return v;
}
