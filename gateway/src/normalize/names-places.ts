// Normalizers for fn/ln (names), ct (city), st (state) and zp (zip / postal code).
//
// Rules: Meta "Customer information parameters"
//   https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/customer-information-parameters
// and capi-param-builder (what Meta's Node SDK and the Pixel-side normalizer apply):
//   https://github.com/facebook/capi-param-builder/blob/main/nodejs/capi-param-builder/src/piiUtil/stringUtil.js
//   https://github.com/facebook/capi-param-builder/blob/main/nodejs/capi-param-builder/src/piiUtil/zipCodeUtil.js

import { buildRegionTable, lettersOnly, regionCode } from './regions.js';

const NON_ASCII = /[\u0080-\uffff]/; // any UTF-16 unit outside ASCII
// Whitespace, the 32 ASCII punctuation characters param-builder strips, and (divergence) any
// Unicode punctuation, so a typographic apostrophe in "O’Connor" goes the way "O'Connor" does.
const NAME_STRIP = /[\s!-/:-@[-`{-~\p{P}]+/gu;
const NON_LATIN_ALNUM = /[^a-z0-9]+/g;
const WHITESPACE = /\s+/g;
const NINE_DIGITS = /^\d{9}$/;

/**
 * fn / ln: lowercase, no whitespace or punctuation, letters of every script kept as UTF-8
 * (doc vectors: `Mary` → `mary`, `정` → `정`, `Valéry` → `valéry`).
 * Divergence: non-ASCII input is NFC-composed first, so a decomposed "Vale\u0301ry" hashes
 * exactly like the doc's "Valéry" instead of to a different digest.
 */
export function normalizeName(raw: string): string | null {
  let name = raw.toLowerCase();
  if (NON_ASCII.test(name)) name = name.normalize('NFC');
  name = name.replace(NAME_STRIP, '');
  return name.length === 0 ? null : name;
}

/**
 * ct: lowercase, keep only a-z and 0-9, and the result must start with a letter
 * (stringUtil.js getNormalizedCity: strip "all_non_latin_alpha_numeric", test `^[a-z]+`).
 * `Menlo Park` → `menlopark`. Accented letters are dropped, not folded (`San José` → `sanjos`),
 * exactly as the Pixel/SDK do, so the same city hashes the same through every channel. NFC first
 * so a decomposed "é" is dropped whole instead of leaving its base "e" behind.
 */
export function normalizeCity(raw: string): string | null {
  let city = raw.toLowerCase();
  if (NON_ASCII.test(city)) city = city.normalize('NFC');
  city = city.replace(NON_LATIN_ALNUM, '');
  const first = city.charCodeAt(0);
  return first >= 97 && first <= 122 ? city : null;
}

// stringUtil.js US_STATES + CA_PROVINCES (letters-only names → ANSI / Canada Post codes).
// Additions (not in param-builder, which turned them into "di"/"pu"/"ne"): the District of
// Columbia, Puerto Rico and the short "Newfoundland".
const STATES = buildRegionTable(`
  ontario:on quebec:qc britishcolumbia:bc alberta:ab saskatchewan:sk manitoba:mb novascotia:ns
  newbrunswick:nb princeedwardisland:pe newfoundlandandlabrador:nl yukon:yt
  northwestterritories:nt nunavut:nu
  alabama:al alaska:ak arizona:az arkansas:ar california:ca colorado:co connecticut:ct
  delaware:de florida:fl georgia:ga hawaii:hi idaho:id illinois:il indiana:in iowa:ia kansas:ks
  kentucky:ky louisiana:la maine:me maryland:md massachusetts:ma michigan:mi minnesota:mn
  mississippi:ms missouri:mo montana:mt nebraska:ne nevada:nv newhampshire:nh newjersey:nj
  newmexico:nm newyork:ny northcarolina:nc northdakota:nd ohio:oh oklahoma:ok oregon:or
  pennsylvania:pa rhodeisland:ri southcarolina:sc southdakota:sd tennessee:tn texas:tx utah:ut
  vermont:vt virginia:va washington:wa westvirginia:wv wisconsin:wi wyoming:wy
  districtofcolumbia:dc washingtondc:dc puertorico:pr newfoundland:nl
`);

/**
 * st: two-letter code, lowercase. US states and Canadian provinces are mapped by full name
 * (`    California.   ` → `ca`); anything else keeps its first two letters, as param-builder
 * and the Pixel do (`Bavaria` → `ba`), so browser and server events agree.
 */
export function normalizeState(raw: string): string | null {
  return regionCode(lettersOnly(raw), STATES);
}

/**
 * zp: lowercase, keep the part before the first "-" (ZIP+4 `37221-3312` → `37221`), remove all
 * whitespace, at least two characters (zipCodeUtil.js).
 * Divergences, both from Meta's doc ("no spaces and no dash"; "US: only the first 5 digits";
 * UK `M1 1AE` → `m11ae`): param-builder only trims the ends, so "m1 1ae" kept its space; and a
 * 9-digit run (ZIP+4 typed without its dash) is cut to the 5-digit ZIP.
 */
export function normalizeZip(raw: string): string | null {
  let zip = raw.toLowerCase();
  const dash = zip.indexOf('-');
  if (dash !== -1) zip = zip.slice(0, dash);
  zip = zip.replace(WHITESPACE, '');
  if (zip.length < 2) return null;
  return NINE_DIGITS.test(zip) ? zip.slice(0, 5) : zip;
}
