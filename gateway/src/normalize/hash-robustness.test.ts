import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASHED_USER_DATA_KEYS, hashUserData, normalizeValue } from './index.js';

// hashUserData sits on the intake path and receives whatever JSON a browser or server sent:
// it must never throw, and must only ever emit hashes for the hashed keys.

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('garbage input never throws', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'em=a@b.co'],
    ['an array', [{ em: 'a@b.co' }]],
    ['a boolean', true],
  ])('a non-object user_data (%s) yields {}', (_name, input) => {
    expect(hashUserData(input as unknown as Record<string, unknown>)).toEqual({});
  });

  it.each([
    ['an object', { value: 'a@b.co' }],
    ['null', null],
    ['a boolean', false],
    ['an empty string', ''],
    ['whitespace', ' \t\n'],
    ['an empty array', []],
    ['an array of non-text values', [null, {}, [], true, Number.NaN]],
    ['a very long string', 'a@b.co'.repeat(100_000)],
  ])('a hashed key holding %s is dropped', (_name, value) => {
    for (const key of HASHED_USER_DATA_KEYS) {
      expect(hashUserData({ [key]: value })).toEqual({});
    }
  });

  it('ignores non-text elements but keeps the string ones', () => {
    expect(hashUserData({ ph: [{}, '+1 650 555 1212', null] })).toEqual({
      ph: [sha('16505551212')],
    });
  });

  it('hashes a number as its decimal text, as pages pass external_id: 12345', () => {
    expect(hashUserData({ external_id: 12345, ph: [16505551212] })).toEqual({
      external_id: [sha('12345')],
      ph: [sha('16505551212')],
    });
  });

  it('drops an own __proto__ key instead of re-parenting the result', () => {
    const input = JSON.parse('{"__proto__": {"em": "x"}, "fbp": "y"}') as Record<string, unknown>;
    const out = hashUserData(input);
    expect(out).toEqual({ fbp: 'y' });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('normalizeValue returns null for non-strings and unknown keys instead of throwing', () => {
    const loose = normalizeValue as (key: string, raw: unknown) => string | null;
    expect(loose('em', 5)).toBeNull();
    expect(loose('em', null)).toBeNull();
    expect(loose('client_ip_address', '1.2.3.4')).toBeNull();
  });

  it('holds for arbitrary JSON: no throw, hashed keys become arrays of lower-case hashes', () => {
    const HASH = /^(?:[0-9a-f]{64}|[0-9a-f]{32})(?:\.[A-Za-z0-9_-]+)?$/;
    const keyArb = fc.oneof(fc.constantFrom(...HASHED_USER_DATA_KEYS), fc.string());
    fc.assert(
      fc.property(fc.dictionary(keyArb, fc.jsonValue()), (userData) => {
        const out = hashUserData(userData);
        for (const key of HASHED_USER_DATA_KEYS) {
          const value = out[key];
          if (value === undefined) continue;
          expect(Array.isArray(value)).toBe(true);
          for (const h of value as unknown[]) expect(h).toMatch(HASH);
        }
      }),
      { numRuns: 300 },
    );
  });
});
