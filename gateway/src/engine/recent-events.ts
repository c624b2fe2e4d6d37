import { randomInt } from 'node:crypto';

/**
 * Event keys (pixel, event name, event id) stored in the last few minutes. The browser client
 * delivers at least once: an event whose WebSocket ack had not arrived when the page hid is sent
 * again by beacon. Meta would count both server copies, so the second is acknowledged but not
 * stored. Two generations bound the memory; a key lives between one and two windows.
 *
 * A key is a 53-bit fingerprint kept in a typed array, not a string in a Set: with a Set, the
 * 200,000 keys of two full generations were ~765,000 heap objects (each key a concatenation),
 * which every full garbage collection had to mark, and each rotation dropped 100,000 of them
 * at once. Two fixed 2 MB tables hold no objects at all.
 * Two different events share a fingerprint with odds of about 1 in 10^10 per lookup with full
 * tables; the seed is random per process, so nobody can aim a collision at someone else's event.
 */
export class RecentEvents {
  private current: Float64Array;
  private previous: Float64Array;
  private readonly mask: number;
  private size = 0;
  private rotatedAt: number | undefined;

  constructor(
    private readonly windowMs = 10 * 60_000,
    private readonly maxPerGeneration = 100_000,
  ) {
    // At most half full, so a linear probe ends after a slot or two.
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(2, maxPerGeneration) * 2));
    this.mask = capacity - 1;
    this.current = new Float64Array(capacity);
    this.previous = new Float64Array(capacity);
  }

  /** The fingerprint of one event: never 0 (an empty slot). */
  static key(pixelId: string, eventName: string, eventId: string): number {
    return fingerprint(pixelId, eventName, eventId);
  }

  has(key: number): boolean {
    const { current, previous, mask } = this;
    return (
      current[slotOf(current, mask, key)] === key || previous[slotOf(previous, mask, key)] === key
    );
  }

  /** Call only once the event is durably stored: a failed write must not hide a retry. */
  add(key: number, now = Date.now()): void {
    this.rotatedAt ??= now;
    if (now - this.rotatedAt >= this.windowMs || this.size >= this.maxPerGeneration) {
      const emptied = this.previous.fill(0);
      this.previous = this.current;
      this.current = emptied;
      this.size = 0;
      this.rotatedAt = now;
    }
    const slot = slotOf(this.current, this.mask, key);
    if (this.current[slot] === key) return;
    this.current[slot] = key;
    this.size++;
  }
}

/** The slot holding `key`, else the empty slot where it would go (linear probing). */
function slotOf(table: Float64Array, mask: number, key: number): number {
  let i = key >>> 0;
  while (table[i & mask] !== key && table[i & mask] !== 0) i++;
  return i & mask;
}

const SEED = randomInt(2 ** 32);

/**
 * cyrb53 (bryc, public domain: https://github.com/bryc/code/blob/master/jshash/experimental/cyrb53.js)
 * over the three strings with a 0 between them, so ("1", "ab", "c") and ("1a", "b", "c") differ.
 */
function fingerprint(a: string, b: string, c: string): number {
  let h1 = 0xdeadbeef ^ SEED;
  let h2 = 0x41c6ce57 ^ SEED;
  // Three loops rather than a closure: this runs once per event, and a closure per call is garbage.
  for (let part = 0; part < 3; part++) {
    const s = part === 0 ? a : part === 1 ? b : c;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1, 2654435761); // the separator (char 0)
    h2 = Math.imul(h2, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1;
}
