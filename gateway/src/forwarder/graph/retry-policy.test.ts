import { describe, expect, it } from 'vitest';
import { nextRetryDelayMs } from './retry-policy.js';

const top = () => 0.999999999;
const bottom = () => 0;

describe('nextRetryDelayMs', () => {
  it('doubles the jitter window with each attempt, starting at baseMs', () => {
    expect([1, 2, 3, 4].map((a) => nextRetryDelayMs(a, top))).toEqual([999, 1999, 3999, 7999]);
  });

  it('picks uniformly inside the window (full jitter), down to zero', () => {
    expect(nextRetryDelayMs(3, () => 0.5)).toBe(2000);
    expect(nextRetryDelayMs(3, bottom)).toBe(0);
  });

  it('never waits longer than maxMs, even after very many attempts', () => {
    expect(nextRetryDelayMs(40, top)).toBeLessThanOrEqual(5 * 60_000);
    expect(nextRetryDelayMs(5000, top)).toBeLessThanOrEqual(5 * 60_000);
    expect(nextRetryDelayMs(10, top, { baseMs: 100, maxMs: 2000 })).toBe(1999);
    expect(nextRetryDelayMs(1, top, { maxMs: 50 })).toBe(49);
  });

  it('waits at least the server Retry-After', () => {
    expect(nextRetryDelayMs(1, bottom, { retryAfterMs: 1000 })).toBe(1000);
    expect(nextRetryDelayMs(1, top, { retryAfterMs: 10 })).toBe(999);
  });

  it('clamps an absurd Retry-After to maxMs so one header cannot park a pixel for hours', () => {
    expect(nextRetryDelayMs(1, bottom, { retryAfterMs: 86_400_000 })).toBe(5 * 60_000);
  });

  it('treats nonsense input as the first attempt instead of failing', () => {
    expect(nextRetryDelayMs(0, top)).toBe(999);
    expect(nextRetryDelayMs(Number.NaN, top)).toBe(999);
    expect(nextRetryDelayMs(2, () => Number.NaN)).toBe(1000);
    expect(nextRetryDelayMs(1, top, { baseMs: -5 })).toBe(999);
  });

  it('spreads a thundering herd across the whole window', () => {
    const delays = Array.from({ length: 2000 }, () => nextRetryDelayMs(4));
    expect(Math.min(...delays)).toBeLessThan(800);
    expect(Math.max(...delays)).toBeGreaterThan(7200);
    expect(delays.every((d) => Number.isInteger(d) && d >= 0 && d < 8000)).toBe(true);
  });
});
