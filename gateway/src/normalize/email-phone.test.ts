import { describe, expect, it } from 'vitest';
import { normalizeValue } from './index.js';

// Cases from capi-param-builder nodejs tests (emailUtil, phoneUtil, externalIDUtil) and the
// research notes §8.3: https://github.com/facebook/capi-param-builder/tree/main/nodejs/capi-param-builder/tests

describe('em (email)', () => {
  it.each([
    ['     John_Smith@gmail.com    ', 'john_smith@gmail.com'],
    ['    SomeOne@domain.com  ', 'someone@domain.com'],
    ['\tTEST@EXAMPLE.COM\n', 'test@example.com'],
    ['user.name+tag@domain.co.uk', 'user.name+tag@domain.co.uk'],
    ["test'name@example.com", "test'name@example.com"],
    ["test!#$%&'*+/=?^`{|}~-@example.com", "test!#$%&'*+/=?^`{|}~-@example.com"],
    ['test-email-with-dashes@example-domain.com', 'test-email-with-dashes@example-domain.com'],
    ['email123@123domain.com', 'email123@123domain.com'],
    ['x@y.co', 'x@y.co'],
  ])('%j is trimmed and lower-cased to %j', (input, expected) => {
    expect(normalizeValue('em', input)).toBe(expected);
  });

  it.each([
    'invalid-email',
    '@example.com',
    'test@',
    'test..test@example.com',
    'test@example',
    'test@example.',
    'test @example.com',
    'test@exam ple.com',
    'test@@example.com',
    'test@.example.com',
    'test@example..com',
    '.test@example.com',
    'test.@example.com',
    'test@com',
    'test@example[.com',
    'test,@example.com',
    'test:@example.com',
    'a:.b@example.com',
    'test"@example.com',
    '',
    '   ',
  ])('rejects the invalid address %j', (input) => {
    expect(normalizeValue('em', input)).toBeNull();
  });
});

describe('ph (phone)', () => {
  it.each([
    ['+1 (616) 954-78 88', '16169547888'],
    ['1(650)123-4567', '16501234567'],
    ['+001 (616) 954-78 88', '16169547888'],
    ['01(650)123-4567', '16501234567'],
    ['4792813113', '4792813113'],
    ['+44 20 7946 0958', '442079460958'],
    ['+81-3-5843-2301', '81358432301'],
    ['00001', '1'],
    ['555/123/4567', '5551234567'],
    ['{555} 123-4567', '5551234567'],
    ['+1-555-123-4567 ext. 123', '15551234567123'],
    ['1-800-FLOWERS', '1800'],
    ['Call me at +1 (555) 123-4567 today!', '15551234567'],
    ["alreadyHasPhoneCode: false; phoneCode: '+86'; phoneNumber: '12345678'", '8612345678'],
  ])('%j keeps digits only, without leading zeros: %j', (input, expected) => {
    expect(normalizeValue('ph', input)).toBe(expected);
  });

  it('does not invent a country code (the caller must send it)', () => {
    expect(normalizeValue('ph', '(650)555-1212')).toBe('6505551212');
  });

  it.each(['abc', '---', '()', '0000', '0', '', '１２３'])(
    'drops %j, which has no significant ASCII digit',
    (input) => {
      expect(normalizeValue('ph', input)).toBeNull();
    },
  );
});

describe('external_id', () => {
  it.each([
    ['    12345', '12345'],
    ['abc-12345', 'abc-12345'],
    ['EXTERNAL123', 'external123'],
    ['MiXeD_CaSe_ID', 'mixed_case_id'],
    ['user id 456', 'userid456'],
    ['mixed\r\nline\rid', 'mixedlineid'],
    ['\u00A0external123\u00A0', 'external123'],
    ['complex!@#$%^&*()id', 'complex!@#$%^&*()id'],
    ['test[123]{456}(789)', 'test[123]{456}(789)'],
  ])('%j is lower-cased with all whitespace removed: %j', (input, expected) => {
    expect(normalizeValue('external_id', input)).toBe(expected);
  });

  it.each(['', '   ', ' \t\n\r '])('drops the blank id %j', (input) => {
    expect(normalizeValue('external_id', input)).toBeNull();
  });
});
