// Hashing of CAPI user_data: normalize each raw value, SHA-256 it (lowercase hex), pass values
// that are already hashed through, emit every hashed key as an array of unique strings.
//   https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/customer-information-parameters
//   ("hashed values are SHA-256 ... values are string or list<string>"; hashes from Meta's
//   parameter builder "contain an additional appendix at the end" and must be accepted as-is)
// Pre-hashed detection follows capi-param-builder PIIUtil.js getNormalizedAndHashedPII:
//   https://github.com/facebook/capi-param-builder/blob/main/nodejs/capi-param-builder/src/piiUtil/PIIUtil.js
//
// Runs once per event on the hot path: one regex test and at most one hash per value, no
// lookup tables or closures built per call.

import { hash } from 'node:crypto';
import type { HashedUserDataKey } from './normalize-value.js';
import { isHashedUserDataKey, normalizeValue } from './normalize-value.js';

/**
 * SHA-256 (64 hex) or MD5 (32 hex), any case, optionally followed by a param-builder appendix
 * `.<base64url>`. Divergences: param-builder recognises only its known appendix shapes (a 2-char
 * language token or 8 chars) and would hash anything else a second time, destroying it; we
 * accept any 1–64 base64url chars so a future appendix version is not double-hashed. And where
 * param-builder returns `<hash>.<appendix>` verbatim, we lowercase the hex part as for bare hashes.
 */
const PRE_HASHED = /^(?:[0-9a-f]{64}|[0-9a-f]{32})(?:\.[A-Za-z0-9_-]{1,64})?$/i;

// crypto.hash is the one-shot form: no Hash object per value, about 2.5× faster than
// createHash().update().digest() for these short strings (strings are hashed as UTF-8).
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}

/**
 * The value to forward if `raw` is already hashed (hex lowercased, appendix kept byte for byte),
 * else null. Surrounding whitespace is ignored, as param-builder trims before testing.
 * We never add an appendix ourselves: it declares "made by param-builder vX in language Y".
 */
export function passthroughHash(raw: string): string | null {
  const value = raw.trim();
  if (!PRE_HASHED.test(value)) return null;
  const dot = value.indexOf('.');
  return dot === -1 ? value.toLowerCase() : value.slice(0, dot).toLowerCase() + value.slice(dot);
}

/** One value of `key` → what Meta should receive, or null when it normalizes to nothing. */
export function hashValue(key: HashedUserDataKey, raw: string): string | null {
  const hashed = passthroughHash(raw);
  if (hashed !== null) return hashed;
  const normalized = normalizeValue(key, raw);
  if (normalized === null) return null;
  return CODED_KEYS.has(key) ? codeHash(normalized) : sha256Hex(normalized);
}

/**
 * Keys whose values normalize to a code of one or two letters: country (ISO 3166-1), st (a
 * state or province code, else the first two letters) and ge (m or f). There are at most 702
 * such codes, none of them says who a visitor is, and nearly every browser event carries
 * country and often st: their hashes are kept instead of computed again (a one-shot SHA-256 of
 * a short string costs 0.5-0.9 µs here, most of it OpenSSL's set-up, and an event hashes
 * about ten values). Names, places, contacts and ids are never kept: no plain value outlives
 * the request it came in (UserDataHasher).
 */
const CODED_KEYS: ReadonlySet<HashedUserDataKey> = new Set(['country', 'st', 'ge']);
const CODE = /^[a-z]{1,2}$/;
const codeHashes = new Map<string, string>();

function codeHash(code: string): string {
  let hashed = codeHashes.get(code);
  if (hashed === undefined) {
    hashed = sha256Hex(code);
    // Only a code proper is kept, so the map stays as small as the alphabet makes it.
    if (CODE.test(code)) codeHashes.set(code, hashed);
  }
  return hashed;
}

/** How many code hashes are kept (for the test that holds the bound). */
export const keptCodeHashes = () => codeHashes.size;

/**
 * Remembers the last value hashed for each key. A browser batches the events of one page view,
 * and the visitor's user data is the same in each of them: with one hasher per request, each
 * value is normalized and hashed once. Its caller scopes it to one request, so no plain value
 * outlives the request it came in.
 */
export class UserDataHasher {
  private readonly last = new Map<HashedUserDataKey, { raw: string; hashed: string | null }>();

  value(key: HashedUserDataKey, raw: string): string | null {
    const prev = this.last.get(key);
    if (prev !== undefined && prev.raw === raw) return prev.hashed;
    const hashed = hashValue(key, raw);
    this.last.set(key, { raw, hashed });
    return hashed;
  }
}

const hashOne = (key: HashedUserDataKey, raw: string, hasher: UserDataHasher | undefined) =>
  hasher === undefined ? hashValue(key, raw) : hasher.value(key, raw);

// Pages pass numbers too (Meta's own example: `external_id: 12345`, numeric zip codes): a finite
// number counts as its decimal text.
const asText = (v: unknown): unknown =>
  typeof v === 'number' && Number.isFinite(v) ? String(v) : v;

function hashValues(
  key: HashedUserDataKey,
  raw: unknown,
  hasher: UserDataHasher | undefined,
): string[] | null {
  const value = asText(raw);
  if (typeof value === 'string') {
    const hashed = hashOne(key, value, hasher);
    return hashed === null ? null : [hashed];
  }
  if (!Array.isArray(value)) return null; // objects, null, booleans: ignored
  let out: string[] | null = null;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = asText(value[i]);
    if (typeof item !== 'string') continue;
    const hashed = hashOne(key, item, hasher);
    if (hashed === null) continue;
    // Arrays are tiny (a few emails/phones), so a linear includes beats allocating a Set.
    if (out === null) out = [hashed];
    else if (!out.includes(hashed)) out.push(hashed);
  }
  return out;
}

/**
 * Returns a new user_data object. Each key of HASHED_USER_DATA_KEYS (string or array of strings)
 * becomes an array of unique hashes; a key whose values all normalize to nothing is dropped.
 * Every other key (client_ip_address, client_user_agent, fbc, fbp, lead_id...) is copied as-is:
 * Meta wants those unhashed. Never throws on JSON input; non-objects yield `{}`. An own
 * `__proto__` key (possible after JSON.parse) is dropped: it is not a CAPI field and assigning
 * it would replace the result's prototype. `hasher` spares repeated values (see UserDataHasher).
 */
export function hashUserData(
  userData: Record<string, unknown>,
  hasher?: UserDataHasher,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (userData === null || typeof userData !== 'object' || Array.isArray(userData)) return out;
  for (const key in userData) {
    if (!Object.hasOwn(userData, key) || key === '__proto__') continue;
    const value = userData[key];
    if (!isHashedUserDataKey(key)) {
      out[key] = value;
      continue;
    }
    const hashed = hashValues(key, value, hasher);
    if (hashed !== null) out[key] = hashed;
  }
  return out;
}
