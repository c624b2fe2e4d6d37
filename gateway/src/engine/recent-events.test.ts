import { describe, expect, it } from 'vitest';
import { RecentEvents } from './recent-events.js';

const key = (id: string, pixel = '1', name = 'Purchase') => RecentEvents.key(pixel, name, id);

describe('RecentEvents', () => {
  const k = key('e1');

  it('remembers a stored event for at least one window', () => {
    const r = new RecentEvents(1000);
    r.add(k, 0);
    expect(r.has(k)).toBe(true);
    r.add(key('e2'), 1500);
    expect(r.has(k)).toBe(true);
  });

  it('forgets it after two windows', () => {
    const r = new RecentEvents(1000);
    r.add(k, 0);
    r.add(key('x'), 1000);
    r.add(key('y'), 2000);
    expect(r.has(k)).toBe(false);
  });

  it('tells apart the same id under another event name or pixel', () => {
    const r = new RecentEvents();
    r.add(k);
    expect(r.has(key('e1', '1', 'Lead'))).toBe(false);
    expect(r.has(key('e1', '2'))).toBe(false);
  });

  it('tells apart keys whose parts only split differently', () => {
    expect(RecentEvents.key('1', 'ab', 'c')).not.toBe(RecentEvents.key('1a', 'b', 'c'));
    expect(RecentEvents.key('1', 'a', 'bc')).not.toBe(RecentEvents.key('1', 'ab', 'c'));
  });

  it('bounds memory by rotating when a generation is full', () => {
    const r = new RecentEvents(60_000, 2);
    for (const id of ['a', 'b', 'c', 'd', 'e']) r.add(key(id), 0);
    expect(r.has(key('a'))).toBe(false);
    expect(r.has(key('d'))).toBe(true);
    expect(r.has(key('e'))).toBe(true);
  });

  it('counts a key added twice once', () => {
    const r = new RecentEvents(60_000, 2);
    r.add(key('a'), 0);
    r.add(key('a'), 0);
    r.add(key('b'), 0);
    r.add(key('c'), 0); // the third distinct key starts a new generation: a and b stay behind
    expect(r.has(key('a'))).toBe(true);
    expect(r.has(key('b'))).toBe(true);
  });

  it('finds every one of two full generations and nothing it was not given', () => {
    const r = new RecentEvents(60_000, 100_000);
    for (let i = 0; i < 200_000; i++) r.add(key(`stored-${i}`), 0);
    let found = 0;
    let strangers = 0;
    for (let i = 0; i < 200_000; i++) {
      if (r.has(key(`stored-${i}`))) found++;
      if (r.has(key(`never-${i}`))) strangers++;
    }
    expect(found).toBe(200_000);
    expect(strangers).toBe(0);
  });
});
