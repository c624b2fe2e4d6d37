import type { PixelDto } from '../../api/types';
import { Badge } from '../../components/Badge';

/** A pixel's state in words: receiving, publishing, token, test mode. */
export function PixelStateBadges({ pixel }: { pixel: PixelDto }) {
  return (
    <span className="row">
      {pixel.token_status === 'invalid' && <Badge tone="bad">Token refused</Badge>}
      <Badge tone={pixel.receiving ? 'ok' : 'neutral'}>
        {pixel.receiving ? 'Receiving' : 'Not receiving'}
      </Badge>
      <Badge tone={pixel.publishing ? 'ok' : 'warn'}>
        {pixel.publishing ? 'Publishing' : 'Paused'}
      </Badge>
      {pixel.test_event_code && <Badge tone="info">Test mode</Badge>}
    </span>
  );
}
