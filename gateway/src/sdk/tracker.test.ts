import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTracker, type Tracker } from './tracker';
import type { BrowserEvent } from './types';

let sent: [string, BrowserEvent][];
let tracker: Tracker;

beforeEach(() => {
  vi.stubGlobal('location', { href: 'https://shop.example/p?x=1' });
  vi.stubGlobal('document', {
    cookie: '_fbp=fb.1.1700000000000.42',
    referrer: 'https://ref.example/',
  });
  sent = [];
  tracker = createTracker((pixelId, event) => sent.push([pixelId, event]), {});
});

describe('tracker', () => {
  it('gives a track call one event_id and hands it to the pixel as eventID', () => {
    tracker.handle(['init', '111']);
    const out = tracker.handle(['track', 'PageView']);
    expect(out).toEqual(['track', 'PageView', {}, { eventID: sent[0]![1].event_id }]);
    expect(sent[0]![1]).toMatchObject({
      event_name: 'PageView',
      event_source_url: 'https://shop.example/p?x=1',
      referrer_url: 'https://ref.example/',
      user_data: { fbp: 'fb.1.1700000000000.42' },
      custom_data: {},
    });
  });

  it("keeps the page's own eventID and arguments", () => {
    tracker.handle(['init', '111']);
    const args = ['track', 'Purchase', { value: 1 }, { eventID: 'o-1' }];
    expect(tracker.handle(args)).toBe(args);
    expect(sent[0]![1].event_id).toBe('o-1');
  });

  it('sends track to every initialised pixel and trackSingle to the one named', () => {
    tracker.handle(['init', '111', { em: 'a@x.example' }]);
    tracker.handle(['init', '222', { em: 'b@x.example' }]);
    tracker.handle(['track', 'PageView']);
    const out = tracker.handle(['trackSingleCustom', '222', 'Quiz', { step: 2 }]);
    expect(sent.map(([p, e]) => [p, e.event_name, e.user_data.em])).toEqual([
      ['111', 'PageView', 'a@x.example'],
      ['222', 'PageView', 'b@x.example'],
      ['222', 'Quiz', 'b@x.example'],
    ]);
    expect(sent[0]![1].event_id).toBe(sent[1]![1].event_id);
    expect(out).toEqual([
      'trackSingleCustom',
      '222',
      'Quiz',
      { step: 2 },
      { eventID: sent[2]![1].event_id },
    ]);
  });

  it('sends only advanced-matching keys, raw, with numbers as text', () => {
    tracker.handle(['init', 111, { em: ' A@B.example ', ph: 15551234567, password: 'x', fn: {} }]);
    tracker.handle(['track', 'Lead']);
    expect(sent[0]![0]).toBe('111');
    expect(sent[0]![1].user_data).toEqual({
      em: ' A@B.example ',
      ph: '15551234567',
      fbp: 'fb.1.1700000000000.42',
    });
  });

  it('sends nothing for a pixel that was never initialised, as the pixel does', () => {
    tracker.handle(['track', 'PageView']);
    tracker.handle(['trackSingle', '333', 'Lead']);
    expect(sent).toEqual([]);
  });

  it('holds events while consent is revoked and releases them when it is granted', () => {
    tracker.handle(['consent', 'revoke']);
    tracker.handle(['init', '111']);
    tracker.handle(['track', 'PageView']);
    expect(sent).toEqual([]);
    tracker.handle(['consent', 'grant']);
    expect(sent.map(([, e]) => e.event_name)).toEqual(['PageView']);
  });

  it('copies params, so the page changing its object later changes nothing', () => {
    tracker.handle(['init', '111']);
    const params = { value: 1 };
    tracker.handle(['track', 'AddToCart', params]);
    params.value = 2;
    expect(sent[0]![1].custom_data).toEqual({ value: 1 });
  });
});
