import { describe, expect, it } from 'vitest';
import { domainCandidates, needsNewFbc, subdomainIndex } from './cookies';

describe('cookie domains', () => {
  it('tries the widest domain first, from the last two labels inward', () => {
    expect(domainCandidates('www.shop.example.co.uk')).toEqual([
      'co.uk', // refused by the browser as a public suffix, then...
      'example.co.uk',
      'shop.example.co.uk',
      'www.shop.example.co.uk',
    ]);
  });

  it('uses host-only cookies for IP addresses and single-label hosts', () => {
    expect(domainCandidates('127.0.0.1')).toEqual(['']);
    expect(domainCandidates('localhost')).toEqual(['']);
    expect(domainCandidates('::1')).toEqual(['']);
  });

  it("numbers domains as Meta does: 'com' 0, 'example.com' 1, 'www.example.com' 2", () => {
    expect(subdomainIndex('com')).toBe(0);
    expect(subdomainIndex('example.com')).toBe(1);
    expect(subdomainIndex('www.example.com')).toBe(2);
    expect(subdomainIndex('')).toBe(0);
  });
});

describe('_fbc from fbclid', () => {
  it('is written when the page has a click id and no _fbc yet', () => {
    expect(needsNewFbc('AbC', undefined)).toBe(true);
    expect(needsNewFbc(null, undefined)).toBe(false);
  });

  it('is kept when it already carries the click id, with or without an appendix', () => {
    expect(needsNewFbc('AbC', 'fb.1.1700000000000.AbC')).toBe(false);
    expect(needsNewFbc('AbC', 'fb.1.1700000000000.AbC.Bg')).toBe(false);
  });

  it('is replaced by a newer click, compared case-sensitively', () => {
    expect(needsNewFbc('AbC', 'fb.1.1700000000000.XyZ')).toBe(true);
    expect(needsNewFbc('AbC', 'fb.1.1700000000000.abc')).toBe(true);
  });
});
