import { useEffect, useState } from 'react';
import type { Role } from '../../api/types';
import { isHostAdmin, ROLE_LABELS } from '../../capabilities';
import { AccountStatusBadges } from '../../components/AccountStatusBadges';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../format';
import { useAccounts, useHub, useSession } from '../../hub-context';
import { CreateAccountDialog } from './CreateAccountDialog';

/** Every account the person may see, with its state; host admins create accounts here. */
export function AccountsScreen() {
  const { accounts: store } = useHub();
  const me = useSession((s) => s.me);
  const accounts = useAccounts((s) => s.accounts);
  const loaded = useAccounts((s) => s.loaded);
  const error = useAccounts((s) => s.error);
  const [creating, setCreating] = useState(false);
  const admin = isHostAdmin(me);
  useEffect(() => void store.getState().load(), [store]);

  const create = admin && (
    <Button variant="primary" onClick={() => setCreating(true)}>
      <Icon name="plus" /> New account
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Accounts"
        description={
          me?.host_role
            ? 'Each advertiser is an account with its own pixels, users and data. Managed accounts are run by the host; unmanaged ones by their own admins.'
            : 'The accounts you belong to.'
        }
        actions={create}
      />
      {error && !loaded ? (
        <LoadError error={error} retry={() => void store.getState().load()} what="the accounts" />
      ) : !loaded ? (
        <Loading />
      ) : accounts.length === 0 ? (
        <Card>
          <EmptyState
            icon="accounts"
            title="No accounts yet"
            action={
              admin && (
                <Button variant="primary" onClick={() => setCreating(true)}>
                  Create the first account
                </Button>
              )
            }
          >
            {admin
              ? 'Create an account for each advertiser. Run it yourself (managed), or invite the advertiser’s admin to run it (unmanaged).'
              : 'You are not part of any account yet. Ask a host admin or an account admin to invite you.'}
          </EmptyState>
        </Card>
      ) : (
        <Card flush>
          <table className="table">
            <caption className="sr-only">Accounts</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Status</th>
                <th scope="col">Your access</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link
                      to={{ name: 'account', accountId: a.id, tab: 'overview' }}
                      className="cell-title"
                    >
                      {a.name}
                    </Link>
                    <div className="cell-sub mono">{a.id}</div>
                  </td>
                  <td>
                    <AccountStatusBadges account={a} />
                  </td>
                  <td>{accessLabel(a.role, a.managed, me?.host_role ?? null)}</td>
                  <td className="muted">{formatDate(a.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <CreateAccountDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function accessLabel(role: Role | null, managed: boolean, hostRole: Role | null): string {
  if (role) return ROLE_LABELS[role];
  if (!hostRole) return '—';
  // The host reaches inside an account only while it is managed.
  return managed ? `Host ${hostRole}` : 'Name and status only';
}
