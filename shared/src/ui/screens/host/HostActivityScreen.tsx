import { Card } from '../../components/Card';
import { Callout } from '../../components/Callout';
import { PageHeader } from '../../components/PageHeader';
import { isHostAdmin } from '../../capabilities';
import { useSession } from '../../hub-context';
import { ActivityLog } from '../activity/ActivityLog';

const REFUSED = 'Only the host’s admins see the host’s activity.';

/** The host's own audit log: accounts created and deleted, host users, settings, API accounts. */
export function HostActivityScreen() {
  const admin = useSession((s) => isHostAdmin(s.me));
  return (
    <>
      <PageHeader
        title="Activity"
        description="Who changed what on this gateway: accounts created and deleted, host users and invitations, settings and API accounts. Changes inside an account are on that account’s Activity tab."
      />
      {admin ? (
        <Card flush>
          <ActivityLog
            accountId={null}
            caption="Host activity, newest first"
            refused={REFUSED}
            emptyText="Changes to accounts, host users and settings will be listed here."
          />
        </Card>
      ) : (
        <Callout tone="info">{REFUSED}</Callout>
      )}
    </>
  );
}
