import { Link } from '../../components/Link';
import type { AccountTab } from '../../routing/routes';
import { useOpenAccount } from './account-context';

const LABELS: Record<AccountTab, string> = {
  overview: 'Overview',
  pixels: 'Pixels',
  users: 'Users',
  domains: 'Domains',
  activity: 'Activity',
  settings: 'Settings',
};

const ADMIN_TABS: ReadonlySet<AccountTab> = new Set(['users', 'activity']);

/** The account's sections as links (each has its own address), the current one marked. */
export function AccountTabs({ current }: { current: AccountTab }) {
  const { account, caps } = useOpenAccount();
  // Users and the audit log are admin matters; everyone else would only meet a refusal there.
  const tabs = (Object.keys(LABELS) as AccountTab[]).filter(
    (t) => caps.admin || !ADMIN_TABS.has(t),
  );
  return (
    <nav className="tabs" aria-label="Account sections">
      {tabs.map((t) => (
        <Link
          key={t}
          to={{ name: 'account', accountId: account.id, tab: t }}
          className="tab"
          aria-current={t === current ? 'page' : undefined}
        >
          {LABELS[t]}
        </Link>
      ))}
    </nav>
  );
}
