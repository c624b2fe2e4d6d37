import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { relativeTime } from '../../format';
import { useLoad } from '../../hooks/use-load';
import { useAccounts, useApi, useSession } from '../../hub-context';
import { LinkDialog, type ShownLink } from '../LinkDialog';
import { HostUserActions } from './HostUserActions';
import { HostUserRole } from './HostUserRole';
import { InviteHostUserDialog } from './InviteHostUserDialog';

/** The host's team: admins run everything; managers and viewers reach assigned managed accounts. */
export function HostUsersScreen() {
  const api = useApi();
  const myId = useSession((s) => s.me?.user.id);
  const accounts = useAccounts((s) => s.accounts);
  const users = useLoad(() => api.listHostUsers(), []);
  const [inviting, setInviting] = useState(false);
  const [shown, setShown] = useState<ShownLink | null>(null);
  const name = (id: string) => accounts.find((a) => a.id === id)?.name ?? id;
  const invite = (
    <Button variant="primary" onClick={() => setInviting(true)}>
      <Icon name="plus" /> Invite host user
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Host users"
        description="People who run this gateway. Admins reach every managed account; managers and viewers only the managed accounts assigned to them."
        actions={invite}
      />
      <Card flush>
        {users.error ? (
          <div className="card-body">
            <LoadError error={users.error} retry={users.reload} what="the host users" />
          </div>
        ) : !users.data ? (
          <Loading />
        ) : users.data.length === 0 ? (
          <EmptyState icon="users" title="No host users" />
        ) : (
          <table className="table">
            <caption className="sr-only">Host users and invitations</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={`${u.status}:${u.id}`}>
                  <td>
                    <div className="cell-title">
                      {u.email}
                      {u.id === myId && <span className="muted"> (you)</span>}
                    </div>
                    <div className="cell-sub">
                      {u.account_ids === null
                        ? 'Every managed account'
                        : u.account_ids.length
                          ? u.account_ids.map(name).join(', ')
                          : 'No accounts assigned'}
                    </div>
                  </td>
                  <td>
                    <HostUserRole user={u} isMe={u.id === myId} onChanged={users.reload} />
                  </td>
                  <td>
                    {u.status === 'active' ? (
                      <Badge tone="ok">Active</Badge>
                    ) : (
                      <span className="row">
                        <Badge tone="warn">Invited</Badge>
                        {u.expires_at && (
                          <span className="cell-sub">expires {relativeTime(u.expires_at)}</span>
                        )}
                      </span>
                    )}
                  </td>
                  <td style={{ textAlign: 'right' }}>
                    <HostUserActions
                      user={u}
                      isMe={u.id === myId}
                      onChanged={users.reload}
                      onLink={setShown}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <InviteHostUserDialog
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={users.reload}
      />
      <LinkDialog shown={shown} onClose={() => setShown(null)} />
    </>
  );
}
