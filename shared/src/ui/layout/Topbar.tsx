import { Button } from '../components/Button';
import { Icon } from '../components/Icon';
import { Link } from '../components/Link';
import { useAccounts, useHub, useSession } from '../hub-context';
import type { Route } from '../routing/routes';
import { useRoute } from '../routing/use-route';

const TITLES: Partial<Record<Route['name'], string>> = {
  accounts: 'Accounts',
  'host-users': 'Host users',
  'api-accounts': 'API accounts',
  'host-settings': 'Settings',
  'host-activity': 'Activity',
  profile: 'Profile & security',
};

/** Where you are (breadcrumbs) and who you are (email, sign out). */
export function Topbar() {
  const { session, navigator } = useHub();
  const route = useRoute();
  // A chosen sign-out starts over at the sign-in page; only a lapsed session remembers the
  // page to come back to.
  const signOut = async () => {
    await session.getState().signOut();
    navigator.navigate('/login', { replace: true });
  };
  const email = useSession((s) => s.me?.user.email ?? '');
  const accounts = useAccounts((s) => s.accounts);
  const crumbs: { label: string; to?: Route }[] = [];
  if (route.name === 'account' || route.name === 'pixel') {
    const name = accounts.find((a) => a.id === route.accountId)?.name ?? 'Account';
    crumbs.push({ label: 'Accounts', to: { name: 'accounts' } });
    if (route.name === 'pixel') {
      crumbs.push({
        label: name,
        to: { name: 'account', accountId: route.accountId, tab: 'pixels' },
      });
      crumbs.push({ label: `Pixel ${route.pixelId}` });
    } else crumbs.push({ label: name });
  } else crumbs.push({ label: TITLES[route.name] ?? 'Not found' });

  return (
    <header className="topbar">
      <ol className="crumbs" aria-label="Breadcrumb">
        {crumbs.map((c, i) =>
          c.to && i < crumbs.length - 1 ? (
            <li key={i}>
              <Link to={c.to}>{c.label}</Link>
            </li>
          ) : (
            <li key={i} aria-current="page">
              {c.label}
            </li>
          ),
        )}
      </ol>
      <span className="spacer" />
      <span className="user-chip">
        <span className="avatar" aria-hidden="true">
          {email.slice(0, 2)}
        </span>
        <span>{email}</span>
      </span>
      <Button variant="ghost" size="sm" onClick={() => void signOut()}>
        <Icon name="logout" /> Sign out
      </Button>
    </header>
  );
}
