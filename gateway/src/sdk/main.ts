/**
 * Entry point of `/sdk/events.js`: mirrors the page's Meta Pixel calls to the gateway that
 * served this script. Bundled by gateway/scripts/build-sdk.mjs as one IIFE with no globals
 * except `window.__capgw`.
 */
import { ensureCookies } from './cookies';
import { wrapFbq } from './fbq-wrapper';
import { Outbox } from './queue';
import { createTracker } from './tracker';
import { Transport } from './transport';
import type { SdkWindow } from './types';
import { safe } from './util';

const VERSION = '1';

/** This script's own URL: the gateway to talk to, including any path prefix it is served under. */
function scriptSrc(): string | undefined {
  const current = document.currentScript as HTMLScriptElement | null;
  if (current?.src) return current.src;
  // Inserted by a tag manager that evaluates the code itself: find the tag by its path.
  const tags = document.querySelectorAll<HTMLScriptElement>('script[src*="/sdk/events.js"]');
  return tags[tags.length - 1]?.src;
}

function start(w: SdkWindow): void {
  if (w.__capgw) return; // included twice: the first copy already mirrors everything
  w.__capgw = { v: VERSION };
  const src = scriptSrc();
  if (!src) return;
  const httpUrl = new URL('../events', src).href;
  const ws = new URL('../events/ws', src);
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';

  // Before anything can be tracked, so simultaneous first events share one _fbp.
  const identity = ensureCookies();
  const outbox = new Outbox(() => transport.send());
  const transport = new Transport(httpUrl, ws.href, outbox);
  const tracker = createTracker((pixelId, event) => outbox.add(pixelId, event), identity);
  wrapFbq(w, tracker);

  const leave = (closeSocket: boolean) =>
    safe(() => {
      outbox.flush();
      transport.hide(closeSocket);
    });
  const hidden = leave(false);
  w.addEventListener('pagehide', leave(true));
  document.addEventListener(
    'visibilitychange',
    safe(() => {
      // On mobile this is often the last event a page gets before being discarded.
      if (document.visibilityState === 'hidden') hidden();
    }),
  );
}

try {
  start(window as SdkWindow);
} catch {
  // Whatever goes wrong here, the page and its Meta Pixel carry on.
}
