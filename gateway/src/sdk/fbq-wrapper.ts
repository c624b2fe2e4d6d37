/**
 * Puts the tracker in front of `window.fbq` without replacing the Meta Pixel: a Proxy over the
 * pixel's own function, so every property fbevents.js reads or sets (callMethod, queue,
 * getState, plugins) still lands on the original, and its base code keeps working unchanged.
 */
import type { Tracker } from './tracker';
import type { Fbq, SdkWindow } from './types';
import { safe } from './util';

/**
 * The Meta Pixel base code's stub, minus the fbevents.js download: pages with no Meta Pixel get
 * a working `fbq`, and if fbevents.js is added later it finds the shape it expects.
 */
function installStub(w: SdkWindow): Fbq {
  const stub: Fbq = function (...args: unknown[]) {
    if (stub.callMethod) Reflect.apply(stub.callMethod, stub, args);
    else stub.queue?.push(args);
  };
  Object.assign(stub, { push: stub, loaded: true, version: '2.0', queue: [] });
  w.fbq = stub;
  w._fbq ??= stub;
  return stub;
}

/** The tracker's view of a call; on any failure the pixel still gets the page's own call. */
function mirror(tracker: Tracker, args: unknown[]): unknown[] {
  try {
    return tracker.handle(args);
  } catch {
    return args;
  }
}

/** Overwrites a queued `arguments` object in place, so fbevents.js replays the eventID too. */
function rewrite(entry: ArrayLike<unknown>, args: unknown[]): void {
  const target = entry as unknown as { [i: number]: unknown; length: number };
  args.forEach((v, i) => (target[i] = v));
  target.length = args.length;
}

export function wrapFbq(w: SdkWindow, tracker: Tracker): void {
  const original = typeof w.fbq === 'function' ? w.fbq : installStub(w);
  // callMethod is set by fbevents.js once it has replayed the queue: too late to add eventIDs.
  const pixelRan = typeof original.callMethod === 'function';
  for (const entry of Array.from(original.queue ?? [])) {
    const args = mirror(tracker, Array.from(entry));
    if (!pixelRan) safe(rewrite)(entry, args);
  }
  if (pixelRan) learnPixels(original, tracker);

  const wrapped = new Proxy(original, {
    apply(target, self, args: unknown[]) {
      return Reflect.apply(target, self, mirror(tracker, args));
    },
  });
  w.fbq = wrapped;
  if (w._fbq === original) w._fbq = wrapped;
}

/**
 * When fbevents.js ran first and emptied its queue, the `init` calls are gone; its state still
 * names the pixels, so later `track` calls reach the gateway.
 */
function learnPixels(fbq: Fbq, tracker: Tracker): void {
  try {
    for (const p of fbq.getState?.().pixels ?? []) {
      if (typeof p.id === 'string' || typeof p.id === 'number') tracker.knowPixel(String(p.id));
    }
  } catch {
    // getState is fbevents.js internals; without it only later init calls are known.
  }
}
