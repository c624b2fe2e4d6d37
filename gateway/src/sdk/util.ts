/**
 * Wraps a callback so nothing it throws reaches the site: errors in timers, socket handlers and
 * promise callbacks would otherwise surface in the page's console and error monitoring.
 */
export function safe<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch {
      // A tracking client must never break the page it measures.
    }
  };
}

function randomWords(n: number): number[] {
  const words = new Uint32Array(n);
  try {
    crypto.getRandomValues(words);
  } catch {
    // Very old or locked-down environments; uniqueness, not secrecy, is what matters here.
    for (let i = 0; i < n; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
  }
  return Array.from(words);
}

/** A fresh event_id: 128 random bits as hex, shared by the pixel (eventID) and the gateway. */
export function newEventId(): string {
  return randomWords(4)
    .map((w) => w.toString(16).padStart(8, '0'))
    .join('');
}

/** A random integer in [0, 2^31), the last part of Meta's `_fbp` value. */
export function random31(): number {
  return (randomWords(1)[0] ?? 0) >>> 1;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
