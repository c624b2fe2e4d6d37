import { useState } from 'react';
import type { AccountUser } from '../../api/types';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Callout } from '../../components/Callout';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { relativeTime } from '../../format';
import { useLoad } from '../../hooks/use-load';
import { useApi, useSession } from '../../hub-context';
import { LinkDialog, type ShownLink } from '../LinkDialog';
import { useOpenAccount } from './account-context';
import { AssignPixelsDialog } from './AssignPixelsDialog';
import { InviteUserDialog } from './InviteUserDialog';
import { AccountUserRole } from './AccountUserRole';
import { UserActions } from './UserActions';

/** The account's people and open invitations; admins invite, change roles and remove. */
export function UsersTab() {
  const api = useApi();
  const { account, caps } = useOpenAccount();
  const myId = useSession((s) => s.me?.user.id);
  const data = useLoad(async () => {
    const [users, pixels] = await Promise.all([
      api.listAccountUsers(account.id),
      api.listPixels(account.id),
    ]);
    return { users, pixels };
  }, [account.id]);
  const [inviting, setInviting] = useState(false);
  const [shown, setShown] = useState<ShownLink | null>(null);
  const [assigning, setAssigning] = useState<AccountUser | null>(null);

  if (!caps.admin)
    return <Callout tone="info">Only the account’s admins manage its users.</Callout>;
  const invite = (
    <Button variant="primary" onClick={() => setInviting(true)}>
      <Icon name="plus" /> Invite user
    </Button>
  );
  const users = data.data?.users ?? [];
  return (
    <>
      <Card
        title="Users"
        description="People with access to this account. Every account keeps at least one admin."
        actions={invite}
        flush
      >
        {data.error ? (
          <div className="card-body">
            <LoadError error={data.error} retry={data.reload} what="the users" />
          </div>
        ) : !data.data ? (
          <Loading />
        ) : users.length === 0 ? (
          <EmptyState icon="users" title="No users yet">
            Invite the people who will work on this account.
          </EmptyState>
        ) : (
          <table className="table">
            <caption className="sr-only">Users and invitations</caption>
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
              {users.map((u) => (
                <tr key={`${u.status}:${u.id}`}>
                  <td>
                    <div className="cell-title">
                      {u.email}
                      {u.id === myId && <span className="muted"> (you)</span>}
                    </div>
                    {u.role === 'manager' && (
                      <div className="cell-sub">{assignedText(u, data.data!.pixels.length)}</div>
                    )}
                  </td>
                  <td>
                    <AccountUserRole user={u} isMe={u.id === myId} onChanged={data.reload} />
                  </td>
                  <td>
                    {u.status === 'active' ? (
                      <Badge tone="ok">Active</Badge>
                    ) : (
                      <span className="row">
                        <Badge tone="warn">Invited</Badge>
                        {u.expires_at && (
                          <span className="cell-sub">
                            {u.expires_at > Date.now()
                              ? `expires ${relativeTime(u.expires_at)}`
                              : 'expired'}
                          </span>
                        )}
                      </span>
                    )}
                  </td>
                  <td style={{ textAlign: 'right' }}>
                    <UserActions
                      user={u}
                      isMe={u.id === myId}
                      onChanged={data.reload}
                      onLink={setShown}
                      onAssign={setAssigning}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <InviteUserDialog
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={data.reload}
        pixels={data.data?.pixels ?? []}
      />
      <LinkDialog shown={shown} onClose={() => setShown(null)} />
      <AssignPixelsDialog
        user={assigning}
        pixels={data.data?.pixels ?? []}
        onClose={() => setAssigning(null)}
        onSaved={data.reload}
      />
    </>
  );
}

function assignedText(u: AccountUser, total: number): string {
  const n = u.pixel_ids?.length ?? 0;
  if (n === 0) return 'No pixels assigned yet';
  return n === total ? 'All pixels assigned' : `${n} of ${total} pixels assigned`;
}
