import { useMemo } from 'react';
import { accountCapabilities } from '../../capabilities';
import { AccountStatusBadges } from '../../components/AccountStatusBadges';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useLoad } from '../../hooks/use-load';
import { useApi, useHub } from '../../hub-context';
import type { AccountTab } from '../../routing/routes';
import { AccountContext, type OpenAccount } from './account-context';
import { AccountTabs } from './AccountTabs';
import { ActivityTab } from './ActivityTab';
import { loadAccount } from './load-account';
import { DomainsTab } from './DomainsTab';
import { OutsideView } from './OutsideView';
import { OverviewTab } from './OverviewTab';
import { PixelScreen } from './PixelScreen';
import { PixelsTab } from './PixelsTab';
import { SettingsTab } from './SettingsTab';
import { UsersTab } from './UsersTab';

/** One account: its header, its sections, and the section (or pixel) the route names. */
export function AccountScreen({
  accountId,
  tab,
  pixelId,
}: {
  accountId: string;
  tab: AccountTab;
  pixelId?: string;
}) {
  const api = useApi();
  const { accounts } = useHub();
  const loaded = useLoad(() => loadAccount(api, accounts, accountId), [accountId]);
  const account = loaded.data;

  const { reload, setData } = loaded;
  const open = useMemo<OpenAccount | null>(() => {
    if (!account) return null;
    return {
      account,
      caps: accountCapabilities(account),
      reload,
      update(changes) {
        setData((a) => (a ? { ...a, ...changes } : a));
        accounts.getState().patch(account.id, changes);
      },
    };
  }, [account, reload, setData, accounts]);

  if (!open) {
    if (loaded.error)
      return (
        <>
          <PageHeader title="Account" />
          <LoadError error={loaded.error} retry={loaded.reload} what="this account" />
        </>
      );
    return <Loading label="Loading the account…" />;
  }
  const { caps } = open;
  return (
    <AccountContext.Provider value={open}>
      {pixelId ? (
        <PixelScreen pixelId={pixelId} />
      ) : (
        <>
          <PageHeader
            title={open.account.name}
            description={<AccountStatusBadges account={open.account} />}
          />
          {caps.outside ? (
            <OutsideView />
          ) : (
            <>
              <AccountTabs current={tab} />
              {tab === 'overview' && <OverviewTab />}
              {tab === 'pixels' && <PixelsTab />}
              {tab === 'users' && <UsersTab />}
              {tab === 'domains' && <DomainsTab />}
              {tab === 'activity' && <ActivityTab />}
              {tab === 'settings' && <SettingsTab />}
            </>
          )}
        </>
      )}
    </AccountContext.Provider>
  );
}
