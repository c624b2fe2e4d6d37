import { describe, expect, it } from 'vitest';
import { normalizeValue } from './index.js';

// Cases from capi-param-builder nodejs tests (nameUtil, cityUtil, stateUtil, zipCodeUtil):
// https://github.com/facebook/capi-param-builder/tree/main/nodejs/capi-param-builder/tests

describe('fn / ln (names)', () => {
  it.each([
    ['JoHn', 'john'],
    ['  John   Smith  ', 'johnsmith'],
    ["O'Connor", 'oconnor'],
    ['O’Connor', 'oconnor'],
    ['Jean-Luc', 'jeanluc'],
    ['St. Mary, Jr.', 'stmaryjr'],
    ['John (Johnny)', 'johnjohnny'],
    ['David#123', 'david123'],
    ['Agent007', 'agent007'],
    ['José María González', 'josémaríagonzález'],
    ['Müller', 'müller'],
    ['Øystein', 'øystein'],
    ['Αντωνίου', 'αντωνίου'],
    ['李明', '李明'],
    ['محمد', 'محمد'],
    ['Владимир', 'владимир'],
    ['정', '정'],
  ])('%j becomes %j, letters of every script kept', (input, expected) => {
    expect(normalizeValue('fn', input)).toBe(expected);
    expect(normalizeValue('ln', input)).toBe(expected);
  });

  it.each(['', '   ', "-'.", '\t\n\r'])('drops %j, which has no letters left', (input) => {
    expect(normalizeValue('fn', input)).toBeNull();
  });
});

describe('ct (city)', () => {
  it.each([
    ['London', 'london'],
    ['Menlo Park', 'menlopark'],
    ['    Menlo-Park  ', 'menlopark'],
    ['St. Louis', 'stlouis'],
    ["Coeur d'Alene", 'coeurdalene'],
    ['New York, NY', 'newyorkny'],
    ['Los Angeles 90210', 'losangeles90210'],
    ['!@#$%^&*()NewYork', 'newyork'],
    ['San José', 'sanjos'],
    ['San Jose\u0301', 'sanjos'],
    ['Zürich', 'zrich'],
  ])('%j keeps lower-case a-z0-9 only: %j', (input, expected) => {
    expect(normalizeValue('ct', input)).toBe(expected);
  });

  it.each(['123Angeles', '555', 'Москва', '北京', '', '   '])(
    'drops %j, which does not start with a Latin letter',
    (input) => {
      expect(normalizeValue('ct', input)).toBeNull();
    },
  );
});

describe('st (state / province)', () => {
  it.each([
    ['    California.   ', 'ca'],
    ['CA', 'ca'],
    ['  TE', 'te'],
    ['    C/a/lifo,rnia.  ', 'ca'],
    ['NeW yOrK', 'ny'],
    ['North   Carolina', 'nc'],
    ['West Virginia', 'wv'],
    ['Virginia', 'va'],
    ['Rhode Island', 'ri'],
    ['N.Y.', 'ny'],
    ['T@X', 'tx'],
    ['British Columbia', 'bc'],
    ['Newfoundland and Labrador', 'nl'],
    ['Québec', 'qc'],
    ['NewYorkCity', 'ny'],
    ['BritishColumbiaProvince', 'bc'],
    ['West Virginia state', 'wv'],
    ['District of Columbia', 'dc'],
    ['Carolina', 'ca'],
    ['Bavaria', 'ba'],
  ])('%j becomes %j', (input, expected) => {
    expect(normalizeValue('st', input)).toBe(expected);
  });

  it.each(['', '   ', '123', '!@#'])('drops %j, which has no letters', (input) => {
    expect(normalizeValue('st', input)).toBeNull();
  });
});

describe('zp (zip / postal code)', () => {
  it.each([
    ['    37221', '37221'],
    ['37221-3312', '37221'],
    ['  12345-6789  ', '12345'],
    ['372213312', '37221'],
    ['K1A0A6', 'k1a0a6'],
    ['SW1A1AA', 'sw1a1aa'],
    ['SW1A 1AA', 'sw1a1aa'],
    ['M1 1AE', 'm11ae'],
    ['1010', '1010'],
    ['00118', '00118'],
    ['560001', '560001'],
    ['abc-def-ghi', 'abc'],
  ])('%j becomes %j', (input, expected) => {
    expect(normalizeValue('zp', input)).toBe(expected);
  });

  it.each(['', '   ', '1', ' 1 ', '-12345'])('drops %j, shorter than two characters', (input) => {
    expect(normalizeValue('zp', input)).toBeNull();
  });
});
