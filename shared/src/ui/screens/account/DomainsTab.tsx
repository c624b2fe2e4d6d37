import { useState } from 'react';
import type { Domain } from '../../api/types';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { useAction } from '../../hooks/use-action';
import { useLoad } from '../../hooks/use-load';
import { useApi } from '../../hub-context';
import { useOpenAccount } from './account-context';
import { AddDomainDialog } from './AddDomainDialog';

const STATUS = {
  pending: ['warn', 'Waiting for DNS'],
  verified: ['ok', 'Verified'],
  failed: ['bad', 'DNS not found'],
} as const;

/** First-party domains (a CNAME to this gateway) and websites whose events are refused. */
export function DomainsTab() {
  const api = useApi();
  const { account, caps } = useOpenAccount();
  const domains = useLoad(() => api.listDomains(account.id), [account.id]);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Domain | null>(null);
  const act = useAction();
  const add = caps.admin && (
    <Button variant="primary" onClick={() => setAdding(true)}>
      <Icon name="plus" /> Add domain
    </Button>
  );
  const remove = async () => {
    const d = removing;
    if (!d) return;
    const ok = await act.run(async () => (await api.removeDomain(account.id, d.id), true), {
      success: `${d.hostname} removed.`,
    });
    setRemoving(null);
    if (ok) domains.setData((list) => list?.filter((x) => x.id !== d.id));
  };

  return (
    <>
      <Card
        title="Domains"
        description="Serve the gateway from the advertiser’s own domain (first-party cookies last longer), or refuse events from websites that are not theirs."
        actions={add}
        flush
      >
        {domains.error ? (
          <div className="card-body">
            <LoadError error={domains.error} retry={domains.reload} what="the domains" />
          </div>
        ) : !domains.data ? (
          <Loading />
        ) : domains.data.length === 0 ? (
          <EmptyState
            icon="globe"
            title="No domains yet"
            action={
              caps.admin && (
                <Button variant="primary" onClick={() => setAdding(true)}>
                  Add the first domain
                </Button>
              )
            }
          >
            Events are accepted from any website until you add one. A first-party domain such as
            capi.shop.example makes the gateway part of the shop’s own site.
          </EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Hostname</th>
                <th scope="col">Use</th>
                <th scope="col">DNS</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {domains.data.map((d) => (
                <tr key={d.id}>
                  <td>
                    <div className="cell-title mono">{d.hostname}</div>
                    {d.cname_target && (
                      <div className="cell-sub">
                        CNAME → <span className="mono">{d.cname_target}</span>
                      </div>
                    )}
                  </td>
                  <td>
                    {d.kind === 'first_party'
                      ? 'First-party'
                      : `Blocked${d.pixel_id ? ` for pixel ${d.pixel_id}` : ''}`}
                  </td>
                  <td>
                    {d.kind === 'first_party' ? (
                      <Badge tone={STATUS[d.status][0]}>{STATUS[d.status][1]}</Badge>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td style={{ textAlign: 'right' }}>
                    {caps.admin && (
                      <Button
                        size="sm"
                        variant="danger"
                        onClick={() => setRemoving(d)}
                        aria-label={`Remove ${d.hostname}`}
                      >
                        Remove
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <AddDomainDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(d) => domains.setData((list) => [...(list ?? []), d])}
      />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.hostname ?? ''}?`}
        confirmLabel="Remove domain"
        danger
        busy={act.busy}
        onConfirm={() => void remove()}
        onClose={() => setRemoving(null)}
      >
        {removing?.kind === 'first_party'
          ? 'Pages that send events through this domain will stop reaching the gateway.'
          : 'Events from this website will be accepted again.'}
      </ConfirmDialog>
    </>
  );
}
