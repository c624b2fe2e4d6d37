import { describe, expect, it } from 'vitest';
import { normalizeValue } from './index.js';

// Cases from capi-param-builder nodejs tests (dobUtil, genderUtil):
// https://github.com/facebook/capi-param-builder/tree/main/nodejs/capi-param-builder/tests

const YEAR = new Date().getUTCFullYear();

describe('db (date of birth)', () => {
  it.each([
    ['2/16/1997 (mm/dd/yyyy)', '19970216'],
    ['16–2–1997 (dd-mm-yyyy)', '19970216'],
    ['31-12-1990', '19901231'],
    ['12-31-1990', '19901231'],
    ['1990-12-31', '19901231'],
    ['1990.12.31', '19901231'],
    ['12:31:1990', '19901231'],
    ['1990|12|31', '19901231'],
    ['12-31/1990', '19901231'],
    ['\r\n1990.12.31\t', '19901231'],
    ['19901231', '19901231'],
    ['05-03-1995', '19950503'],
    ['13-02-1990', '19900213'],
    ['02-13-1990', '19900213'],
    ['1990-15-06', '19900615'],
    ['12-31-1990-15-30', '19901231'],
    ['Born: 12-31-1990', '19901231'],
    ['Date: 31.12.1990 Age: 30', '19901231'],
    ['12月31日1990年', '19901231'],
    ['Start: 01-01-2000 Middle: some text End: 12-31-1999', '20000101'],
    ['02-29-1900', '19000229'],
    ['01-01-1800', '18000101'],
    [`01-01-${YEAR + 1}`, `${YEAR + 1}0101`],
    [`${'a'.repeat(500)}12-31-1990${'b'.repeat(500)}`, '19901231'],
  ])('%j becomes %j, inferring the field order', (input, expected) => {
    expect(normalizeValue('db', input)).toBe(expected);
  });

  it.each([
    ['a year before 1800', '01-01-1799'],
    ['a year after next year', `01-01-${YEAR + 2}`],
    ['a two-digit year', '12/31/90'],
    ['two numbers above 12', '13-15-1990'],
    ['day 0', '01-00-1990'],
    ['day 32', '05-32-1990'],
    ['two years', '1990-1991-12'],
    ['only two numbers', 'December 31, 1990'],
    ['a lone 4-digit number', '1990'],
    ['a lone 9-digit number', '123456789'],
    ['full-width digits', '１２－３１－１９９０'],
    ['no digits', 'not-a-date'],
    ['an 8-digit run that is not YYYYMMDD', '12311990'],
    ['empty', ''],
  ])('drops %s (%j)', (_name, input) => {
    expect(normalizeValue('db', input)).toBeNull();
  });
});

describe('ge (gender)', () => {
  it.each([
    ['male', 'm'],
    ['Male', 'm'],
    ['M', 'm'],
    ['Boy', 'm'],
    ['  Mr  ', 'm'],
    ['he', 'm'],
    ['female', 'f'],
    ['F', 'f'],
    ['        Woman         ', 'f'],
    ['Ms', 'f'],
    ["ma'am", 'f'],
    ['she', 'f'],
  ])('%j maps to %j', (input, expected) => {
    expect(normalizeValue('ge', input)).toBe(expected);
  });

  it.each(['x', 'unknown', 'non-binary', 'M.', 'males', '', '   '])(
    'drops %j rather than guessing',
    (input) => {
      expect(normalizeValue('ge', input)).toBeNull();
    },
  );
});
