import { useState } from 'react';
import { pixelSnippet } from '../../../snippet';
import { Card } from '../../components/Card';
import { CopyField } from '../../components/CopyField';
import { useHub } from '../../hub-context';

/** The code for the website's <head>: Meta's pixel plus this gateway's client, ready to paste. */
export function SnippetCard({ pixelId }: { pixelId: string }) {
  const { gatewayUrl } = useHub();
  const [metaPixel, setMetaPixel] = useState(true);
  let snippet: string;
  try {
    snippet = pixelSnippet({ gatewayUrl, pixelId, metaPixel });
  } catch (err) {
    snippet = `<!-- ${(err as Error).message} -->`;
  }
  return (
    <Card
      title="Website snippet"
      description="Paste it into the <head> of every page, replacing any Meta Pixel code already there. Each event then goes to Meta through the pixel and through this gateway, with one event id so Meta counts it once."
    >
      <div className="stack">
        <label className="row">
          <input
            type="checkbox"
            checked={metaPixel}
            onChange={(e) => setMetaPixel(e.target.checked)}
          />
          Include Meta’s own pixel (recommended)
        </label>
        <CopyField label="Snippet" value={snippet} multiline />
      </div>
    </Card>
  );
}
