import { useState, type ReactNode } from 'react';
import type { HubApi } from './api/hub-api';
import { HubContext, type Hub } from './hub-context';
import type { Navigator } from './routing/navigator';
import { createAccountsStore } from './stores/accounts-store';
import { createAuditStore } from './stores/audit-store';
import { createSessionStore } from './stores/session-store';
import { createToastStore } from './stores/toast-store';

export interface HubProviderProps {
  api: HubApi;
  navigator: Navigator;
  gatewayUrl: string;
  copyText?: (text: string) => Promise<void>;
  children: ReactNode;
}

/** Creates the stores for one API client and hands everything to the screens below. */
export function HubProvider({ api, navigator, gatewayUrl, copyText, children }: HubProviderProps) {
  // Created once per mounted provider: stores belong to this API client, never to the module.
  const [hub] = useState<Hub>(() => ({
    api,
    navigator,
    gatewayUrl,
    copyText: copyText ?? defaultCopy,
    session: createSessionStore(api),
    toasts: createToastStore(),
    accounts: createAccountsStore(api),
    audit: createAuditStore(api),
  }));
  return <HubContext.Provider value={hub}>{children}</HubContext.Provider>;
}

async function defaultCopy(text: string): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  throw new Error('Copying is not available here; select the text and copy it.');
}
