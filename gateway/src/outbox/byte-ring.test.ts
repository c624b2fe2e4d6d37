import { describe, expect, it } from 'vitest';
import { ByteRing, type RingSpan } from './byte-ring.js';

const span = (): RingSpan => ({ start: -1, end: -1, done: false });
const bytes = (s: string) => Buffer.from(s);

describe('ByteRing', () => {
  it('gives back what was written, multi-byte text included', () => {
    const ring = new ByteRing(64);
    const a = span();
    const b = span();
    expect(
      ring.write(bytes('xx{"a":"Jöhn ✓"}yy'), 2, 2 + Buffer.byteLength('{"a":"Jöhn ✓"}'), a),
    ).toBe(true);
    expect(ring.write(bytes('{}'), 0, 2, b)).toBe(true);
    expect(ring.text(a)).toBe('{"a":"Jöhn ✓"}');
    expect(ring.bytes(b).toString()).toBe('{}');
  });

  it('reuses bytes only from the oldest item on, once it and all before it are done', () => {
    const ring = new ByteRing(10);
    const [a, b, c] = [span(), span(), span()];
    ring.write(bytes('aaaa'), 0, 4, a);
    ring.write(bytes('bbbb'), 0, 4, b);
    expect(ring.write(bytes('cccc'), 0, 4, c)).toBe(false); // 2 bytes left at the end
    b.done = true;
    expect(ring.write(bytes('cccc'), 0, 4, c)).toBe(false); // a, still in use, holds up reuse
    a.done = true;
    expect(ring.write(bytes('cccc'), 0, 4, c)).toBe(true);
    expect(ring.text(c)).toBe('cccc');
  });

  it('wraps around to the start when the end has no room', () => {
    const ring = new ByteRing(10);
    const [a, b, c, d] = [span(), span(), span(), span()];
    ring.write(bytes('aaaa'), 0, 4, a);
    ring.write(bytes('bbbb'), 0, 4, b);
    a.done = true;
    expect(ring.write(bytes('ccc'), 0, 3, c)).toBe(true); // at 0, before b
    expect(c.start).toBe(0);
    expect(ring.write(bytes('d'), 0, 1, d)).toBe(false); // would meet b
    expect([ring.text(b), ring.text(c)]).toEqual(['bbbb', 'ccc']);
    b.done = true;
    expect(ring.write(bytes('dddd'), 0, 4, d)).toBe(true);
    expect(ring.text(d)).toBe('dddd');
  });

  it('refuses to read an item whose bytes it took back', () => {
    const ring = new ByteRing(8);
    const [a, b] = [span(), span()];
    ring.write(bytes('aaaa'), 0, 4, a);
    a.done = true;
    expect(ring.text(a)).toBe('aaaa'); // done, not reused yet
    ring.write(bytes('bbbb'), 0, 4, b);
    expect(() => ring.text(a)).toThrow(/reclaimed/);
  });

  it('refuses an item larger than the ring', () => {
    expect(new ByteRing(4).write(bytes('aaaaa'), 0, 5, span())).toBe(false);
  });
});
