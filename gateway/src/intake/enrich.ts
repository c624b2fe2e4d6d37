import { randomUUID } from 'node:crypto';
import { INTAKE_LIMITS, type RejectedEvent } from '@capgw/shared/schemas/intake';
import type { ErrorCode } from '@capgw/shared/protocol/errors';
import { ERRORS } from '@capgw/shared/protocol/errors';
import {
  buildFbc,
  fbclidFromUrl,
  hashUserData,
  isValidFbc,
  isValidFbp,
  type UserDataHasher,
} from '../normalize/index.js';
import { parseEvent } from './read-event.js';

/** Who sent a body, as the server saw it. Browsers are not trusted with any of this. */
export interface SenderContext {
  channel: 'browser' | 'websocket' | 'server';
  ip?: string;
  userAgent?: string;
  /** First-party `_fbp` / `_fbc` cookies that came with the request. */
  cookies: { fbp?: string; fbc?: string };
  /** Page the browser was on (Referer, else Origin), used when an event carries no URL. */
  referer?: string;
}

export type Enriched = {
  ok: true;
  eventName: string;
  payload: string;
  /** The page the event happened on (for website blocks). */
  url: string | undefined;
  /** The sender's own event_id (undefined when the gateway made one up). */
  eventId: string | undefined;
};
export type Refused = { ok: false; code: ErrorCode; message: string };

const refuse = (code: ErrorCode, message: string = ERRORS[code].message): Refused => ({
  ok: false,
  code,
  message,
});

/**
 * Validates one event and fills in what only a server can: IP, user agent, action source,
 * first-party fbp/fbc, event time; then normalizes and hashes user data (normalize/), with
 * `hasher` when the request carries several events.
 */
export function enrichEvent(
  raw: unknown,
  ctx: SenderContext,
  nowMs: number,
  hasher?: UserDataHasher,
): Enriched | Refused {
  const parsed = parseEvent(raw);
  if (!parsed.ok) return refuse('EVENT_INVALID', parsed.message);
  const e = parsed.event;
  const now = Math.floor(nowMs / 1000);
  let time = e.event_time ?? now;
  if (time > 1e11) time = Math.floor(time / 1000); // milliseconds sent by mistake
  if (now - time > INTAKE_LIMITS.maxEventAgeSeconds) return refuse('EVENT_TOO_OLD');
  if (time - now > INTAKE_LIMITS.maxFutureSkewSeconds) return refuse('EVENT_IN_FUTURE');
  // A browser clock slightly ahead is not the user's fault: Meta refuses future times.
  if (time > now) time = now;

  const fromBrowser = ctx.channel !== 'server';
  const url = e.event_source_url ?? (fromBrowser ? ctx.referer : undefined);
  // Hashing first gives the one new object that is sent; the fields set below are never hashed.
  const userData = hashUserData(e.user_data ?? {}, hasher);
  if (fromBrowser) {
    // What the browser claims about itself is replaced by what the server observed.
    if (ctx.ip) userData.client_ip_address = ctx.ip;
    else delete userData.client_ip_address;
    if (ctx.userAgent) userData.client_user_agent = ctx.userAgent;
    else delete userData.client_user_agent;
  }
  const fbp = pickCookie(userData.fbp, ctx.cookies.fbp, isValidFbp);
  if (fbp) userData.fbp = fbp;
  else delete userData.fbp;
  let fbc = pickCookie(userData.fbc, ctx.cookies.fbc, isValidFbc);
  const fbclid = url ? fbclidFromUrl(url) : null;
  // A click id in the URL that the cookie does not carry yet is the newer click.
  if (fbclid && (!fbc || !fbc.endsWith(`.${fbclid}`))) fbc = buildFbc(fbclid, nowMs);
  if (fbc) userData.fbc = fbc;
  else delete userData.fbc;

  const actionSource = e.action_source ?? (fromBrowser || url ? 'website' : 'other');
  // Meta refuses a whole batch for one such event: better a clear 400 now than a loss later.
  if (actionSource === 'website' && (!url || typeof userData.client_user_agent !== 'string')) {
    return refuse('EVENT_INVALID', 'website events need event_source_url and client_user_agent');
  }
  // `e` is the reader's own copy: completing it in place spares a second object per event.
  const out: Record<string, unknown> = e;
  out.event_time = time;
  const eventId = e.event_id;
  out.event_id = eventId ?? randomUUID();
  out.action_source = actionSource;
  if (url) out.event_source_url = url;
  out.user_data = userData;
  return { ok: true, eventName: e.event_name, payload: JSON.stringify(out), url, eventId };
}

function pickCookie(given: unknown, cookie: string | undefined, valid: (v: string) => boolean) {
  if (typeof given === 'string' && valid(given)) return given;
  if (cookie && valid(cookie)) return cookie;
  return undefined;
}

/** Lower-case hostname of a URL, or undefined for anything that is not one. */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

export type { RejectedEvent };
