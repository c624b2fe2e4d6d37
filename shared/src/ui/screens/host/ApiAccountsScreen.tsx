import { useState } from 'react';
import type { ApiAccount } from '../../api/types';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../format';
import { useAction } from '../../hooks/use-action';
import { useLoad } from '../../hooks/use-load';
import { useApi } from '../../hub-context';
import { CreateApiAccountDialog } from './CreateApiAccountDialog';

/** Machine access with host-admin rights: scripts exchange name and secret for a 10-hour token. */
export function ApiAccountsScreen() {
  const api = useApi();
  const list = useLoad(() => api.listApiAccounts(), []);
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<ApiAccount | null>(null);
  const act = useAction();
  const create = (
    <Button variant="primary" onClick={() => setCreating(true)}>
      <Icon name="plus" /> New API account
    </Button>
  );
  const remove = async () => {
    const a = removing;
    if (!a) return;
    const ok = await act.run(async () => (await api.deleteApiAccount(a.id), true), {
      success: `API account ${a.name} deleted.`,
    });
    setRemoving(null);
    if (ok) list.setData((l) => l?.filter((x) => x.id !== a.id));
  };

  return (
    <>
      <PageHeader
        title="API accounts"
        description={
          <>
            For scripts and automation: POST the name and secret to <code>/clients/token</code>{' '}
            (client_credentials) for a bearer token valid 10 hours, with host-admin rights on{' '}
            <code>/api/v1</code>.
          </>
        }
        actions={create}
      />
      <Card flush>
        {list.error ? (
          <div className="card-body">
            <LoadError error={list.error} retry={list.reload} what="the API accounts" />
          </div>
        ) : !list.data ? (
          <Loading />
        ) : list.data.length === 0 ? (
          <EmptyState
            icon="key"
            title="No API accounts"
            action={
              <Button variant="primary" onClick={() => setCreating(true)}>
                Create the first API account
              </Button>
            }
          >
            Create one for each script or system that manages this gateway, so each can be revoked
            alone.
          </EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <div className="cell-title mono">{a.name}</div>
                    <div className="cell-sub mono">{a.id}</div>
                  </td>
                  <td className="muted">{formatDate(a.created_at)}</td>
                  <td style={{ textAlign: 'right' }}>
                    <Button
                      size="sm"
                      variant="danger"
                      onClick={() => setRemoving(a)}
                      aria-label={`Delete API account ${a.name}`}
                    >
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <CreateApiAccountDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(a) => list.setData((l) => [...(l ?? []), a])}
      />
      <ConfirmDialog
        open={removing !== null}
        title={`Delete ${removing?.name ?? ''}?`}
        confirmLabel="Delete API account"
        danger
        busy={act.busy}
        onConfirm={() => void remove()}
        onClose={() => setRemoving(null)}
      >
        Its tokens stop working at once; scripts using it will be refused.
      </ConfirmDialog>
    </>
  );
}
