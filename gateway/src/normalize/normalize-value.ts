// The user_data keys Meta wants SHA-256 hashed, and the per-key normalizer dispatch.
//   https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/customer-information-parameters
// external_id is in the list because Meta "recommends" hashing it and its Node SDK now always
// does (via capi-param-builder); the browser Pixel and our server events must agree on it.

import { normalizeCountry } from './countries.js';
import { normalizeDob, normalizeGender } from './dates-gender.js';
import { normalizeEmail, normalizeExternalId, normalizePhone } from './email-phone.js';
import { normalizeCity, normalizeName, normalizeState, normalizeZip } from './names-places.js';

export const HASHED_USER_DATA_KEYS = [
  'em',
  'ph',
  'fn',
  'ln',
  'ge',
  'db',
  'ct',
  'st',
  'zp',
  'country',
  'external_id',
] as const;

export type HashedUserDataKey = (typeof HASHED_USER_DATA_KEYS)[number];

const HASHED_KEY_SET: ReadonlySet<string> = new Set(HASHED_USER_DATA_KEYS);

export function isHashedUserDataKey(key: string): key is HashedUserDataKey {
  return HASHED_KEY_SET.has(key);
}

/**
 * Longest raw value we normalize. Real values are far shorter (an email is at most 254 chars);
 * the cap bounds the work a hostile payload can cause in the substring scans of st/country.
 */
export const MAX_RAW_LENGTH = 1024;

/**
 * Normalizes one raw (plain-text) value for `key` exactly as Meta specifies, or returns null
 * when nothing valid is left (invalid email, no digits, unknown gender...). It does not detect
 * values that are already hashed: `hashUserData` does that before calling here.
 */
export function normalizeValue(key: HashedUserDataKey, raw: string): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_RAW_LENGTH) return null;
  switch (key) {
    case 'em':
      return normalizeEmail(raw);
    case 'ph':
      return normalizePhone(raw);
    case 'fn':
    case 'ln':
      return normalizeName(raw);
    case 'ge':
      return normalizeGender(raw);
    case 'db':
      return normalizeDob(raw);
    case 'ct':
      return normalizeCity(raw);
    case 'st':
      return normalizeState(raw);
    case 'zp':
      return normalizeZip(raw);
    case 'country':
      return normalizeCountry(raw);
    case 'external_id':
      return normalizeExternalId(raw);
    default:
      return null; // unreachable for typed callers; keeps untyped JS callers from throwing
  }
}
