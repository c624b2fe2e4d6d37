import { useState } from 'react';
import type { PixelDto } from '../../api/types';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../hooks/use-load';
import { useApi } from '../../hub-context';
import { useOpenAccount } from './account-context';
import { AddPixelDialog } from './AddPixelDialog';
import { PixelStateBadges } from './PixelStateBadges';

/** The account's pixels; admins connect new ones here. */
export function PixelsTab() {
  const api = useApi();
  const { account, caps } = useOpenAccount();
  const pixels = useLoad(() => api.listPixels(account.id), [account.id]);
  const [adding, setAdding] = useState(false);
  const add = caps.admin && (
    <Button variant="primary" onClick={() => setAdding(true)}>
      <Icon name="plus" /> Add pixel
    </Button>
  );
  const added = (p: PixelDto) => pixels.setData((list) => [...(list ?? []), p]);

  return (
    <>
      <Card
        title="Pixels"
        description="Each Meta pixel (dataset) whose events this gateway receives and sends to the Conversions API."
        actions={add}
        flush
      >
        {pixels.error ? (
          <div className="card-body">
            <LoadError error={pixels.error} retry={pixels.reload} what="the pixels" />
          </div>
        ) : !pixels.data ? (
          <Loading />
        ) : pixels.data.length === 0 ? (
          <EmptyState
            icon="pixel"
            title="No pixels yet"
            action={
              caps.admin && (
                <Button variant="primary" onClick={() => setAdding(true)}>
                  Add the first pixel
                </Button>
              )
            }
          >
            {caps.admin
              ? 'Connect a pixel with its id and a Conversions API access token from Meta Events Manager.'
              : 'An admin of this account has not connected a pixel yet.'}
          </EmptyState>
        ) : (
          <table className="table">
            <caption className="sr-only">Pixels</caption>
            <thead>
              <tr>
                <th scope="col">Pixel</th>
                <th scope="col">State</th>
                <th scope="col">Access token</th>
              </tr>
            </thead>
            <tbody>
              {pixels.data.map((p) => (
                <tr key={p.pixel_id}>
                  <td>
                    <Link
                      to={{ name: 'pixel', accountId: account.id, pixelId: p.pixel_id }}
                      className="cell-title"
                    >
                      {p.name}
                    </Link>
                    <div className="cell-sub mono">{p.pixel_id}</div>
                  </td>
                  <td>
                    <PixelStateBadges pixel={p} />
                  </td>
                  <td className="mono muted">…{p.token_last4}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <AddPixelDialog open={adding} onClose={() => setAdding(false)} onAdded={added} />
    </>
  );
}
