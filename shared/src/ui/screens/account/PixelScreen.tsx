import { useState } from 'react';
import type { PixelDetail, PixelDto } from '../../api/types';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useAction } from '../../hooks/use-action';
import { useLoad } from '../../hooks/use-load';
import { useApi } from '../../hub-context';
import { useGo } from '../../routing/use-route';
import { useOpenAccount } from './account-context';
import { PixelErrorsCard } from './PixelErrorsCard';
import { PixelFlowCard } from './PixelFlowCard';
import { PixelStateBadges } from './PixelStateBadges';
import { PixelTokenCard } from './PixelTokenCard';
import { SnippetCard } from './SnippetCard';

/** One pixel: switches, test code, token, the page snippet, recent errors, removal. */
export function PixelScreen({ pixelId }: { pixelId: string }) {
  const api = useApi();
  const go = useGo();
  const { account, caps } = useOpenAccount();
  const pixel = useLoad(() => api.getPixel(account.id, pixelId), [account.id, pixelId]);
  const [removing, setRemoving] = useState(false);
  const remove = useAction();
  const back = (
    <Link to={{ name: 'account', accountId: account.id, tab: 'pixels' }} className="row">
      <Icon name="back" /> All pixels of {account.name}
    </Link>
  );

  if (pixel.error)
    return (
      <>
        {back}
        <PageHeader title={`Pixel ${pixelId}`} />
        <LoadError error={pixel.error} retry={pixel.reload} what="this pixel" />
      </>
    );
  if (!pixel.data) return <Loading label="Loading the pixel…" />;
  const p = pixel.data;
  const canUpdate = p.can_update ?? caps.admin;
  // Answers to writes carry the pixel without can_update; keep what GET said.
  const changed = (next: PixelDto) =>
    pixel.setData((cur) => ({ ...next, can_update: cur?.can_update }) as PixelDetail);
  const confirmRemove = async () => {
    const ok = await remove.run(async () => (await api.deletePixel(account.id, p.pixel_id), true), {
      success: `Pixel ${p.name} removed.`,
    });
    if (ok) go({ name: 'account', accountId: account.id, tab: 'pixels' }, { replace: true });
  };

  return (
    <>
      {back}
      <div style={{ height: 12 }} />
      <PageHeader
        title={p.name}
        description={
          <span className="row">
            <span className="mono">{p.pixel_id}</span>
            <PixelStateBadges pixel={p} />
          </span>
        }
      />
      <div className="stack">
        {!canUpdate && (
          <Callout tone="info" title="View only">
            Your role lets you see this pixel and its data, not change it. Account admins, and
            managers assigned to this pixel, can change it.
          </Callout>
        )}
        <div className="grid-2">
          <PixelFlowCard pixel={p} canUpdate={canUpdate} onChanged={changed} />
          <PixelTokenCard
            pixel={p}
            canUpdate={canUpdate}
            canRotate={caps.admin}
            onChanged={changed}
          />
        </div>
        <SnippetCard pixelId={p.pixel_id} />
        <PixelErrorsCard pixelId={p.pixel_id} />
        {caps.admin && (
          <Card
            title="Remove this pixel"
            description="Events for it are refused from then on; events already sent to Meta stay there."
          >
            <Button variant="danger" onClick={() => setRemoving(true)}>
              Remove pixel
            </Button>
          </Card>
        )}
      </div>
      <ConfirmDialog
        open={removing}
        title={`Remove ${p.name}?`}
        confirmLabel="Remove pixel"
        danger
        busy={remove.busy}
        onConfirm={confirmRemove}
        onClose={() => setRemoving(false)}
      >
        Pages that still load the snippet will have their events refused. Its access token and key
        are deleted.
      </ConfirmDialog>
    </>
  );
}
