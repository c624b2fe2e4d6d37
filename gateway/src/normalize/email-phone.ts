// Normalizers for the contact identifiers: em, ph, external_id.
//
// Rules: Meta "Customer information parameters"
//   https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/customer-information-parameters
// and the reference implementation Meta's own Node SDK now delegates to (capi-param-builder):
//   https://github.com/facebook/capi-param-builder/tree/main/nodejs/capi-param-builder/src/piiUtil
//   (emailUtil.js, phoneUtil.js, stringUtil.js#getNormalizedExternalID)
//
// All regexes live at module scope: these run once per user_data value on the event hot path.

/**
 * The param-builder's "good approximation of RFC 2822" (emailUtil.js). Local part: atext runs
 * separated by single dots; domain: at least two dot-separated LDH labels. Case-insensitive.
 * Divergence: param-builder writes `(:?\.` (a typo that also admits "a:.b@x.com"); we use the
 * intended non-capturing `(?:\.`.
 */
const EMAIL_RE =
  /^[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

const NON_DIGITS = /\D+/g;
const LEADING_ZEROS = /^0+/;
const WHITESPACE = /\s+/g;

/**
 * Email: lowercase, trim, then validate; invalid addresses normalize to nothing (param-builder
 * emailUtil.js returns null, the older SDK threw). Meta doc vector:
 * `John_Smith@gmail.com` → `john_smith@gmail.com`.
 */
export function normalizeEmail(raw: string): string | null {
  const email = raw.toLowerCase().trim();
  if (email.length === 0) return null;
  return EMAIL_RE.test(email) ? email : null;
}

/**
 * Phone: keep ASCII digits only, then drop every leading zero, so an international "00" or "+00"
 * prefix and a trunk "0" both disappear (phoneUtil.js; doc: "remove symbols, letters, and any
 * leading zeros"). Like param-builder we do not add a country code or check the length: Meta says
 * the caller must include the country code, and guessing one would hash a different person.
 * `(650)555-1212` → `6505551212`; `+1 (650) 555-1212` → `16505551212`.
 */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(NON_DIGITS, '').replace(LEADING_ZEROS, '');
  return digits.length === 0 ? null : digits;
}

/**
 * external_id: lowercase and remove all whitespace (stringUtil.js getNormalizedExternalID,
 * strip mode "whitespace_only"); punctuation is kept because ids like `abc-123` are opaque.
 * The SDK has hashed external_id since it adopted param-builder, so hashing it here keeps the
 * value identical to what the Pixel/SDK send for the same customer (dedup and matching).
 */
export function normalizeExternalId(raw: string): string | null {
  const id = raw.toLowerCase().replace(WHITESPACE, '');
  return id.length === 0 ? null : id;
}
