import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  newTotpSecret,
  otpauthUrl,
  totpAt,
} from './totp.js';

// RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890", 8 digits, 30-second steps.
const RFC_SEED = Buffer.from('12345678901234567890');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('matches the RFC test vector at T=%i', (seconds, code) => {
    expect(hotp(RFC_SEED, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it('matches RFC 4226 Appendix D HOTP values for counters 0..3', () => {
    expect([0, 1, 2, 3].map((c) => hotp(RFC_SEED, c))).toEqual([
      '755224',
      '287082',
      '359152',
      '969429',
    ]);
  });

  it('round-trips secrets through base32 (RFC 4648)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
  });

  it('accepts a code one step either side of now, and not two', () => {
    const secret = newTotpSecret();
    const now = 1_764_300_000_000;
    expect(matchTotp(secret, totpAt(secret, now - 30_000), now, null)).not.toBeNull();
    expect(matchTotp(secret, totpAt(secret, now + 30_000), now, null)).not.toBeNull();
    const farPast = totpAt(secret, now - 60_000);
    const stillValid = [-30_000, 0, 30_000].some((d) => totpAt(secret, now + d) === farPast);
    if (!stillValid) expect(matchTotp(secret, farPast, now, null)).toBeNull();
  });

  it('refuses a code whose step was already used', () => {
    const secret = newTotpSecret();
    const now = 1_764_300_000_000;
    const step = matchTotp(secret, totpAt(secret, now), now, null);
    expect(step).not.toBeNull();
    expect(matchTotp(secret, totpAt(secret, now), now, step)).toBeNull();
  });

  it('builds the otpauth URL authenticator apps scan', () => {
    expect(otpauthUrl('My gateway', 'a@b.example', 'ABC')).toBe(
      'otpauth://totp/My%20gateway%3Aa%40b.example?secret=ABC&issuer=My+gateway&algorithm=SHA1&digits=6&period=30',
    );
  });
});
