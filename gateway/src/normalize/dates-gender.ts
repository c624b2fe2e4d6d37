// Normalizers for db (date of birth) and ge (gender).
//
// Rules: Meta "Customer information parameters" (db = YYYYMMDD, ge = f | m)
//   https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/customer-information-parameters
// and capi-param-builder, which Meta's Node SDK uses for these fields:
//   https://github.com/facebook/capi-param-builder/blob/main/nodejs/capi-param-builder/src/piiUtil/dobUtil.js
//   https://github.com/facebook/capi-param-builder/blob/main/nodejs/capi-param-builder/src/piiUtil/genderUtil.js

const MIN_YEAR = 1800; // dobUtil.js isValidDate: 1800 ..= current year + 1

// The upper bound moves once a year; cache it so the hot path does not build a Date per value.
let maxYear = 0;
let maxYearValidUntilMs = 0;
function maxBirthYear(): number {
  const now = Date.now();
  if (now >= maxYearValidUntilMs) {
    const year = new Date(now).getUTCFullYear();
    maxYear = year + 1;
    maxYearValidUntilMs = Date.UTC(year + 1, 0, 1);
  }
  return maxYear;
}

/** dobUtil.js isValidDate: range checks only (no per-month day count, e.g. 02-31 passes). */
function isPlausibleDate(year: number, month: number, day: number): boolean {
  return (
    year >= MIN_YEAR && year <= maxBirthYear() && month >= 1 && month <= 12 && day >= 1 && day <= 31
  );
}

function formatYmd(year: number, month: number, day: number): string {
  return `${year}${month < 10 ? '0' : ''}${month}${day < 10 ? '0' : ''}${day}`;
}

/**
 * dobUtil.js getYearMonthDayFromNumbers: the first number > 31 is the year; of the other two a
 * value > 12 must be the day, otherwise month comes first (US order: `2/16/1997` → 19970216,
 * `16-2-1997` → 19970216, `05-03-1995` → 19950503).
 */
function fromThreeNumbers(n1: number, n2: number, n3: number): string | null {
  let year: number;
  let month: number;
  let day: number;
  if (n1 > 31) {
    year = n1;
    month = n2 > 12 ? n3 : n2;
    day = n2 > 12 ? n2 : n3;
  } else if (n2 > 31) {
    year = n2;
    month = n3 > 12 ? n1 : n3;
    day = n3 > 12 ? n3 : n1;
  } else {
    year = n3;
    month = n1 > 12 ? n2 : n1;
    day = n1 > 12 ? n1 : n2;
  }
  return isPlausibleDate(year, month, day) ? formatYmd(year, month, day) : null;
}

/**
 * Date of birth → `YYYYMMDD`. Any non-ASCII-digit run separates numbers (dobUtil.js replaces
 * `\D` with spaces), so `1990.12.31`, `12月31日1990年` and `Born: 12-31-1990` all parse; only the
 * first three numbers count. A lone 8-digit run is taken as YYYYMMDD.
 * Divergence: param-builder returns any lone 8-digit run unchecked (`12311990` would be sent as
 * a "date"); we require it to be a plausible YYYYMMDD and otherwise drop it.
 * Scans char codes instead of split/regex so a value costs no intermediate arrays.
 */
export function normalizeDob(raw: string): string | null {
  let count = 0;
  let n1 = 0;
  let n2 = 0;
  let n3 = 0;
  let firstStart = 0;
  let firstEnd = 0;
  const len = raw.length;
  let i = 0;
  while (i < len) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    const start = i;
    let value = 0;
    while (i < len) {
      const d = raw.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d; // very long runs overflow to huge/Infinity: still fail range checks
      i++;
    }
    count++;
    if (count === 1) {
      n1 = value;
      firstStart = start;
      firstEnd = i;
    } else if (count === 2) n2 = value;
    else if (count === 3) n3 = value;
  }
  if (count >= 3) return fromThreeNumbers(n1, n2, n3);
  if (count === 1 && firstEnd - firstStart === 8) {
    const ymd = raw.slice(firstStart, firstEnd);
    const year = Math.floor(n1 / 10000);
    const month = Math.floor(n1 / 100) % 100;
    return isPlausibleDate(year, month, n1 % 100) ? ymd : null;
  }
  return null;
}

// genderUtil.js word sets, verbatim: honorifics, pronouns and relationship words map to m / f.
const MALE_WORDS: ReadonlySet<string> = new Set(
  'm man male boy gentleman guy sir mister mr son father dad daddy papa uncle nephew brother husband boyfriend groom widower king prince duke count emperor god lord lad fellow chap bloke dude he him his himself'.split(
    ' ',
  ),
);
const FEMALE_WORDS: ReadonlySet<string> = new Set(
  "f woman female girl lady miss ms mrs madam ma'am daughter mother mom mama mommy aunt niece sister wife girlfriend bride widow queen princess duchess countess empress goddess maiden lass gal chick dame belle she her hers herself".split(
    ' ',
  ),
);

/**
 * Gender → `m` / `f` (doc: "f for female, m for male"). Lowercase + trim, then an exact word
 * lookup (genderUtil.js); anything else (e.g. `x`, `unknown`) is dropped rather than guessed.
 */
export function normalizeGender(raw: string): 'm' | 'f' | null {
  const word = raw.toLowerCase().trim();
  if (MALE_WORDS.has(word)) return 'm';
  if (FEMALE_WORDS.has(word)) return 'f';
  return null;
}
