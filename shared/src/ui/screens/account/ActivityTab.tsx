import { Card } from '../../components/Card';
import { Callout } from '../../components/Callout';
import { ActivityLog } from '../activity/ActivityLog';
import { useOpenAccount } from './account-context';

const REFUSED = 'Only the account’s admins see its activity.';

/** The account's audit log: settings, pixels, users, invitations and domains. */
export function ActivityTab() {
  const { account, caps } = useOpenAccount();
  if (!caps.admin) return <Callout tone="info">{REFUSED}</Callout>;
  return (
    <Card
      title="Activity"
      description="Who changed what in this account, newest first: its settings, pixels, users, invitations and domains."
      flush
    >
      <ActivityLog
        accountId={account.id}
        caption={`Activity in ${account.name}, newest first`}
        refused={REFUSED}
        emptyText="Changes to this account’s pixels, users and domains will be listed here."
      />
    </Card>
  );
}
