import { EmptyState } from '../components/EmptyState';
import { Link } from '../components/Link';
import { PageHeader } from '../components/PageHeader';
import type { Route } from '../routing/routes';
import { AccountScreen } from './account/AccountScreen';
import { AccountsScreen } from './host/AccountsScreen';
import { ApiAccountsScreen } from './host/ApiAccountsScreen';
import { HostActivityScreen } from './host/HostActivityScreen';
import { HostSettingsScreen } from './host/HostSettingsScreen';
import { HostUsersScreen } from './host/HostUsersScreen';
import { ProfileScreen } from './ProfileScreen';

/** The pages inside the shell. */
export function SignedInScreen({ route }: { route: Route }) {
  switch (route.name) {
    case 'accounts':
      return <AccountsScreen />;
    case 'host-users':
      return <HostUsersScreen />;
    case 'api-accounts':
      return <ApiAccountsScreen />;
    case 'host-settings':
      return <HostSettingsScreen />;
    case 'host-activity':
      return <HostActivityScreen />;
    case 'profile':
      return <ProfileScreen />;
    case 'account':
      return <AccountScreen accountId={route.accountId} tab={route.tab} />;
    case 'pixel':
      return <AccountScreen accountId={route.accountId} tab="pixels" pixelId={route.pixelId} />;
    default:
      return (
        <>
          <PageHeader title="Page not found" />
          <EmptyState
            icon="alert"
            title="There is nothing at this address"
            action={<Link to={{ name: 'home' }}>Go to the start page</Link>}
          >
            The link may be mistyped, or what it pointed to was removed.
          </EmptyState>
        </>
      );
  }
}
