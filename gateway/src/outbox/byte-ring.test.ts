import { describe, expect, it } from 'vitest';
import { ByteRing } from './byte-ring.js';

const bytes = (s: string) => Buffer.from(s);

describe('ByteRing', () => {
  it('gives back what was written, multi-byte text included', () => {
    const ring = new ByteRing(64);
    const text = '{"a":"Jöhn ✓"}';
    const a = ring.write(bytes(`xx${text}yy`), 2, 2 + Buffer.byteLength(text));
    const b = ring.write(bytes('{}'), 0, 2);
    expect([a, b]).toEqual([0, 1]);
    expect(ring.text(a)).toBe(text);
    expect(ring.bytes(b).toString()).toBe('{}');
  });

  it('reuses bytes only from the oldest item on, once it and all before it are done', () => {
    const ring = new ByteRing(10);
    const a = ring.write(bytes('aaaa'), 0, 4);
    const b = ring.write(bytes('bbbb'), 0, 4);
    expect(ring.write(bytes('cccc'), 0, 4)).toBe(-1); // 2 bytes left at the end
    ring.release(b);
    expect(ring.write(bytes('cccc'), 0, 4)).toBe(-1); // a, still in use, holds up reuse
    ring.release(a);
    const c = ring.write(bytes('cccc'), 0, 4);
    expect(c).toBeGreaterThan(b);
    expect(ring.text(c)).toBe('cccc');
  });

  it('wraps around to the start when the end has no room', () => {
    const ring = new ByteRing(10);
    const a = ring.write(bytes('aaaa'), 0, 4);
    const b = ring.write(bytes('bbbb'), 0, 4);
    ring.release(a);
    const c = ring.write(bytes('ccc'), 0, 3); // at 0, before b
    expect(c).toBeGreaterThanOrEqual(0);
    expect(ring.write(bytes('d'), 0, 1)).toBe(-1); // would meet b
    expect([ring.text(b), ring.text(c)]).toEqual(['bbbb', 'ccc']);
    ring.release(b);
    const d = ring.write(bytes('dddd'), 0, 4);
    expect(ring.text(d)).toBe('dddd');
    expect(ring.text(c)).toBe('ccc'); // still live, untouched by the wrap
  });

  it('refuses to read an item whose bytes it took back', () => {
    const ring = new ByteRing(8);
    const a = ring.write(bytes('aaaa'), 0, 4);
    ring.release(a);
    expect(ring.text(a)).toBe('aaaa'); // done, not reused yet
    const b = ring.write(bytes('bbbb'), 0, 4);
    expect(() => ring.text(a)).toThrow(/reclaimed/);
    expect(() => ring.bytes(a)).toThrow(/reclaimed/);
    ring.write(bytes('cccc'), 0, 4); // the ring is full
    ring.release(a); // a late release of a reclaimed item frees nothing else
    expect(ring.write(bytes('d'), 0, 1)).toBe(-1);
    expect(ring.text(b)).toBe('bbbb');
  });

  it('refuses an item larger than the ring', () => {
    expect(new ByteRing(4).write(bytes('aaaaa'), 0, 5)).toBe(-1);
  });

  it('refuses more live items than it has places for, whatever their size', () => {
    const ring = new ByteRing(64, 2);
    const a = ring.write(bytes('a'), 0, 1);
    ring.write(bytes('b'), 0, 1);
    expect(ring.write(bytes('c'), 0, 1)).toBe(-1);
    ring.release(a);
    const c = ring.write(bytes('c'), 0, 1);
    expect(ring.text(c)).toBe('c'); // its place is a's, reused
  });
});
