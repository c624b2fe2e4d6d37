import { Callout } from '../../components/Callout';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { Link } from '../../components/Link';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { formatCount } from '../../format';
import { useLoad } from '../../hooks/use-load';
import { useApi } from '../../hub-context';
import { useOpenAccount } from './account-context';
import { ActivityChart } from './ActivityChart';
import { buckets, totals } from './metrics-summary';
import { PixelStateBadges } from './PixelStateBadges';

const DAY = 24 * 60;

/** The last 24 hours at a glance: counts, a chart, and which pixels need attention. */
export function OverviewTab() {
  const api = useApi();
  const { account } = useOpenAccount();
  const data = useLoad(async () => {
    const [metrics, pixels] = await Promise.all([
      api.metrics(account.id, DAY),
      api.listPixels(account.id),
    ]);
    return { metrics, pixels };
  }, [account.id]);
  if (data.error) return <LoadError error={data.error} retry={data.reload} what="the overview" />;
  if (!data.data) return <Loading />;
  const { metrics, pixels } = data.data;
  const { all, byPixel } = totals(metrics.series);
  const troubled = pixels.filter((p) => p.token_status === 'invalid' || p.last_error);
  const stats = [
    { label: 'Received', value: all.received, hint: 'from browsers and servers' },
    { label: 'Sent to Meta', value: all.published, hint: 'accepted by the Conversions API' },
    { label: 'Failed', value: all.failed, hint: 'refused by Meta' },
    { label: 'Rejected', value: all.rejected, hint: 'invalid at intake' },
  ];
  return (
    <div className="stack">
      {account.status === 'setup' && (
        <Callout tone="warn" title="Setup in progress">
          This account is waiting for its invited admin to accept. Until then it has no users who
          can add pixels.
        </Callout>
      )}
      {troubled.map((p) => (
        <Callout
          key={p.pixel_id}
          tone="bad"
          title={`${p.name} needs attention`}
          actions={
            <Link to={{ name: 'pixel', accountId: account.id, pixelId: p.pixel_id }}>
              Open pixel
            </Link>
          }
        >
          {p.token_status === 'invalid'
            ? 'Meta refused its access token, so events are held. Enter a new token to release them.'
            : 'Some events were refused by Meta recently. Open the pixel to see which and why.'}
        </Callout>
      ))}
      <h2 className="section-title">Last 24 hours</h2>
      <section aria-label="Last 24 hours" className="stats">
        {stats.map((s) => (
          <div key={s.label} className="card stat">
            <div className="label">{s.label}</div>
            <div className="value">{formatCount(s.value)}</div>
            <div className="muted" style={{ fontSize: 12 }}>
              {s.hint}
            </div>
          </div>
        ))}
      </section>
      <Card title="Activity" description="Events received per hour over the last 24 hours.">
        {all.received + all.rejected === 0 ? (
          <EmptyState icon="chart" title="No events yet">
            {pixels.length
              ? 'Events appear here within a minute of the snippet running on a page, or of a server sending them.'
              : 'Connect a pixel and install its snippet; events appear here within a minute.'}
          </EmptyState>
        ) : (
          <ActivityChart
            data={buckets(metrics.series, DAY, 24)}
            label={`${formatCount(all.received)} events received in the last 24 hours`}
          />
        )}
      </Card>
      <Card
        title="Pixels"
        flush
        actions={
          <Link to={{ name: 'account', accountId: account.id, tab: 'pixels' }}>All pixels</Link>
        }
      >
        {pixels.length === 0 ? (
          <EmptyState icon="pixel" title="No pixels yet">
            Connect a Meta pixel on the Pixels tab to start receiving events.
          </EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Pixel</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Received (24 h)
                </th>
                <th scope="col" className="num">
                  Sent to Meta
                </th>
              </tr>
            </thead>
            <tbody>
              {pixels.map((p) => (
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
                  <td className="num">{formatCount(byPixel.get(p.pixel_id)?.received ?? 0)}</td>
                  <td className="num">{formatCount(byPixel.get(p.pixel_id)?.published ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
