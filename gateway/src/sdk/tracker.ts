/**
 * Turns fbq commands into gateway events. It sees every call before the Meta Pixel does, and
 * returns the arguments the pixel should get: the same, plus the event_id as `eventID`.
 */
import { currentIdentity, type Identity } from './cookies';
import type { BrowserEvent } from './types';
import { isObject, newEventId } from './util';

/** Advanced-matching keys the Meta Pixel accepts in `fbq('init', id, {...})`. */
const MATCH_KEYS = ['em', 'ph', 'fn', 'ln', 'ge', 'db', 'ct', 'st', 'zp', 'country', 'external_id'];

export type Send = (pixelId: string, event: BrowserEvent) => void;

export interface Tracker {
  /** Mirrors one fbq call and returns the arguments to hand on to the pixel. */
  handle(args: unknown[]): unknown[];
  /** Registers a pixel the Meta Pixel initialised before this client arrived. */
  knowPixel(pixelId: string): void;
}

function matchingData(am: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(am)) return out;
  for (const key of MATCH_KEYS) {
    const v = am[key];
    // Sent raw: the gateway normalizes and hashes, and leaves already-hashed values alone.
    if ((typeof v === 'string' && v) || typeof v === 'number') out[key] = String(v);
  }
  return out;
}

/** A copy of the page's params, so later changes to the page's object are not sent. */
function snapshot(params: unknown): Record<string, unknown> {
  try {
    return isObject(params) ? (JSON.parse(JSON.stringify(params)) as Record<string, unknown>) : {};
  } catch {
    return {}; // cyclic or otherwise unserializable
  }
}

export function createTracker(send: Send, identity: Identity): Tracker {
  const pixels = new Map<string, Record<string, string>>();
  /** Events tracked while consent is revoked wait here, as the Meta Pixel pauses its own. */
  let held: (() => void)[] | undefined;

  function emit(targets: string[], name: string, eventId: string, params: unknown): void {
    const now = Math.floor(Date.now() / 1000);
    const custom = snapshot(params);
    for (const pixelId of targets) {
      const am = pixels.get(pixelId);
      if (!am) continue; // like the pixel: events for a pixel never initialised go nowhere
      const { fbp, fbc } = currentIdentity(identity);
      const event: BrowserEvent = {
        event_name: name,
        event_id: eventId,
        event_time: now,
        event_source_url: location.href,
        user_data: { ...am, ...(fbp && { fbp }), ...(fbc && { fbc }) },
        custom_data: custom,
      };
      if (document.referrer) event.referrer_url = document.referrer;
      if (held) held.push(() => send(pixelId, event));
      else send(pixelId, event);
    }
  }

  /** `nameAt` is where the event name sits: 1 for track/trackCustom, 2 for the Single forms. */
  function track(args: unknown[], nameAt: number, targets: string[]): unknown[] {
    const name = args[nameAt];
    if (typeof name !== 'string' || !name) return args;
    const params = args[nameAt + 1];
    const options = isObject(args[nameAt + 2]) ? (args[nameAt + 2] as Record<string, unknown>) : {};
    const given = options.eventID;
    const chosen = typeof given === 'string' || typeof given === 'number' ? String(given) : '';
    const eventId = chosen || newEventId();
    emit(targets, name, eventId, params);
    if (chosen) return args; // the page chose the id and already passes it to the pixel
    const out = args.slice(0, nameAt + 1);
    out.push(isObject(params) ? params : {}, { ...options, eventID: eventId });
    return out;
  }

  return {
    handle(args) {
      switch (args[0]) {
        case 'init': {
          const id = String(args[1] ?? '');
          if (/^\d+$/.test(id)) pixels.set(id, { ...pixels.get(id), ...matchingData(args[2]) });
          return args;
        }
        case 'track':
        case 'trackCustom':
          return track(args, 1, [...pixels.keys()]);
        case 'trackSingle':
        case 'trackSingleCustom':
          return track(args, 2, [String(args[1])]);
        case 'consent':
          if (args[1] === 'revoke') held ??= [];
          else if (args[1] === 'grant') {
            const waiting = held ?? [];
            held = undefined;
            waiting.forEach((release) => release());
          }
          return args;
        default:
          return args;
      }
    },
    knowPixel(pixelId) {
      if (!pixels.has(pixelId)) pixels.set(pixelId, {});
    },
  };
}
