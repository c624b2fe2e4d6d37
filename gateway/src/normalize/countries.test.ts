import { describe, expect, it } from 'vitest';
import { normalizeValue } from './index.js';

// Cases from capi-param-builder nodejs tests (countryUtil):
// https://github.com/facebook/capi-param-builder/tree/main/nodejs/capi-param-builder/tests

describe('country', () => {
  it.each([
    ['       United States       ', 'us'],
    ['       US       ', 'us'],
    ['United Kingdom', 'gb'],
    ['UNITED STATES', 'us'],
    ['United_States', 'us'],
    ['South-Korea', 'kr'],
    ['Korea Republic of', 'kr'],
    ['Korea Democratic Peoples Republic of', 'kp'],
    ['USA', 'us'],
    ['U.S.A.', 'us'],
    ['United States of America', 'us'],
    ['Russian Federation', 'ru'],
    ['Holy See Vatican City State', 'va'],
    ['Lao Peoples Democratic Republic', 'la'],
    ['Georgia', 'ge'],
    ['Guinea', 'gn'],
    ['Guinea-Bissau', 'gw'],
    ['UnitedStatesAmerica', 'us'],
    ['Japan2024', 'jp'],
    ['123us', 'us'],
    ['J!P', 'jp'],
    ['Fr.', 'fr'],
    ['Ger.', 'ge'],
    ['unknown', 'un'],
    ['x', 'x'],
    [`UnitedStates${'x'.repeat(1000)}`, 'us'],
  ])('%j becomes %j', (input, expected) => {
    expect(normalizeValue('country', input)).toBe(expected);
  });

  it.each([
    ['Côte d’Ivoire', 'ci'],
    ['Curaçao', 'cw'],
    ['Åland Islands', 'ax'],
    ['México', 'mx'],
    ['Réunion', 're'],
  ])('folds accents before matching: %j → %j', (input, expected) => {
    expect(normalizeValue('country', input)).toBe(expected);
  });

  it.each([
    ['CHN', 'cn'],
    ['AUT', 'at'],
    ['DEU', 'de'],
    ['GBR', 'gb'],
    ['che', 'ch'],
    ['U.K.', 'gb'],
    ['uk', 'gb'],
  ])('maps ISO alpha-3 and "UK" to alpha-2: %j → %j', (input, expected) => {
    expect(normalizeValue('country', input)).toBe(expected);
  });

  it.each([
    ['Papua New Guinea, Oceania', 'pg'],
    ['Romania, EU', 'ro'],
    ['Bonaire, Sint Eustatius and Saba', 'bq'],
  ])('prefers the longest country name inside the text: %j → %j', (input, expected) => {
    expect(normalizeValue('country', input)).toBe(expected);
  });

  it.each(['', '   ', '123', '!@#$%', '\u0000\u0001'])(
    'drops %j, which has no letters',
    (input) => {
      expect(normalizeValue('country', input)).toBeNull();
    },
  );
});
