// fbp / fbc: the Meta click and browser ids. They are sent to CAPI unhashed, so the only job
// here is to recognise well-formed values and to build new ones the way Meta documents.
//   https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/fbp-and-fbc
//   fbc = fb.<subdomainIndex>.<creationTime ms>.<fbclid>   (fbclid is case-sensitive)
//   fbp = fb.<subdomainIndex>.<creationTime ms>.<random number>
//   subdomainIndex: 'com' = 0, 'example.com' = 1, 'www.example.com' = 2; use 1 server-side.
// Meta's parameter builder may append a fifth `.<appendix>` part, which must not be rejected:
//   https://github.com/facebook/capi-param-builder/blob/main/nodejs/capi-param-builder/src/ParamBuilder.js
//   (_preprocessCookie / _validateCoreStructure: 4 or 5 parts, "fb", digits, digits, payload)

/** A payload character: printable ASCII except space and ".", the part separator. */
const PAYLOAD_CHAR = String.raw`[\x21-\x2d\x2f-\x7e]`;

/**
 * Divergences from param-builder's check: the subdomain index is limited to Meta's documented
 * 0–2 (param-builder takes any digits); the payload must be printable ASCII; and the appendix may
 * be any 1–64 base64url chars (param-builder: a known 2-char token or exactly 8 chars), so that
 * a newer appendix version still validates. Values are bounded to keep the test cheap.
 */
const FB_COOKIE = new RegExp(
  String.raw`^fb\.[0-2]\.\d{1,16}\.${PAYLOAD_CHAR}+(?:\.[A-Za-z0-9_-]{1,64})?$`,
);
const FBCLID = new RegExp(`^${PAYLOAD_CHAR}+$`);
const MAX_COOKIE_LENGTH = 2048;
const MAX_FBCLID_LENGTH = 1024;

function isFbCookie(v: unknown): boolean {
  return typeof v === 'string' && v.length <= MAX_COOKIE_LENGTH && FB_COOKIE.test(v);
}

/** `fb.1.1596403881668.1116446470` and the param-builder form with a fifth `.appendix` part. */
export function isValidFbp(v: string): boolean {
  return isFbCookie(v);
}

/** `fb.1.1554763741205.AbCdEf...` (fbclid payload) and the 5-part param-builder form. */
export function isValidFbc(v: string): boolean {
  return isFbCookie(v);
}

/**
 * Builds fbc from a click id. The fbclid is used verbatim: Meta says never change its case.
 * `nowMs` is the click time (ms); fractional values are floored.
 */
export function buildFbc(fbclid: string, nowMs: number, subdomainIndex = 1): string {
  return `fb.${subdomainIndex}.${Math.floor(nowMs)}.${fbclid}`;
}

/**
 * A fresh fbp. The random part is an integer in [0, 2^31 - 1) like the Pixel's and
 * ParamBuilder's `Math.floor(Math.random() * 2147483647)`. `random` is injectable for tests;
 * out-of-range results are clamped so a bad source still yields a valid cookie.
 */
export function newFbp(
  nowMs: number,
  random: () => number = Math.random,
  subdomainIndex = 1,
): string {
  const r = random();
  const unit = r >= 0 && r < 1 ? r : 0;
  return `fb.${subdomainIndex}.${Math.floor(nowMs)}.${Math.floor(unit * 2147483647)}`;
}

function decodeQueryValue(raw: string): string {
  const plusless = raw.includes('+') ? raw.replaceAll('+', ' ') : raw;
  if (!plusless.includes('%')) return plusless;
  try {
    return decodeURIComponent(plusless);
  } catch {
    return plusless; // malformed escapes stay literal, as URLSearchParams leaves them
  }
}

/**
 * The `fbclid` query parameter of a page URL (first non-empty occurrence), or null. Scans the
 * string instead of `new URL()` so relative URLs and garbage never throw; a `?` after `#` is part
 * of the fragment, as in a real URL. A value that could not form a valid fbc (empty, contains "."
 * or spaces, too long) is ignored, so `buildFbc(fbclidFromUrl(url)!, now)` always validates.
 */
export function fbclidFromUrl(url: string): string | null {
  if (typeof url !== 'string') return null;
  const query = url.indexOf('?');
  if (query === -1) return null;
  const hash = url.indexOf('#');
  if (hash !== -1 && hash < query) return null;
  const end = hash === -1 ? url.length : hash;
  let start = query + 1;
  while (start < end) {
    let amp = url.indexOf('&', start);
    if (amp === -1 || amp > end) amp = end;
    if (url.startsWith('fbclid=', start)) {
      const value = decodeQueryValue(url.slice(start + 7, amp));
      if (value.length > 0 && value.length <= MAX_FBCLID_LENGTH && FBCLID.test(value)) {
        return value;
      }
    }
    start = amp + 1;
  }
  return null;
}

/**
 * The value of cookie `name` in a Cookie header, the others left unparsed. A first-party
 * domain's requests carry every cookie of the site (analytics, consent, carts): parsing all of
 * them took ~1.9 µs a request for a header of 14 cookies, against ~0.1 µs for the two intake
 * reads. As the `cookie` package (2.x, what the cookie plugin used) parses: the first
 * occurrence wins, spaces around the name and the value go, and a percent-encoded value is
 * decoded if it can be.
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (let at = header.indexOf(name); at !== -1; at = header.indexOf(name, at + 1)) {
    let before = at - 1;
    while (before >= 0 && (header[before] === ' ' || header[before] === '\t')) before--;
    if (before >= 0 && header[before] !== ';') continue;
    let eq = at + name.length;
    while (header[eq] === ' ' || header[eq] === '\t') eq++;
    if (header[eq] !== '=') continue;
    const end = header.indexOf(';', eq);
    const value = header.slice(eq + 1, end === -1 ? undefined : end).trim();
    if (!value.includes('%')) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
