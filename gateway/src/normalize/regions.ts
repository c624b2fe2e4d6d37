// Shared machinery for st and country: turn a free-text region name into a two-letter code.
//
// Mirrors capi-param-builder stringUtil.js normalizeTwoLetterAbbreviations/getFromMap:
//   https://github.com/facebook/capi-param-builder/blob/main/nodejs/capi-param-builder/src/piiUtil/stringUtil.js
//   1. lowercase, keep only a-z          ("    C/a/lifo,rnia.  " → "california")
//   2. two letters already → the code    ("CA" → "ca", "N.Y." → "ny")
//   3. exact name match → its code        ("newyork" → "ny")
//   4. a known name contained in the text → its code ("CaliforniaUSA" → "ca")
//   5. otherwise the first two letters    ("Bavaria" → "ba"; what the Pixel sends too)
//
// Divergences, both only change results param-builder gets wrong:
//   - step 1 folds accents first (NFD, drop combining marks), so "Québec" → "quebec" → "qc"
//     instead of "qubec" → "qu";
//   - step 4 prefers the longest contained name; param-builder takes the first in table order,
//     so "West Virginia state" became "va" and "Romania, EU" became "om" (Oman).

/** An immutable lookup built once at module load. `names` is sorted longest first for step 4. */
export interface RegionTable {
  readonly codes: ReadonlyMap<string, string>;
  readonly names: readonly string[];
}

/** Parses a whitespace-separated list of `name:code` pairs (compact and formatter-proof). */
export function buildRegionTable(pairs: string): RegionTable {
  const codes = new Map<string, string>();
  for (const pair of pairs.trim().split(/\s+/)) {
    const sep = pair.indexOf(':');
    if (sep > 0) codes.set(pair.slice(0, sep), pair.slice(sep + 1));
  }
  const names = [...codes.keys()].sort((a, b) => b.length - a.length);
  return { codes, names };
}

const NON_ASCII = /[\u0080-\uffff]/; // any UTF-16 unit outside ASCII
const COMBINING_MARKS = /\p{M}+/gu;
const NON_LETTERS = /[^a-z]+/g;

/** Lowercase a-z only, accents folded to their base letter. */
export function lettersOnly(raw: string): string {
  let s = raw.toLowerCase();
  if (NON_ASCII.test(s)) s = s.normalize('NFD').replace(COMBINING_MARKS, '');
  return s.replace(NON_LETTERS, '');
}

/**
 * Steps 2–5 above on an already letters-only string. `aliases` (optional) is consulted for
 * two-letter and exact inputs before the name table, e.g. ISO alpha-3 codes for countries.
 * Returns null when no letters are left.
 */
export function regionCode(
  letters: string,
  table: RegionTable,
  aliases?: ReadonlyMap<string, string>,
): string | null {
  if (letters.length === 0) return null;
  const alias = aliases?.get(letters);
  if (alias !== undefined) return alias;
  if (letters.length <= 2) return letters;
  const exact = table.codes.get(letters);
  if (exact !== undefined) return exact;
  for (const name of table.names) {
    if (name.length <= letters.length && letters.includes(name)) {
      return table.codes.get(name) ?? null;
    }
  }
  return letters.slice(0, 2);
}
