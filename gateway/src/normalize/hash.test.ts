import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  HASHED_USER_DATA_KEYS,
  hashUserData,
  normalizeValue,
  sha256Hex,
  UserDataHasher,
} from './index.js';
import type { HashedUserDataKey } from './index.js';
import { hashValue, keptCodeHashes } from './hash.js';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

// Meta doc vectors, "Customer information parameters":
// https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/customer-information-parameters
// The doc's phone example shows `(650)555-1212` → `16505551212`: the "1" is the US country code
// the advertiser must supply (we never guess one), so the input here carries it.
const DOC_VECTORS: [HashedUserDataKey, string, string, string][] = [
  [
    'em',
    'John_Smith@gmail.com',
    'john_smith@gmail.com',
    '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
  ],
  [
    'ph',
    '+1 (650)555-1212',
    '16505551212',
    'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
  ],
  ['fn', 'Mary', 'mary', '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec'],
  ['fn', '정', '정', '8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14'],
  ['ln', 'Valéry', 'valéry', '08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c'],
  [
    'db',
    '2/16/1997',
    '19970216',
    '01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c',
  ],
  [
    'country',
    'United States',
    'us',
    '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621',
  ],
  // The SHA-256 example param-builder's tests use: sha256("123").
  ['external_id', '123', '123', 'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3'],
];

describe('Meta documentation vectors', () => {
  it.each(DOC_VECTORS)('%s %j normalizes to %j', (key, input, normalized) => {
    expect(normalizeValue(key, input)).toBe(normalized);
  });

  it.each(DOC_VECTORS)('%s %j hashes to the documented digest', (key, input, _n, digest) => {
    expect(hashUserData({ [key]: input })).toEqual({ [key]: [digest] });
  });

  it.each([
    ['ct', 'New York', 'newyork'],
    ['st', 'California', 'ca'],
    ['zp', '94035', '94035'],
    ['zp', 'M1 1AE', 'm11ae'],
    ['ge', 'Female', 'f'],
  ] as const)('%s %j normalizes to the documented %j', (key, input, normalized) => {
    expect(normalizeValue(key, input)).toBe(normalized);
  });

  it('a decomposed accent hashes like the composed doc vector', () => {
    expect(hashUserData({ fn: 'Vale\u0301ry' })).toEqual({
      fn: ['08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c'],
    });
  });

  it('sha256Hex is node:crypto SHA-256 in lowercase hex', () => {
    expect(sha256Hex('us')).toBe(sha('us'));
  });
});

const SHA_UPPER = 'A665A45920422F9D417E4867EFDC4FB8A04A1F3FFF1FA07E998E86F7F7A27AE3';
const SHA_LOWER = SHA_UPPER.toLowerCase();
const MD5 = '5d41402abc4b2a76b9719d911017c592';

describe('values that are already hashed', () => {
  it.each([
    ['lower-case SHA-256', SHA_LOWER, SHA_LOWER],
    ['upper-case SHA-256 (lower-cased)', SHA_UPPER, SHA_LOWER],
    ['SHA-256 with surrounding whitespace', `  ${SHA_LOWER}\n`, SHA_LOWER],
    ['MD5', MD5, MD5],
    ['upper-case MD5 (lower-cased)', MD5.toUpperCase(), MD5],
    ['param-builder V2 appendix', `${SHA_LOWER}.AQQAAQEA`, `${SHA_LOWER}.AQQAAQEA`],
    ['param-builder V1 language token', `${SHA_LOWER}.Ag`, `${SHA_LOWER}.Ag`],
    ['appendix with - and _', `${SHA_LOWER}.Ab-_9z`, `${SHA_LOWER}.Ab-_9z`],
    [
      'upper-case hash + appendix (hex only lower-cased)',
      `${SHA_UPPER}.AQQAAQEA`,
      `${SHA_LOWER}.AQQAAQEA`,
    ],
  ])('pass through untouched: %s', (_name, input, expected) => {
    for (const key of HASHED_USER_DATA_KEYS) {
      expect(hashUserData({ [key]: input })).toEqual({ [key]: [expected] });
    }
  });

  it.each([
    ['63 hex chars', SHA_LOWER.slice(1)],
    ['65 hex chars', `${SHA_LOWER}3`],
    ['a non-hex char', `g${SHA_LOWER.slice(1)}`],
    ['an empty appendix', `${SHA_LOWER}.`],
    ['an appendix with "="', `${SHA_LOWER}.AQ==`],
  ])('are re-hashed when they only look hashed: %s', (_name, input) => {
    const out = hashUserData({ external_id: input });
    expect(out.external_id).toEqual([sha(input.toLowerCase().replace(/\s+/g, ''))]);
  });
});

describe('hashUserData output shape', () => {
  it('emits every hashed key as an array of unique hashes, deduplicated after normalizing', () => {
    const out = hashUserData({
      em: ['John_Smith@gmail.com', '  john_smith@GMAIL.com ', 'not-an-email', 'b@c.io'],
    });
    expect(out).toEqual({ em: [sha('john_smith@gmail.com'), sha('b@c.io')] });
  });

  it('keeps the same hash once when a raw and a pre-hashed copy of a value are both sent', () => {
    const digest = sha('mary');
    expect(hashUserData({ fn: ['Mary', digest.toUpperCase()] })).toEqual({ fn: [digest] });
  });

  it('copies non-hashed keys unchanged and never hashes them', () => {
    const input = {
      client_ip_address: '2001:db8::1',
      client_user_agent: 'Mozilla/5.0',
      fbc: 'fb.1.1554763741205.AbCdEf',
      fbp: 'fb.1.1596403881668.1116446470',
      subscription_id: 'sub_1',
      lead_id: 1234567890,
      anon_id: null,
      madid: { nested: true },
    };
    const out = hashUserData({ ...input, em: 'a@b.co' });
    expect(out).toEqual({ ...input, em: [sha('a@b.co')] });
    expect(out.madid).toBe(input.madid);
  });

  it('drops a hashed key whose values all normalize to nothing', () => {
    expect(hashUserData({ em: ['nope', ''], ph: 'call me', ge: 'x', fbp: 'kept' })).toEqual({
      fbp: 'kept',
    });
  });

  it('returns a new object and leaves the input untouched', () => {
    const input = { em: 'A@B.co', ph: ['+1 650 555 1212'] };
    const copy = structuredClone(input);
    const out = hashUserData(input);
    expect(out).not.toBe(input);
    expect(input).toEqual(copy);
  });

  it('keeps key order', () => {
    const out = hashUserData({ fbp: 'x', em: 'a@b.co', client_ip_address: '1.2.3.4' });
    expect(Object.keys(out)).toEqual(['fbp', 'em', 'client_ip_address']);
  });
});

describe('hashing one request’s events with a UserDataHasher', () => {
  // One visitor's events, as a browser batches them: mostly the same values, some that change,
  // some that come back after another value, lists, numbers, pre-hashed copies and empties.
  const events: Record<string, unknown>[] = [
    { em: 'John@Example.com', ph: '+1 (650) 555-1212', fn: 'Jöhn', zp: 94025, fbp: 'fb.1.1.1' },
    { em: 'John@Example.com', ph: '+1 (650) 555-1212', fn: 'Jöhn', zp: 94025, fbp: 'fb.1.1.1' },
    { em: 'other@example.com', ph: ['+1 650 555 1212', '+44 20 7946 0958'], fn: 'Jöhn' },
    { em: 'John@Example.com', ph: '+1 (650) 555-1212', fn: '', zp: '94025' },
    { em: sha('john@example.com'), ct: 'Menlo Park', st: 'California' },
    { em: 'John@Example.com', ct: 'Menlo Park', st: 'CA', external_id: ['a', 'a', 7] },
  ];

  it('gives exactly what hashing each event on its own gives', () => {
    const hasher = new UserDataHasher();
    for (const e of events) expect(hashUserData(e, hasher)).toEqual(hashUserData(e));
  });

  it('does not carry a value from one key to another', () => {
    const hasher = new UserDataHasher();
    hashUserData({ ct: 'Menlo Park' }, hasher); // 'menlopark'
    expect(hashUserData({ st: 'Menlo Park', ct: 'Menlo Park' }, hasher)).toEqual({
      st: [sha('me')],
      ct: [sha('menlopark')],
    });
  });
});

describe('the hashes of country, state and gender codes', () => {
  it('are the SHA-256 of the code, the first time and every time after', () => {
    const values = ['United States', 'US', 'usa', 'Deutschland', 'California', 'CA', 'Bavaria'];
    for (let round = 0; round < 2; round++) {
      for (const raw of values) {
        expect(hashValue('country', raw)).toBe(sha(normalizeValue('country', raw)!));
        expect(hashValue('st', raw)).toBe(sha(normalizeValue('st', raw)!));
      }
      expect(hashValue('ge', 'Female')).toBe(sha('f'));
    }
  });

  it('are kept only for codes, however many distinct values arrive', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (const a of letters) {
      hashValue('ge', a); // nothing for a gender that is not one
      for (const b of letters) {
        hashValue('country', `${a}${b}`);
        hashValue('st', `${a}${b}${a}${b}land`);
      }
    }
    expect(keptCodeHashes()).toBeLessThanOrEqual(26 * 26 + 26);
    expect(keptCodeHashes()).toBeGreaterThanOrEqual(26 * 26);
    // A name hashes every time and is never kept.
    const before = keptCodeHashes();
    hashValue('fn', 'Zq');
    hashValue('ct', 'Zq');
    expect(keptCodeHashes()).toBe(before);
  });
});
