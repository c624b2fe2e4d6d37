import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks/use-load';
import { useApi } from '../../hub-context';
import { useOpenAccount } from './account-context';

/** Events Meta refused for good, newest first, with Meta's own reason. */
export function PixelErrorsCard({ pixelId }: { pixelId: string }) {
  const api = useApi();
  const { account } = useOpenAccount();
  const errors = useLoad(() => api.pixelErrors(account.id, pixelId), [account.id, pixelId]);
  return (
    <Card
      title="Recent errors"
      description="Events Meta refused. They are not retried: fix the cause on the website or server that sends them."
      flush
    >
      {errors.error ? (
        <div className="card-body">
          <LoadError error={errors.error} retry={errors.reload} what="the errors" />
        </div>
      ) : !errors.data ? (
        <Loading />
      ) : errors.data.length === 0 ? (
        <EmptyState icon="shield" title="No errors">
          Meta has accepted every event of this pixel recently.
        </EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {errors.data.slice(0, 50).map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td className="muted">{formatDateTime(e.at)}</td>
                <td>
                  <div className="cell-title">{e.event_name ?? '—'}</div>
                  {e.event_id && <div className="cell-sub mono">{e.event_id}</div>}
                </td>
                <td>
                  <div>{e.message ?? e.reason}</div>
                  {(e.code !== null || e.fbtrace_id) && (
                    <div className="cell-sub mono">
                      {e.code !== null && `code ${e.code}${e.subcode ? `/${e.subcode}` : ''}`}{' '}
                      {e.fbtrace_id && `· trace ${e.fbtrace_id}`}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
