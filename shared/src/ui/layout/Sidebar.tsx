import { useEffect } from 'react';
import { isHostAdmin } from '../capabilities';
import { Icon, type IconName } from '../components/Icon';
import { Link } from '../components/Link';
import { useAccounts, useHub, useSession } from '../hub-context';
import type { Route } from '../routing/routes';
import { useRoute } from '../routing/use-route';
import { Brand } from './Brand';

function NavLink({
  to,
  icon,
  label,
  current,
}: {
  to: Route;
  icon: IconName;
  label: string;
  current: boolean;
}) {
  return (
    <Link to={to} className="nav-link" aria-current={current ? 'page' : undefined}>
      <Icon name={icon} className="nav-icon" />
      {label}
    </Link>
  );
}

/** Host pages for host users, then the accounts the person can open. */
export function Sidebar() {
  const { accounts: store } = useHub();
  const route = useRoute();
  const me = useSession((s) => s.me);
  const hostName = useSession((s) => s.hostName);
  const accounts = useAccounts((s) => s.accounts);
  const loaded = useAccounts((s) => s.loaded);
  useEffect(() => {
    if (!loaded) void store.getState().load();
  }, [loaded, store]);
  const openId = route.name === 'account' || route.name === 'pixel' ? route.accountId : null;
  const admin = isHostAdmin(me);

  return (
    <nav className="sidebar" aria-label="Main">
      <Brand subtitle={hostName || 'Gateway'} />
      <div className="nav-section">
        <div className="nav-title">{me?.host_role ? 'Host' : 'Workspace'}</div>
        <NavLink
          to={{ name: 'accounts' }}
          icon="accounts"
          label="Accounts"
          current={route.name === 'accounts'}
        />
        {admin && (
          <>
            <NavLink
              to={{ name: 'host-users' }}
              icon="users"
              label="Host users"
              current={route.name === 'host-users'}
            />
            <NavLink
              to={{ name: 'api-accounts' }}
              icon="key"
              label="API accounts"
              current={route.name === 'api-accounts'}
            />
            <NavLink
              to={{ name: 'host-settings' }}
              icon="settings"
              label="Settings"
              current={route.name === 'host-settings'}
            />
            <NavLink
              to={{ name: 'host-activity' }}
              icon="activity"
              label="Activity"
              current={route.name === 'host-activity'}
            />
          </>
        )}
      </div>
      {accounts.length > 0 && (
        <div className="nav-section">
          <div className="nav-title">Accounts</div>
          {accounts.slice(0, 12).map((a) => (
            <NavLink
              key={a.id}
              to={{ name: 'account', accountId: a.id, tab: 'overview' }}
              icon="pixel"
              label={a.name}
              current={openId === a.id}
            />
          ))}
        </div>
      )}
      <div className="nav-section">
        <NavLink
          to={{ name: 'profile' }}
          icon="user"
          label="Profile & security"
          current={route.name === 'profile'}
        />
      </div>
      <div className="sidebar-foot">Conversions API Gateway</div>
    </nav>
  );
}
