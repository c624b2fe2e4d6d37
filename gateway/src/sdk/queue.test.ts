import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpBody, Outbox } from './queue';
import type { BrowserEvent } from './types';

const event = (name: string): BrowserEvent => ({
  event_name: name,
  event_id: name,
  event_time: 1,
  event_source_url: 'https://shop.example/',
  user_data: {},
  custom_data: {},
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('outbox', () => {
  it('batches a burst into one message per pixel, in order, and says when it is ready', () => {
    const ready = vi.fn();
    const outbox = new Outbox(ready);
    outbox.add('1', event('PageView'));
    outbox.add('2', event('PageView'));
    outbox.add('1', event('Lead'));
    expect(outbox.pending.size).toBe(0);
    vi.advanceTimersByTime(5);
    expect(ready).toHaveBeenCalledTimes(1);
    const messages = [...outbox.pending.values()];
    expect(messages.map((m) => [m.seq, m.pixel_id, m.events.map((e) => e.event_name)])).toEqual([
      [1, '1', ['PageView', 'Lead']],
      [2, '2', ['PageView']],
    ]);
    expect(JSON.parse(httpBody(messages[0]!))).toEqual({
      pixel_id: '1',
      events: messages[0]!.events,
    });
  });

  it('splits large bursts so every body stays within what a beacon accepts', () => {
    const outbox = new Outbox(() => undefined);
    for (let i = 0; i < 45; i++) outbox.add('1', event(`E${i}`));
    outbox.flush();
    expect([...outbox.pending.values()].map((m) => m.events.length)).toEqual([20, 20, 5]);
  });

  it('forgets a message once it is settled', () => {
    const outbox = new Outbox(() => undefined);
    outbox.add('1', event('PageView'));
    outbox.flush();
    outbox.settle(1);
    expect(outbox.pending.size).toBe(0);
  });
});
