/**
 * The HTML an advertiser pastes into every page's <head>: Meta's Pixel base code, unchanged,
 * followed by the gateway's browser client. The hub, the desktop app and the README all show
 * exactly this text, so a page set up from any of them behaves the same.
 */

export interface SnippetOptions {
  /** The gateway's public address, e.g. `https://capig.shop.example` (a path prefix is kept). */
  gatewayUrl: string;
  /** The Meta pixel (dataset) id: digits only. */
  pixelId: string;
  /**
   * Include Meta's own Pixel (default). Without it the page gets the same `fbq` stub and every
   * event goes to the gateway only.
   */
  metaPixel?: boolean;
}

const FBEVENTS = 'https://connect.facebook.net/en_US/fbevents.js';

/** Meta's base code stub; with `load` false it skips downloading fbevents.js. */
function baseCode(load: boolean): string {
  const loader = load
    ? `t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script',
'${FBEVENTS}');`
    : `}(window);`;
  return `!function(f,b,e,v,n,t,s)
{if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];${loader}`;
}

/** The script URL of the gateway's browser client, with the page-facing address normalized. */
export function sdkUrl(gatewayUrl: string): string {
  const url = new URL(gatewayUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The gateway URL must be http(s): ${gatewayUrl}`);
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/sdk/events.js`;
  url.search = '';
  url.hash = '';
  return url.href;
}

/** Everything the page needs, ready to paste. Throws on a pixel id or URL that is not valid. */
export function pixelSnippet({ gatewayUrl, pixelId, metaPixel = true }: SnippetOptions): string {
  // Both values end up inside HTML and JavaScript: validating them is what keeps that safe.
  if (!/^\d{1,20}$/.test(pixelId)) throw new Error(`A pixel id is digits only: ${pixelId}`);
  const src = sdkUrl(gatewayUrl).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const gateway = [
    // After the base code: the client wraps the fbq that code defined, queued calls included.
    `<script async src="${src}"></script>`,
    '<!-- End Conversions API Gateway -->',
  ];
  const script = [
    '<script>',
    baseCode(metaPixel),
    `fbq('init', '${pixelId}');`,
    `fbq('track', 'PageView');`,
    '</script>',
  ];
  if (!metaPixel) return ['<!-- Conversions API Gateway -->', ...script, ...gateway].join('\n');
  return [
    '<!-- Meta Pixel Code -->',
    ...script,
    `<noscript><img height="1" width="1" style="display:none"`,
    `src="https://www.facebook.com/tr?id=${pixelId}&ev=PageView&noscript=1"`,
    `/></noscript>`,
    '<!-- End Meta Pixel Code -->',
    '<!-- Conversions API Gateway: mirrors the pixel to this gateway -->',
    ...gateway,
  ].join('\n');
}
