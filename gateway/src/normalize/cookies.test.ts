import { describe, expect, it } from 'vitest';
import { buildFbc, cookieValue, fbclidFromUrl, isValidFbc, isValidFbp, newFbp } from './index.js';

// Formats: https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/fbp-and-fbc
// 5-part form: capi-param-builder ParamBuilder.js (fb.<i>.<ts>.<payload>.<appendix>).

const FBCLID = 'IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk';

describe('isValidFbp / isValidFbc', () => {
  it.each([
    ['the documented fbp', 'fb.1.1596403881668.1116446470'],
    ['the documented fbc', 'fb.1.1554763741205.AbCdEfGhIjKlMnOpQrStUvWxYz1234567890'],
    ['subdomain index 0', 'fb.0.1596403881668.1116446470'],
    ['subdomain index 2', 'fb.2.1596403881668.1116446470'],
    ['a real-looking fbclid', `fb.1.1554763741205.${FBCLID}`],
    ['an fbclid with an _aem_ suffix', `fb.1.1554763741205.${FBCLID}_aem_abc-XYZ`],
    ['the param-builder V2 appendix', 'fb.1.1596403881668.1116446470.AQQAAQEA'],
    ['the param-builder V1 language token', 'fb.1.1596403881668.1116446470.Ag'],
  ])('accept %s', (_name, value) => {
    expect(isValidFbp(value)).toBe(true);
    expect(isValidFbc(value)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['a wrong prefix', 'fx.1.1596403881668.1116446470'],
    ['an upper-case prefix', 'FB.1.1596403881668.1116446470'],
    ['a subdomain index of 3', 'fb.3.1596403881668.1116446470'],
    ['a non-numeric timestamp', 'fb.1.16e12.1116446470'],
    ['a missing payload', 'fb.1.1596403881668.'],
    ['only three parts', 'fb.1.1596403881668'],
    ['six parts', 'fb.1.1596403881668.1116446470.AQQAAQEA.x'],
    ['an appendix with "="', 'fb.1.1596403881668.1116446470.AQ=='],
    ['a space in the payload', 'fb.1.1596403881668.11164 46470'],
    ['surrounding whitespace', ' fb.1.1596403881668.1116446470'],
    ['a huge value', `fb.1.1596403881668.${'a'.repeat(5000)}`],
  ])('reject %s', (_name, value) => {
    expect(isValidFbp(value)).toBe(false);
    expect(isValidFbc(value)).toBe(false);
  });

  it.each([null, undefined, 42, {}, ['fb.1.1.1']])('reject the non-string %j', (value) => {
    expect(isValidFbp(value as unknown as string)).toBe(false);
    expect(isValidFbc(value as unknown as string)).toBe(false);
  });
});

describe('buildFbc', () => {
  it('builds fb.1.<ms>.<fbclid>, keeping the fbclid case', () => {
    expect(buildFbc('AbCdEf', 1554763741205)).toBe('fb.1.1554763741205.AbCdEf');
  });

  it('uses the given subdomain index and floors a fractional time', () => {
    expect(buildFbc('x', 1554763741205.9, 2)).toBe('fb.2.1554763741205.x');
  });

  it('produces a valid fbc from any fbclid read off a URL', () => {
    const fbclid = fbclidFromUrl(`https://shop.example/p?a=1&fbclid=${FBCLID}`);
    expect(fbclid).toBe(FBCLID);
    expect(isValidFbc(buildFbc(fbclid ?? '', Date.now()))).toBe(true);
  });
});

describe('newFbp', () => {
  it('builds fb.1.<ms>.<random int below 2^31-1>', () => {
    expect(newFbp(1596403881668, () => 0.5)).toBe('fb.1.1596403881668.1073741823');
    expect(newFbp(1596403881668, () => 0)).toBe('fb.1.1596403881668.0');
    expect(newFbp(1596403881668, () => 0.9999999999)).toBe('fb.1.1596403881668.2147483646');
  });

  it('uses the given subdomain index', () => {
    expect(newFbp(1, () => 0, 0)).toBe('fb.0.1.0');
  });

  it.each([NaN, -1, 1, 7])('still yields a valid fbp when random() returns %s', (r) => {
    expect(isValidFbp(newFbp(1596403881668, () => r))).toBe(true);
  });

  it('is valid with the default Math.random', () => {
    expect(isValidFbp(newFbp(Date.now()))).toBe(true);
  });
});

describe('fbclidFromUrl', () => {
  it.each([
    ['the only parameter', `https://a.example/?fbclid=${FBCLID}`, FBCLID],
    ['among others', `https://a.example/p?utm_source=fb&fbclid=${FBCLID}&x=1`, FBCLID],
    ['before a fragment', `https://a.example/p?fbclid=${FBCLID}#top`, FBCLID],
    ['in a relative URL', `/landing?fbclid=${FBCLID}`, FBCLID],
    ['percent-encoded', 'https://a.example/?fbclid=Ab%2DCd', 'Ab-Cd'],
    ['malformed escapes left literal', 'https://a.example/?fbclid=Ab%ZZ', 'Ab%ZZ'],
    ['the first non-empty of several', 'https://a.example/?fbclid=&fbclid=Second', 'Second'],
    ['with case preserved', 'https://a.example/?fbclid=AbC', 'AbC'],
  ])('reads fbclid %s', (_name, url, expected) => {
    expect(fbclidFromUrl(url)).toBe(expected);
  });

  it.each([
    ['no query', 'https://a.example/p'],
    ['another parameter only', 'https://a.example/p?gclid=abc'],
    ['a parameter that merely ends in fbclid', 'https://a.example/p?xfbclid=abc'],
    ['an empty value', 'https://a.example/p?fbclid='],
    ['a query inside the fragment', 'https://a.example/#/route?fbclid=abc'],
    ['a value with a dot (cannot form an fbc)', 'https://a.example/?fbclid=a.b'],
    ['a value with a space', 'https://a.example/?fbclid=a+b'],
    ['an empty string', ''],
    ['garbage', '%%%?&&&=fbclid'],
  ])('returns null for %s', (_name, url) => {
    expect(fbclidFromUrl(url)).toBeNull();
  });

  it.each([null, undefined, 42, {}])('returns null for the non-string %j', (value) => {
    expect(fbclidFromUrl(value as unknown as string)).toBeNull();
  });
});

describe('cookieValue', () => {
  const site =
    '_ga=GA1.1.123.456; _fbp=fb.1.1700000000000.1234567890; consent=ads%3Dtrue; ' +
    '_fbc=fb.1.1700000000000.IwAR0abc; theme=dark';

  it("finds a cookie among the rest of the site's, wherever it stands", () => {
    expect(cookieValue(site, '_fbp')).toBe('fb.1.1700000000000.1234567890');
    expect(cookieValue(site, '_fbc')).toBe('fb.1.1700000000000.IwAR0abc');
    expect(cookieValue('_fbp=first', '_fbp')).toBe('first');
    expect(cookieValue('a=1;_fbp=tight', '_fbp')).toBe('tight');
  });

  it('does not take a cookie whose name only ends or starts with the one asked for', () => {
    expect(cookieValue('x_fbp=wrong; _fbp=right', '_fbp')).toBe('right');
    expect(cookieValue('_fbpx=wrong', '_fbp')).toBeUndefined();
    expect(cookieValue('a=_fbp=inside', '_fbp')).toBeUndefined();
  });

  it('keeps the first of two, trims and decodes as the cookie package does', () => {
    expect(cookieValue('_fbp=one; _fbp=two', '_fbp')).toBe('one');
    expect(cookieValue(' _fbp = spaced ; b=2', '_fbp')).toBe('spaced');
    expect(cookieValue('_fbp="quoted"', '_fbp')).toBe('"quoted"');
    expect(cookieValue('_fbp=fb.1.2.a%2Db', '_fbp')).toBe('fb.1.2.a-b');
    expect(cookieValue('_fbp=100%', '_fbp')).toBe('100%'); // not decodable: left as it is
    expect(cookieValue('_fbp=', '_fbp')).toBe('');
  });

  it('answers nothing without the cookie or without a header', () => {
    expect(cookieValue('a=1; b=2', '_fbp')).toBeUndefined();
    expect(cookieValue('', '_fbp')).toBeUndefined();
    expect(cookieValue(undefined, '_fbp')).toBeUndefined();
  });
});
