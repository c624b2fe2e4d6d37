import { describe, expect, it } from 'vitest';
import { RecentEvents } from './recent-events.js';

describe('RecentEvents', () => {
  const k = RecentEvents.key('1', 'Purchase', 'e1');

  it('remembers a stored event for at least one window', () => {
    const r = new RecentEvents(1000);
    r.add(k, 0);
    expect(r.has(k)).toBe(true);
    r.add(RecentEvents.key('1', 'Purchase', 'e2'), 1500);
    expect(r.has(k)).toBe(true);
  });

  it('forgets it after two windows', () => {
    const r = new RecentEvents(1000);
    r.add(k, 0);
    r.add('x', 1000);
    r.add('y', 2000);
    expect(r.has(k)).toBe(false);
  });

  it('tells apart the same id under another event name or pixel', () => {
    const r = new RecentEvents();
    r.add(k);
    expect(r.has(RecentEvents.key('1', 'Lead', 'e1'))).toBe(false);
    expect(r.has(RecentEvents.key('2', 'Purchase', 'e1'))).toBe(false);
  });

  it('bounds memory by rotating when a generation is full', () => {
    const r = new RecentEvents(60_000, 2);
    r.add('a', 0);
    r.add('b', 0);
    r.add('c', 0);
    r.add('d', 0);
    r.add('e', 0);
    expect(r.has('a')).toBe(false);
    expect(r.has('e')).toBe(true);
  });
});
