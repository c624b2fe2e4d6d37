// Renders a screen part to HTML inside the providers it expects, for tests in Node (no DOM):
// what a component shows for given data and permissions, without effects or a browser.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { HubApi } from '../api/hub-api';
import type { AccountDetail } from '../api/types';
import { accountCapabilities } from '../capabilities';
import { HubProvider } from '../HubProvider';
import { createMemoryNavigator } from '../routing/navigator';
import { AccountContext } from '../screens/account/account-context';
import { fakeApi } from './fake-api';

export function renderInHub(
  node: ReactNode,
  opts: { api?: HubApi; account?: AccountDetail; path?: string } = {},
): string {
  const inner = opts.account ? (
    <AccountContext.Provider
      value={{
        account: opts.account,
        caps: accountCapabilities(opts.account),
        reload: async () => undefined,
        update: () => undefined,
      }}
    >
      {node}
    </AccountContext.Provider>
  ) : (
    node
  );
  return renderToStaticMarkup(
    <HubProvider
      api={opts.api ?? fakeApi()}
      navigator={createMemoryNavigator(opts.path ?? '/')}
      gatewayUrl="https://capi.host.example"
    >
      {inner}
    </HubProvider>,
  );
}
