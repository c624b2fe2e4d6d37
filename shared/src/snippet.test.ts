import { describe, expect, it } from 'vitest';
import { pixelSnippet, sdkUrl } from './snippet.js';

/** Runs the snippet's inline script against a fake window and document, as a browser would. */
function runInline(html: string) {
  const code = /<script>\n([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const inserted: { src?: string; async?: boolean }[] = [];
  const first = { parentNode: { insertBefore: (t: object) => inserted.push(t) } };
  const document = {
    createElement: () => ({}),
    getElementsByTagName: () => [first],
  };
  const window: Record<string, unknown> = {};
  new Function('window', 'document', `${code.replace(/fbq\(/g, 'window.fbq(')}`)(window, document);
  return { window, inserted };
}

describe('pixelSnippet', () => {
  const html = pixelSnippet({ gatewayUrl: 'https://capig.shop.example', pixelId: '1234567890' });

  it('is the Meta Pixel base code followed by the gateway client', () => {
    expect(html).toBe(`<!-- Meta Pixel Code -->
<script>
!function(f,b,e,v,n,t,s)
{if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script',
'https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '1234567890');
fbq('track', 'PageView');
</script>
<noscript><img height="1" width="1" style="display:none"
src="https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1"
/></noscript>
<!-- End Meta Pixel Code -->
<!-- Conversions API Gateway: mirrors the pixel to this gateway -->
<script async src="https://capig.shop.example/sdk/events.js"></script>
<!-- End Conversions API Gateway -->`);
  });

  it('queues init and PageView in the stub and loads fbevents.js asynchronously', () => {
    const { window, inserted } = runInline(html);
    const fbq = window.fbq as { queue: ArrayLike<unknown>[] };
    expect(fbq.queue.map((a) => Array.from(a))).toEqual([
      ['init', '1234567890'],
      ['track', 'PageView'],
    ]);
    expect(inserted).toEqual([
      { async: true, src: 'https://connect.facebook.net/en_US/fbevents.js' },
    ]);
  });

  it('without the Meta Pixel defines the same stub but loads nothing from Meta', () => {
    const only = pixelSnippet({
      gatewayUrl: 'https://gw.example',
      pixelId: '42',
      metaPixel: false,
    });
    expect(only).not.toContain('facebook');
    const { window, inserted } = runInline(only);
    expect((window.fbq as { queue: unknown[] }).queue).toHaveLength(2);
    expect(inserted).toEqual([]);
    expect(only).toContain('<script async src="https://gw.example/sdk/events.js"></script>');
  });

  it('keeps a path prefix and drops a trailing slash, query and fragment', () => {
    expect(sdkUrl('https://shop.example/capig/')).toBe('https://shop.example/capig/sdk/events.js');
    expect(sdkUrl('http://127.0.0.1:8080?x=1#y')).toBe('http://127.0.0.1:8080/sdk/events.js');
  });

  it('refuses values that could inject markup or script', () => {
    expect(() =>
      pixelSnippet({ gatewayUrl: 'https://gw.example', pixelId: "1');alert(1" }),
    ).toThrow(/digits only/);
    expect(() => pixelSnippet({ gatewayUrl: 'javascript:alert(1)', pixelId: '1' })).toThrow(/http/);
    expect(() => pixelSnippet({ gatewayUrl: 'not a url', pixelId: '1' })).toThrow();
  });

  it('escapes the script address for the attribute it sits in', () => {
    const odd = pixelSnippet({ gatewayUrl: 'https://gw.example/a"b&c/', pixelId: '1' });
    expect(odd).toContain('src="https://gw.example/a%22b&amp;c/sdk/events.js"');
  });
});
